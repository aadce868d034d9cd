// Link labels, destinations, titles and link reference definitions.

/// A resolved link reference definition.
struct LinkReference {
    var url: [UInt8]
    var title: [UInt8]?
}

enum LinkScanners {
    // MARK: - Labels

    /// Scans a link label `[...]` starting at `index` (which holds `[`). Returns the index
    /// after `]` and the label's inner range; nil when it is not a valid label.
    static func scanLabel(_ b: [UInt8], at index: Int, end: Int) -> (next: Int, inner: Range<Int>)? {
        guard index < end, b[index] == ASCII.lbracket else { return nil }
        var i = index + 1
        var hasNonBlank = false
        while i < end {
            let c = b[i]
            if c == ASCII.backslash, i + 1 < end, isASCIIPunctuation(b[i + 1]) {
                i += 2
                hasNonBlank = true
            } else if c == ASCII.lbracket {
                return nil
            } else if c == ASCII.rbracket {
                guard hasNonBlank, i - index - 1 <= 999 else { return nil }
                return (i + 1, (index + 1)..<i)
            } else {
                if !isWhitespaceByte(c) { hasNonBlank = true }
                i += 1
            }
            if i - index > 1001 { return nil }
        }
        return nil
    }

    /// Normalises a label for matching: trimmed, inner whitespace collapsed, Unicode case-folded.
    static func normalize(_ label: ArraySlice<UInt8>) -> String {
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(label.count)
        var pendingSpace = false
        var asciiOnly = true
        for c in label {
            if isWhitespaceByte(c) {
                pendingSpace = !collapsed.isEmpty
            } else {
                if pendingSpace { collapsed.append(ASCII.space) }
                pendingSpace = false
                if c >= 0x80 { asciiOnly = false }
                collapsed.append(asciiOnly ? lowerASCII(c) : c)
            }
        }
        let text = string(collapsed)
        // Lower-, upper-, then lower-casing approximates full case folding (ẞ → ß → SS → ss).
        return asciiOnly ? text : text.lowercased().uppercased().lowercased()
    }

    // MARK: - Destinations and titles

    /// Scans a link destination at `index`; returns the index after it and the raw (still
    /// escaped) bytes. `<>` gives an empty destination.
    static func scanDestination(_ b: [UInt8], at index: Int, end: Int) -> (next: Int, raw: Range<Int>)? {
        guard index < end else { return nil }
        if b[index] == ASCII.lt {
            var i = index + 1
            while i < end {
                let c = b[i]
                if c == ASCII.gt { return (i + 1, (index + 1)..<i) }
                if c == ASCII.newline || c == ASCII.lt { return nil }
                if c == ASCII.backslash, i + 1 < end, isASCIIPunctuation(b[i + 1]) { i += 2 } else { i += 1 }
            }
            return nil
        }
        var i = index
        var depth = 0
        while i < end {
            let c = b[i]
            if c == ASCII.backslash, i + 1 < end, isASCIIPunctuation(b[i + 1]) {
                i += 2
                continue
            }
            if c <= 0x20 || c == 0x7F { break }
            if c == ASCII.lparen {
                depth += 1
                if depth > 32 { return nil }
            } else if c == ASCII.rparen {
                if depth == 0 { break }
                depth -= 1
            }
            i += 1
        }
        guard i > index, depth == 0 else { return nil }
        return (i, index..<i)
    }

    /// Scans a link title (`"…"`, `'…'` or `(…)`) at `index`; returns the index after it and the inner range.
    static func scanTitle(_ b: [UInt8], at index: Int, end: Int) -> (next: Int, inner: Range<Int>)? {
        guard index < end else { return nil }
        let open = b[index]
        let close: UInt8
        switch open {
        case ASCII.quote, ASCII.apostrophe: close = open
        case ASCII.lparen: close = ASCII.rparen
        default: return nil
        }
        var i = index + 1
        while i < end {
            let c = b[i]
            if c == ASCII.backslash, i + 1 < end, isASCIIPunctuation(b[i + 1]) {
                i += 2
                continue
            }
            if c == close { return (i + 1, (index + 1)..<i) }
            if open == ASCII.lparen && c == ASCII.lparen { return nil }
            i += 1
        }
        return nil
    }

    /// Skips spaces and tabs and at most one line ending.
    static func skipSpaceAndOneNewline(_ b: [UInt8], at index: Int, end: Int) -> (next: Int, sawNewline: Bool) {
        var i = index
        var sawNewline = false
        while i < end {
            let c = b[i]
            if isSpaceOrTab(c) {
                i += 1
            } else if c == ASCII.newline, !sawNewline {
                sawNewline = true
                i += 1
            } else {
                break
            }
        }
        return (i, sawNewline)
    }

    // MARK: - Reference definitions

    /// Parses one link reference definition at the start of `b[index...]`. On success returns
    /// the index after it (past its line ending), the normalised label and the reference.
    static func parseDefinition(_ b: [UInt8], at index: Int, end: Int) -> (next: Int, label: String, reference: LinkReference)? {
        guard let label = scanLabel(b, at: index, end: end) else { return nil }
        guard label.next < end, b[label.next] == ASCII.colon else { return nil }
        if b[label.inner.lowerBound] == ASCII.caret { return nil } // footnote definition, not a link
        var i = skipSpaceAndOneNewline(b, at: label.next + 1, end: end).next
        guard let destination = scanDestination(b, at: i, end: end) else { return nil }
        if destination.raw.isEmpty && b[i] != ASCII.lt { return nil }
        i = destination.next
        let afterDestination = i
        let gap = skipSpaceAndOneNewline(b, at: i, end: end)
        var title: [UInt8]?
        var next: Int?
        if gap.next > afterDestination, let scanned = scanTitle(b, at: gap.next, end: end) {
            let rest = restOfLineIsBlank(b, at: scanned.next, end: end)
            if let rest {
                title = Entities.unescape(b[scanned.inner])
                next = rest
            }
        }
        if next == nil {
            guard let rest = restOfLineIsBlank(b, at: afterDestination, end: end) else { return nil }
            next = rest
        }
        let url = Entities.unescape(b[destination.raw])
        return (next!, normalize(b[label.inner]), LinkReference(url: url, title: title))
    }

    /// When only spaces/tabs follow up to the line end, the index after the line end.
    static func restOfLineIsBlank(_ b: [UInt8], at index: Int, end: Int) -> Int? {
        var i = index
        while i < end, isSpaceOrTab(b[i]) { i += 1 }
        if i == end { return end }
        return b[i] == ASCII.newline ? i + 1 : nil
    }
}
