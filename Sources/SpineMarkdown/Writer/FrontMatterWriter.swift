// Writes document metadata as front matter in the YAML subset the reader accepts.

import SpineCore

enum FrontMatterWriter {
    static let reservedKeys: Set<String> = ["title", "space", "parent", "parent_id", "labels", "source_format", "source_id", "source_url", "source_version"]

    /// `---` … `---` and a blank line, or nothing for empty metadata.
    static func write(_ metadata: Metadata, diagnostics: inout [Diagnostic]) -> [UInt8] {
        guard !metadata.isEmpty else { return [] }
        var lines: [String] = ["---"]
        if let title = metadata.title { lines.append("title: " + quoted(title)) }
        if let space = metadata.spaceKey { lines.append("space: " + quoted(space)) }
        if let parentTitle = metadata.parent?.title { lines.append("parent: " + quoted(parentTitle)) }
        if let parentID = metadata.parent?.id { lines.append("parent_id: " + quoted(parentID)) }
        if metadata.parent != nil, metadata.parent?.title == nil, metadata.parent?.id == nil {
            diagnostics.append(.warning("markdown.front-matter-parent", "an empty parent reference was not written"))
        }
        if !metadata.labels.isEmpty {
            lines.append("labels:")
            for label in metadata.labels { lines.append("  - " + quoted(label)) }
        }
        if let source = metadata.source {
            lines.append("source_format: " + quoted(source.format))
            if let id = source.id { lines.append("source_id: " + quoted(id)) }
            if let url = source.url { lines.append("source_url: " + quoted(url)) }
            if let version = source.version { lines.append("source_version: " + String(version)) }
        }
        for field in metadata.extra {
            let key = field.key
            guard isWritableKey(key), !reservedKeys.contains(key) else {
                diagnostics.append(.warning("markdown.front-matter-key", "metadata key '\(key)' cannot be written as front matter and was dropped"))
                continue
            }
            switch field.value {
            case .array(let items) where items.isEmpty:
                lines.append(key + ": []")
            case .array(let items) where items.allSatisfy(isScalar):
                lines.append(key + ":")
                for item in items { lines.append("  - " + scalar(item)) }
            case .array, .object:
                diagnostics.append(.warning("markdown.front-matter-value", "metadata '\(key)' holds nested data; it was written as JSON text"))
                lines.append(key + ": " + quoted(String(decoding: JSONWriter.compact.write(field.value), as: UTF8.self)))
            default:
                lines.append(key + ": " + scalar(field.value))
            }
        }
        // nothing writable (only dropped keys): an empty `---`/`---` pair would read as two rules
        guard lines.count > 1 else { return [] }
        lines.append("---")
        return Array((lines.joined(separator: "\n") + "\n\n").utf8)
    }

    static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: return false
        default: return true
        }
    }

    static func isWritableKey(_ key: String) -> Bool {
        guard let first = key.utf8.first, let last = key.utf8.last, first != ASCII.space, last != ASCII.space, first != ASCII.hash,
              first != ASCII.minus else { return false }
        return key.utf8.allSatisfy { isAlphanumeric($0) || $0 == ASCII.minus || $0 == ASCII.underscore || $0 == ASCII.dot || $0 == ASCII.space || $0 >= 0x80 }
    }

    static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return FrontMatter.isNumber(n) ? n : quoted(n)
        case .string(let s): return quoted(s)
        case .array, .object: return quoted(String(decoding: JSONWriter.compact.write(value), as: UTF8.self))
        }
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for ch in text.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if ch.value < 0x20 || ch.value == 0x7F {
                    let hex = String(ch.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out + "\""
    }
}
