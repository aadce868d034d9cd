// The inline tokenizer: splits one line of wiki markup into text, atomic nodes (links,
// images, monospace, emoticons, macros) and effect delimiters with their boundary flags.

import SpineCore

extension WikiParser {
    /// Bytes that may start markup; everything else is copied as text without a second look.
    static let specialBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in Array("\\{[!(:;&-*_+^~?hHfFmM".utf8) { table[Int(byte)] = true }
        return table
    }()

    /// Tokenizes `start..<end`, registering every delimiter that can close in `closers`.
    mutating func tokenize(_ start: Int, _ end: Int, inLink: Bool, closers: inout CloserIndex) -> [InlineToken] {
        var tokens: [InlineToken] = []
        var pending: [UInt8] = []
        func flush() {
            if !pending.isEmpty {
                tokens.append(.text(String(decoding: pending, as: UTF8.self)))
                pending.removeAll(keepingCapacity: true)
            }
        }
        func emit(_ token: InlineToken) {
            flush()
            if case .delimiter(let delimiter) = token, delimiter.canClose { closers.add(delimiter.kind, at: tokens.count) }
            tokens.append(token)
        }
        var index = start
        while index < end {
            let byte = text[index]
            if !Self.specialBytes[Int(byte)] {
                pending.append(byte)
                index += 1
                continue
            }
            switch byte {
            case Byte.backslash:
                let (literal, next) = readBackslash(at: index, end: end)
                if let literal { pending.append(literal) } else { emit(.node(.lineBreak)) }
                index = next
            case Byte.openBrace:
                if let (token, next) = readBrace(at: index, end: end) {
                    emit(token)
                    index = next
                } else {
                    pending.append(byte)
                    index += 1
                }
            case Byte.openBracket where !inLink:
                if let (node, next) = readLink(at: index, end: end) {
                    emit(.node(node))
                    index = next
                } else {
                    pending.append(byte)
                    index += 1
                }
            case Byte.bang:
                if let (node, next) = readImage(at: index, end: end) {
                    emit(.node(node))
                    index = next
                } else {
                    pending.append(byte)
                    index += 1
                }
            case Byte.openParen, Byte.colon, Byte.semicolon:
                if let (node, next) = readEmoticon(at: index, end: end) {
                    emit(.node(node))
                    index = next
                } else {
                    pending.append(byte)
                    index += 1
                }
            case Byte.ampersand:
                if let (decoded, next) = readEntity(at: index, end: end) {
                    pending.append(contentsOf: decoded.utf8)
                    index = next
                } else {
                    pending.append(byte)
                    index += 1
                }
            case Byte.question:
                if index + 1 < end, text[index + 1] == Byte.question {
                    emit(.delimiter(delimiter(.citation, at: index, width: 2, end: end, start: start)))
                    index += 2
                } else {
                    pending.append(byte)
                    index += 1
                }
            case Byte.star, Byte.underscore, Byte.dash, Byte.plus, Byte.caret, Byte.tilde:
                if byte == Byte.dash, let (dash, next) = readDash(at: index, end: end, start: start) {
                    pending.append(contentsOf: dash.utf8)
                    index = next
                } else if let kind = EffectKind.simple(byte) {
                    emit(.delimiter(delimiter(kind, at: index, width: 1, end: end, start: start)))
                    index += 1
                }
            default:
                // h, f, m: a URL may start here; `[` inside a link's text is plain.
                if !inLink, !WordClass.isWord(before: index, start: start, in: text),
                   let (node, next) = readAutolink(at: index, end: end) {
                    emit(.node(node))
                    index = next
                } else {
                    pending.append(byte)
                    index += 1
                }
            }
        }
        flush()
        return tokens
    }

    // MARK: - Delimiters

    /// A simple delimiter with Jira's boundary rules: it opens when no letter or digit precedes
    /// it and no whitespace follows; it closes when no whitespace precedes it and no letter or
    /// digit follows.
    private func delimiter(_ kind: EffectKind, at index: Int, width: Int, end: Int, start: Int) -> Delimiter {
        let after = index + width
        let canOpen = !WordClass.isWord(before: index, start: start, in: text)
            && after < end && !Byte.isWhitespace(text[after])
        let canClose = index > start && !Byte.isWhitespace(text[index - 1])
            && !WordClass.isWord(at: after, end: end, in: text)
        return Delimiter(kind: kind, canOpen: canOpen, canClose: canClose, literal: text.string(index, after))
    }

    /// ` -- ` and ` --- ` become en and em dashes (not after a word, before a space or the end).
    private func readDash(at index: Int, end: Int, start: Int) -> (String, Int)? {
        guard index + 1 < end, text[index + 1] == Byte.dash,
              !WordClass.isWord(before: index, start: start, in: text) else { return nil }
        var next = index + 2
        var dash = "–"
        if next < end, text[next] == Byte.dash { next += 1; dash = "—" }
        guard next == end || Byte.isBlank(text[next]) else { return nil }
        return (dash, next)
    }

    // MARK: - Escapes and line breaks

    /// `\\` is always a line break (so `\\\\` is two); `\` before ASCII punctuation
    /// makes it literal; any other backslash is itself. A nil literal means a line break.
    private func readBackslash(at index: Int, end: Int) -> (literal: UInt8?, next: Int) {
        guard index + 1 < end else { return (Byte.backslash, index + 1) }
        let next = text[index + 1]
        if next == Byte.backslash { return (nil, index + 2) }
        if Byte.isASCIIPunctuation(next) { return (next, index + 2) }
        return (Byte.backslash, index + 1)
    }

    // MARK: - Entities

    /// `&name;`, `&#123;` and `&#x1F600;`; unknown names stay literal.
    func readEntity(at index: Int, end: Int) -> (String, Int)? {
        let limit = min(end, index + 34)
        var cursor = index + 1
        guard cursor < limit else { return nil }
        if text[cursor] == Byte.hash {
            cursor += 1
            var radix: UInt32 = 10
            if cursor < limit, text[cursor] == 0x78 || text[cursor] == 0x58 { radix = 16; cursor += 1 }
            let digitsStart = cursor
            var value: UInt32 = 0
            while cursor < limit, value <= 0x10FFFF {
                let byte = text[cursor]
                let digit: UInt32
                if Byte.isDigit(byte) { digit = UInt32(byte - 0x30) }
                else if radix == 16, byte >= 0x61, byte <= 0x66 { digit = UInt32(byte - 0x61 + 10) }
                else if radix == 16, byte >= 0x41, byte <= 0x46 { digit = UInt32(byte - 0x41 + 10) }
                else { break }
                value = value * radix + digit
                cursor += 1
            }
            guard cursor > digitsStart, cursor < limit, text[cursor] == Byte.semicolon,
                  value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return (String(Character(scalar)), cursor + 1)
        }
        let nameStart = cursor
        while cursor < limit, Byte.isASCIIAlnum(text[cursor]) { cursor += 1 }
        guard cursor > nameStart, cursor < limit, text[cursor] == Byte.semicolon,
              let decoded = WikiVocabulary.namedEntities[text.string(nameStart, cursor)] else { return nil }
        return (decoded, cursor + 1)
    }

    // MARK: - Emoticons

    /// `(/)`, `(x)`, `:)` and the rest, unless a letter or digit follows.
    private func readEmoticon(at index: Int, end: Int) -> (Inline, Int)? {
        let limit = min(end, index + WikiVocabulary.longestEmoticon)
        var close: Int?
        if text[index] == Byte.openParen {
            var cursor = index + 1
            while cursor < limit {
                if text[cursor] == Byte.closeParen { close = cursor; break }
                cursor += 1
            }
        } else if index + 1 < end {
            close = index + 1
        }
        guard let last = close,
              let emoticon = WikiVocabulary.emoticonsByMarkup[text.string(index, last + 1)],
              !(last + 1 < end && Byte.isASCIIAlnum(text[last + 1])) else { return nil }
        let emoji = Emoji(shortName: emoticon.shortName, fallback: emoticon.fallback, id: emoticon.id)
        return (.emoji(emoji), last + 1)
    }

    // MARK: - Braces: monospace, forced effects, inline macros

    /// `{{code}}`, `{*}` forced delimiters, `{color}`, `{anchor}`, `{status}` and unknown macros.
    private mutating func readBrace(at index: Int, end: Int) -> (InlineToken, Int)? {
        guard index + 1 < end else { return nil }
        let next = text[index + 1]
        if next == Byte.openBrace { return readMonospace(at: index, end: end) }
        if index + 2 < end, text[index + 2] == Byte.closeBrace, let kind = EffectKind.forced(next) {
            let literal = text.string(index, index + 3)
            return (.delimiter(Delimiter(kind: kind, canOpen: true, canClose: true, literal: literal)), index + 3)
        }
        guard let tag = WikiMacroTag.parse(at: index, limit: end, in: text, closeBrace: &closeBraceFinder) else { return nil }
        switch tag.name {
        case "color":
            if tag.hasParameters {
                let colour = tag.positional.first ?? tag.parameters.first?.value ?? ""
                let opener = Delimiter(kind: .color, canOpen: true, canClose: false, literal: tag.source, colour: colour)
                return (.delimiter(opener), tag.end)
            }
            return (.delimiter(Delimiter(kind: .color, canOpen: false, canClose: true, literal: tag.source)), tag.end)
        case "anchor" where tag.hasParameters:
            let name = WikiVocabulary.anchorName(tag.parameterText)
            return (.node(.anchor(name)), tag.end)
        case "status" where tag.hasParameters:
            let status = Status(text: tag.parameter("title") ?? tag.positional.first ?? "",
                                colour: tag.parameter("colour") ?? tag.parameter("color"),
                                subtle: tag.parameter("subtle")?.lowercased() == "true")
            return (.node(.status(status)), tag.end)
        default:
            note(.warning, "jira-wiki.unknown-macro",
                 "macro {\(tag.name)} is not part of Jira wiki markup here; kept as raw wiki markup", at: index)
            return (.node(.raw(Raw(format: "jira-wiki", content: tag.source))), tag.end)
        }
    }

    /// `{{…}}`: monospace text up to the first `}}` on the line. Escapes and entities are decoded;
    /// other markup inside is kept as literal characters.
    private mutating func readMonospace(at index: Int, end: Int) -> (InlineToken, Int)? {
        let contentStart = index + 2
        guard let close = doubleCloseBraceFinder.next(from: contentStart, limit: end, in: text),
              close > contentStart else { return nil }
        return (.node(.code(decodeLiteral(contentStart, close))), close + 2)
    }

    /// Text with backslash escapes and entities decoded and nothing else interpreted.
    func decodeLiteral(_ start: Int, _ end: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        var index = start
        while index < end {
            let byte = text[index]
            if byte == Byte.backslash, index + 1 < end, Byte.isASCIIPunctuation(text[index + 1]) {
                bytes.append(text[index + 1])
                index += 2
            } else if byte == Byte.ampersand, let (decoded, next) = readEntity(at: index, end: end) {
                bytes.append(contentsOf: decoded.utf8)
                index = next
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
