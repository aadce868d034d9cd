// Reads Spine's Markdown form of a requirement back into a `Requirement`.

import SpineCore

enum RequirementReader {
    static let acceptanceLabel = "Acceptance criteria"

    /// The requirement between `<!-- spine:requirement -->` and `<!-- /spine:requirement -->`;
    /// nil when the content does not have the convention's shape (it then stays as written).
    static func read(_ marker: BlockConventions.Marker, _ content: [Block]) -> Requirement? {
        guard case .heading(let heading) = content.first else { return nil }
        let key = marker.attributes[named: "key"]
        var summary = PlainText.of(heading.content)
        if let key, summary.hasPrefix(key + ":") {
            summary = String(summary.dropFirst(key.count + 1))
            if summary.hasPrefix(" ") { summary.removeFirst() }
        }
        var requirement = Requirement(key: key, summary: summary)
        var index = 1
        if index < content.count, case .list(let list) = content[index], case .bullet = list.kind,
           let fields = fieldList(list) {
            apply(fields, to: &requirement)
            index += 1
        }
        var section = 0 // 0 description, 1 acceptance criteria, 2 children
        var firstInSection = false
        while index < content.count {
            let block = content[index]
            index += 1
            if let m = BlockConventions.marker(block) {
                switch m.name {
                case "description": section = 0; continue
                case "acceptance-criteria": section = 1; firstInSection = true; continue
                case "children": section = 2; continue
                default: break
                }
            }
            switch section {
            case 0:
                requirement.description.append(block)
            case 1:
                if firstInSection, block == .paragraph([.strong([.text(acceptanceLabel)])]) {
                    firstInSection = false
                    continue
                }
                firstInSection = false
                requirement.acceptanceCriteria.append(block)
            default:
                guard case .requirement(let child) = block else { return nil }
                requirement.children.append(child)
            }
        }
        return requirement
    }

    // MARK: - Fields

    enum Value {
        case inlines([Inline])
        case list([ListItem])
    }

    /// `- **Name:** value` items; nil when any item has another shape.
    static func fieldList(_ list: ListBlock) -> [(String, Value)]? {
        var result: [(String, Value)] = []
        for item in list.items {
            guard case .paragraph(let inlines)? = item.blocks.first, case .strong(let label)? = inlines.first else { return nil }
            var name = PlainText.of(label)
            guard name.hasSuffix(":") else { return nil }
            name.removeLast()
            if item.blocks.count == 2, case .list(let nested) = item.blocks[1], inlines.count == 1 {
                result.append((name, .list(nested.items)))
                continue
            }
            guard item.blocks.count == 1 else { return nil }
            var rest = Array(inlines.dropFirst())
            if case .text(let t)? = rest.first, t.hasPrefix(" ") {
                rest[0] = .text(String(t.dropFirst()))
                if t == " " { rest.removeFirst() }
            }
            result.append((name, .inlines(rest)))
        }
        return result
    }

    static func apply(_ fields: [(String, Value)], to r: inout Requirement) {
        for (name, value) in fields {
            switch value {
            case .list(let items):
                if name == RequirementFields.links {
                    r.links += items.compactMap(link)
                } else if name == RequirementFields.fields {
                    for item in items {
                        guard case .paragraph(let inlines)? = item.blocks.first, let parsed = fieldList(ListBlock(kind: .bullet, items: [item])),
                              let (key, value) = parsed.first, case .inlines(let v) = value else {
                            if case .paragraph(let inlines)? = item.blocks.first { r.fields.append(Field("", .string(PlainText.of(inlines)))) }
                            continue
                        }
                        _ = inlines
                        r.fields.append(Field(key, json(v)))
                    }
                } else {
                    r.fields.append(Field(name, .string("")))
                }
            case .inlines(let inlines):
                let text = string(inlines)
                switch name {
                case RequirementFields.summary: r.summary = text
                case RequirementFields.type: r.type = text
                case RequirementFields.status: r.status = text
                case RequirementFields.statusCategory: r.statusCategory = StatusCategory(rawValue: text)
                case RequirementFields.priority: r.priority = text
                case RequirementFields.parent: r.parent = text
                case RequirementFields.source: r.sourceURL = text
                case RequirementFields.labels: r.labels = list(inlines)
                case RequirementFields.components: r.components = list(inlines)
                case RequirementFields.fixVersions: r.fixVersions = list(inlines)
                default:
                    if let (role, part) = personField(name) {
                        var person = (role == RequirementFields.assignee ? r.assignee : r.reporter) ?? Person()
                        switch part {
                        case RequirementFields.account: person.accountID = text
                        case RequirementFields.email: person.email = text
                        default: person.displayName = text
                        }
                        if role == RequirementFields.assignee { r.assignee = person } else { r.reporter = person }
                    } else {
                        r.fields.append(Field(name, .string(text)))
                    }
                }
            }
        }
    }

    static func personField(_ name: String) -> (String, String)? {
        for role in [RequirementFields.assignee, RequirementFields.reporter] {
            if name == role { return (role, "") }
            for part in [RequirementFields.account, RequirementFields.email] where name == role + " " + part { return (role, part) }
        }
        return nil
    }

    // MARK: - Values

    static func string(_ inlines: [Inline]) -> String {
        if inlines.count == 1, case .code(let code) = inlines[0], code.hasPrefix("\""),
           let value = try? JSONParser.parse(Array(code.utf8)), case .string(let s) = value {
            return s
        }
        return PlainText.of(inlines)
    }

    static func json(_ inlines: [Inline]) -> JSONValue {
        if inlines.count == 1, case .code(let code) = inlines[0], let value = try? JSONParser.parse(Array(code.utf8)) {
            return value
        }
        return .string(PlainText.of(inlines))
    }

    static func list(_ inlines: [Inline]) -> [String] {
        if inlines.count == 1, case .code(let code) = inlines[0], code.hasPrefix("["),
           let value = try? JSONParser.parse(Array(code.utf8)), case .array(let items) = value {
            return items.compactMap(\.stringValue)
        }
        return inlines.compactMap { if case .code(let c) = $0 { return c } else { return nil } }
    }

    static func link(_ item: ListItem) -> IssueLink? {
        guard case .paragraph(let inlines)? = item.blocks.first else { return nil }
        let codes = inlines.compactMap { if case .code(let c) = $0 { return c } else { return nil } }
        guard codes.count >= 3, let direction = IssueLink.Direction(rawValue: codes[1]) else { return nil }
        var link = IssueLink(type: codes[0], direction: direction, key: codes[2])
        for extra in codes.dropFirst(3) {
            guard let eq = extra.firstIndex(of: "=") else { continue }
            let value = String(extra[extra.index(after: eq)...])
            switch extra[..<eq] {
            case "description": link.description = value
            case "summary": link.summary = value
            case "status": link.status = value
            case "category": link.statusCategory = StatusCategory(rawValue: value)
            default: break
            }
        }
        return link
    }
}
