// A byte-level JSON parser (RFC 8259) with located errors and bounded nesting.

/// Parses JSON text from UTF-8 bytes. Linear in the input; nesting is bounded so hostile
/// input cannot exhaust the stack. Errors carry line, column and the JSON path reached.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let defaultMaxDepth = 512

    /// Parses one JSON text (surrounding whitespace and a UTF-8 BOM allowed).
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(SpineError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(SpineError) -> JSONValue in
            var parser = JSONParser(buffer, maxDepth: maxDepth)
            return try parser.parseDocument()
        }
    }

    /// Parses JSON text given as a string.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(SpineError) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private let maxDepth: Int
    /// The containers entered, for error paths: an element index (≥ 0), or a member as
    /// `-(offset + 1)` where `offset` is its name's opening quote (spelled only on error).
    private var path: [Int] = []
    /// Members and elements of the containers being parsed, shared by all levels so each
    /// object or array is allocated once at its final size (moved, not copied, out of the stack).
    private let memberStack = MoveStack<JSONObject.Member>()
    private let elementStack = MoveStack<JSONValue>()

    private init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    // MARK: - Grammar

    private mutating func parseDocument() throws(SpineError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        skipWhitespace()
        if position == bytes.count { throw error("empty input: expected a JSON value") }
        let value = try parseValue()
        skipWhitespace()
        if position != bytes.count { throw error("unexpected data after the JSON value") }
        return value
    }

    private mutating func parseValue() throws(SpineError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of input: expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character \(describe(bytes[position])): expected a value")
        }
    }

    private mutating func parseObject() throws(SpineError) -> JSONValue {
        guard path.count < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(JSONObject())
        }
        let base = memberStack.count
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error(position < bytes.count ? "expected a member name in quotes" : "unexpected end of input inside an object")
            }
            let keyStart = position
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after member name \"\(key)\"")
            }
            position += 1
            skipWhitespace()
            path.append(-(keyStart + 1))
            let value = try parseValue()
            path.removeLast()
            memberStack.push(JSONObject.Member(key, value))
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input inside an object") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(JSONObject(memberStack.pop(from: base)))
            }
            throw error("expected ',' or '}' in an object")
        }
    }

    private mutating func parseArray() throws(SpineError) -> JSONValue {
        guard path.count < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array([])
        }
        let base = elementStack.count
        while true {
            skipWhitespace()
            path.append(elementStack.count - base)
            let value = try parseValue()
            path.removeLast()
            elementStack.push(value)
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input inside an array") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(elementStack.pop(from: base))
            }
            throw error("expected ',' or ']' in an array")
        }
    }

    private mutating func parseNumber() throws(SpineError) -> JSONValue {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number: digit expected after '.'") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number: digit expected in exponent") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
    }

    /// Parses a string starting at the opening quote. The common case (no escapes) is one scan
    /// that also notes whether any byte is non-ASCII; the String is then built from the input
    /// slice once (validated only when it holds non-ASCII bytes). Escapes fall back to a buffer.
    private mutating func parseString() throws(SpineError) -> String {
        position += 1
        let start = position
        var highBits: UInt8 = 0
        // Eight bytes at a time while none is a quote, a backslash or a control character;
        // the byte loop below takes over at the first word that holds one.
        if let base = bytes.baseAddress {
            while position + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                if JSONParser.holdsSpecialByte(word) { break }
                if word & 0x8080_8080_8080_8080 != 0 { highBits = 0x80 }
                position += 8
            }
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = try makeString(UnsafeBufferPointer(rebasing: bytes[start..<position]), ascii: highBits < 0x80)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character \(describe(byte)) inside a string") }
            highBits |= byte
            position += 1
        }
        return try parseEscapedString(from: start, ascii: highBits < 0x80)
    }

    /// The rest of a string that holds escapes: copied run by run into one buffer.
    private mutating func parseEscapedString(from start: Int, ascii: Bool) throws(SpineError) -> String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(position - start + 32)
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        var isASCII = ascii
        while position < bytes.count {
            let runStart = position
            var highBits: UInt8 = 0
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                highBits |= byte
                position += 1
            }
            if position > runStart { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position])) }
            if highBits >= 0x80 { isASCII = false }
            guard position < bytes.count else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return try buffer.withUnsafeBufferPointer { (slice) throws(SpineError) -> String in
                    try makeString(slice, ascii: isASCII)
                }
            }
            if byte < 0x20 { throw error("control character \(describe(byte)) inside a string") }
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try parseUnicodeEscape()
                if scalar >= 0x80 { isASCII = false }
                appendScalar(scalar, to: &buffer)
            default:
                position -= 1
                throw error("invalid escape \\\(describe(escape)) in a string")
            }
        }
        throw error("unexpected end of input inside a string")
    }

    /// A String from UTF-8 bytes. ASCII needs no validation; other text is checked with
    /// `UTF8Validation` so malformed input is refused, never repaired silently.
    private func makeString(_ slice: UnsafeBufferPointer<UInt8>, ascii: Bool) throws(SpineError) -> String {
        if !ascii, !UTF8Validation.isValid(slice) { throw error("string is not valid UTF-8") }
        return String(decoding: slice, as: UTF8.self)
    }

    /// Parses the hex digits after `\u`, combining a surrogate pair; a lone surrogate becomes U+FFFD.
    private mutating func parseUnicodeEscape() throws(SpineError) -> UInt32 {
        let first = try parseHex4()
        if first >= 0xD800, first < 0xDC00 {
            if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                let save = position
                position += 2
                let second = try parseHex4()
                if second >= 0xDC00, second < 0xE000 {
                    return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                }
                position = save
            }
            return 0xFFFD
        }
        if first >= 0xDC00, first < 0xE000 { return 0xFFFD }
        return first
    }

    private mutating func parseHex4() throws(SpineError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("unexpected end of input in a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit \(describe(byte)) in a \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private func appendScalar(_ scalar: UInt32, to buffer: inout [UInt8]) {
        let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        buffer.append(contentsOf: UTF8.encode(value)!)
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(SpineError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("unexpected end of input: expected \(literal)") }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count where bytes[position + offset] != expected[offset] {
            throw error("invalid literal: expected \(literal)")
        }
        position += count
    }

    // MARK: - Helpers

    /// Whether any byte of `word` is `"`, `\\` or below 0x20 (exact tests for a zero byte and
    /// for a byte below 0x20, after XOR with the byte looked for).
    @inline(__always) private static func holdsSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let zeroInQuote = (quote &- ones) & ~quote & high
        let zeroInBackslash = (backslash &- ones) & ~backslash & high
        let below20 = (word &- ones &* 0x20) & ~word & high
        return zeroInQuote | zeroInBackslash | below20 != 0
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F { return "'" + String(UnicodeScalar(byte)) + "'" }
        return "0x" + String(byte, radix: 16, uppercase: true)
    }

    /// An error at the current position, with line, column and the JSON path reached.
    private func error(_ message: String) -> SpineError {
        var line = 1
        var lineStart = 0
        let end = min(position, bytes.count)
        for index in 0..<end where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return SpineError.malformed("json.syntax", message,
                                    at: SourceLocation(line: line, column: end - lineStart + 1, path: renderPath()))
    }

    private func renderPath() -> String {
        var text = "$"
        for component in path {
            if component >= 0 {
                text += "[" + String(component) + "]"
            } else {
                // The name parsed before (it was valid); read again from its opening quote.
                var reader = self
                reader.position = -component - 1
                text += JSONPath.member((try? reader.parseString()) ?? "")
            }
        }
        return text
    }
}

/// Helpers to spell JSON paths the same way everywhere (`$.fields.summary`, `$.issues[2]`, `$["odd key"]`).
public enum JSONPath {
    /// The path step for member `key`.
    public static func member(_ key: String) -> String {
        let plain = !key.isEmpty && key.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
        }
        if plain { return "." + key }
        var quoted = "[\""
        for character in key.unicodeScalars {
            if character == "\"" || character == "\\" { quoted += "\\" }
            quoted.unicodeScalars.append(character)
        }
        return quoted + "\"]"
    }

    /// `path` extended by member `key`.
    public static func appending(_ path: String, _ key: String) -> String { path + member(key) }

    /// `path` extended by element `index`.
    public static func appending(_ path: String, index: Int) -> String { path + "[" + String(index) + "]" }
}
