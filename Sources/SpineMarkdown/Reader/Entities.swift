// Character references (named, decimal, hexadecimal) and backslash-escape removal.

// MARK: - Named entity lookup

enum Entities {
    /// Name (without `&` and `;`) → UTF-8 bytes, built once from the packed table.
    static let table: [[UInt8]: [UInt8]] = {
        var map: [[UInt8]: [UInt8]] = [:]
        map.reserveCapacity(2200)
        for entry in EntityTable.packed.utf8.split(separator: ASCII.semicolon) {
            guard let eq = entry.firstIndex(of: ASCII.equals) else { continue }
            let name = Array(entry[entry.startIndex..<eq])
            var value: [UInt8] = []
            for hex in entry[entry.index(after: eq)...].split(separator: 0x2C) {
                appendUTF8(UInt32(string(Array(hex)), radix: 16) ?? 0xFFFD, to: &value)
            }
            map[name] = value
        }
        return map
    }()

    /// Tries to decode a character reference starting at `index` (which holds `&`).
    /// Returns the decoded bytes and the index after the `;`.
    static func decode(_ bytes: [UInt8], at index: Int, end: Int) -> (value: [UInt8], next: Int)? {
        var i = index + 1
        guard i < end else { return nil }
        if bytes[i] == ASCII.hash {
            i += 1
            guard i < end else { return nil }
            var value: UInt32 = 0
            var digits = 0
            if bytes[i] | 0x20 == 0x78 {
                i += 1
                while i < end, isHexDigit(bytes[i]), digits < 6 {
                    let c = bytes[i]
                    value = value * 16 + UInt32(isDigit(c) ? c - 0x30 : (c | 0x20) - 0x61 + 10)
                    i += 1
                    digits += 1
                }
            } else {
                while i < end, isDigit(bytes[i]), digits < 7 {
                    value = value * 10 + UInt32(bytes[i] - 0x30)
                    i += 1
                    digits += 1
                }
            }
            guard digits > 0, i < end, bytes[i] == ASCII.semicolon else { return nil }
            var out: [UInt8] = []
            appendUTF8(value, to: &out)
            return (out, i + 1)
        }
        let nameStart = i
        while i < end, isAlphanumeric(bytes[i]), i - nameStart < 32 { i += 1 }
        guard i > nameStart, i < end, bytes[i] == ASCII.semicolon else { return nil }
        guard let value = table[Array(bytes[nameStart..<i])] else { return nil }
        return (value, i + 1)
    }

    /// Removes backslash escapes and decodes character references (link destinations,
    /// titles, info strings).
    static func unescape(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let source = Array(bytes)
        let end = source.count
        if !source.contains(ASCII.backslash) && !source.contains(ASCII.amp) { return source }
        var out: [UInt8] = []
        out.reserveCapacity(end)
        var i = 0
        while i < end {
            let c = source[i]
            if c == ASCII.backslash, i + 1 < end, isASCIIPunctuation(source[i + 1]) {
                out.append(source[i + 1])
                i += 2
            } else if c == ASCII.amp, let decoded = decode(source, at: i, end: end) {
                out.append(contentsOf: decoded.value)
                i = decoded.next
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }
}
