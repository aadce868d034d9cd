// Links, mentions, issue keys, images and bare URLs in wiki markup, and the pipe splitter
// that links and table rows share.

import SpineCore

extension WikiParser {
    // MARK: - Splitting on pipes

    /// Splits `start..<end` at `|` characters that are not escaped and not inside `[…]`,
    /// `!…!`, `{…}` or `{{…}}` on the same line. With `stopAtDoublePipe`, `||` counts as one
    /// separator and the returned flag says whether a separator was doubled.
    mutating func splitOnPipes(_ start: Int, _ end: Int, skipBrackets: Bool) -> [(start: Int, end: Int, pipes: Int)] {
        var parts: [(start: Int, end: Int, pipes: Int)] = []
        var partStart = start
        var pipesBefore = 0
        var index = start
        var lineEnd = lineEndFrom(start, end)
        while index < end {
            let byte = text[index]
            switch byte {
            case Byte.newline:
                lineEnd = lineEndFrom(index + 1, end)
                index += 1
            case Byte.backslash:
                index += 2
            case Byte.openBracket where skipBrackets:
                if let close = closeBracketFinder.next(from: index + 1, limit: lineEnd, in: text) { index = close + 1 } else { index += 1 }
            case Byte.bang:
                index = imageSpanEnd(at: index, lineEnd: lineEnd) ?? index + 1
            case Byte.openBrace:
                if index + 1 < lineEnd, text[index + 1] == Byte.openBrace,
                   let close = doubleCloseBraceFinder.next(from: index + 2, limit: lineEnd, in: text) {
                    index = close + 2
                } else if let close = closeBraceFinder.next(from: index + 1, limit: lineEnd, in: text),
                          close > index + 1, Byte.isASCIILetter(text[index + 1]) {
                    index = close + 1
                } else {
                    index += 1
                }
            case Byte.pipe:
                parts.append((partStart, index, pipesBefore))
                var pipes = 1
                while index + pipes < end, text[index + pipes] == Byte.pipe, skipBrackets { pipes += 1 }
                pipesBefore = pipes
                index += pipes
                partStart = index
            default:
                index += 1
            }
        }
        parts.append((partStart, min(index, end), pipesBefore))
        return parts
    }

    /// The end (after the closing `!`) of an image span starting at `index`, if it is one.
    private func imageSpanEnd(at index: Int, lineEnd: Int) -> Int? {
        guard index + 1 < lineEnd else { return nil }
        let first = text[index + 1]
        guard !Byte.isWhitespace(first), first != Byte.bang, first != Byte.pipe else { return nil }
        var cursor = index + 2
        while cursor < lineEnd, text[cursor] != Byte.bang { cursor += 1 }
        guard cursor < lineEnd, !Byte.isWhitespace(text[cursor - 1]) else { return nil }
        return cursor + 1
    }

    // MARK: - Links

    /// `[…]` at `index`: a link, mention, attachment, anchor or issue reference; nil when the
    /// brackets hold none of these (the `[` then stays literal).
    mutating func readLink(at index: Int, end: Int) -> (Inline, Int)? {
        guard let close = closeBracketFinder.next(from: index + 1, limit: end, in: text), close > index + 1 else { return nil }
        let parts = splitOnPipes(index + 1, close, skipBrackets: false)
        let next = close + 1
        if parts.count == 1 {
            let target = text.string(parts[0].start, parts[0].end).trimmingSpaces()
            guard let node = bareLink(target, start: parts[0].start, end: parts[0].end) else { return nil }
            return (node, next)
        }
        guard parts.count <= 3 else { return nil }
        let target = text.string(parts[1].start, parts[1].end).trimmingSpaces()
        guard !target.isEmpty else { return nil }
        let alias = parseInlines(trimmedStart(parts[0].start, parts[0].end), trimmedEnd(parts[0].start, parts[0].end), inLink: true)
        let title = parts.count == 3 ? text.string(parts[2].start, parts[2].end).trimmingSpaces() : nil
        if target.hasPrefix("~") {
            let name = Self.plainText(alias).trimmingSpaces()
            return (.mention(Mention(accountID: Self.accountID(target), displayName: name.isEmpty ? nil : name)), next)
        }
        return (.link(Link(target: linkTarget(target), content: alias, title: title)), next)
    }

    /// A bracketed target without a `|`: `[url]`, `[#anchor]`, `[^file]`, `[label^file]`, `[~user]`, `[KEY-1]`.
    private mutating func bareLink(_ target: String, start: Int, end: Int) -> Inline? {
        guard !target.isEmpty else { return nil }
        if target.hasPrefix("~") { return .mention(Mention(accountID: Self.accountID(target))) }
        if target.hasPrefix("#") || target.hasPrefix("^") || Self.hasScheme(target) {
            return .link(Link(target: linkTarget(target), content: []))
        }
        if WikiVocabulary.isIssueKey(target[...]) { return .issue(IssueReference(key: target)) }
        let labelStart = trimmedStart(start, end)
        var caret = labelStart + 1
        while caret < end, text[caret] != Byte.caret { caret += 1 }
        if caret < end {
            let label = parseInlines(labelStart, trimmedEnd(labelStart, caret), inLink: true)
            let file = text.string(caret + 1, trimmedEnd(caret + 1, end))
            guard !file.isEmpty else { return nil }
            return .link(Link(target: .attachment(AttachmentLink(fileName: file)), content: label))
        }
        return nil
    }

    /// The target of `[alias|target]`.
    private func linkTarget(_ target: String) -> LinkTarget {
        if target.hasPrefix("#") { return .anchor(String(target.dropFirst())) }
        if target.hasPrefix("^") { return .attachment(AttachmentLink(fileName: String(target.dropFirst()))) }
        if !Self.hasScheme(target), WikiVocabulary.isIssueKey(target[...]) { return .issue(target) }
        return .url(target)
    }

    /// The account id of `~accountid:…` / `~name`; the `accountid:` prefix is kept only when the
    /// id does not look like a Cloud account id, so the writer can restore it exactly.
    static func accountID(_ target: String) -> String {
        let user = String(target.dropFirst())
        let prefix = "accountid:"
        if user.lowercased().hasPrefix(prefix) {
            let id = String(user.dropFirst(prefix.count))
            return WikiVocabulary.isCloudAccountID(id) ? id : user
        }
        return user
    }

    /// Whether `target` starts with a URL scheme (`https://`, `mailto:`, `file:`).
    static func hasScheme(_ target: String) -> Bool {
        let lower = target.lowercased()
        if lower.hasPrefix("mailto:") || lower.hasPrefix("file:") || lower.hasPrefix("tel:") { return true }
        let bytes = Array(lower.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if Byte.isASCIIAlnum(byte) || byte == Byte.plus || byte == Byte.dash || byte == Byte.dot { index += 1 } else { break }
        }
        return index > 0 && index + 3 <= bytes.count && bytes[index] == Byte.colon
            && bytes[index + 1] == Byte.slash && bytes[index + 2] == Byte.slash
    }

    private func trimmedStart(_ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end, Byte.isBlank(text[index]) { index += 1 }
        return index
    }

    private func trimmedEnd(_ start: Int, _ end: Int) -> Int {
        var index = end
        while index > start, Byte.isBlank(text[index - 1]) { index -= 1 }
        return index
    }

    // MARK: - Images

    /// `!file.png!`, `!https://host/x.png|thumbnail!`, `!x.png|width=300,alt="A B"!`.
    mutating func readImage(at index: Int, end: Int) -> (Inline, Int)? {
        guard let after = imageSpanEnd(at: index, lineEnd: end) else { return nil }
        let inner = text.string(index + 1, after - 1)
        var source = inner
        var options = ""
        if let pipe = inner.firstIndex(of: "|") {
            source = String(inner[..<pipe])
            options = String(inner[inner.index(after: pipe)...])
        }
        source = source.trimmingSpaces()
        guard !source.isEmpty else { return nil }
        var image = Image(source: Self.hasScheme(source) || source.hasPrefix("/")
                          ? .url(source) : .attachment(AttachmentLink(fileName: source)))
        for (key, value) in Self.imageOptions(options) {
            switch key.lowercased() {
            case "width": image.width = value
            case "height": image.height = value
            case "alt": image.alt = value
            case "title": image.title = value
            default: image.attributes.append(Attribute(key, value))
            }
        }
        return (.image(image), after)
    }

    /// `thumbnail`, or comma-separated `key=value` pairs whose values may be double-quoted.
    static func imageOptions(_ options: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var rest = Substring(options)
        while !rest.isEmpty {
            rest = rest.drop(while: { $0 == " " || $0 == "," })
            guard !rest.isEmpty else { break }
            let keyEnd = rest.firstIndex(where: { $0 == "=" || $0 == "," }) ?? rest.endIndex
            let key = rest[..<keyEnd].trimmingSpaces()
            rest = rest[keyEnd...]
            var value = ""
            if rest.first == "=" {
                rest = rest.dropFirst()
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    let close = rest.firstIndex(of: "\"") ?? rest.endIndex
                    value = String(rest[..<close])
                    rest = close < rest.endIndex ? rest[rest.index(after: close)...] : rest[close...]
                } else {
                    let close = rest.firstIndex(of: ",") ?? rest.endIndex
                    value = rest[..<close].trimmingSpaces()
                    rest = rest[close...]
                }
            }
            if !key.isEmpty { result.append((key, value)) }
        }
        return result
    }

    // MARK: - Bare URLs

    /// Characters dropped from the end of a bare URL (sentence punctuation, effect delimiters).
    static let trailingURLPunctuation: [UInt8] = Array(".,;:!?'*_~^+".utf8)

    /// `https://…`, `http://…`, `ftp://…`, `mailto:…` in running text, without trailing punctuation.
    mutating func readAutolink(at index: Int, end: Int) -> (Inline, Int)? {
        let schemes: [StaticString] = ["https://", "http://", "ftp://", "mailto:"]
        guard let scheme = schemes.first(where: { text.matches($0, at: index, end: end, caseInsensitive: true) }) else {
            return nil
        }
        var cursor = index + scheme.utf8CodeUnitCount
        while cursor < end {
            let byte = text[cursor]
            if Byte.isWhitespace(byte) || byte == Byte.pipe || byte == Byte.openBracket || byte == Byte.closeBracket
                || byte == Byte.openBrace || byte == Byte.closeBrace || byte == 0x3C || byte == 0x3E
                || byte == Byte.quote || byte == Byte.backslash { break }
            cursor += 1
        }
        var parens = 0
        for position in index..<cursor {
            if text[position] == Byte.openParen { parens += 1 } else if text[position] == Byte.closeParen { parens -= 1 }
        }
        while cursor > index {
            let last = text[cursor - 1]
            if last == Byte.closeParen, parens < 0 { parens += 1; cursor -= 1; continue }
            if Self.trailingURLPunctuation.contains(last) { cursor -= 1; continue }
            break
        }
        guard cursor > index + scheme.utf8CodeUnitCount else { return nil }
        return (.link(Link(target: .url(text.string(index, cursor)), content: [])), cursor)
    }
}
