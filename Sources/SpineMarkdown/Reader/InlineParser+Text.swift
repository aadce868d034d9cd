// Plain text runs of the inline pass and GFM's extended autolinks, recognised on the source.

import SpineCore

extension InlineParser {
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
}
