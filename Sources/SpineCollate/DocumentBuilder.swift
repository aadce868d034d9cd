// Assembling the collated document: title, summary, one section per feature, unparented, traceability.

import SpineCore

/// Turns a planned collation into a `Document` in the chosen template.
struct DocumentBuilder {
    let graph: IssueGraph
    let plan: CollationPlan
    let options: CollateOptions
    var diagnostics: [Diagnostic] = []
    /// Requirements as they appear in the document (acceptance criteria split out), by node.
    private(set) var prepared: [Int: Requirement] = [:]
    /// The section each listed issue belongs to.
    private(set) var sectionOfNode: [Int: Int] = [:]
    /// In-scope issues in document order.
    private(set) var documentOrder: [Int] = []

    init(graph: IssueGraph, plan: CollationPlan, options: CollateOptions) {
        self.graph = graph
        self.plan = plan
        self.options = options
        for (index, section) in plan.sections.enumerated() {
            let members = (section.owner.map { [$0] } ?? []) + section.items.flatMap(plan.nestedSubtree)
            for node in members {
                sectionOfNode[node] = index
                documentOrder.append(node)
                prepared[node] = prepare(node)
            }
        }
    }

    /// The requirement with acceptance criteria taken from its description when the field is empty.
    private mutating func prepare(_ node: Int) -> Requirement {
        var requirement = graph[node].requirement
        if requirement.acceptanceCriteria.isEmpty {
            if let split = DescriptionParts.splitAcceptanceCriteria(requirement.description) {
                requirement.description = split.description
                requirement.acceptanceCriteria = split.criteria
            } else if requirement.isStory {
                diagnostics.append(.info("collate.no-acceptance-criteria",
                    "\(requirement.key ?? requirement.summary) has no acceptance criteria (no field, no heading or list in the description)",
                    at: SourceLocation(path: requirement.key)))
            }
        }
        if let level = options.descriptionHeadingLevel {
            let shift = DescriptionParts.headingShift(requirement.description + requirement.acceptanceCriteria, toAtLeast: level)
            if shift > 0 {
                requirement.description = DescriptionParts.shiftingHeadings(requirement.description, by: shift)
                requirement.acceptanceCriteria = DescriptionParts.shiftingHeadings(requirement.acceptanceCriteria, by: shift)
            }
        }
        return requirement
    }

    // MARK: - The document

    mutating func build() -> Document {
        var blocks: [Block] = []
        if options.template == .prd { blocks += summaryBlocks() }
        for index in plan.sections.indices {
            blocks += sectionBlocks(index)
        }
        if options.template == .prd {
            let owners = Set(plan.sections.compactMap(\.owner))
            let trace = Traceability(graph: graph, documentOrder: documentOrder, owners: owners, inScope: plan.inScope)
            blocks.append(BlockKit.heading(2, "Traceability"))
            blocks += trace.blocks(graph: graph, sectionName: { [self] node in sectionReference(node) })
            diagnostics += trace.diagnostics(graph: graph)
        }
        return Document(metadata: Metadata(title: title), blocks: blocks)
    }

    private var title: String {
        if let title = options.title, !title.isEmpty { return title }
        let features = plan.sections.filter { $0.kind == .feature || $0.kind == .initiative }
        if plan.sections.count == 1, let owner = features.first?.owner {
            return graph[owner].requirement.summary + " — requirements"
        }
        var projects: [String] = []
        for node in documentOrder {
            if let project = IssueKey(graph[node].key)?.project, !projects.contains(project) { projects.append(project) }
        }
        projects.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return projects.isEmpty ? "Requirements" : "Requirements: " + projects.joined(separator: ", ")
    }

    // MARK: - Summary

    private func summaryBlocks() -> [Block] {
        let featureCount = plan.sections.filter { $0.kind == .feature }.count
        var intro = "This document collates \(BlockKit.count(documentOrder.count, "Jira issue")) into "
        switch options.groupBy {
        case .epic: intro += BlockKit.count(featureCount, "feature")
        case .component, .label, .fixVersion: intro += BlockKit.count(plan.sections.count, "group")
        }
        intro += ". Within each section issues follow Jira rank, else key order."
        var blocks: [Block] = [BlockKit.paragraph(intro), .tableOfContents(TableOfContents(attributes: [Attribute("maxLevel", "2")])),
                               BlockKit.heading(2, "Summary")]
        let tallies = plan.sections.indices.map(tally)
        let anyPoints = tallies.contains { $0.hasPoints }
        var header = ["Section", "Status", "Issues done"]
        if anyPoints { header.append("Story points done") }
        let rows: [[[Inline]]] = plan.sections.indices.map { index in
            let owner = plan.sections[index].owner.map { graph[$0].requirement }
            var row: [[Inline]] = [sectionTitleInlines(index), owner.map { [BlockKit.status($0.status, $0.resolvedCategory)] } ?? [],
                                   [.text(tallies[index].shortProgress)]]
            if anyPoints { row.append([.text(tallies[index].shortPointsProgress)]) }
            return row
        }
        blocks.append(rows.isEmpty ? BlockKit.note("No issues in the input.") : BlockKit.table(header: header, rows: rows))
        return blocks
    }

    /// The status tally of a section: its items (and child features, for initiatives), sub-tasks apart.
    func tally(_ index: Int) -> StatusTally {
        let section = plan.sections[index]
        let items = section.childSections + section.items
        let subtasks = section.items.flatMap { plan.nestedSubtree($0).dropFirst() }
        return StatusTally(items: items.map { graph[$0].requirement }, subtasks: subtasks.map { graph[$0].requirement })
    }

    // MARK: - Section titles

    /// The section heading's text.
    func sectionTitle(_ index: Int) -> String {
        let section = plan.sections[index]
        switch section.kind {
        case .feature, .initiative:
            guard let owner = section.owner else { return "" }
            let requirement = graph[owner].requirement
            let prefix = section.kind == .initiative ? "Initiative: " : ""
            return prefix + requirement.summary + (requirement.key.map { " (" + $0 + ")" } ?? "")
        case .group(let name):
            let field: String
            switch options.groupBy {
            case .epic, .component: field = "component"
            case .label: field = "label"
            case .fixVersion: field = "fix version"
            }
            return name.isEmpty ? "No " + field : field.prefix(1).uppercased() + field.dropFirst() + ": " + name
        case .unparented:
            return "Unparented"
        }
    }

    /// The section's name for tables: key link and summary for features, the title otherwise.
    func sectionTitleInlines(_ index: Int) -> [Inline] {
        if let owner = plan.sections[index].owner { return Traceability.title(graph[owner].requirement) }
        return [.text(sectionTitle(index))]
    }

    /// The section an issue is listed in, for the traceability table.
    func sectionReference(_ node: Int) -> [Inline] {
        guard let index = sectionOfNode[node] else { return [] }
        if let owner = plan.sections[index].owner, let key = graph[owner].key { return [BlockKit.issue(key)] }
        return [.text(sectionTitle(index))]
    }

    // MARK: - Requirement blocks

    /// The requirement of `node` with its nested issues as children (built bottom-up, no recursion).
    func requirementBlock(_ node: Int) -> Block {
        var built: [Int: Requirement] = [:]
        for member in plan.nestedSubtree(node).reversed() {
            var requirement = prepared[member] ?? graph[member].requirement
            requirement.children = (plan.nested[member] ?? []).compactMap { built.removeValue(forKey: $0) }
            built[member] = requirement
        }
        return .requirement(built[node] ?? graph[node].requirement)
    }
}
