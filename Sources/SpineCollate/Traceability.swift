// Traceability: which issues implement which requirement, and what is left untraced.

import SpineCore

/// An issue that implements a requirement: one in the input, or one only a link names.
struct Implementer: Hashable {
    var key: String
    var node: Int?
    var status: String?
    var category: StatusCategory?
}

/// Requirements, their implementing issues, and the issues that implement nothing.
///
/// A requirement is an in-scope issue of a requirement type (Story, User Story, Requirement,
/// Feature, New Feature, Improvement, Enhancement). Its implementing issues are the issues below it
/// in the hierarchy (sub-tasks, child issues) and the issues an implementation link ties to it
/// (`implements` / `is implemented by`, realises, fulfils, delivers, satisfies).
struct Traceability {
    /// Requirement nodes in document order, each with its implementers in document order.
    private(set) var entries: [(requirement: Int, implementers: [Implementer])] = []
    /// In-scope issues that are neither requirements nor section owners and implement nothing.
    private(set) var untraced: [Int] = []

    init(graph: IssueGraph, documentOrder: [Int], owners: Set<Int>, inScope: [Bool]) {
        var position: [Int: Int] = [:]
        for (index, node) in documentOrder.enumerated() { position[node] = index }
        var implementers: [Int: [Implementer]] = [:]
        var implementsSomething: Set<Int> = []
        func record(_ implementer: Implementer, of requirement: Int) {
            guard inScope[requirement], graph[requirement].requirement.isRequirementType else { return }
            guard implementer.node != requirement else { return }
            if !(implementers[requirement]?.contains { $0.key == implementer.key } ?? false) {
                implementers[requirement, default: []].append(implementer)
            }
            if let node = implementer.node { implementsSomething.insert(node) }
        }
        for node in documentOrder {
            // Below a requirement in the hierarchy.
            var ancestor = graph[node].parent
            while let current = ancestor {
                if graph[current].requirement.isRequirementType { record(Self.implementer(node, graph), of: current) }
                ancestor = graph[current].parent
            }
            // Tied by an implementation link.
            let requirement = graph[node].requirement
            for link in requirement.links {
                guard let role = ImplementationRole(link) else { continue }
                let other = graph.node(forKey: link.key)
                switch role {
                case .implementsOther:
                    if let other { record(Self.implementer(node, graph), of: other) }
                case .implementedByOther:
                    if let other, inScope[other] {
                        record(Self.implementer(other, graph), of: node)
                    } else if other == nil {
                        record(Implementer(key: link.key, node: nil, status: link.status,
                                           category: link.statusCategory ?? StatusCategory.guess(fromStatusName: link.status)), of: node)
                    }
                }
            }
        }
        for node in documentOrder {
            let requirement = graph[node].requirement
            if requirement.isRequirementType {
                let found = (implementers[node] ?? []).sorted { left, right in
                    (left.node.flatMap { position[$0] } ?? Int.max, left.key) < (right.node.flatMap { position[$0] } ?? Int.max, right.key)
                }
                entries.append((node, found))
            } else if !owners.contains(node) && !requirement.isEpic && !implementsSomething.contains(node) {
                untraced.append(node)
            }
        }
    }

    private static func implementer(_ node: Int, _ graph: IssueGraph) -> Implementer {
        let requirement = graph[node].requirement
        return Implementer(key: requirement.key ?? requirement.summary, node: node, status: requirement.status,
                           category: requirement.resolvedCategory)
    }

    // MARK: - Output

    /// The warnings: requirements without implementing issues, issues without a requirement.
    func diagnostics(graph: IssueGraph) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for entry in entries where entry.implementers.isEmpty {
            let requirement = graph[entry.requirement].requirement
            result.append(.warning("collate.requirement-unimplemented",
                "\(requirement.key ?? requirement.summary) (\(requirement.type ?? "requirement")) has no implementing issue: no sub-task, child issue or implementation link",
                at: SourceLocation(path: requirement.key)))
        }
        for node in untraced {
            let requirement = graph[node].requirement
            result.append(.warning("collate.issue-without-requirement",
                "\(requirement.key ?? requirement.summary) (\(requirement.type ?? "issue")) implements no requirement: it is not below a story or requirement and has no implementation link to one",
                at: SourceLocation(path: requirement.key)))
        }
        return result
    }

    /// The traceability section's blocks. `sectionName` names the section an issue is listed in.
    func blocks(graph: IssueGraph, sectionName: (Int) -> [Inline]) -> [Block] {
        var blocks: [Block] = [BlockKit.paragraph(
            "Requirements are stories and requirement-type issues. An issue implements a requirement when it is below it "
            + "in the hierarchy (a sub-task or child issue) or tied to it by an implementation link (implements / is implemented by).")]
        if entries.isEmpty {
            blocks.append(BlockKit.note("No requirement-type issues in the input."))
        } else {
            let rows: [[[Inline]]] = entries.map { entry in
                let requirement = graph[entry.requirement].requirement
                let done = entry.implementers.filter { $0.category == .done }.count
                let implementing = entry.implementers.map { implementer -> [Inline] in
                    [BlockKit.issue(implementer.key), .text(" "), BlockKit.status(implementer.status, implementer.category)]
                }
                return [
                    Self.title(requirement), sectionName(entry.requirement),
                    [BlockKit.status(requirement.status, requirement.resolvedCategory)],
                    implementing.isEmpty ? [.emphasis([.text("none")])] : BlockKit.joined(implementing, separator: ", "),
                    [.text(entry.implementers.isEmpty ? "Not covered" : "\(done) of \(entry.implementers.count) done")],
                ]
            }
            blocks.append(BlockKit.table(
                header: ["Requirement", "Section", "Status", "Implementing issues", "Implementation"], rows: rows))
        }
        if !untraced.isEmpty {
            blocks.append(BlockKit.heading(3, "Issues without a requirement"))
            blocks.append(BlockKit.bulletList(untraced.map { node in
                let requirement = graph[node].requirement
                return Self.title(requirement) + [.text(" (" + (requirement.type ?? "issue") + ") ")]
                    + [BlockKit.status(requirement.status, requirement.resolvedCategory)]
            }))
        }
        return blocks
    }

    /// Key link and summary.
    static func title(_ requirement: Requirement) -> [Inline] {
        guard let key = requirement.key else { return [.text(requirement.summary)] }
        return [BlockKit.issue(key), .text(" " + requirement.summary)]
    }
}
