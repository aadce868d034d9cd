// Byte-level helpers shared by the wiki block and inline parsers: character classes,
// UTF-8 word tests, bounded "next occurrence" searches and source locations.

import SpineCore

// MARK: - ASCII byte constants

/// Named ASCII bytes, so the parsers read like the syntax they recognise.
enum Byte {
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let bang: UInt8 = 0x21        // !
    static let quote: UInt8 = 0x22       // "
    static let hash: UInt8 = 0x23        // #
    static let ampersand: UInt8 = 0x26   // &
    static let openParen: UInt8 = 0x28   // (
    static let closeParen: UInt8 = 0x29  // )
    static let star: UInt8 = 0x2A        // *
    static let plus: UInt8 = 0x2B        // +
    static let comma: UInt8 = 0x2C       // ,
    static let dash: UInt8 = 0x2D        // -
    static let dot: UInt8 = 0x2E         // .
    static let slash: UInt8 = 0x2F       // /
    static let colon: UInt8 = 0x3A       // :
    static let semicolon: UInt8 = 0x3B   // ;
    static let equals: UInt8 = 0x3D      // =
    static let question: UInt8 = 0x3F    // ?
    static let openBracket: UInt8 = 0x5B // [
    static let backslash: UInt8 = 0x5C   // \
    static let closeBracket: UInt8 = 0x5D // ]
    static let caret: UInt8 = 0x5E       // ^
    static let underscore: UInt8 = 0x5F  // _
    static let openBrace: UInt8 = 0x7B   // {
    static let pipe: UInt8 = 0x7C        // |
    static let closeBrace: UInt8 = 0x7D  // }
    static let tilde: UInt8 = 0x7E       // ~

    /// Space or tab: the blanks that separate words on one line.
    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// Any ASCII whitespace, line ends included.
    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn || byte == 0x0C
    }

    @inline(__always) static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always) static func isASCIIAlnum(_ byte: UInt8) -> Bool { isASCIILetter(byte) || isDigit(byte) }

    /// ASCII punctuation: what a backslash escapes.
    @inline(__always) static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40)
            || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7E)
    }

    /// The delimiter characters of simple text effects.
    @inline(__always) static func isEffectDelimiter(_ byte: UInt8) -> Bool {
        byte == star || byte == underscore || byte == dash || byte == plus || byte == caret || byte == tilde
    }
}

// MARK: - Word characters (Unicode aware, decoded only at delimiters)

/// Letter-or-digit tests on UTF-8 text, as Jira's word-boundary rules need them.
enum WordClass {
    /// True when the scalar is a letter, a digit or a combining mark.
    static func isWordScalar(_ value: UInt32) -> Bool {
        if value < 0x80 { return Byte.isASCIIAlnum(UInt8(value)) }
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// Whether the character ending just before `index` is a word character (false at `start`).
    static func isWord(before index: Int, start: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index > start else { return false }
        let last = text[index - 1]
        if last < 0x80 { return Byte.isASCIIAlnum(last) }
        var lead = index - 1
        while lead > start, lead > index - 4, text[lead] & 0xC0 == 0x80 { lead -= 1 }
        return isWordScalar(decode(at: lead, end: index, in: text))
    }

    /// Whether the character starting at `index` is a word character (false at `end`).
    static func isWord(at index: Int, end: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index < end else { return false }
        let first = text[index]
        if first < 0x80 { return Byte.isASCIIAlnum(first) }
        return isWordScalar(decode(at: index, end: end, in: text))
    }

    /// Decodes one scalar; malformed sequences give U+FFFD (not a word character).
    private static func decode(at index: Int, end: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let lead = UInt32(text[index])
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC0...0xDF: length = 2; value = lead & 0x1F
        case 0xE0...0xEF: length = 3; value = lead & 0x0F
        case 0xF0...0xF7: length = 4; value = lead & 0x07
        default: return 0xFFFD
        }
        guard index + length <= end else { return 0xFFFD }
        for offset in 1..<length {
            let byte = UInt32(text[index + offset])
            guard byte & 0xC0 == 0x80 else { return 0xFFFD }
            value = (value << 6) | (byte & 0x3F)
        }
        return value
    }
}

// MARK: - Bounded searches

/// Finds the next occurrence of a byte before a limit, remembering its last answer so that
/// repeated searches from increasing positions (one per `[` or `!` on a long line) stay linear.
struct NextByteFinder {
    let target: UInt8
    /// When set, the target must be followed by this byte (`}}`).
    let second: UInt8?
    private var queryFrom = Int.max
    private var queryLimit = -1
    private var answer: Int?

    init(_ target: UInt8, followedBy second: UInt8? = nil) {
        self.target = target
        self.second = second
    }

    /// The first index in `from..<limit` holding the target byte (and `second` after it), or nil.
    mutating func next(from: Int, limit: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        if limit == queryLimit, from >= queryFrom {
            guard let known = answer else { return nil }
            if from <= known { return known }
        }
        var index = from
        var found: Int?
        while index < limit {
            if text[index] == target {
                guard let second else { found = index; break }
                if index + 1 < limit, text[index + 1] == second { found = index; break }
            }
            index += 1
        }
        queryFrom = from
        queryLimit = limit
        answer = found
        return found
    }
}

// MARK: - Source locations

/// Maps byte offsets to 1-based line and column numbers for diagnostics.
struct LineIndex {
    private var lineStarts: [Int] = [0]

    init(_ text: UnsafeBufferPointer<UInt8>) {
        for index in 0..<text.count where text[index] == Byte.newline { lineStarts.append(index + 1) }
    }

    /// The location of `offset`.
    func location(of offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(line: low + 1, column: offset - lineStarts[low] + 1)
    }
}

// MARK: - Text slices

extension UnsafeBufferPointer where Element == UInt8 {
    /// The bytes `start..<end` as a String (invalid UTF-8 becomes U+FFFD).
    func string(_ start: Int, _ end: Int) -> String {
        guard start < end else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: self[start..<end]), as: UTF8.self)
    }

    /// Whether the bytes at `index` spell `literal` (ASCII, case-insensitive when asked).
    func matches(_ literal: StaticString, at index: Int, end: Int, caseInsensitive: Bool = false) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count {
            var byte = self[index + offset]
            if caseInsensitive, byte >= 0x41, byte <= 0x5A { byte += 0x20 }
            if byte != pointer[offset] { return false }
        }
        return true
    }
}
