// The adf lossiness, requirement part: what the field-table layout (RequirementLayout) keeps when read back.

import SpineCore

extension ADFLossiness {
    /// A requirement written as heading + `Field | Value` table + sections and folded back by
    /// `RequirementReading`: people by display name (or account id), lists split at ", ",
    /// issue links lost without a site, a status without a category read as to-do, field values
    /// as text, numbers or JSON. Where the layout is not read back exactly (not at the top level,
    /// a rule or heading inside a section, deep nesting, field names equal to layout labels) the
    /// writer's blocks as the reader reads them.
    mutating func requirement(_ requirement: Requirement, in context: ADFContext) -> [Block] {
        let saved = writer
        if context == .doc, let normal = foldable(requirement, level: 2) { return [.requirement(normal)] }
        writer = saved
        return written(.requirement(requirement), in: context)
    }

    private static let labels: Set<String> = [
        RequirementLayout.Label.key, RequirementLayout.Label.type, RequirementLayout.Label.status, RequirementLayout.Label.priority,
        RequirementLayout.Label.assignee, RequirementLayout.Label.reporter, RequirementLayout.Label.labels,
        RequirementLayout.Label.components, RequirementLayout.Label.fixVersions, RequirementLayout.Label.parent,
        RequirementLayout.Label.links, RequirementLayout.Label.source,
    ]

    /// The requirement as read back, nil when its layout would not fold back as one requirement.
    private mutating func foldable(_ requirement: Requirement, level: Int) -> Requirement? {
        guard level < 6, requirement.fields.allSatisfy({ !Self.labels.contains($0.key) }) else { return nil }
        var normal = Requirement(key: requirement.key, summary: requirement.summary)
        normal.type = requirement.type.map { plain([.text($0)]) }
        if let status = requirement.status {
            normal.status = plain([.status(Status(text: status))])
            if !status.isEmpty { normal.statusCategory = requirement.statusCategory ?? .todo }
        }
        normal.priority = requirement.priority.map { plain([.text($0)]) }
        normal.assignee = requirement.assignee.map(Self.person)
        normal.reporter = requirement.reporter.map(Self.person)
        normal.labels = Self.splitList(requirement.labels)
        normal.components = Self.splitList(requirement.components)
        normal.fixVersions = Self.splitList(requirement.fixVersions)
        normal.parent = requirement.parent
        normal.sourceURL = requirement.sourceURL
        normal.fields = requirement.fields.map { field in
            let value = inlines(RequirementLayout.inlines(for: field.value))
            let text = ADFJSON.plainText(value)
            if value.count == 1, case .code(let code) = value[0], let json = try? JSONParser.parse(code) { return Field(field.key, json) }
            if let number = try? JSONParser.parse(text), case .number = number { return Field(field.key, number) }
            return Field(field.key, .string(text))
        }
        normal.description = blocks(requirement.description, in: .doc)
        normal.acceptanceCriteria = blocks(requirement.acceptanceCriteria, in: .doc)
        // A rule, heading or requirement inside a section ends the requirement early when read back.
        let sections = normal.description + normal.acceptanceCriteria
        guard sections.allSatisfy(Self.staysInSection) else { return nil }
        for child in requirement.children {
            let title = (child.key.map { $0 + ": " } ?? "") + child.summary
            guard title != RequirementLayout.descriptionHeading, title != RequirementLayout.acceptanceHeading,
                  let folded = foldable(child, level: level + 1) else { return nil }
            normal.children.append(folded)
        }
        return normal
    }

    private static func staysInSection(_ block: Block) -> Bool {
        switch block {
        case .rule, .heading, .requirement: return false
        default: return true
        }
    }

    /// The plain text a one-cell value reads back as.
    private mutating func plain(_ content: [Inline]) -> String {
        ADFJSON.plainText(inlines(content))
    }

    private static func person(_ person: Person) -> Person {
        if let name = person.displayName { return Person(displayName: name) }
        if let id = person.accountID { return Person(accountID: id) }
        return Person(displayName: person.email ?? "")
    }

    /// A list written joined with ", " and split there again.
    private static func splitList(_ items: [String]) -> [String] {
        let text = items.joined(separator: ", ")
        guard !text.isEmpty else { return [] }
        return text.split(separator: ", ", omittingEmptySubsequences: false).map(String.init)
    }
}
