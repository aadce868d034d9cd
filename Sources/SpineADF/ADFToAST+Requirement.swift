// Reading Spine's own requirement layout back: heading + `Field | Value` table → Block.requirement.

import SpineCore

/// Folds the block sequence `ASTToADF` writes for a requirement (see `RequirementLayout`) back
/// into `Block.requirement`. Only the exact layout is recognised: a heading directly followed
/// by a table whose header row is `Field | Value` and whose row labels are all header cells;
/// the requirement ends at the writer's closing rule, a heading of its level or higher, or a
/// block outside the Description / Acceptance criteria sections.
enum RequirementReading {
    static func fold(_ blocks: [Block]) -> [Block] {
        var result: [Block] = []
        var index = 0
        while index < blocks.count {
            if let (requirement, next) = read(at: index, in: blocks, depth: 0) {
                result.append(.requirement(requirement))
                index = next
            } else {
                result.append(blocks[index])
                index += 1
            }
        }
        return result
    }

    private enum Part { case description, acceptance }

    private static func read(at start: Int, in blocks: [Block], depth: Int) -> (Requirement, Int)? {
        guard depth < 6, start + 1 < blocks.count, case .heading(let heading) = blocks[start],
              case .table(let table) = blocks[start + 1], let rows = fieldRows(table) else { return nil }
        var requirement = Requirement(summary: ADFJSON.plainText(heading.content))
        for (label, value) in rows { apply(label, value, to: &requirement) }
        if let key = requirement.key, requirement.summary.hasPrefix(key + ": ") {
            requirement.summary = String(requirement.summary.dropFirst(key.count + 2))
        }
        var index = start + 2
        var part: Part?
        while index < blocks.count {
            if case .rule = blocks[index] { return (requirement, index + 1) }
            if case .heading(let next) = blocks[index] {
                if next.level <= heading.level { break }
                if next.level == heading.level + 1 {
                    let text = ADFJSON.plainText(next.content)
                    if text == RequirementLayout.descriptionHeading, part == nil { part = .description; index += 1; continue }
                    if text == RequirementLayout.acceptanceHeading, part != .acceptance { part = .acceptance; index += 1; continue }
                    if let (child, after) = read(at: index, in: blocks, depth: depth + 1) {
                        requirement.children.append(child)
                        index = after
                        part = nil
                        continue
                    }
                }
            }
            switch part {
            case .description?: requirement.description.append(blocks[index])
            case .acceptance?: requirement.acceptanceCriteria.append(blocks[index])
            case nil: return (requirement, index)
            }
            index += 1
        }
        return (requirement, index)
    }

    /// The `(label, value inlines)` rows of a `Field | Value` table, nil for any other table.
    private static func fieldRows(_ table: Table) -> [(String, [Inline])]? {
        guard let head = table.rows.first, head.cells.count == 2,
              text(head.cells[0].blocks) == RequirementLayout.fieldHeader,
              text(head.cells[1].blocks) == RequirementLayout.valueHeader else { return nil }
        var rows: [(String, [Inline])] = []
        for row in table.rows.dropFirst() {
            guard row.cells.count == 2, row.cells[0].header else { return nil }
            var value: [Inline] = []
            if case .paragraph(let inlines)? = row.cells[1].blocks.first { value = inlines }
            rows.append((text(row.cells[0].blocks), value))
        }
        return rows
    }

    private static func text(_ blocks: [Block]) -> String {
        guard case .paragraph(let inlines)? = blocks.first else { return "" }
        return ADFJSON.plainText(inlines)
    }

    private static func apply(_ label: String, _ value: [Inline], to requirement: inout Requirement) {
        typealias Label = RequirementLayout.Label
        let plain = ADFJSON.plainText(value)
        let list = splitList(plain)
        switch label {
        case Label.key: requirement.key = issueKey(value) ?? plain
        case Label.type: requirement.type = plain
        case Label.status:
            requirement.status = plain
            if case .status(let status)? = value.first {
                switch status.colour {
                case "neutral"?: requirement.statusCategory = .todo
                case "blue"?: requirement.statusCategory = .inProgress
                case "green"?: requirement.statusCategory = .done
                default: break
                }
            }
        case Label.priority: requirement.priority = plain
        case Label.assignee: requirement.assignee = person(value)
        case Label.reporter: requirement.reporter = person(value)
        case Label.labels: requirement.labels = list
        case Label.components: requirement.components = list
        case Label.fixVersions: requirement.fixVersions = list
        case Label.parent: requirement.parent = issueKey(value) ?? plain
        case Label.links: requirement.links = links(value)
        case Label.source:
            if case .link(let link)? = value.first, case .url(let url) = link.target { requirement.sourceURL = url } else { requirement.sourceURL = plain }
        default:
            requirement.fields.append(Field(label, fieldValue(value, plain)))
        }
    }

    /// `a, b, c` → `["a", "b", "c"]` (the writer joins lists with ", ").
    private static func splitList(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var parts: [String] = []
        var current = ""
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if text[index] == ",", next < text.endIndex, text[next] == " " {
                parts.append(current)
                current = ""
                index = text.index(after: next)
                continue
            }
            current.append(text[index])
            index = next
        }
        parts.append(current)
        return parts
    }

    private static func issueKey(_ value: [Inline]) -> String? {
        if case .issue(let issue)? = value.first { return issue.key }
        return nil
    }

    private static func person(_ value: [Inline]) -> Person {
        if case .mention(let mention)? = value.first { return Person(displayName: mention.displayName, accountID: mention.accountID) }
        return Person(displayName: ADFJSON.plainText(value))
    }

    /// `sentence KEY` pairs separated by line breaks; the sentence is both type and description.
    private static func links(_ value: [Inline]) -> [IssueLink] {
        var links: [IssueLink] = []
        var sentence = ""
        for inline in value {
            switch inline {
            case .issue(let issue):
                let text = String(sentence.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
                links.append(IssueLink(type: text, direction: .outward, description: text, key: issue.key))
                sentence = ""
            case .lineBreak: sentence = ""
            default: sentence += ADFJSON.plainText([inline])
            }
        }
        return links
    }

    /// Inline code holding JSON → that JSON; a number → a number; else the text.
    private static func fieldValue(_ value: [Inline], _ plain: String) -> JSONValue {
        if value.count == 1, case .code(let code) = value[0], let json = try? JSONParser.parse(code) { return json }
        if let number = try? JSONParser.parse(plain), case .number = number { return number }
        return .string(plain)
    }
}
