// The storage convention for requirements: a heading plus a page-properties (`details`) macro
// holding a field table, the description and the acceptance criteria. Built as AST blocks so
// the ordinary block writer renders it and the reader can recognise it again.

import SpineCore

/// Renders a `Requirement` as readable Confluence content and recognises that content again.
///
/// ```
/// <hN>KEY: Summary</hN>
/// <ac:structured-macro ac:name="details"><ac:parameter ac:name="id">spine-requirement</ac:parameter>
///   <ac:rich-text-body>
///     <table><tbody><tr><th><p>Key</p></th><td><p>{jira key macro}</p></td></tr> … </tbody></table>
///     <hN+1>Description</hN+1> …   <hN+1>Acceptance criteria</hN+1> …
///   </ac:rich-text-body></ac:structured-macro>
/// children: the same at level N+1, directly after
/// ```
enum RequirementLayout {
    static let description = "Description"
    static let acceptanceCriteria = "Acceptance criteria"

    enum Row {
        static let key = "Key", type = "Type", status = "Status", priority = "Priority", assignee = "Assignee"
        static let reporter = "Reporter", labels = "Labels", components = "Components", fixVersions = "Fix versions"
        static let parent = "Parent", links = "Links", source = "Source"
        static let all: Set<String> = [key, type, status, priority, assignee, reporter, labels, components, fixVersions, parent, links, source]
    }

    /// Status lozenge colours for the status categories (and back).
    static let categoryColours: [StatusCategory: String] = [.todo: "Grey", .inProgress: "Blue", .done: "Green"]

    // MARK: - Writing

    /// The number of heading levels `requirement` and its descendants take (1 without children).
    static func depth(of requirement: Requirement) -> Int {
        1 + (requirement.children.map { depth(of: $0) }.max() ?? 0)
    }

    /// The blocks for `requirement` at heading `level` (children follow at `level + 1`, capped at 6).
    static func blocks(for requirement: Requirement, level: Int, keyAsMacro: Bool) -> [Block] {
        var heading: [Inline] = []
        // `KEY: summary`; just `KEY` when there is no summary (a trailing blank would not survive).
        if let key = requirement.key { heading.append(.text(requirement.summary.isEmpty ? key : key + ": ")) }
        if !requirement.summary.isEmpty { heading.append(.text(requirement.summary)) }
        var rows: [TableRow] = []
        func row(_ name: String, _ inlines: [Inline]) {
            rows.append(TableRow(cells: [TableCell(header: true, blocks: [.paragraph([.text(name)])]),
                                         TableCell(blocks: [.paragraph(inlines)])]))
        }
        func issue(_ key: String) -> Inline { keyAsMacro ? .issue(IssueReference(key: key)) : .text(key) }
        if let key = requirement.key { row(Row.key, [issue(key)]) }
        if let type = requirement.type { row(Row.type, [.text(type)]) }
        if let status = requirement.status {
            row(Row.status, [.status(Status(text: status, colour: requirement.statusCategory.flatMap { categoryColours[$0] }))])
        }
        if let priority = requirement.priority { row(Row.priority, [.text(priority)]) }
        if let assignee = requirement.assignee { row(Row.assignee, person(assignee)) }
        if let reporter = requirement.reporter { row(Row.reporter, person(reporter)) }
        if !requirement.labels.isEmpty { row(Row.labels, [.text(requirement.labels.joined(separator: ", "))]) }
        if !requirement.components.isEmpty { row(Row.components, [.text(requirement.components.joined(separator: ", "))]) }
        if !requirement.fixVersions.isEmpty { row(Row.fixVersions, [.text(requirement.fixVersions.joined(separator: ", "))]) }
        if let parent = requirement.parent { row(Row.parent, [issue(parent)]) }
        if !requirement.links.isEmpty {
            let items = requirement.links.map { link in ListItem(blocks: [.paragraph(linkInlines(link, issue: issue))]) }
            rows.append(TableRow(cells: [TableCell(header: true, blocks: [.paragraph([.text(Row.links)])]),
                                         TableCell(blocks: [.list(ListBlock(kind: .bullet, items: items))])]))
        }
        if let url = requirement.sourceURL { row(Row.source, [.link(Link(target: .url(url), content: [.text(url)]))]) }
        for field in requirement.fields { row(field.key, fieldInlines(field.value)) }

        var body: [Block] = [.table(Table(rows: rows))]
        let sub = min(6, level + 1)
        if !requirement.description.isEmpty {
            body.append(.heading(Heading(level: sub, content: [.text(description)])))
            body += requirement.description
        }
        if !requirement.acceptanceCriteria.isEmpty {
            body.append(.heading(Heading(level: sub, content: [.text(acceptanceCriteria)])))
            body += requirement.acceptanceCriteria
        }
        var blocks: [Block] = [
            .heading(Heading(level: level, content: heading)),
            .division(Division(attributes: [Attribute(StorageConvention.macro, "details"), Attribute("id", StorageConvention.requirementMarker)],
                               blocks: body)),
        ]
        for child in requirement.children { blocks += self.blocks(for: child, level: sub, keyAsMacro: keyAsMacro) }
        return blocks
    }

    private static func person(_ person: Person) -> [Inline] {
        var inlines: [Inline] = []
        if let id = person.accountID {
            inlines.append(.mention(Mention(accountID: id, displayName: person.displayName)))
        } else if let name = person.displayName {
            inlines.append(.text(name))
        }
        if let email = person.email {
            if !inlines.isEmpty { inlines.append(.text(" ")) }
            inlines.append(.link(Link(target: .url("mailto:" + email), content: [.text(email)])))
        }
        return inlines
    }

    /// `Type (direction, description): KEY — summary [status]`.
    private static func linkInlines(_ link: IssueLink, issue: (String) -> Inline) -> [Inline] {
        var prefix = link.type + " (" + link.direction.rawValue
        if let description = link.description { prefix += ", " + description }
        var inlines: [Inline] = [.text(prefix + "): "), issue(link.key)]
        if let summary = link.summary { inlines.append(.text(" — " + summary)) }
        if let status = link.status {
            inlines.append(.text(" "))
            inlines.append(.status(Status(text: status, colour: link.statusCategory.flatMap { categoryColours[$0] })))
        }
        return inlines
    }

    /// Strings as text (line breaks as `<br/>`), every other JSON value as inline code.
    private static func fieldInlines(_ value: JSONValue) -> [Inline] {
        guard case .string(let text) = value else {
            return [.code(JSONWriter.compact.string(value))]
        }
        var inlines: [Inline] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { inlines.append(.lineBreak) }
            if !line.isEmpty { inlines.append(.text(String(line))) }
        }
        return inlines
    }
}
