// AST → WordprocessingML: a requirement as a heading, a field table, its text and its children.

import SpineCore

/// The field-table row labels, shared by writer and reader.
enum RequirementLabels {
    static let type = "Type"
    static let status = "Status"
    static let statusCategory = "Status category"
    static let priority = "Priority"
    static let assignee = "Assignee"
    static let reporter = "Reporter"
    static let labels = "Labels"
    static let components = "Components"
    static let fixVersions = "Fix versions"
    static let parent = "Parent"
    static let links = "Links"
    static let all: Set<String> = [type, status, statusCategory, priority, assignee, reporter, labels, components, fixVersions, parent, links]
    static let acceptanceCriteria = "Acceptance criteria"

    /// Jira's display names for status categories.
    static func name(_ category: StatusCategory) -> String {
        switch category {
        case .todo: return "To Do"
        case .inProgress: return "In Progress"
        case .done: return "Done"
        }
    }

    static func category(_ name: String) -> StatusCategory? {
        StatusCategory.allCases.first { self.name($0).lowercased() == name.lowercased() }
    }
}

extension DocumentBuilder {
    /// One value cell: visible text, plus the exact JSON when the text alone would not read back equal.
    struct FieldValue {
        var paragraphs: [String]
        var exact: JSONValue?
    }

    func writeRequirement(_ requirement: Requirement, level: Int, _ context: Context) {
        container(tag: "spine:requirement", alias: "Requirement") {
            body.raw("<w:p>")
            ParagraphProperties(style: "Heading\(level)", indent: context.indent).write(into: &body)
            if let url = requirement.sourceURL {
                openHyperlink(relationshipID: hyperlinkRelationship(url), anchor: nil, tooltip: nil)
            }
            if let key = requirement.key {
                run(key, format: RunFormat(style: "RequirementKey"))
                if requirement.sourceURL != nil { body.raw("</w:hyperlink>") }
                run(" ", format: RunFormat())
                run(requirement.summary, format: RunFormat())
            } else {
                run(requirement.summary, format: RunFormat(hyperlink: requirement.sourceURL != nil))
                if requirement.sourceURL != nil { body.raw("</w:hyperlink>") }
            }
            body.raw("</w:p>")
            let rows = fieldRows(requirement)
            if !rows.isEmpty { writeFieldTable(rows, context) }
            var inner = context
            inner.headingLevel = level
            // The enclosing quote's control already marks the quote; Quote-styled paragraphs in
            // the requirement's own control would read back as a second, nested quote.
            if inner.paragraphStyle == "Quote" { inner.paragraphStyle = nil }
            write(requirement.description, inner)
            if !requirement.acceptanceCriteria.isEmpty {
                paragraph([.text(RequirementLabels.acceptanceCriteria)], ParagraphProperties(style: "RequirementSection", indent: context.indent))
                write(requirement.acceptanceCriteria, inner)
            }
            for child in requirement.children {
                writeRequirement(child, level: min(6, level + 1), inner)
            }
        }
    }

    /// The rows of the field table, in a fixed order followed by the custom fields.
    private func fieldRows(_ r: Requirement) -> [(String, FieldValue)] {
        var rows: [(String, FieldValue)] = []
        func text(_ label: String, _ value: String?) {
            if let value { rows.append((label, FieldValue(paragraphs: [value], exact: nil))) }
        }
        func list(_ label: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            let joined = values.joined(separator: ", ")
            let readsBack = Self.splitList(joined) == values
            rows.append((label, FieldValue(paragraphs: [joined], exact: readsBack ? nil : .array(values.map(JSONValue.string)))))
        }
        func person(_ label: String, _ person: Person?) {
            guard let person else { return }
            let visible = person.displayName ?? person.email ?? person.accountID ?? ""
            let plain = person.displayName != nil && person.accountID == nil && person.email == nil
            rows.append((label, FieldValue(paragraphs: [visible], exact: plain ? nil : Self.json(person))))
        }
        text(RequirementLabels.type, r.type)
        text(RequirementLabels.status, r.status)
        text(RequirementLabels.statusCategory, r.statusCategory.map(RequirementLabels.name))
        text(RequirementLabels.priority, r.priority)
        person(RequirementLabels.assignee, r.assignee)
        person(RequirementLabels.reporter, r.reporter)
        list(RequirementLabels.labels, r.labels)
        list(RequirementLabels.components, r.components)
        list(RequirementLabels.fixVersions, r.fixVersions)
        text(RequirementLabels.parent, r.parent)
        if !r.links.isEmpty {
            let lines = r.links.map { link in
                (link.description ?? link.type) + " " + link.key + (link.summary.map { ": " + $0 } ?? "") + (link.status.map { " (" + $0 + ")" } ?? "")
            }
            rows.append((RequirementLabels.links, FieldValue(paragraphs: lines, exact: .array(r.links.map(Self.json)))))
        }
        for field in r.fields {
            if let string = field.value.stringValue {
                rows.append((field.key, FieldValue(paragraphs: [string], exact: nil)))
            } else {
                let text = JSONWriter.compact.string(field.value)
                let visible: String
                switch field.value {
                case .number(let number): visible = number
                case .bool(let flag): visible = flag ? "yes" : "no"
                case .array(let items) where items.allSatisfy({ $0.stringValue != nil }): visible = items.compactMap(\.stringValue).joined(separator: ", ")
                case .null: visible = ""
                default: visible = text
                }
                rows.append((field.key, FieldValue(paragraphs: [visible], exact: field.value)))
            }
        }
        return rows
    }

    private func writeFieldTable(_ rows: [(String, FieldValue)], _ context: Context) {
        let available = DocumentPart.textWidth(options) - (context.indent ?? 0)
        let labelWidth = min(2400, available / 3)
        body.raw("<w:tbl><w:tblPr><w:tblStyle w:val=\"RequirementFields\"/><w:tblW w:w=\"\(available)\" w:type=\"dxa\"/>")
        if let indent = context.indent { body.raw("<w:tblInd w:w=\"\(indent)\" w:type=\"dxa\"/>") }
        body.raw("<w:tblLook w:val=\"0080\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>")
        body.raw("<w:tblGrid><w:gridCol w:w=\"\(labelWidth)\"/><w:gridCol w:w=\"\(available - labelWidth)\"/></w:tblGrid>")
        for (label, value) in rows {
            body.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"\(labelWidth)\" w:type=\"dxa\"/></w:tcPr><w:p>")
            run(label, format: RunFormat())
            body.raw("</w:p></w:tc><w:tc><w:tcPr><w:tcW w:w=\"\(available - labelWidth)\" w:type=\"dxa\"/></w:tcPr>")
            if let exact = value.exact {
                // An inline content control keeps the exact value; Word shows only the text.
                body.raw("<w:p><w:sdt><w:sdtPr><w:tag w:val=\"")
                body.attribute("spine:json " + JSONWriter.compact.string(exact))
                body.raw("\"/></w:sdtPr><w:sdtContent>")
                for (index, line) in value.paragraphs.enumerated() {
                    if index > 0 { body.raw("<w:r><w:br/></w:r>") }
                    run(line, format: RunFormat())
                }
                body.raw("</w:sdtContent></w:sdt></w:p>")
            } else {
                for line in value.paragraphs {
                    body.raw("<w:p>")
                    run(line, format: RunFormat(), preserve: true)
                    body.raw("</w:p>")
                }
            }
            body.raw("</w:tc></w:tr>")
        }
        body.raw("</w:tbl>")
    }

    /// `a, b, c` back into its items (the reader uses the same rule).
    static func splitList(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharactersSpaces() }
    }

    static func json(_ person: Person) -> JSONValue {
        var object = JSONObject()
        if let name = person.displayName { object.append("displayName", .string(name)) }
        if let id = person.accountID { object.append("accountId", .string(id)) }
        if let email = person.email { object.append("email", .string(email)) }
        return .object(object)
    }

    static func json(_ link: IssueLink) -> JSONValue {
        var object = JSONObject()
        object.append("type", .string(link.type))
        object.append("direction", .string(link.direction.rawValue))
        if let description = link.description { object.append("description", .string(description)) }
        object.append("key", .string(link.key))
        if let summary = link.summary { object.append("summary", .string(summary)) }
        if let status = link.status { object.append("status", .string(status)) }
        if let category = link.statusCategory { object.append("statusCategory", .string(category.rawValue)) }
        return .object(object)
    }
}
