// A byte buffer for writing XML: escaping and the few markup shapes the writers need.

/// Appends UTF-8 XML to one growing byte array. Text is escaped for element content or
/// attribute values; characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/F)
/// are dropped and counted so the writer can report them.
struct XMLBytes {
    private(set) var bytes: [UInt8] = []
    /// How many forbidden characters were dropped.
    private(set) var droppedCharacters = 0

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends markup verbatim (the caller guarantees it is well-formed).
    mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Appends raw bytes verbatim.
    mutating func raw<Bytes: Sequence>(bytes other: Bytes) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: other)
    }

    /// Appends `text` escaped for element content.
    mutating func text(_ text: String) {
        escape(text, quotes: false)
    }

    /// Appends `text` escaped for a double-quoted attribute value.
    mutating func attribute(_ text: String) {
        escape(text, quotes: true)
    }

    /// `<name attr="value"/>` with one escaped attribute.
    mutating func empty(_ name: String, _ attribute: String, _ value: String) {
        raw("<" + name + " " + attribute + "=\"")
        self.attribute(value)
        raw("\"/>")
    }

    private mutating func escape(_ text: String, quotes: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                var replacement: StaticString?
                var drop = false
                switch byte {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): if quotes { replacement = "&quot;" }
                case 0x09, 0x0A, 0x0D: if quotes { replacement = byte == 0x09 ? "&#9;" : byte == 0x0A ? "&#10;" : "&#13;" }
                case 0..<0x20: drop = true
                case 0xEF:
                    // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters.
                    if index + 2 < count, utf8[index + 1] == 0xBF, utf8[index + 2] >= 0xBE {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                        droppedCharacters += 1
                        index += 3
                        start = index
                        continue
                    }
                default: break
                }
                if replacement != nil || drop {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                    if let replacement {
                        replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
                    } else {
                        droppedCharacters += 1
                    }
                    start = index + 1
                }
                index += 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<count]))
        }
    }
}
