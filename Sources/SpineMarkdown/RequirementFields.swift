// The named fields of Spine's requirement convention, shared by the Markdown and HTML writers and the reader.

import SpineCore

enum RequirementFields {
    static let type = "Type", status = "Status", statusCategory = "Status category", priority = "Priority"
    static let assignee = "Assignee", reporter = "Reporter", account = "account", email = "email"
    static let labels = "Labels", components = "Components", fixVersions = "Fix versions", parent = "Parent"
    static let source = "Source", summary = "Summary", links = "Links", fields = "Fields"

    /// Single-valued text fields in writing order.
    static func scalarFields(_ r: Requirement) -> [(String, String)] {
        var result: [(String, String)] = []
        if let v = r.type { result.append((type, v)) }
        if let v = r.status { result.append((status, v)) }
        if let v = r.statusCategory { result.append((statusCategory, v.rawValue)) }
        if let v = r.priority { result.append((priority, v)) }
        for (name, person) in [(assignee, r.assignee), (reporter, r.reporter)] {
            guard let person else { continue }
            if let v = person.displayName { result.append((name, v)) }
            if let v = person.accountID { result.append((name + " " + account, v)) }
            if let v = person.email { result.append((name + " " + email, v)) }
        }
        if let v = r.parent { result.append((parent, v)) }
        if let v = r.sourceURL { result.append((source, v)) }
        return result
    }

    /// List-valued fields in writing order.
    static func listFields(_ r: Requirement) -> [(String, [String])] {
        [(labels, r.labels), (components, r.components), (fixVersions, r.fixVersions)].filter { !$0.1.isEmpty }
    }

    /// Everything as display strings (for HTML).
    static func displayFields(_ r: Requirement) -> [(String, String)] {
        var result = scalarFields(r)
        for (name, values) in listFields(r) { result.append((name, values.joined(separator: ", "))) }
        for link in r.links { result.append((links, (link.description ?? link.type) + " " + link.key)) }
        for field in r.fields { result.append((field.key, display(field.value))) }
        return result
    }

    static func display(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        default: return String(decoding: JSONWriter.compact.write(value), as: UTF8.self)
        }
    }
}

// MARK: - Field values in Markdown

/// A field value as the Markdown writer shows it.
enum FieldValue {
    /// A text field: escaped text when it reads back unchanged, else a JSON string in a code span.
    case text(String)
    /// A list field: code spans separated by commas, else a JSON array in a code span.
    case list([String])
    /// A custom field: a string as `.text`, anything else as compact JSON in a code span.
    case json(JSONValue)

    /// The value's inlines, as the general block writer renders them.
    var inlines: [Inline] {
        switch self {
        case .text(let text): return RequirementValues.string(text)
        case .list(let values): return RequirementValues.list(values)
        case .json(let value): return RequirementValues.json(value)
        }
    }
}

/// How requirement field values are written as inlines and read back.
enum RequirementValues {
    /// Text that reads back unchanged when written as escaped Markdown text: no space, tab or
    /// no-break space at either end, no line break, tab or double space (compared as Characters,
    /// so `\r\n` is neither `\n` nor `\r`). The byte scan decides unless it sees one of those
    /// bytes inside; then the Character comparison does.
    static func isSafeText(_ text: String) -> Bool {
        var copy = text
        let verdict: Bool? = copy.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            if first == ASCII.space || first == ASCII.tab || last == ASCII.space || last == ASCII.tab { return false }
            if bytes.count >= 2, (bytes[0] == 0xC2 && bytes[1] == 0xA0) || (bytes[bytes.count - 2] == 0xC2 && bytes[bytes.count - 1] == 0xA0) {
                return false
            }
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == ASCII.newline || byte == ASCII.cr || byte == ASCII.tab || (byte == ASCII.space && previous == ASCII.space) { return nil }
                previous = byte
            }
            return true
        }
        return verdict ?? isSafeTextByCharacters(text)
    }

    static func isSafeTextByCharacters(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        let edges: [Unicode.Scalar] = [" ", "\t", "\u{A0}"]
        return !edges.contains(first) && !edges.contains(last) && !text.contains("\n") && !text.contains("\r")
            && !text.contains("  ") && !text.contains("\t")
    }

    static func string(_ text: String) -> [Inline] {
        isSafeText(text) ? [.text(text)] : [.code(jsonText(.string(text)))]
    }

    static func jsonText(_ value: JSONValue) -> String {
        String(decoding: JSONWriter.compact.write(value), as: UTF8.self)
    }

    /// Non-empty code without a line break (compared as Characters, like `isSafeText`).
    static func isSafeCode(_ text: String) -> Bool {
        var copy = text
        let verdict: Bool? = copy.withUTF8 { bytes in
            if bytes.isEmpty { return false }
            for byte in bytes where byte == ASCII.newline || byte == ASCII.cr { return nil }
            return true
        }
        return verdict ?? (!text.contains("\n") && !text.contains("\r"))
    }

    /// Whether a list field is written as code spans (else as one JSON array).
    static func isCodeList(_ values: [String]) -> Bool {
        values.allSatisfy(isSafeCode) && !(values.count == 1 && values[0].hasPrefix("["))
    }

    static func list(_ values: [String]) -> [Inline] {
        if isCodeList(values) {
            var out: [Inline] = []
            for (i, value) in values.enumerated() {
                if i > 0 { out.append(.text(", ")) }
                out.append(.code(value))
            }
            return out
        }
        return [.code(jsonText(.array(values.map(JSONValue.string))))]
    }

    static func json(_ value: JSONValue) -> [Inline] {
        if case .string(let s) = value { return string(s) }
        return [.code(jsonText(value))]
    }

    /// A link's values in writing order: type, direction, key, then the optional details.
    static func linkValues(_ link: IssueLink) -> [String] {
        var values = [link.type, link.direction.rawValue, link.key]
        if let v = link.description { values.append("description=" + v) }
        if let v = link.summary { values.append("summary=" + v) }
        if let v = link.status { values.append("status=" + v) }
        if let v = link.statusCategory { values.append("category=" + v.rawValue) }
        return values
    }

    static func link(_ link: IssueLink) -> [Inline] {
        var out: [Inline] = []
        for (i, value) in linkValues(link).enumerated() {
            if i > 0 { out.append(.text(" ")) }
            out.append(.code(isSafeCode(value) ? value : value.replacingAll("\n", " ")))
        }
        return out
    }
}

/// The fixed pieces of a written requirement, rendered once by the general writer.
enum RequirementMarkup {
    static let open = marker("requirement")
    static let description = marker("description")
    static let acceptanceCriteria = marker("acceptance-criteria")
    /// Written after the fields and the description as they are, not as raw blocks.
    static let children = Array(BlockConventions.comment("children").utf8)
    static let close = Array(BlockConventions.comment("/requirement").utf8)
    static let acceptanceLabel = label(RequirementReader.acceptanceLabel)
    static let linksLabel = label(RequirementFields.links + ":")
    static let fieldsLabel = label(RequirementFields.fields + ":")

    /// Whether `escapeText` (outside tables, after no code span or footnote reference, before
    /// nothing) writes `bytes` unchanged. Its rules, byte by byte: `\\`, `` ` ``, `*`, `[`, `]`,
    /// `<`, `~`, `_`, line breaks may change; `(` only first; `&` and `@` by their neighbours
    /// (taken as changing); `.` only after `www`, `:` only before `//` (taken as: after `w`,
    /// before `/`); `!`, `{`, `|` never in that position.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in bytes.indices {
            switch bytes[index] {
            case ASCII.backslash, ASCII.backtick, ASCII.star, ASCII.lbracket, ASCII.rbracket, ASCII.lt, ASCII.tilde,
                 ASCII.underscore, ASCII.amp, ASCII.at, ASCII.newline, ASCII.cr:
                return false
            case ASCII.lparen where index == 0:
                return false
            case ASCII.dot where index > 0 && bytes[index - 1] == 0x77:
                return false
            case ASCII.colon where index + 1 < bytes.count && bytes[index + 1] == ASCII.slash:
                return false
            default:
                continue
            }
        }
        return true
    }

    private static func marker(_ name: String) -> [UInt8] {
        var renderer = MarkdownRenderer()
        return renderer.rawBlock(Raw(format: "html", content: BlockConventions.comment(name)))
    }

    private static func label(_ text: String) -> [UInt8] {
        var renderer = MarkdownRenderer()
        return renderer.paragraph([.strong([.text(text)])])
    }
}
