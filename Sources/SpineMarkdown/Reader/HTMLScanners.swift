// Raw HTML recognition: inline tags, comments and the seven kinds of HTML block starts.

enum HTMLScanners {
    // MARK: - Tags

    /// Scans a tag name; returns the index after it.
    static func scanTagName(_ b: [UInt8], at index: Int, end: Int) -> Int? {
        guard index < end, isLetter(b[index]) else { return nil }
        var i = index + 1
        while i < end, isAlphanumeric(b[i]) || b[i] == ASCII.minus { i += 1 }
        return i
    }

    /// Skips whitespace including newlines.
    static func skipWhitespace(_ b: [UInt8], at index: Int, end: Int) -> Int {
        var i = index
        while i < end, isWhitespaceByte(b[i]) { i += 1 }
        return i
    }

    /// An open tag `<name attr="v" …>` starting at `index` (the `<`); returns the index after `>`.
    static func scanOpenTag(_ b: [UInt8], at index: Int, end: Int) -> Int? {
        guard var i = scanTagName(b, at: index + 1, end: end) else { return nil }
        while true {
            let afterSpace = skipWhitespace(b, at: i, end: end)
            guard afterSpace < end else { return nil }
            if b[afterSpace] == ASCII.gt { return afterSpace + 1 }
            if b[afterSpace] == ASCII.slash {
                return afterSpace + 1 < end && b[afterSpace + 1] == ASCII.gt ? afterSpace + 2 : nil
            }
            guard afterSpace > i else { return nil } // attributes need leading whitespace
            // attribute name
            var j = afterSpace
            let c = b[j]
            guard isLetter(c) || c == ASCII.underscore || c == ASCII.colon else { return nil }
            j += 1
            while j < end, isAlphanumeric(b[j]) || b[j] == ASCII.underscore || b[j] == ASCII.dot || b[j] == ASCII.colon || b[j] == ASCII.minus { j += 1 }
            i = j
            // optional value
            let beforeEquals = skipWhitespace(b, at: j, end: end)
            if beforeEquals < end, b[beforeEquals] == ASCII.equals {
                var k = skipWhitespace(b, at: beforeEquals + 1, end: end)
                guard k < end else { return nil }
                let q = b[k]
                if q == ASCII.quote || q == ASCII.apostrophe {
                    k += 1
                    while k < end, b[k] != q { k += 1 }
                    guard k < end else { return nil }
                    i = k + 1
                } else {
                    let start = k
                    while k < end {
                        let v = b[k]
                        if isWhitespaceByte(v) || v == ASCII.quote || v == ASCII.apostrophe || v == ASCII.equals || v == ASCII.lt || v == ASCII.gt || v == ASCII.backtick { break }
                        k += 1
                    }
                    guard k > start else { return nil }
                    i = k
                }
            }
        }
    }

    /// A closing tag `</name >`; returns the index after `>`.
    static func scanClosingTag(_ b: [UInt8], at index: Int, end: Int) -> Int? {
        guard index + 1 < end, b[index + 1] == ASCII.slash, let nameEnd = scanTagName(b, at: index + 2, end: end) else { return nil }
        let i = skipWhitespace(b, at: nameEnd, end: end)
        return i < end && b[i] == ASCII.gt ? i + 1 : nil
    }

    // MARK: - Inline raw HTML

    /// Remembers, per construct, that no terminator exists after some position, so repeated
    /// unterminated openers stay linear.
    struct Memo {
        var noCommentEnd = Int.max
        var noProcessingEnd = Int.max
        var noCDATAEnd = Int.max
        var noDeclarationEnd = Int.max
    }

    /// Any inline raw HTML at `index` (a `<`); returns the index after it.
    static func scanInlineHTML(_ b: [UInt8], at index: Int, end: Int, memo: inout Memo) -> Int? {
        guard index + 1 < end else { return nil }
        let c = b[index + 1]
        if isLetter(c) { return scanOpenTag(b, at: index, end: end) }
        if c == ASCII.slash { return scanClosingTag(b, at: index, end: end) }
        if c == ASCII.question {
            guard index < memo.noProcessingEnd else { return nil }
            if let found = find(b, [ASCII.question, ASCII.gt], from: index + 2, end: end) { return found + 2 }
            memo.noProcessingEnd = index
            return nil
        }
        guard c == ASCII.bang, index + 2 < end else { return nil }
        if b[index + 2] == ASCII.minus {
            guard index + 3 < end, b[index + 3] == ASCII.minus else { return nil }
            // <!--> and <!---> are complete comments (0.31)
            if index + 4 < end, b[index + 4] == ASCII.gt { return index + 5 }
            if index + 5 < end, b[index + 4] == ASCII.minus, b[index + 5] == ASCII.gt { return index + 6 }
            guard index < memo.noCommentEnd else { return nil }
            if let found = find(b, [ASCII.minus, ASCII.minus, ASCII.gt], from: index + 4, end: end) { return found + 3 }
            memo.noCommentEnd = index
            return nil
        }
        if b[index + 2] == ASCII.lbracket {
            guard matches(b, at: index + 2, end: end, "[CDATA["), index < memo.noCDATAEnd else { return nil }
            if let found = find(b, [ASCII.rbracket, ASCII.rbracket, ASCII.gt], from: index + 9, end: end) { return found + 3 }
            memo.noCDATAEnd = index
            return nil
        }
        if isLetter(b[index + 2]) {
            guard index < memo.noDeclarationEnd else { return nil }
            if let found = find(b, [ASCII.gt], from: index + 3, end: end) { return found + 1 }
            memo.noDeclarationEnd = index
        }
        return nil
    }

    // MARK: - HTML block starts

    static let type1Names: [[UInt8]] = ["pre", "script", "style", "textarea"].map { Array($0.utf8) }
    static let type6Names: Set<[UInt8]> = Set([
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "track", "ul",
    ].map { Array($0.utf8) })

    /// The HTML block type (1–7) starting at `index` (a `<`), or 0.
    static func blockStart(_ b: [UInt8], at index: Int, end: Int, canInterruptParagraph: Bool) -> Int {
        guard index + 1 < end else { return 0 }
        let next = b[index + 1]
        if next == ASCII.bang {
            if matches(b, at: index + 2, end: end, "--") { return 2 }
            if matches(b, at: index + 2, end: end, "[CDATA[") { return 5 }
            if index + 2 < end, isLetter(b[index + 2]) { return 4 }
            return 0
        }
        if next == ASCII.question { return 3 }
        let nameStart = next == ASCII.slash ? index + 2 : index + 1
        var nameEnd = nameStart
        while nameEnd < end, isAlphanumeric(b[nameEnd]) { nameEnd += 1 }
        let name = b[nameStart..<nameEnd].map(lowerASCII)
        let after: UInt8 = nameEnd < end ? b[nameEnd] : ASCII.newline
        if next != ASCII.slash, type1Names.contains(name),
           isSpaceOrTab(after) || after == ASCII.gt || after == ASCII.newline {
            return 1
        }
        if type6Names.contains(name) {
            if isSpaceOrTab(after) || after == ASCII.gt || after == ASCII.newline { return 6 }
            if after == ASCII.slash, nameEnd + 1 < end, b[nameEnd + 1] == ASCII.gt { return 6 }
        }
        guard canInterruptParagraph else { return 0 }
        let tagEnd = next == ASCII.slash ? scanClosingTag(b, at: index, end: end) : scanOpenTag(b, at: index, end: end)
        guard let tagEnd, next == ASCII.slash || !type1Names.contains(name) else { return 0 }
        var i = tagEnd
        while i < end, isSpaceOrTab(b[i]) { i += 1 }
        return i == end ? 7 : 0
    }

    /// Whether `line` contains the end marker of an HTML block of `type` (1–5).
    static func lineEndsBlock(_ line: ArraySlice<UInt8>, type: Int) -> Bool {
        let b = Array(line)
        switch type {
        case 1:
            for name in ["</pre>", "</script>", "</style>", "</textarea>"] where containsCaseInsensitive(b, name) { return true }
            return false
        case 2: return find(b, Array("-->".utf8), from: 0, end: b.count) != nil
        case 3: return find(b, Array("?>".utf8), from: 0, end: b.count) != nil
        case 4: return b.contains(ASCII.gt)
        case 5: return find(b, Array("]]>".utf8), from: 0, end: b.count) != nil
        default: return false
        }
    }

    // MARK: - Helpers

    static func matches(_ b: [UInt8], at index: Int, end: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= end else { return false }
        return literal.withUTF8Buffer { lit in
            for k in 0..<count where b[index + k] != lit[k] { return false }
            return true
        }
    }

    static func find(_ b: [UInt8], _ needle: [UInt8], from: Int, end: Int) -> Int? {
        guard let first = needle.first, needle.count <= end - from else { return nil }
        var i = from
        let last = end - needle.count
        while i <= last {
            if b[i] == first {
                var k = 1
                while k < needle.count, b[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    static func containsCaseInsensitive(_ b: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard n.count <= b.count else { return false }
        var i = 0
        while i + n.count <= b.count {
            var k = 0
            while k < n.count, lowerASCII(b[i + k]) == n[k] { k += 1 }
            if k == n.count { return true }
            i += 1
        }
        return false
    }
}
