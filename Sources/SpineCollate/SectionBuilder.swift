// One section of the collated document in the PRD or plain template.

import SpineCore

extension DocumentBuilder {
    /// Columns of every issue-query block.
    static let queryColumns = ["key", "summary", "status", "assignee", "priority"]

    mutating func sectionBlocks(_ index: Int) -> [Block] {
        let section = plan.sections[index]
        var blocks: [Block] = [BlockKit.heading(2, sectionTitle(index))]
        if options.template == .plain {
            if let owner = section.owner { blocks.append(requirementBlock(owner)) }
            if section.kind == .unparented { blocks += unparentedTable(section) }
            blocks += section.items.map(requirementBlock)
            return blocks
        }
        if section.kind == .unparented { return blocks + unparentedBlocks(section) }
        let members = (section.owner.map { [$0] } ?? []) + section.items.flatMap(plan.nestedSubtree)

        blocks.append(BlockKit.heading(3, "Overview"))
        blocks += overviewBlocks(index)
        blocks.append(BlockKit.heading(3, "User stories"))
        blocks.append(userStories(members.filter { $0 != section.owner }))
        blocks.append(BlockKit.heading(3, "Requirements & acceptance criteria"))
        blocks += section.items.isEmpty ? [BlockKit.note("No child issues.")] : section.items.map(requirementBlock)
        blocks.append(BlockKit.heading(3, "Jira issues"))
        blocks += issueQuery(jql(for: index))
        blocks.append(BlockKit.heading(3, "Dependencies & risks"))
        blocks += Dependencies.blocks(for: members, graph: graph)
        blocks.append(BlockKit.heading(3, "Status summary"))
        blocks += tally(index).blocks()
        blocks.append(BlockKit.heading(3, "Linked resources"))
        blocks.append(linkedResources(members))
        return blocks
    }

    // MARK: - Overview

    private mutating func overviewBlocks(_ index: Int) -> [Block] {
        let section = plan.sections[index]
        var blocks: [Block] = []
        if let owner = section.owner {
            blocks.append(requirementBlock(owner))
            let stated = DescriptionParts.overviewParts(in: prepared[owner]?.description ?? [])
            let missing = OverviewPart.allCases.filter { !stated.contains($0) }
            if !missing.isEmpty {
                let names = missing.map(\.rawValue).joined(separator: ", ")
                blocks.append(BlockKit.note("Not stated in the description of \(graph[owner].key ?? "this issue"): \(names)."))
                diagnostics.append(.info("collate.overview-incomplete",
                    "\(graph[owner].key ?? graph[owner].requirement.summary) does not state: \(names)",
                    at: SourceLocation(path: graph[owner].key)))
            }
        } else {
            var epics: [String] = []
            for item in section.items {
                if let parent = graph[item].requirement.declaredParent, !epics.contains(parent) { epics.append(parent) }
            }
            var text = "\(sectionTitle(index)): \(BlockKit.count(section.items.count, "issue"))"
            if !epics.isEmpty { text += ", under " + epics.joined(separator: ", ") }
            blocks.append(BlockKit.paragraph(text + "."))
        }
        if !section.childSections.isEmpty {
            blocks.append(BlockKit.paragraph("Features:"))
            blocks.append(BlockKit.bulletList(section.childSections.map { owner in
                let requirement = graph[owner].requirement
                var line = Traceability.title(requirement) + [.text(" "), BlockKit.status(requirement.status, requirement.resolvedCategory)]
                if let childIndex = plan.sections.firstIndex(where: { $0.owner == owner }) {
                    line.append(.text(" — done " + tally(childIndex).shortProgress))
                }
                return line
            }))
        }
        return blocks
    }

    // MARK: - User stories

    private func userStories(_ nodes: [Int]) -> Block {
        let stories = nodes.filter { graph[$0].requirement.isStory }
        guard !stories.isEmpty else { return BlockKit.note("No user stories.") }
        return BlockKit.bulletList(stories.map { node in
            let requirement = graph[node].requirement
            var line: [Inline] = []
            if let key = requirement.key { line += [BlockKit.issue(key), .text(" ")] }
            line += [.text(DescriptionParts.storyStatement(requirement) + " "),
                     BlockKit.status(requirement.status, requirement.resolvedCategory)]
            return line
        })
    }

    // MARK: - Jira issues

    /// The JQL listing a section's issues.
    private func jql(for index: Int) -> String? {
        let section = plan.sections[index]
        if let owner = section.owner {
            guard let key = graph[owner].key else { return nil }
            return "parent = \(key) OR \"Epic Link\" = \(key)"
        }
        guard case .group(let name) = section.kind else { return nil }
        let field: String
        switch options.groupBy {
        case .epic, .component: field = "component"
        case .label: field = "labels"
        case .fixVersion: field = "fixVersion"
        }
        var projects: Set<String> = []
        for node in section.items { if let project = IssueKey(graph[node].key)?.project { projects.insert(project) } }
        let condition = name.isEmpty ? "\(field) is EMPTY" : "\(field) = \(Self.quoted(name))"
        guard projects.count == 1, let project = projects.first else { return condition }
        return "project = \(Self.quoted(project)) AND \(condition)"
    }

    /// A live issue list, and a link to the same search when the site is known.
    private func issueQuery(_ jql: String?) -> [Block] {
        guard let jql else { return [BlockKit.note("No query: the issue has no key.")] }
        var blocks: [Block] = [.issueQuery(IssueQuery(jql: jql, columns: Self.queryColumns))]
        if let prefix = options.searchURLPrefix {
            blocks.append(.paragraph([.link(Link(target: .url(prefix + Self.percentEncoded(jql)),
                                                 content: [.text("Open this list in Jira")]))]))
        }
        return blocks
    }

    /// A JQL string literal.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for character in value {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Linked resources

    private func linkedResources(_ nodes: [Int]) -> Block {
        var seen: Set<LinkTarget> = []
        var lines: [[Inline]] = []
        for node in nodes {
            let requirement = prepared[node] ?? graph[node].requirement
            let links = DescriptionParts.remoteLinks(requirement[field: Requirement.FieldName.remoteLinks])
                + DescriptionParts.links(in: requirement.description + requirement.acceptanceCriteria)
            for var link in links where seen.insert(link.target).inserted {
                if link.content.isEmpty, case .url(let url) = link.target { link.content = [.text(url)] }
                var line: [Inline] = [.link(link)]
                if let key = requirement.key { line += [.text(" — from "), BlockKit.issue(key)] }
                lines.append(line)
            }
        }
        return lines.isEmpty ? BlockKit.note("No linked resources.") : BlockKit.bulletList(lines)
    }

    // MARK: - Unparented

    private func unparentedBlocks(_ section: SectionPlan) -> [Block] {
        var blocks: [Block] = [BlockKit.paragraph(
            "Issues whose parent is not in the input, whose parent links form a cycle, or that have no parent epic.")]
        blocks += unparentedTable(section)
        blocks += section.items.map(requirementBlock)
        let keys = section.items.flatMap(plan.nestedSubtree).compactMap { graph[$0].key }
        if !keys.isEmpty { blocks += issueQuery("key in (" + keys.joined(separator: ", ") + ")") }
        return blocks
    }

    private func unparentedTable(_ section: SectionPlan) -> [Block] {
        let rows: [[[Inline]]] = section.items.map { node in
            let issue = graph[node]
            let reason: String
            if let missing = issue.missingParent {
                // Jira exports still name a parent outside the export (CSV "Parent summary").
                let summary = issue.requirement[field: "Parent summary"]?.stringValue.map { " (" + $0 + ")" } ?? ""
                reason = "Parent \(missing)\(summary) is not in the input"
            } else if issue.cycleBroken {
                reason = "Parent link \(issue.requirement.parent ?? "") is part of a cycle"
            } else {
                reason = "No parent"
            }
            return [Traceability.title(issue.requirement), [.text(issue.requirement.type ?? "")], [.text(reason)]]
        }
        return rows.isEmpty ? [] : [BlockKit.table(header: ["Issue", "Type", "Why it is here"], rows: rows)]
    }
}
