// WordprocessingML → AST: Spine's requirement container back into a Requirement.

import SpineCore

extension DocumentMapper {
    /// Heading (key, summary, source link), field table, description, acceptance criteria, children.
    func readRequirement(_ sdt: XElement, depth: Int) -> Requirement {
        var requirement = Requirement(summary: "")
        var description: [XNode] = []
        var criteria: [XNode] = []
        var inCriteria = false
        var sawHeading = false
        var sawFields = false
        for node in sdt.childW("sdtContent")?.children ?? [] {
            guard case .element(let element) = node, element.namespace == XNS.w else { continue }
            if !sawHeading, element.isW("p") {
                sawHeading = true
                readRequirementHeading(element, into: &requirement)
                continue
            }
            if !sawFields, element.isW("tbl"), element.childW("tblPr")?.childW("tblStyle")?.w("val") == "RequirementFields" {
                sawFields = true
                readFieldTable(element, into: &requirement)
                continue
            }
            if element.isW("sdt"), element.childW("sdtPr")?.childW("tag")?.w("val") == "spine:requirement" {
                if depth < Self.maxDepth { requirement.children.append(readRequirement(element, depth: depth + 1)) }
                continue
            }
            if !inCriteria, element.isW("p"), styles.role(element.childW("pPr")?.childW("pStyle")?.w("val")) == .requirementSection {
                inCriteria = true
                continue
            }
            if inCriteria { criteria.append(node) } else { description.append(node) }
        }
        requirement.description = readBlocks(description, depth: depth + 1)
        requirement.acceptanceCriteria = readBlocks(criteria, depth: depth + 1)
        return requirement
    }

    private func readRequirementHeading(_ paragraph: XElement, into requirement: inout Requirement) {
        var key = ""
        var summary = ""
        var stack: [XElement] = paragraph.elements.reversed()
        while let element = stack.popLast() {
            if element.isW("hyperlink"), requirement.sourceURL == nil,
               let relationship = target(element.attribute("id", XNS.r)) {
                requirement.sourceURL = relationship.target
            }
            if element.isW("r") {
                let text = element.elements.filter { $0.isW("t") }.map(\.textContent).joined()
                if element.childW("rPr")?.childW("rStyle")?.w("val") == "RequirementKey" { key += text } else { summary += text }
                continue
            }
            stack.append(contentsOf: element.elements.reversed())
        }
        if !key.isEmpty {
            requirement.key = key
            if summary.hasPrefix(" ") { summary.removeFirst() }
        }
        requirement.summary = summary
    }

    /// Label/value rows: the fixed labels first, then custom fields in order.
    private func readFieldTable(_ table: XElement, into requirement: inout Requirement) {
        var custom = false
        var seen: Set<String> = []
        for row in Self.unwrapped(table, "tr") {
            let cells = Self.unwrapped(row, "tc")
            guard cells.count >= 2 else { continue }
            let label = cells[0].elements.filter { $0.isW("p") }.map { InlineGrouping.text(readParagraphContent($0).atoms) }.joined(separator: " ")
            let (text, exact) = fieldValue(cells[1])
            if !custom, RequirementLabels.all.contains(label), seen.insert(label).inserted {
                assign(label, text: text, exact: exact, to: &requirement)
            } else {
                custom = true
                requirement.fields.append(Field(label, exact ?? .string(text)))
            }
        }
    }

    /// A value cell's text (paragraphs joined by newlines) and its exact JSON when Spine stored one.
    private func fieldValue(_ cell: XElement) -> (String, JSONValue?) {
        var exact: JSONValue?
        if let sdt = cell.descendant("sdt", XNS.w), let tag = sdt.childW("sdtPr")?.childW("tag")?.w("val"), tag.hasPrefix("spine:json ") {
            exact = try? JSONParser.parse(Array(tag.utf8.dropFirst("spine:json ".utf8.count)))
        }
        let text = cell.elements.filter { $0.isW("p") }.map { InlineGrouping.text(readParagraphContent($0).atoms) }.joined(separator: "\n")
        return (text, exact)
    }

    private func assign(_ label: String, text: String, exact: JSONValue?, to r: inout Requirement) {
        switch label {
        case RequirementLabels.type: r.type = exact?.stringValue ?? text
        case RequirementLabels.status: r.status = exact?.stringValue ?? text
        case RequirementLabels.statusCategory: r.statusCategory = RequirementLabels.category(text)
        case RequirementLabels.priority: r.priority = exact?.stringValue ?? text
        case RequirementLabels.parent: r.parent = exact?.stringValue ?? text
        case RequirementLabels.assignee: r.assignee = person(text, exact)
        case RequirementLabels.reporter: r.reporter = person(text, exact)
        case RequirementLabels.labels: r.labels = strings(text, exact)
        case RequirementLabels.components: r.components = strings(text, exact)
        case RequirementLabels.fixVersions: r.fixVersions = strings(text, exact)
        case RequirementLabels.links:
            if let items = exact?.arrayValue {
                r.links = items.compactMap(issueLink)
            } else if !text.isEmpty {
                r.fields.append(Field(label, .string(text)))
            }
        default: break
        }
    }

    private func person(_ text: String, _ exact: JSONValue?) -> Person {
        guard let object = exact?.objectValue else { return Person(displayName: text) }
        return Person(displayName: object["displayName"]?.stringValue, accountID: object["accountId"]?.stringValue, email: object["email"]?.stringValue)
    }

    private func strings(_ text: String, _ exact: JSONValue?) -> [String] {
        if let items = exact?.arrayValue { return items.compactMap(\.stringValue) }
        return text.isEmpty ? [] : DocumentBuilder.splitList(text)
    }

    private func issueLink(_ value: JSONValue) -> IssueLink? {
        guard let object = value.objectValue, let type = object["type"]?.stringValue, let key = object["key"]?.stringValue else { return nil }
        return IssueLink(type: type, direction: IssueLink.Direction(rawValue: object["direction"]?.stringValue ?? "") ?? .outward,
                         description: object["description"]?.stringValue, key: key, summary: object["summary"]?.stringValue,
                         status: object["status"]?.stringValue,
                         statusCategory: object["statusCategory"]?.stringValue.flatMap(StatusCategory.init(rawValue:)))
    }
}
