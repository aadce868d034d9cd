// Requirements in wiki markup: a heading with the key and summary, a two-column field
// table, the description, an "Acceptance criteria" section, then the children one level down.

import SpineCore

extension WikiEmitter {
    /// Writes a requirement as heading + field table + description + acceptance criteria.
    mutating func writeRequirement(_ requirement: Requirement, level: Int) {
        lossy("jira-wiki.requirement-rendered",
              "requirements were written as a heading, a field table and sections; reading them back gives ordinary blocks",
              severity: .info)
        let blocks = Self.ownBlocks(requirement, level: level)
        writeBlocks(blocks)
        for child in requirement.children {
            write("\n\n")
            if depth < Self.maxDepth {
                depth += 1
                writeRequirement(child, level: level + 1)
                depth -= 1
            } else {
                lossy("jira-wiki.nesting-limit", "requirements nested deeper than \(Self.maxDepth) levels were not written")
            }
        }
    }

    /// The heading, field table, description and acceptance criteria of one requirement.
    static func ownBlocks(_ requirement: Requirement, level: Int) -> [Block] {
        var title: [Inline] = []
        if let key = requirement.key {
            title.append(WikiVocabulary.isIssueKey(key[...]) ? .issue(IssueReference(key: key)) : .text(key + ":"))
            title.append(.text(" "))
        }
        title.append(.text(requirement.summary))
        var blocks: [Block] = [.heading(Heading(level: min(level, 6), content: title))]
        let rows = fieldRows(requirement)
        if !rows.isEmpty { blocks.append(.table(Table(rows: rows))) }
        blocks.append(contentsOf: requirement.description)
        if !requirement.acceptanceCriteria.isEmpty {
            blocks.append(.heading(Heading(level: min(level + 1, 6), content: [.text("Acceptance criteria")])))
            blocks.append(contentsOf: requirement.acceptanceCriteria)
        }
        return blocks
    }

    /// Everything `writeRequirement` writes, as blocks: its own blocks, then each child's one level down.
    static func requirementBlocks(_ requirement: Requirement, level: Int) -> [Block] {
        ownBlocks(requirement, level: level) + requirement.children.flatMap { requirementBlocks($0, level: level + 1) }
    }

    /// `||Field|value|` rows for every field the requirement carries, in a fixed order.
    static func fieldRows(_ requirement: Requirement) -> [TableRow] {
        var rows: [TableRow] = []
        func add(_ name: String, _ value: [Inline]) {
            guard !value.isEmpty else { return }
            rows.append(TableRow(cells: [
                TableCell(header: true, blocks: [.paragraph([.text(name)])]),
                TableCell(blocks: [.paragraph(value)]),
            ]))
        }
        func text(_ value: String?) -> [Inline] { value.map { [.text($0)] } ?? [] }
        func list(_ values: [String]) -> [Inline] { values.isEmpty ? [] : [.text(values.joined(separator: ", "))] }
        func person(_ person: Person?) -> [Inline] {
            guard let person else { return [] }
            if let name = person.displayName { return [.text(name)] }
            if let id = person.accountID { return [.mention(Mention(accountID: id))] }
            return text(person.email)
        }
        add("Type", text(requirement.type))
        var status = text(requirement.status)
        if let category = requirement.statusCategory, !status.isEmpty { status.append(.text(" (" + category.rawValue + ")")) }
        add("Status", status)
        add("Priority", text(requirement.priority))
        add("Assignee", person(requirement.assignee))
        add("Reporter", person(requirement.reporter))
        add("Labels", list(requirement.labels))
        add("Components", list(requirement.components))
        add("Fix versions", list(requirement.fixVersions))
        add("Parent", requirement.parent.map { reference($0) } ?? [])
        var links: [Inline] = []
        for link in requirement.links {
            if !links.isEmpty { links.append(.lineBreak) }
            links.append(.text((link.description ?? link.type + " (" + link.direction.rawValue + ")") + " "))
            links.append(contentsOf: reference(link.key))
            if let summary = link.summary { links.append(.text(" " + summary)) }
        }
        add("Links", links)
        add("Source", requirement.sourceURL.map { [.link(Link(target: .url($0), content: []))] } ?? [])
        for field in requirement.fields { add(field.key, fieldValue(field.value)) }
        return rows
    }

    /// An issue key as a reference when it has the shape of one, else as text.
    private static func reference(_ key: String) -> [Inline] {
        WikiVocabulary.isIssueKey(key[...]) ? [.issue(IssueReference(key: key))] : [.text(key)]
    }

    /// A field value as text: strings and numbers as they are, lists of them joined, other
    /// shapes as compact JSON in monospace.
    private static func fieldValue(_ value: JSONValue) -> [Inline] {
        switch value {
        case .null: return []
        case .string(let string): return string.isEmpty ? [] : [.text(string)]
        case .number(let number): return [.text(number)]
        case .bool(let flag): return [.text(flag ? "true" : "false")]
        case .array(let items):
            let strings = items.compactMap { item -> String? in
                switch item {
                case .string(let string): return string
                case .number(let number): return number
                default: return nil
                }
            }
            if strings.count == items.count { return strings.isEmpty ? [] : [.text(strings.joined(separator: ", "))] }
            return [.code(JSONWriter.compact.string(value))]
        case .object:
            return [.code(JSONWriter.compact.string(value))]
        }
    }
}
