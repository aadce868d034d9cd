// Writes a requirement in Spine's Markdown convention (see Formats/markdown.md): marker comments
// around a heading, a field list, the description, the acceptance criteria and the children.

import SpineCore

extension MarkdownRenderer {
    mutating func requirement(_ requirement: Requirement) -> [UInt8] {
        func marker(_ name: String, _ attributes: [Attribute] = []) -> Block {
            .raw(Raw(format: "html", content: BlockConventions.comment(name, attributes)))
        }
        var parts: [Block] = [marker("requirement", requirement.key.map { [Attribute("key", $0)] } ?? [])]
        let summarySafe = RequirementValues.isSafeText(requirement.summary)
        let shown = summarySafe ? requirement.summary : requirement.summary.replacingAll("\n", " ").trimmingSpaces
        let title = (requirement.key.map { $0 + ": " } ?? "") + shown
        // One level below the section the requirement sits in (a document's top-level requirements
        // under no heading get level 2); children one below their parent. The reader accepts any level.
        let enclosingLevel = sectionLevel
        let level = min(max(enclosingLevel, 1) + 1, 6)
        parts.append(.heading(Heading(level: level, content: title.isEmpty ? [] : [.text(title)])))
        var items: [ListItem] = []
        if !summarySafe { items.append(fieldItem(RequirementFields.summary, RequirementValues.string(requirement.summary))) }
        for (name, value) in RequirementFields.scalarFields(requirement) {
            items.append(fieldItem(name, RequirementValues.string(value)))
        }
        for (name, values) in RequirementFields.listFields(requirement) {
            items.append(fieldItem(name, RequirementValues.list(values)))
        }
        if !requirement.links.isEmpty {
            let links = requirement.links.map { ListItem(blocks: [.paragraph(RequirementValues.link($0))]) }
            items.append(ListItem(blocks: [.paragraph([.strong([.text(RequirementFields.links + ":")])]),
                                          .list(ListBlock(kind: .bullet, tight: true, items: links))]))
        }
        if !requirement.fields.isEmpty {
            let fields = requirement.fields.map { fieldItem($0.key, RequirementValues.json($0.value)) }
            items.append(ListItem(blocks: [.paragraph([.strong([.text(RequirementFields.fields + ":")])]),
                                          .list(ListBlock(kind: .bullet, tight: true, items: fields))]))
        }
        if !items.isEmpty { parts.append(.list(ListBlock(kind: .bullet, tight: true, items: items))) }
        if !requirement.description.isEmpty {
            parts.append(marker("description"))
            parts += requirement.description
        }
        if !requirement.acceptanceCriteria.isEmpty {
            parts.append(marker("acceptance-criteria"))
            parts.append(.paragraph([.strong([.text(RequirementReader.acceptanceLabel)])]))
            parts += requirement.acceptanceCriteria
        }
        var out = blocks(parts, tight: false)
        if !requirement.children.isEmpty {
            out += Array(("\n\n" + BlockConventions.comment("children")).utf8)
            for child in requirement.children {
                sectionLevel = level
                out += [ASCII.newline, ASCII.newline] + self.requirement(child)
            }
        }
        out += Array(("\n\n" + BlockConventions.comment("/requirement")).utf8)
        // Headings inside the requirement do not change the level of the section around it.
        sectionLevel = enclosingLevel
        return out
    }

    func fieldItem(_ name: String, _ value: [Inline]) -> ListItem {
        ListItem(blocks: [.paragraph([.strong([.text(name + ":")]), .text(" ")] + value)])
    }
}

/// How requirement field values are written as inlines and read back.
enum RequirementValues {
    /// Text that reads back unchanged when written as escaped Markdown text.
    static func isSafeText(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        let edges: Set<Unicode.Scalar> = [" ", "\t", "\u{A0}"]
        return !edges.contains(first) && !edges.contains(last) && !text.contains("\n") && !text.contains("\r")
            && !text.contains("  ") && !text.contains("\t")
    }

    static func string(_ text: String) -> [Inline] {
        isSafeText(text) ? [.text(text)] : [.code(jsonText(.string(text)))]
    }

    static func jsonText(_ value: JSONValue) -> String {
        String(decoding: JSONWriter.compact.write(value), as: UTF8.self)
    }

    static func isSafeCode(_ text: String) -> Bool {
        !text.isEmpty && !text.contains("\n") && !text.contains("\r")
    }

    static func list(_ values: [String]) -> [Inline] {
        if values.allSatisfy(isSafeCode), !(values.count == 1 && values[0].hasPrefix("[")) {
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

    static func link(_ link: IssueLink) -> [Inline] {
        var values = [link.type, link.direction.rawValue, link.key]
        if let v = link.description { values.append("description=" + v) }
        if let v = link.summary { values.append("summary=" + v) }
        if let v = link.status { values.append("status=" + v) }
        if let v = link.statusCategory { values.append("category=" + v.rawValue) }
        var out: [Inline] = []
        for (i, value) in values.enumerated() {
            if i > 0 { out.append(.text(" ")) }
            out.append(.code(isSafeCode(value) ? value : value.replacingAll("\n", " ")))
        }
        return out
    }
}
