// The inline pass: code spans, escapes, entities, autolinks, raw HTML, line breaks and brackets.

import SpineCore

/// Parses one paragraph's (or heading's, or cell's) text into inline nodes. Nodes live in an
/// arena linked by index, so wrapping a run of nodes in emphasis or a link is O(1).
struct InlineParser {
    // MARK: - Arena

    enum Kind: UInt8 {
        case text, escaped, softBreak, lineBreak, code, html, emphasis, strong, strikethrough, link, image, footnoteRef, raw
    }

    struct Node {
        var kind: Kind
        /// Text: a range into `pool` (text, code, html, footnote label; URL for links).
        var start: Int32 = 0
        var length: Int32 = 0
        /// Links and images: the title's range in `pool` (length -1 when absent).
        var titleStart: Int32 = 0
        var titleLength: Int32 = -1
        var next: Int32 = -1
        var prev: Int32 = -1
        var first: Int32 = -1
        var last: Int32 = -1
    }

    var nodes: [Node] = []
    var pool: [UInt8] = []
    /// The top-level list.
    var head: Int32 = -1
    var tail: Int32 = -1

    // MARK: - Delimiters and brackets

    struct Delimiter {
        var node: Int32
        var char: UInt8
        var count: Int
        var originalCount: Int
        var canOpen: Bool
        var canClose: Bool
        var prev: Int32
        var next: Int32
    }

    struct Bracket {
        var node: Int32
        /// Source index just after `[`.
        var sourceStart: Int
        var delimiterTop: Int32
        var image: Bool
        var active: Bool
    }

    var delimiters: [Delimiter] = []
    var delimiterTop: Int32 = -1
    var brackets: [Bracket] = []

    // MARK: - Input

    let src: [UInt8]
    let end: Int
    var pos = 0
    let references: [String: LinkReference]
    let footnotes: Set<String>
    /// GFM extended autolinks (www., http(s)://, ftp://, email) are recognised.
    let extendedAutolinks: Bool
    var htmlMemo = HTMLScanners.Memo()
    /// Backtick runs by length → their start positions, built on first use.
    var backtickRuns: [Int: [Int]]?
    var backtickCursor: [Int: Int] = [:]

    init(_ src: [UInt8], references: [String: LinkReference], footnotes: Set<String>, extendedAutolinks: Bool) {
        self.src = src
        self.end = src.count
        self.references = references
        self.footnotes = footnotes
        self.extendedAutolinks = extendedAutolinks
        nodes.reserveCapacity(src.count / 8 + 4)
        pool.reserveCapacity(src.count)
    }

    // MARK: - Node helpers

    @discardableResult
    mutating func append(_ kind: Kind, bytes: ArraySlice<UInt8>) -> Int32 {
        let start = pool.count
        pool.append(contentsOf: bytes)
        return appendNode(Node(kind: kind, start: Int32(start), length: Int32(bytes.count)))
    }

    @discardableResult
    mutating func appendNode(_ node: Node) -> Int32 {
        var node = node
        let index = Int32(nodes.count)
        node.prev = tail
        node.next = -1
        nodes.append(node)
        if tail >= 0 { nodes[Int(tail)].next = index } else { head = index }
        tail = index
        return index
    }

    /// Appends text, extending the previous text node when it ends at the pool's end.
    mutating func appendText(_ bytes: ArraySlice<UInt8>) {
        if tail >= 0, nodes[Int(tail)].kind == .text, isLiteralTail,
           Int(nodes[Int(tail)].start + nodes[Int(tail)].length) == pool.count {
            pool.append(contentsOf: bytes)
            nodes[Int(tail)].length += Int32(bytes.count)
        } else {
            append(.text, bytes: bytes)
            isLiteralTail = true
        }
    }

    /// False right after a delimiter or bracket node is appended (those must stay separate).
    var isLiteralTail = false

    mutating func unlink(_ index: Int32) {
        let node = nodes[Int(index)]
        if node.prev >= 0 { nodes[Int(node.prev)].next = node.next } else if head == index { head = node.next }
        if node.next >= 0 { nodes[Int(node.next)].prev = node.prev } else if tail == index { tail = node.prev }
        nodes[Int(index)].prev = -1
        nodes[Int(index)].next = -1
    }

    /// Moves the nodes after `after` (up to `until`, exclusive; -1 = to the end of the top-level
    /// list) into `container`'s children.
    mutating func wrap(after: Int32, until: Int32, into container: Int32) {
        let first = nodes[Int(after)].next
        if first >= 0 && first != until {
            let last = until >= 0 ? nodes[Int(until)].prev : tail
            nodes[Int(container)].first = first
            nodes[Int(container)].last = last
            nodes[Int(first)].prev = -1
            nodes[Int(last)].next = -1
        }
        // link container between `after` and `until`
        nodes[Int(after)].next = container
        nodes[Int(container)].prev = after
        nodes[Int(container)].next = until
        if until >= 0 { nodes[Int(until)].prev = container } else { tail = container }
    }

    // MARK: - Main loop

    /// Parses the whole input and returns the tree's root list head.
    mutating func parse() {
        while pos < end {
            let c = src[pos]
            switch c {
            case ASCII.newline: parseNewline()
            case ASCII.backslash: parseBackslash()
            case ASCII.backtick: parseBackticks()
            case ASCII.star, ASCII.underscore, ASCII.tilde: parseDelimiterRun(c)
            case ASCII.lbracket:
                let node = append(.text, bytes: src[pos..<(pos + 1)])
                isLiteralTail = false
                pos += 1
                brackets.append(Bracket(node: node, sourceStart: pos, delimiterTop: delimiterTop, image: false, active: true))
            case ASCII.bang:
                if pos + 1 < end, src[pos + 1] == ASCII.lbracket {
                    let node = append(.text, bytes: src[pos..<(pos + 2)])
                    isLiteralTail = false
                    pos += 2
                    brackets.append(Bracket(node: node, sourceStart: pos, delimiterTop: delimiterTop, image: true, active: true))
                } else {
                    appendText(src[pos..<(pos + 1)])
                    pos += 1
                }
            case ASCII.rbracket: parseCloseBracket()
            case ASCII.lt: parseAngle()
            case ASCII.amp: parseEntity()
            default:
                parseText()
            }
        }
        processEmphasis(bottom: -1)
    }

    @inline(__always) func isSpecial(_ c: UInt8) -> Bool {
        switch c {
        case ASCII.newline, ASCII.backslash, ASCII.backtick, ASCII.star, ASCII.underscore, ASCII.tilde,
             ASCII.lbracket, ASCII.rbracket, ASCII.bang, ASCII.lt, ASCII.amp:
            return true
        default:
            return false
        }
    }

    // MARK: - Text and GFM extended autolinks

    /// A run of ordinary characters; GFM autolinks are recognised on the raw source, so an
    /// escape (`www\.x.org`) keeps text from becoming a link.
    mutating func parseText() {
        var i = pos
        while i < end {
            let c = src[i]
            if isSpecial(c) { break }
            if extendedAutolinks {
                if c == 0x77 || c == 0x68 || c == 0x66, i == 0 || Autolinks.isBoundary(src[i - 1]),
                   let match = Autolinks.scanWWWOrURL(src, at: i, end: end) {
                    if i > pos { appendText(src[pos..<i]) }
                    appendAutolink(url: match.url, text: src[match.range])
                    pos = match.range.upperBound
                    return
                }
                if c == ASCII.at, tryEmailAutolink(at: i) { return }
            }
            i += 1
        }
        appendText(src[pos..<i])
        pos = i
    }

    /// An email autolink around the `@` at `sign`. The local part may reach back into
    /// preceding text and delimiter-run nodes (`a.b-c_d@x.org`), never across an escape.
    mutating func tryEmailAutolink(at sign: Int) -> Bool {
        var start = sign
        while start > pos, Autolinks.isEmailLocalGFM(src[start - 1]) { start -= 1 }
        guard let domainEnd = Autolinks.scanEmailDomain(src, at: sign + 1, end: end) else { return false }
        var borrowed: [UInt8] = []
        var consumed: [Int32] = []
        var shrink: (node: Int32, by: Int32)?
        if start == pos {
            var n = tail
            while n >= 0, nodes[Int(n)].kind == .text {
                let node = nodes[Int(n)]
                let nodeEnd = Int(node.start + node.length)
                var k = nodeEnd
                while k > Int(node.start), Autolinks.isEmailLocalGFM(pool[k - 1]) { k -= 1 }
                if k == nodeEnd { break }
                borrowed.insert(contentsOf: pool[k..<nodeEnd], at: 0)
                if k > Int(node.start) {
                    shrink = (n, Int32(nodeEnd - k))
                    break
                }
                consumed.append(n)
                n = node.prev
            }
        }
        guard start < sign || !borrowed.isEmpty else { return false }
        if let shrink { nodes[Int(shrink.node)].length -= shrink.by }
        for n in consumed {
            var d = delimiterTop
            while d >= 0 {
                if delimiters[Int(d)].node == n { removeDelimiter(d); break }
                d = delimiters[Int(d)].prev
            }
            unlink(n)
        }
        if start > pos { appendText(src[pos..<start]) }
        let local = borrowed + Array(src[start..<domainEnd])
        appendAutolink(url: "mailto:" + string(local), text: local[...])
        pos = domainEnd
        return true
    }

    mutating func appendAutolink(url: String, text: ArraySlice<UInt8>) {
        let urlStart = pool.count
        pool.append(contentsOf: url.utf8)
        let link = appendNode(Node(kind: .link, start: Int32(urlStart), length: Int32(pool.count - urlStart)))
        let textStart = pool.count
        pool.append(contentsOf: text)
        let child = Int32(nodes.count)
        nodes.append(Node(kind: .text, start: Int32(textStart), length: Int32(text.count)))
        nodes[Int(link)].first = child
        nodes[Int(link)].last = child
        isLiteralTail = false
    }

    // MARK: - Line breaks and escapes

    mutating func parseNewline() {
        // count and strip trailing spaces of the preceding text
        var spaces = 0
        if tail >= 0, nodes[Int(tail)].kind == .text {
            var n = nodes[Int(tail)]
            while n.length > 0, pool[Int(n.start + n.length) - 1] == ASCII.space {
                n.length -= 1
                spaces += 1
            }
            nodes[Int(tail)].length = n.length
            if Int(n.start + n.length) + spaces == pool.count { pool.removeLast(spaces) }
        }
        appendNode(Node(kind: spaces >= 2 ? .lineBreak : .softBreak))
        isLiteralTail = false
        pos += 1
        while pos < end, isSpaceOrTab(src[pos]) { pos += 1 }
    }

    mutating func parseBackslash() {
        let next = pos + 1 < end ? src[pos + 1] : 0
        if next == ASCII.newline {
            appendNode(Node(kind: .lineBreak))
            isLiteralTail = false
            pos += 2
            while pos < end, isSpaceOrTab(src[pos]) { pos += 1 }
        } else if pos + 1 < end, isASCIIPunctuation(next) {
            append(.escaped, bytes: src[(pos + 1)..<(pos + 2)])
            isLiteralTail = false // an escape ends the run: autolinks never reach across it
            pos += 2
        } else {
            appendText(src[pos..<(pos + 1)])
            pos += 1
        }
    }

    mutating func parseEntity() {
        if let decoded = Entities.decode(src, at: pos, end: end) {
            appendText(decoded.value[...])
            pos = decoded.next
        } else {
            appendText(src[pos..<(pos + 1)])
            pos += 1
        }
    }

    // MARK: - Code spans

    mutating func parseBackticks() {
        var i = pos
        while i < end, src[i] == ASCII.backtick { i += 1 }
        let length = i - pos
        guard let closer = findBacktickRun(length: length, after: i) else {
            appendText(src[pos..<i])
            pos = i
            return
        }
        var content = Array(src[i..<closer])
        for k in content.indices where content[k] == ASCII.newline { content[k] = ASCII.space }
        if content.count >= 2, content.first == ASCII.space, content.last == ASCII.space,
           !content.allSatisfy({ $0 == ASCII.space }) {
            content.removeFirst()
            content.removeLast()
        }
        // pandoc-style raw inline: `content`{=format}
        let afterCloser = closer + length
        if afterCloser + 3 < end, src[afterCloser] == 0x7B, src[afterCloser + 1] == ASCII.equals,
           let close = src[(afterCloser + 2)..<end].firstIndex(of: 0x7D), close > afterCloser + 2,
           src[(afterCloser + 2)..<close].allSatisfy({ isAlphanumeric($0) || $0 == ASCII.minus || $0 == ASCII.underscore }) {
            let formatStart = pool.count
            pool.append(contentsOf: src[(afterCloser + 2)..<close])
            let index = append(.raw, bytes: content[...])
            nodes[Int(index)].titleStart = Int32(formatStart)
            nodes[Int(index)].titleLength = Int32(close - afterCloser - 2)
            isLiteralTail = false
            pos = close + 1
            return
        }
        append(.code, bytes: content[...])
        isLiteralTail = false
        pos = afterCloser
    }

    /// The start of the first backtick run of exactly `length` at or after `index`.
    mutating func findBacktickRun(length: Int, after index: Int) -> Int? {
        if backtickRuns == nil {
            var runs: [Int: [Int]] = [:]
            var i = 0
            while i < end {
                if src[i] == ASCII.backtick {
                    let start = i
                    while i < end, src[i] == ASCII.backtick { i += 1 }
                    runs[i - start, default: []].append(start)
                } else {
                    i += 1
                }
            }
            backtickRuns = runs
        }
        guard let starts = backtickRuns?[length] else { return nil }
        var cursor = backtickCursor[length] ?? 0
        while cursor < starts.count, starts[cursor] < index { cursor += 1 }
        backtickCursor[length] = cursor
        return cursor < starts.count ? starts[cursor] : nil
    }

    // MARK: - Autolinks and raw HTML

    mutating func parseAngle() {
        if let autolink = Autolinks.scanAngle(src, at: pos, end: end) {
            let urlStart = pool.count
            if autolink.isEmail { pool.append("mailto:") }
            pool.append(contentsOf: src[autolink.inner])
            let link = appendNode(Node(kind: .link, start: Int32(urlStart), length: Int32(pool.count - urlStart)))
            let textStart = pool.count
            pool.append(contentsOf: src[autolink.inner])
            let text = Int32(nodes.count)
            nodes.append(Node(kind: .text, start: Int32(textStart), length: Int32(autolink.inner.count)))
            nodes[Int(link)].first = text
            nodes[Int(link)].last = text
            isLiteralTail = false
            pos = autolink.next
            return
        }
        if let htmlEnd = HTMLScanners.scanInlineHTML(src, at: pos, end: end, memo: &htmlMemo) {
            append(.html, bytes: src[pos..<htmlEnd])
            isLiteralTail = false
            pos = htmlEnd
            return
        }
        appendText(src[pos..<(pos + 1)])
        pos += 1
    }
}
