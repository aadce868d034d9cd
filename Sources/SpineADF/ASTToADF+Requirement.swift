// AST → ADF for requirements: a heading, a field table, description and acceptance criteria.

import SpineCore

extension ASTToADF {
    /// Writes a requirement as readable ADF: heading `KEY: Summary`, a two-column field table
    /// (`Field` | `Value`), then `Description` and `Acceptance criteria` sub-headings with their
    /// blocks; child requirements follow one heading level deeper; a rule closes the requirement.
    mutating func requirement(_ requirement: Requirement, level: Int, in context: ADFContext, into out: inout [JSONValue]) {
        note("adf.requirement-rendered", "requirement \(requirement.key ?? requirement.summary) written as a heading and a field table", .info)
        write(RequirementLayout.blocks(for: requirement, level: level), in: context, into: &out)
        for child in requirement.children {
            self.requirement(child, level: min(level + 1, 6), in: context, into: &out)
        }
        // A rule ends the requirement, so the reader knows where its last section stops.
        if context.allows(.rule) { out.append(ADFBuild.node("rule")) }
    }
}

/// The readable block form of a requirement shared by the ADF writer (and documented in Formats/adf.md).
public enum RequirementLayout {
    /// Header texts of the field table.
    public static let fieldHeader = "Field"
    public static let valueHeader = "Value"
    /// Sub-heading texts.
    public static let descriptionHeading = "Description"
    public static let acceptanceHeading = "Acceptance criteria"

    /// Row labels, in the order they are written.
    public enum Label {
        public static let key = "Key"
        public static let type = "Type"
        public static let status = "Status"
        public static let priority = "Priority"
        public static let assignee = "Assignee"
        public static let reporter = "Reporter"
        public static let labels = "Labels"
        public static let components = "Components"
        public static let fixVersions = "Fix versions"
        public static let parent = "Parent"
        public static let links = "Links"
        public static let source = "Source"
    }

    /// The blocks for one requirement (without its children).
    public static func blocks(for requirement: Requirement, level: Int) -> [Block] {
        var title: [Inline] = []
        if let key = requirement.key { title.append(.text(key + ": ")) }
        title.append(.text(requirement.summary))
        var blocks: [Block] = [.heading(Heading(level: min(max(level, 1), 6), content: title))]
        var rows: [TableRow] = [TableRow(section: .head, cells: [headerCell(fieldHeader), headerCell(valueHeader)])]
        func row(_ label: String, _ value: [Inline]) {
            rows.append(TableRow(cells: [headerCell(label), TableCell(blocks: [.paragraph(value)])]))
        }
        if let key = requirement.key { row(Label.key, [.issue(IssueReference(key: key))]) }
        if let type = requirement.type { row(Label.type, [.text(type)]) }
        if let status = requirement.status {
            row(Label.status, [.status(Status(text: status, colour: colour(for: requirement.statusCategory)))])
        }
        if let priority = requirement.priority { row(Label.priority, [.text(priority)]) }
        if let person = requirement.assignee { row(Label.assignee, inlines(for: person)) }
        if let person = requirement.reporter { row(Label.reporter, inlines(for: person)) }
        if !requirement.labels.isEmpty { row(Label.labels, [.text(requirement.labels.joined(separator: ", "))]) }
        if !requirement.components.isEmpty { row(Label.components, [.text(requirement.components.joined(separator: ", "))]) }
        if !requirement.fixVersions.isEmpty { row(Label.fixVersions, [.text(requirement.fixVersions.joined(separator: ", "))]) }
        if let parent = requirement.parent { row(Label.parent, [.issue(IssueReference(key: parent))]) }
        if !requirement.links.isEmpty {
            var content: [Inline] = []
            for link in requirement.links {
                if !content.isEmpty { content.append(.lineBreak) }
                let sentence = link.description ?? (link.direction == .outward ? link.type : link.type + " (inward)")
                content += [.text(sentence + " "), .issue(IssueReference(key: link.key))]
            }
            row(Label.links, content)
        }
        if let url = requirement.sourceURL { row(Label.source, [.link(Link(target: .url(url), content: [.text(url)]))]) }
        for field in requirement.fields { row(field.key, inlines(for: field.value)) }
        blocks.append(.table(Table(rows: rows)))
        if !requirement.description.isEmpty {
            blocks.append(.heading(Heading(level: min(level + 1, 6), content: [.text(descriptionHeading)])))
            blocks += requirement.description
        }
        if !requirement.acceptanceCriteria.isEmpty {
            blocks.append(.heading(Heading(level: min(level + 1, 6), content: [.text(acceptanceHeading)])))
            blocks += requirement.acceptanceCriteria
        }
        return blocks
    }

    private static func headerCell(_ text: String) -> TableCell {
        TableCell(header: true, blocks: [.paragraph([.text(text)])])
    }

    private static func colour(for category: StatusCategory?) -> String? {
        switch category {
        case .todo?: return "neutral"
        case .inProgress?: return "blue"
        case .done?: return "green"
        case nil: return nil
        }
    }

    private static func inlines(for person: Person) -> [Inline] {
        if let name = person.displayName { return [.text(name)] }
        if let id = person.accountID { return [.mention(Mention(accountID: id))] }
        return [.text(person.email ?? "")]
    }

    /// A field value as text: strings and numbers as they are, names of named objects, other JSON as code.
    static func inlines(for value: JSONValue) -> [Inline] {
        switch value {
        case .null: return []
        case .string(let text): return text.isEmpty ? [] : [.text(text)]
        case .number(let text): return [.text(text)]
        case .bool(let flag): return [.text(flag ? "true" : "false")]
        case .array(let elements):
            let names = elements.map(name(of:))
            if names.allSatisfy({ $0 != nil }) { return [.text(names.compactMap { $0 }.joined(separator: ", "))] }
            return [.code(JSONWriter.compact.string(value))]
        case .object:
            if let name = name(of: value) { return [.text(name)] }
            return [.code(JSONWriter.compact.string(value))]
        }
    }

    private static func name(of value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .number(let text): return text
        case .object(let object):
            for key in ["name", "value", "displayName", "key"] {
                if let text = object[key]?.stringValue { return text }
            }
            return nil
        default: return nil
        }
    }
}
