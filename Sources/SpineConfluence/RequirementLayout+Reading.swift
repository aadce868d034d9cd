// Recognises the requirement convention in mapped blocks and rebuilds `Requirement` values.

import SpineCore

extension RequirementLayout {
    // MARK: - Recognising

    /// The requirement details macro: a `details` Division whose `id` is the requirement marker.
    static func isRequirementBody(_ block: Block) -> Division? {
        guard case .division(let division) = block, division.attributes[named: StorageConvention.macro] == "details",
              division.attributes[named: "id"] == StorageConvention.requirementMarker,
              case .table? = division.blocks.first else { return nil }
        return division
    }

    /// Replaces each heading + requirement macro (and the deeper requirements right after it) by a
    /// requirement block. Only a strictly deeper heading makes a child: a requirement at the same
    /// level is a sibling, also at `h6` (the writer never puts children at their parent's level
    /// except below the sixth level, where it warns that they become siblings).
    static func group(_ blocks: [Block]) -> [Block] {
        guard blocks.contains(where: { isRequirementBody($0) != nil }) else { return blocks }
        var result: [Block] = []
        var index = 0
        while index < blocks.count {
            if let (requirement, next) = requirement(in: blocks, at: index) {
                result.append(.requirement(requirement))
                index = next
            } else {
                result.append(blocks[index])
                index += 1
            }
        }
        return result
    }

    private static func requirement(in blocks: [Block], at index: Int) -> (Requirement, Int)? {
        guard index + 1 < blocks.count, case .heading(let heading) = blocks[index],
              let body = isRequirementBody(blocks[index + 1]),
              var requirement = requirement(heading: heading, body: body) else { return nil }
        var next = index + 2
        while next + 1 < blocks.count, case .heading(let childHeading) = blocks[next],
              childHeading.level > heading.level,
              let (child, after) = self.requirement(in: blocks, at: next) {
            requirement.children.append(child)
            next = after
        }
        return (requirement, next)
    }

    // MARK: - Fields

    private static func requirement(heading: Heading, body: Division) -> Requirement? {
        guard case .table(let table) = body.blocks[0] else { return nil }
        var requirement = Requirement(summary: "")
        var seen: Set<String> = []
        for row in table.rows {
            guard row.cells.count == 2, row.cells[0].header else { return nil }
            let name = plain(row.cells[0].blocks)
            let cell = row.cells[1].blocks
            let inlines = cellInlines(cell)
            guard RequirementLayout.Row.all.contains(name), !seen.contains(name) else {
                requirement.fields.append(Field(name, fieldValue(inlines)))
                continue
            }
            seen.insert(name)
            switch name {
            case Row.key: requirement.key = issueKey(inlines)
            case Row.type: requirement.type = plain(inlines)
            case Row.status:
                if let status = findStatus(inlines) {
                    requirement.status = status.text
                    requirement.statusCategory = categoryColours.first(where: { $0.value == status.colour })?.key
                } else {
                    requirement.status = plain(inlines)
                }
            case Row.priority: requirement.priority = plain(inlines)
            case Row.assignee: requirement.assignee = person(inlines)
            case Row.reporter: requirement.reporter = person(inlines)
            case Row.labels: requirement.labels = list(inlines)
            case Row.components: requirement.components = list(inlines)
            case Row.fixVersions: requirement.fixVersions = list(inlines)
            case Row.parent: requirement.parent = issueKey(inlines)
            case Row.links: requirement.links = links(cell)
            case Row.source: requirement.sourceURL = firstURL(inlines) ?? plain(inlines)
            default: break
            }
        }
        var title = plain(heading.content)
        if let key = requirement.key {
            if title.hasPrefix(key + ": ") { title = String(title.dropFirst(key.count + 2)) }
            else if title == key || title == key + ":" { title = "" }
        }
        requirement.summary = title
        var section = 0  // 0 before any heading, 1 description, 2 acceptance criteria
        for block in body.blocks.dropFirst() {
            if case .heading(let sub) = block, sub.level == min(6, heading.level + 1) {
                let text = plain(sub.content)
                if text == description && section == 0 { section = 1; continue }
                if text == acceptanceCriteria && section < 2 { section = 2; continue }
            }
            if section == 2 { requirement.acceptanceCriteria.append(block) } else { requirement.description.append(block) }
        }
        return requirement
    }

    private static func cellInlines(_ blocks: [Block]) -> [Inline] {
        if blocks.count == 1, case .paragraph(let inlines) = blocks[0] { return inlines }
        return blocks.flatMap { block -> [Inline] in
            if case .paragraph(let inlines) = block { return inlines }
            return []
        }
    }

    /// Removes the storage wrappers (Spans carrying macro ids Confluence adds on save).
    private static func unwrapped(_ inlines: [Inline]) -> [Inline] {
        inlines.flatMap { inline -> [Inline] in
            if case .span(let span) = inline, span.attributes.first?.name == StorageConvention.attributesOf { return unwrapped(span.content) }
            return [inline]
        }
    }

    static func plain(_ blocks: [Block]) -> String {
        blocks.map { block in plain(block.childInlines) }.joined(separator: " ")
    }

    static func plain(_ inlines: [Inline]) -> String {
        unwrapped(inlines).map(\.plainText).joined()
    }

    private static func issueKey(_ inlines: [Inline]) -> String? {
        for inline in unwrapped(inlines) { if case .issue(let issue) = inline { return issue.key } }
        let text = plain(inlines)
        return text.isEmpty ? nil : text
    }

    private static func findStatus(_ inlines: [Inline]) -> Status? {
        for inline in unwrapped(inlines) { if case .status(let status) = inline { return status } }
        return nil
    }

    private static func firstURL(_ inlines: [Inline]) -> String? {
        for inline in unwrapped(inlines) { if case .link(let link) = inline, case .url(let url) = link.target { return url } }
        return nil
    }

    private static func list(_ inlines: [Inline]) -> [String] {
        let text = plain(inlines)
        return text.isEmpty ? [] : text.split(separator: ", ", omittingEmptySubsequences: false).map(String.init)
    }

    private static func person(_ inlines: [Inline]) -> Person? {
        var person = Person()
        var names: [Inline] = []
        for inline in unwrapped(inlines) {
            switch inline {
            case .mention(let mention):
                person.accountID = mention.accountID
                person.displayName = mention.displayName
            case .link(let link):
                if case .url(let url) = link.target, url.hasPrefix("mailto:") { person.email = String(url.dropFirst(7)) } else { names.append(inline) }
            default:
                names.append(inline)
            }
        }
        let name = plain(names).trimmingSpaces
        if person.accountID == nil && !name.isEmpty { person.displayName = name }
        return person == Person() ? nil : person
    }

    /// Parses `Type (direction, description): KEY — summary [status]` list items.
    private static func links(_ cell: [Block]) -> [IssueLink] {
        guard case .list(let list)? = cell.first else { return [] }
        return list.items.compactMap { item -> IssueLink? in
            var key: String?
            var status: Status?
            var text = ""
            for inline in unwrapped(cellInlines(item.blocks)) {
                switch inline {
                case .issue(let issue) where key == nil:
                    key = issue.key
                    text += "\u{1}"
                case .status(let found): status = found
                default: text += inline.plainText
                }
            }
            guard let close = text.firstRange(of: "): "), let open = text.firstRange(of: " ("), open.upperBound <= close.lowerBound else { return nil }
            let type = String(text[..<open.lowerBound])
            let parts = text[open.upperBound..<close.lowerBound].split(separator: ",", maxSplits: 1).map { $0.trimmingSpacesSubstring }
            guard let direction = parts.first.flatMap({ IssueLink.Direction(rawValue: $0) }) else { return nil }
            var rest = String(text[close.upperBound...])
            var summary: String?
            if let dash = rest.firstRange(of: " — ") {
                summary = String(rest[dash.upperBound...]).trimmingTrailingSpace
                rest = String(rest[..<dash.lowerBound])
            }
            rest = String(rest.filter { $0 != "\u{1}" }).trimmingSpaces
            guard let linkKey = key ?? (rest.isEmpty ? nil : rest) else { return nil }
            return IssueLink(type: type, direction: direction, description: parts.count > 1 ? parts[1] : nil, key: linkKey,
                             summary: summary, status: status?.text,
                             statusCategory: status.flatMap { found in categoryColours.first(where: { $0.value == found.colour })?.key })
        }
    }

    private static func fieldValue(_ inlines: [Inline]) -> JSONValue {
        let content = unwrapped(inlines)
        if content.count == 1, case .code(let code) = content[0], let value = try? JSONParser.parse(code) { return value }
        var text = ""
        for inline in content {
            if case .lineBreak = inline { text += "\n" } else { text += inline.plainText }
        }
        return .string(text)
    }
}

extension Substring {
    var trimmingSpacesSubstring: String { String(self).trimmingSpaces }
}

extension String {
    var trimmingTrailingSpace: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
