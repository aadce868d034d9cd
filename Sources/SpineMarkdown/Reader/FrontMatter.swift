// Front matter: the leading `---` YAML block, in the subset Markdown publishers use.

import SpineCore

/// Parses and maps front matter. Supported YAML: `key: scalar`, quoted strings, inline lists
/// `[a, b]`, block lists (`key:` then `- item` lines), comments and blank lines. Anything else
/// is a located error rather than a guess.
enum FrontMatter {
    /// If `input` starts with front matter, its metadata and the index where the body starts.
    static func parse(_ input: [UInt8]) throws(SpineError) -> (metadata: Metadata, bodyStart: Int, bodyLine: Int)? {
        guard let firstEnd = lineEnd(input, from: 0), isFence(input[0..<firstEnd], "---") else { return nil }
        var lines: [(Int, ArraySlice<UInt8>)] = []
        var start = next(after: firstEnd, in: input)
        var line = 2
        while start < input.count {
            let end = lineEnd(input, from: start) ?? input.count
            let text = input[start..<end]
            if isFence(text, "---") || isFence(text, "...") {
                // Only a block that starts like YAML (`key:`) is front matter; anything else
                // (a rule followed by a setext heading, say) is Markdown.
                guard let firstLine = lines.first(where: { !string($0.1).trimmingSpaces.isEmpty && !string($0.1).hasPrefix("#") }),
                      firstLine.1.first.map(isSpaceOrTab) == false, keyEnd(firstLine.1) != nil else { return nil }
                let metadata = try mapping(lines)
                return (metadata, next(after: end, in: input), line + 1)
            }
            lines.append((line, text))
            start = next(after: end, in: input)
            line += 1
        }
        return nil
    }

    static func lineEnd(_ b: [UInt8], from: Int) -> Int? {
        var i = from
        while i < b.count, b[i] != ASCII.newline, b[i] != ASCII.cr { i += 1 }
        return i
    }

    static func next(after end: Int, in b: [UInt8]) -> Int {
        if end < b.count, b[end] == ASCII.cr, end + 1 < b.count, b[end + 1] == ASCII.newline { return end + 2 }
        return end + 1
    }

    static func isFence(_ line: ArraySlice<UInt8>, _ fence: StaticString) -> Bool {
        var trimmed = line
        while let last = trimmed.last, isSpaceOrTab(last) { trimmed = trimmed.dropLast() }
        return trimmed.elementsEqual(UnsafeBufferPointer(start: fence.utf8Start, count: fence.utf8CodeUnitCount))
    }

    // MARK: - Key/value pairs

    static func mapping(_ lines: [(Int, ArraySlice<UInt8>)]) throws(SpineError) -> Metadata {
        var fields: [(key: String, value: JSONValue, line: Int)] = []
        var index = 0
        while index < lines.count {
            let (number, text) = lines[index]
            index += 1
            let trimmed = string(text).trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let first = text.first, !isSpaceOrTab(first), let colon = keyEnd(text) else {
                throw error("expected `key: value`", line: number, column: 1)
            }
            let key = string(text[text.startIndex..<colon])
            let rest = string(text[(colon + 1)...]).trimmingSpaces
            if rest.isEmpty || rest.hasPrefix("#") {
                // a block list may follow
                var items: [JSONValue] = []
                while index < lines.count {
                    let (itemLine, itemText) = lines[index]
                    let item = string(itemText).trimmingSpaces
                    if item.isEmpty || item.hasPrefix("#") { index += 1; continue }
                    guard item.hasPrefix("- ") || item == "-" else { break }
                    guard itemText.first.map(isSpaceOrTab) == true || itemText.first == ASCII.minus else { break }
                    items.append(try scalar(String(item.dropFirst()).trimmingSpaces, line: itemLine))
                    index += 1
                }
                if index < lines.count, let next = lines[index].1.first, isSpaceOrTab(next) {
                    throw error("nested mappings are not supported in front matter", line: lines[index].0, column: 1)
                }
                fields.append((key, items.isEmpty ? .null : .array(items), number))
            } else if rest.hasPrefix("|") || rest.hasPrefix(">") || rest.hasPrefix("{") || rest.hasPrefix("&") || rest.hasPrefix("*") {
                throw error("unsupported YAML value (block scalar, flow mapping, anchor or alias)", line: number, column: colon + 2 - text.startIndex)
            } else {
                fields.append((key, try value(rest, line: number), number))
            }
        }
        var metadata = Metadata()
        for field in fields {
            switch field.key {
            case "title": metadata.title = text(field.value)
            case "space": metadata.spaceKey = text(field.value)
            case "parent": metadata.parent = PageReference(id: metadata.parent?.id, title: text(field.value))
            case "parent_id": metadata.parent = PageReference(id: text(field.value), title: metadata.parent?.title)
            case "labels":
                switch field.value {
                case .array(let items): metadata.labels = items.compactMap(text)
                case .null: metadata.labels = []
                default: metadata.labels = text(field.value).map { [$0] } ?? []
                }
            case "source_format", "source_id", "source_url", "source_version":
                var source = metadata.source ?? SourceInfo(format: "")
                switch field.key {
                case "source_format": source.format = text(field.value) ?? ""
                case "source_id": source.id = text(field.value)
                case "source_url": source.url = text(field.value)
                default: source.version = field.value.intValue ?? text(field.value).flatMap { Int($0) }
                }
                metadata.source = source
            default:
                metadata.extra.append(Field(field.key, field.value))
            }
        }
        return metadata
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s), .number(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }

    static func keyEnd(_ text: ArraySlice<UInt8>) -> Int? {
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == ASCII.colon { return i + 1 == text.endIndex || isSpaceOrTab(text[i + 1]) ? i : nil }
            guard isAlphanumeric(c) || c == ASCII.minus || c == ASCII.underscore || c == ASCII.dot || c == ASCII.space || c >= 0x80 else { return nil }
            i += 1
        }
        return nil
    }

    static func error(_ message: String, line: Int, column: Int) -> SpineError {
        .malformed("markdown.front-matter", "front matter: " + message, at: SourceLocation(line: line, column: column))
    }

    // MARK: - Values

    static func value(_ text: String, line: Int) throws(SpineError) -> JSONValue {
        guard text.hasPrefix("[") else { return try scalar(text, line: line) }
        guard let close = text.lastIndex(of: "]") else { throw error("unterminated inline list", line: line, column: 1) }
        let after = text[text.index(after: close)...].trimmingCharacters
        guard after.isEmpty || after.hasPrefix("#") else { throw error("unexpected text after inline list", line: line, column: 1) }
        let inner = text[text.index(after: text.startIndex)..<close]
        var items: [JSONValue] = []
        var current = ""
        var quote: Character?
        var escaped = false
        for ch in inner {
            if let q = quote {
                current.append(ch)
                if escaped { escaped = false } else if ch == "\\" && q == "\"" { escaped = true } else if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
                current.append(ch)
            } else if ch == "," {
                items.append(try scalar(current.trimmingSpaces, line: line))
                current = ""
            } else if ch == "[" || ch == "{" {
                throw error("nested collections are not supported in front matter", line: line, column: 1)
            } else {
                current.append(ch)
            }
        }
        let last = current.trimmingSpaces
        if !last.isEmpty || !items.isEmpty { items.append(try scalar(last, line: line)) }
        return .array(items)
    }

    static func scalar(_ text: String, line: Int) throws(SpineError) -> JSONValue {
        if text.hasPrefix("\"") { return .string(try doubleQuoted(text, line: line)) }
        if text.hasPrefix("'") {
            guard text.count >= 2, text.hasSuffix("'") else { throw error("unterminated single-quoted string", line: line, column: 1) }
            return .string(String(text.dropFirst().dropLast()).replacingAll("''", "'"))
        }
        var plain = text
        if let hash = plain.utf8.indices.first(where: { i in
            plain.utf8[i] == ASCII.hash && i > plain.utf8.startIndex && plain.utf8[plain.utf8.index(before: i)] == ASCII.space
        }) {
            plain = String(plain[..<hash]).trimmingSpaces
        }
        switch plain {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "null", "Null", "NULL", "~", "": return .null
        default: break
        }
        if isNumber(plain) { return .number(plain) }
        return .string(plain)
    }

    static func isNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.first == ASCII.minus { bytes = bytes.dropFirst() }
        guard let first = bytes.first, isDigit(first) else { return false }
        if first == 0x30, bytes.count > 1, isDigit(bytes[bytes.startIndex + 1]) { return false }
        var seenDot = false, seenExp = false, previous: UInt8 = 0
        for c in bytes {
            if isDigit(c) {
            } else if c == ASCII.dot, !seenDot, !seenExp, isDigit(previous) {
                seenDot = true
            } else if c | 0x20 == 0x65, !seenExp, isDigit(previous) {
                seenExp = true
            } else if (c == ASCII.plus || c == ASCII.minus), previous | 0x20 == 0x65 {
            } else {
                return false
            }
            previous = c
        }
        return isDigit(previous)
    }

    static func doubleQuoted(_ text: String, line: Int) throws(SpineError) -> String {
        var out = ""
        var iterator = text.unicodeScalars.dropFirst().makeIterator()
        while let ch = iterator.next() {
            if ch == "\"" {
                return out
            } else if ch == "\\" {
                guard let escape = iterator.next() else { break }
                switch escape {
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                case "0": out += "\u{0}"
                case "\"", "\\", "/": out.unicodeScalars.append(escape)
                case "u":
                    var hex = ""
                    for _ in 0..<4 { if let h = iterator.next() { hex.unicodeScalars.append(h) } }
                    guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                        throw error("bad \\u escape in string", line: line, column: 1)
                    }
                    out.unicodeScalars.append(scalar)
                default:
                    throw error("unsupported escape \\\(escape) in string", line: line, column: 1)
                }
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        throw error("unterminated double-quoted string", line: line, column: 1)
    }
}

extension Substring {
    var trimmingCharacters: String { String(self).trimmingSpaces }
}
