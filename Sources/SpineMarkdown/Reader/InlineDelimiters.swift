// Delimiter runs (emphasis, strong, strikethrough) and link/image brackets: CommonMark's
// delimiter-stack algorithm with the openers-bottom table that keeps it linear.

import SpineCore

extension InlineParser {
    // MARK: - Delimiter runs

    mutating func parseDelimiterRun(_ c: UInt8) {
        var i = pos
        while i < end, src[i] == c { i += 1 }
        let count = i - pos
        if c == ASCII.tilde && count > 2 {
            appendText(src[pos..<i])
            pos = i
            return
        }
        let before = scalar(in: src, before: pos, start: 0)
        let after = scalar(in: src, at: i, end: end)
        let beforeSpace = before.map(isUnicodeWhitespace) ?? true
        let afterSpace = after.map(isUnicodeWhitespace) ?? true
        let beforePunct = before.map(isUnicodePunctuation) ?? false
        let afterPunct = after.map(isUnicodePunctuation) ?? false
        let left = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
        let right = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
        let canOpen: Bool
        let canClose: Bool
        if c == ASCII.underscore {
            canOpen = left && (!right || beforePunct)
            canClose = right && (!left || afterPunct)
        } else {
            canOpen = left
            canClose = right
        }
        let node = append(.text, bytes: src[pos..<i])
        isLiteralTail = false
        pos = i
        guard canOpen || canClose else { return }
        let index = Int32(delimiters.count)
        delimiters.append(Delimiter(node: node, char: c, count: count, originalCount: count, canOpen: canOpen,
                                    canClose: canClose, prev: delimiterTop, next: -1))
        if delimiterTop >= 0 { delimiters[Int(delimiterTop)].next = index }
        delimiterTop = index
    }

    mutating func removeDelimiter(_ index: Int32) {
        let d = delimiters[Int(index)]
        if d.prev >= 0 { delimiters[Int(d.prev)].next = d.next }
        if d.next >= 0 { delimiters[Int(d.next)].prev = d.prev } else if delimiterTop == index { delimiterTop = d.prev }
    }

    /// Matches openers and closers above `bottom`, wrapping the nodes between them.
    mutating func processEmphasis(bottom: Int32) {
        var openersBottom = [Int32](repeating: bottom, count: 18)
        var closer: Int32 = delimiterTop
        if closer == bottom { closer = -1 }
        while closer >= 0, delimiters[Int(closer)].prev != bottom { closer = delimiters[Int(closer)].prev }
        while closer >= 0 {
            let d = delimiters[Int(closer)]
            guard d.canClose else {
                closer = d.next
                continue
            }
            let charSlot = d.char == ASCII.star ? 0 : (d.char == ASCII.underscore ? 6 : 12)
            let slot = charSlot + (d.canOpen ? 3 : 0) + d.originalCount % 3
            var opener = d.prev
            var found = false
            while opener >= 0, opener != bottom, opener != openersBottom[slot] {
                let o = delimiters[Int(opener)]
                if o.canOpen, o.char == d.char {
                    if d.char == ASCII.tilde {
                        if o.count == d.count { found = true; break }
                    } else {
                        let oddMatch = (d.canOpen || o.canClose) && d.originalCount % 3 != 0
                            && (o.originalCount + d.originalCount) % 3 == 0
                        if !oddMatch { found = true; break }
                    }
                }
                opener = o.prev
            }
            if !found {
                openersBottom[slot] = d.prev
                let next = d.next
                if !d.canOpen { removeDelimiter(closer) }
                closer = next
                continue
            }
            let o = delimiters[Int(opener)]
            let use = d.char == ASCII.tilde ? d.count : (o.count >= 2 && d.count >= 2 ? 2 : 1)
            delimiters[Int(opener)].count -= use
            delimiters[Int(closer)].count -= use
            nodes[Int(o.node)].length -= Int32(use)
            nodes[Int(d.node)].start += Int32(use)
            nodes[Int(d.node)].length -= Int32(use)
            let kind: Kind = d.char == ASCII.tilde ? .strikethrough : (use == 2 ? .strong : .emphasis)
            let wrapper = Int32(nodes.count)
            nodes.append(Node(kind: kind))
            wrap(after: o.node, until: d.node, into: wrapper)
            // delimiters between opener and closer are gone
            delimiters[Int(opener)].next = closer
            delimiters[Int(closer)].prev = opener
            if delimiters[Int(opener)].count == 0 {
                unlink(o.node)
                removeDelimiter(opener)
            }
            if delimiters[Int(closer)].count == 0 {
                let next = delimiters[Int(closer)].next
                unlink(d.node)
                removeDelimiter(closer)
                closer = next
            }
        }
        while delimiterTop >= 0, delimiterTop != bottom { removeDelimiter(delimiterTop) }
    }

    // MARK: - Brackets

    mutating func parseCloseBracket() {
        let closePos = pos
        pos += 1
        guard let bracket = brackets.last else {
            appendText(src[closePos..<pos])
            return
        }
        guard bracket.active else {
            brackets.removeLast()
            appendText(src[closePos..<pos])
            return
        }
        var url: [UInt8]?
        var title: [UInt8]?
        var afterLink = pos
        // Inline link: ( destination "title" )
        if pos < end, src[pos] == ASCII.lparen {
            var i = LinkScanners.skipSpaceAndOneNewline(src, at: pos + 1, end: end).next
            if i < end, src[i] == ASCII.rparen {
                url = []
                afterLink = i + 1
            } else if let destination = LinkScanners.scanDestination(src, at: i, end: end) {
                i = destination.next
                let beforeTitle = i
                i = LinkScanners.skipSpaceAndOneNewline(src, at: i, end: end).next
                var scannedTitle: [UInt8]?
                if i > beforeTitle, let t = LinkScanners.scanTitle(src, at: i, end: end) {
                    scannedTitle = Entities.unescape(src[t.inner])
                    i = LinkScanners.skipSpaceAndOneNewline(src, at: t.next, end: end).next
                }
                if i < end, src[i] == ASCII.rparen {
                    url = Entities.unescape(src[destination.raw])
                    title = scannedTitle
                    afterLink = i + 1
                }
            }
        }
        // Reference link: [text][label], [text][], [text]
        if url == nil {
            var labelRange: Range<Int>?
            var isShortcut = false
            if pos < end, src[pos] == ASCII.lbracket {
                if pos + 1 < end, src[pos + 1] == ASCII.rbracket {
                    labelRange = bracket.sourceStart..<closePos
                    afterLink = pos + 2
                } else if let scanned = LinkScanners.scanLabel(src, at: pos, end: end) {
                    labelRange = scanned.inner
                    afterLink = scanned.next
                } else {
                    isShortcut = true
                }
            } else {
                isShortcut = true
            }
            if isShortcut {
                labelRange = bracket.sourceStart..<closePos
                afterLink = pos
            }
            // the opener's text must itself be a valid label
            if let range = labelRange, range == bracket.sourceStart..<closePos {
                if LinkScanners.scanLabel(src, at: bracket.sourceStart - 1, end: end)?.next != closePos + 1 { labelRange = nil }
            }
            if let range = labelRange, let reference = references[LinkScanners.normalize(src[range])] {
                url = reference.url
                title = reference.title
            }
            // Not a link: `[^label]` of a defined footnote is a reference, whatever follows it
            // (`[^1][x](u)` is a reference and a link, as cmark-gfm reads it).
            let own = bracket.sourceStart..<closePos
            if url == nil, !bracket.image, own.count > 1, src[own.lowerBound] == ASCII.caret,
               footnotes.contains(LinkScanners.normalize(src[(own.lowerBound + 1)..<own.upperBound])) {
                processEmphasis(bottom: bracket.delimiterTop)
                let note = append(.footnoteRef, bytes: src[(own.lowerBound + 1)..<own.upperBound])
                unlink(note)
                wrap(after: bracket.node, until: -1, into: note)
                unlink(bracket.node)
                brackets.removeLast()
                isLiteralTail = false
                return
            }
        }
        guard let url else {
            brackets.removeLast()
            appendText(src[closePos..<(closePos + 1)])
            pos = closePos + 1
            return
        }
        let urlStart = pool.count
        pool.append(contentsOf: url)
        var link = Node(kind: bracket.image ? .image : .link, start: Int32(urlStart), length: Int32(url.count))
        if let title {
            link.titleStart = Int32(pool.count)
            link.titleLength = Int32(title.count)
            pool.append(contentsOf: title)
        }
        // emphasis inside the link first, while its delimiters are still top-level nodes
        processEmphasis(bottom: bracket.delimiterTop)
        let linkIndex = Int32(nodes.count)
        nodes.append(link)
        wrap(after: bracket.node, until: -1, into: linkIndex)
        unlink(bracket.node)
        brackets.removeLast()
        if !bracket.image {
            // deactivate earlier `[` openers; an inactive one means all below it already are
            var k = brackets.count - 1
            while k >= 0 {
                if !brackets[k].image {
                    if !brackets[k].active { break }
                    brackets[k].active = false
                }
                k -= 1
            }
        }
        isLiteralTail = false
        pos = afterLink
    }
}
