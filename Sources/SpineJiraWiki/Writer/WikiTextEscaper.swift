// Escaping plain text for Jira wiki markup so that it reads back as the same text:
// only characters that could start or end markup in their position get a backslash.

import SpineCore

/// Appends text to a wiki buffer with the escapes its position needs.
enum WikiTextEscaper {
    /// Appends `text`. `following` is the first byte written after it (nil: end of line);
    /// `lineStart` says the text begins a line, where list, table and heading starts must be
    /// neutralised; `inCode` also escapes `}` (monospace ends at `}}`).
    static func append(_ text: String, to out: inout [UInt8], following: UInt8?, lineStart: Bool, inCode: Bool = false) {
        if !lineStart, !text.utf8.contains(where: { needsLook[Int($0)] }) {
            out.append(contentsOf: text.utf8)
            return
        }
        if text.utf8.contains(where: { $0 == Byte.newline || $0 == Byte.carriageReturn }) {
            appendLines(text, to: &out, following: following, lineStart: lineStart, inCode: inCode)
            return
        }
        let bytes = Array(text.utf8)
        var index = 0
        if lineStart { index = escapeLineStart(bytes, following: following, to: &out) }
        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : following
            switch byte {
            case Byte.backslash:
                let previousIsBackslash = out.last == Byte.backslash
                if previousIsBackslash || index == bytes.count - 1 || next.map(Byte.isASCIIPunctuation) ?? true {
                    out.append(contentsOf: Array("&#92;".utf8))
                } else {
                    out.append(byte)
                }
            case Byte.star, Byte.underscore, Byte.plus, Byte.caret, Byte.tilde, Byte.dash:
                let previousWord = isWordBefore(out)
                let nextWord = isWord(bytes, index + 1, following)
                let previousSpace = out.last.map(Byte.isWhitespace) ?? false
                let nextSpace = next.map(Byte.isWhitespace) ?? false
                if (previousWord && nextWord) || (previousSpace && nextSpace) {
                    out.append(byte)
                } else {
                    escape(byte, to: &out)
                }
            case Byte.question:
                if next == Byte.question || out.last == Byte.question || out.isEmpty {
                    escape(byte, to: &out)
                } else {
                    out.append(byte)
                }
            case Byte.openBrace, Byte.openBracket, Byte.closeBracket, Byte.pipe:
                escape(byte, to: &out)
            case Byte.closeBrace:
                if inCode { out.append(contentsOf: Array("&#125;".utf8)) } else { out.append(byte) }
            case Byte.bang:
                if let next, !Byte.isWhitespace(next) { escape(byte, to: &out) } else { out.append(byte) }
            case Byte.openParen, Byte.colon, Byte.semicolon:
                if formsEmoticon(bytes, index, following) || (byte == Byte.colon && formsScheme(bytes, index)) {
                    escape(byte, to: &out)
                } else {
                    out.append(byte)
                }
            case Byte.ampersand:
                if formsEntity(bytes, index) { out.append(contentsOf: Array("&amp;".utf8)) } else { out.append(byte) }
            default:
                out.append(byte)
            }
            index += 1
        }
    }

    /// Text holding newlines (from Jira or ADF fields, where they are content): a newline in
    /// wiki markup would be a line break or end the block, so each is written `&#10;` (`&#13;`
    /// for a carriage return), which the reader decodes back to the character. The pieces
    /// between are escaped as if followed by `&`.
    private static func appendLines(_ text: String, to out: inout [UInt8], following: UInt8?, lineStart: Bool, inCode: Bool) {
        var piece = ""
        var first = true
        for scalar in text.unicodeScalars {
            guard scalar == "\n" || scalar == "\r" else { piece.unicodeScalars.append(scalar); continue }
            append(piece, to: &out, following: Byte.ampersand, lineStart: lineStart && first, inCode: inCode)
            out.append(contentsOf: Array((scalar == "\n" ? "&#10;" : "&#13;").utf8))
            piece = ""
            first = false
        }
        append(piece, to: &out, following: following, lineStart: lineStart && first, inCode: inCode)
    }

    /// Bytes that may need an escape, depending on their neighbours.
    private static let needsLook: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in Array("\\*_+^~-?{}[]|!(:;&\n\r".utf8) { table[Int(byte)] = true }
        return table
    }()

    /// `\X`, or `&#NN;` right after a backslash (a `\\` line break), where `\\\X` would read
    /// as an escaped backslash.
    private static func escape(_ byte: UInt8, to out: inout [UInt8]) {
        if out.last == Byte.backslash {
            out.append(contentsOf: Array(("&#" + String(byte) + ";").utf8))
        } else {
            out.append(Byte.backslash)
            out.append(byte)
        }
    }

    // MARK: - Line starts

    /// Neutralises `* `, `# `, `- `, `|`, `h1. `, `bq. ` and `----` at the start of a line.
    /// Returns how many bytes were written.
    private static func escapeLineStart(_ bytes: [UInt8], following: UInt8?, to out: inout [UInt8]) -> Int {
        guard let first = bytes.first else { return 0 }
        // `h1.` / `bq.` start a block only before a blank or the line's end; when the text ends
        // there, the next inline's first byte decides.
        func endsMarker(_ count: Int) -> Bool {
            if bytes.count > count { return Byte.isBlank(bytes[count]) }
            guard let following else { return true }
            return Byte.isBlank(following) || following == Byte.newline
        }
        if first == Byte.hash || first == Byte.star || first == Byte.dash {
            escape(first, to: &out)
            return 1
        }
        if bytes.count >= 3, first == 0x68, bytes[1] >= 0x31, bytes[1] <= 0x36, bytes[2] == Byte.dot, endsMarker(3) {
            out.append(contentsOf: Array("&#104;".utf8))
            return 1
        }
        if bytes.count >= 3, bytes[0] == 0x62, bytes[1] == 0x71, bytes[2] == Byte.dot, endsMarker(3) {
            out.append(contentsOf: Array("&#98;".utf8))
            return 1
        }
        return 0
    }

    // MARK: - Context tests

    /// Whether the last character already written is a letter or digit.
    static func isWordBefore(_ out: [UInt8]) -> Bool {
        out.withUnsafeBufferPointer { WordClass.isWord(before: $0.count, start: 0, in: $0) }
    }

    private static func isWord(_ bytes: [UInt8], _ index: Int, _ following: UInt8?) -> Bool {
        if index < bytes.count {
            return bytes.withUnsafeBufferPointer { WordClass.isWord(at: index, end: $0.count, in: $0) }
        }
        guard let following else { return false }
        return Byte.isASCIIAlnum(following) || following >= 0x80
    }

    /// Whether an emoticon spelling starts at `index` and no letter or digit follows it.
    private static func formsEmoticon(_ bytes: [UInt8], _ index: Int, _ following: UInt8?) -> Bool {
        let limit = min(bytes.count, index + WikiVocabulary.longestEmoticon)
        var end = index + 1
        while end < limit {
            let candidate = String(decoding: bytes[index...end], as: UTF8.self)
            if WikiVocabulary.emoticonsByMarkup[candidate] != nil {
                let after: UInt8? = end + 1 < bytes.count ? bytes[end + 1] : following
                return !(after.map(Byte.isASCIIAlnum) ?? false)
            }
            if bytes[index] != Byte.openParen { break }
            end += 1
        }
        if end >= bytes.count, bytes[index] != Byte.openParen, let following {
            // `:` at the end of the text with `)` or `D` written next.
            let candidate = String(decoding: [bytes[index], following], as: UTF8.self)
            return WikiVocabulary.emoticonsByMarkup[candidate] != nil
        }
        return false
    }

    /// Whether the `:` at `index` ends a URL scheme a bare URL would be read from.
    private static func formsScheme(_ bytes: [UInt8], _ index: Int) -> Bool {
        if index + 2 < bytes.count, bytes[index + 1] == Byte.slash, bytes[index + 2] == Byte.slash { return true }
        let mailto = Array("mailto".utf8)
        return index >= mailto.count && Array(bytes[(index - mailto.count)..<index]).map { $0 | 0x20 } == mailto
    }

    /// Whether `&` at `index` would be read as an entity.
    private static func formsEntity(_ bytes: [UInt8], _ index: Int) -> Bool {
        var cursor = index + 1
        let limit = min(bytes.count, index + 34)
        if cursor < limit, bytes[cursor] == Byte.hash { cursor += 1 }
        let start = cursor
        while cursor < limit, Byte.isASCIIAlnum(bytes[cursor]) { cursor += 1 }
        return cursor > start && cursor < limit && bytes[cursor] == Byte.semicolon
    }
}
