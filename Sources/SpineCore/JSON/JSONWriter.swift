// Serialises JSONValue to UTF-8 bytes, compact or pretty, optionally with sorted keys.

/// Writes JSON deterministically: the same value always gives the same bytes.
public struct JSONWriter: Sendable {
    /// Indentation per level; nil writes compact JSON on one line.
    public var indent: Int?
    /// Sort object members by key (byte order) instead of keeping their order.
    public var sortKeys: Bool
    /// Escape `/` as `\/` (never needed; off by default).
    public var escapeSlashes: Bool

    public init(indent: Int? = nil, sortKeys: Bool = false, escapeSlashes: Bool = false) {
        self.indent = indent
        self.sortKeys = sortKeys
        self.escapeSlashes = escapeSlashes
    }

    /// Compact, member order kept: the form sent to REST APIs.
    public static let compact = JSONWriter()
    /// Two-space indentation and sorted keys: Spine's stable form for files people diff.
    public static let stable = JSONWriter(indent: 2, sortKeys: true)

    /// The value as bytes, with a trailing newline when pretty-printing.
    public func write(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, to: &out)
        if indent != nil { out.append(0x0A) }
        return out
    }

    /// The value as a string.
    public func string(_ value: JSONValue) -> String {
        String(decoding: write(value), as: UTF8.self)
    }

    /// Appends the value to `out` (no trailing newline).
    public func write(_ value: JSONValue, to out: inout [UInt8]) {
        write(value, depth: 0, to: &out)
    }

    private func write(_ value: JSONValue, depth: Int, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): JSONWriter.appendQuoted(text, to: &out, escapeSlashes: escapeSlashes)
        case .array(let elements):
            if elements.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1, &out)
                write(element, depth: depth + 1, to: &out)
            }
            newline(depth, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            let members = sortKeys ? object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : object.members
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1, &out)
                JSONWriter.appendQuoted(member.key, to: &out, escapeSlashes: escapeSlashes)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(0x20) }
                write(member.value, depth: depth + 1, to: &out)
            }
            newline(depth, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ depth: Int, _ out: inout [UInt8]) {
        guard let indent else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * depth))
    }

    /// Appends `text` as a JSON string literal: quotes, backslashes and control characters
    /// escaped, everything else (including non-ASCII) written as UTF-8. Runs that need no
    /// escaping are copied in one step.
    public static func appendQuoted(_ text: String, to out: inout [UInt8], escapeSlashes: Bool = false) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                        || (byte == UInt8(ascii: "/") && escapeSlashes) else { continue }
                if index > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                appendEscape(byte, to: &out)
                runStart = index + 1
            }
            if bytes.count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The escape sequence for one byte that cannot appear literally in a JSON string.
    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(0x5C)
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
            let hex: StaticString = "0123456789abcdef"
            let digits = hex.utf8Start
            out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }
    }
}
