// Byte-level character classes and small UTF-8 helpers shared by the block and inline passes.

// MARK: - ASCII classes

enum ASCII {
    static let tab: UInt8 = 0x09, newline: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20
    static let bang: UInt8 = 0x21, quote: UInt8 = 0x22, hash: UInt8 = 0x23, amp: UInt8 = 0x26
    static let apostrophe: UInt8 = 0x27, lparen: UInt8 = 0x28, rparen: UInt8 = 0x29, star: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B, minus: UInt8 = 0x2D, dot: UInt8 = 0x2E, slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A, semicolon: UInt8 = 0x3B, lt: UInt8 = 0x3C, equals: UInt8 = 0x3D
    static let gt: UInt8 = 0x3E, question: UInt8 = 0x3F, at: UInt8 = 0x40, lbracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C, rbracket: UInt8 = 0x5D, caret: UInt8 = 0x5E, underscore: UInt8 = 0x5F
    static let backtick: UInt8 = 0x60, pipe: UInt8 = 0x7C, tilde: UInt8 = 0x7E
}

@inline(__always) func isSpaceOrTab(_ c: UInt8) -> Bool { c == ASCII.space || c == ASCII.tab }
@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
@inline(__always) func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
@inline(__always) func isAlphanumeric(_ c: UInt8) -> Bool { isDigit(c) || isLetter(c) }
@inline(__always) func isHexDigit(_ c: UInt8) -> Bool { isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) }
@inline(__always) func lowerASCII(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

/// ASCII punctuation as CommonMark defines it (the characters a backslash can escape).
@inline(__always) func isASCIIPunctuation(_ c: UInt8) -> Bool {
    (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
}

/// Whitespace for link/label purposes: space, tab, newline, line tabulation, form feed, carriage return.
@inline(__always) func isWhitespaceByte(_ c: UInt8) -> Bool {
    c == ASCII.space || (c >= 0x09 && c <= 0x0D)
}

// MARK: - Unicode classes for delimiter flanking

/// Unicode whitespace (Zs plus tab, newline, form feed, carriage return).
func isUnicodeWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 { return isWhitespaceByte(UInt8(scalar.value)) }
    return scalar.properties.generalCategory == .spaceSeparator
}

/// Unicode punctuation as CommonMark 0.31 defines it: P* and S* general categories.
func isUnicodePunctuation(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 { return isASCIIPunctuation(UInt8(scalar.value)) }
    switch scalar.properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
         .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
        return true
    default:
        return false
    }
}

// MARK: - UTF-8 decoding at a position

/// The scalar starting at `index` (input is valid UTF-8); nil at the end.
func scalar(in bytes: [UInt8], at index: Int, end: Int) -> Unicode.Scalar? {
    guard index < end else { return nil }
    let b0 = bytes[index]
    if b0 < 0x80 { return Unicode.Scalar(b0) }
    var value: UInt32
    var count: Int
    if b0 >= 0xF0 { value = UInt32(b0 & 0x07); count = 3 } else if b0 >= 0xE0 { value = UInt32(b0 & 0x0F); count = 2 } else { value = UInt32(b0 & 0x1F); count = 1 }
    var i = index + 1
    while count > 0, i < end {
        value = (value << 6) | UInt32(bytes[i] & 0x3F)
        i += 1
        count -= 1
    }
    return Unicode.Scalar(value)
}

/// The scalar that ends just before `index`; nil at the start.
func scalar(in bytes: [UInt8], before index: Int, start: Int) -> Unicode.Scalar? {
    guard index > start else { return nil }
    var i = index - 1
    while i > start, bytes[i] & 0xC0 == 0x80 { i -= 1 }
    return scalar(in: bytes, at: i, end: index)
}

/// Appends the UTF-8 encoding of `value` (invalid or zero code points become U+FFFD).
func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
    var v = value
    if v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { v = 0xFFFD }
    if v < 0x80 {
        out.append(UInt8(v))
    } else if v < 0x800 {
        out.append(UInt8(0xC0 | (v >> 6)))
        out.append(UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
        out.append(UInt8(0xE0 | (v >> 12)))
        out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (v & 0x3F)))
    } else {
        out.append(UInt8(0xF0 | (v >> 18)))
        out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (v & 0x3F)))
    }
}

extension Array where Element == UInt8 {
    /// Appends the bytes of a static ASCII/UTF-8 string.
    @inline(__always) mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { self.append(contentsOf: $0) }
    }
}

/// The text of a byte slice.
@inline(__always) func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
@inline(__always) func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
