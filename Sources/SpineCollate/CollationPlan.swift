// Deciding the document's sections: which issue opens a section, which are its items, what nests.

import SpineCore

/// One section of the collated document.
struct SectionPlan {
    enum Kind: Equatable {
        /// An epic (or a `--epic` root): a feature.
        case feature
        /// An issue above epics (initiative, theme).
        case initiative
        /// A component, label or fix version group; the name is empty for "no value".
        case group(String)
        /// Issues whose parent is missing, cyclic or absent.
        case unparented
    }
    var kind: Kind
    /// The issue whose requirement opens the section (features and initiatives).
    var owner: Int?
    /// The section's direct issues, each rendered with its nested issues.
    var items: [Int] = []
    /// Owners of feature sections directly below this one (an initiative's epics).
    var childSections: [Int] = []
}

/// The layout of the whole document.
struct CollationPlan {
    /// Sections in document order; the unparented section, if any, is last.
    var sections: [SectionPlan] = []
    /// For each node, the issues nested inside its requirement (sub-tasks), in order.
    var nested: [Int: [Int]] = [:]
    /// Nodes the collation covers (all, or the `--epic` subtrees).
    var inScope: [Bool]

    /// Deepest nesting of requirements inside requirements; deeper issues become section items.
    static let maxNestingDepth = 12

    init(graph: IssueGraph, options: CollateOptions, diagnostics: inout [Diagnostic]) throws(SpineError) {
        inScope = [Bool](repeating: options.epics.isEmpty, count: graph.nodes.count)
        var roots = graph.roots
        var filterRoots: Set<Int> = []
        if !options.epics.isEmpty {
            roots = []
            for key in options.epics {
                guard let node = graph.node(forKey: key.trimmingSpaces) else {
                    throw SpineError(.usage, code: "collate.epic-not-found", "--epic \(key): no such issue in the input")
                }
                guard !inScope[node] else { continue }
                for member in graph.subtree(node) { inScope[member] = true }
                filterRoots.insert(node)
            }
            // A filter root inside another filter root's subtree is covered by that one.
            roots = filterRoots.filter { root in
                var ancestor = graph[root].parent
                while let current = ancestor {
                    if filterRoots.contains(current) { return false }
                    ancestor = graph[current].parent
                }
                return true
            }.sorted { graph[$0].order < graph[$1].order }
        }
        switch options.groupBy {
        case .epic: planByHierarchy(graph, roots: roots, filterRoots: filterRoots, diagnostics: &diagnostics)
        case .component, .label, .fixVersion: planByGroup(graph, roots: roots, grouping: options.groupBy)
        }
    }

    // MARK: - Epic grouping

    private mutating func planByHierarchy(_ graph: IssueGraph, roots: [Int], filterRoots: Set<Int>,
                                          diagnostics: inout [Diagnostic]) {
        let order = preOrder(graph, roots: roots)
        // Nodes with an epic somewhere below them are initiatives (or epics of epics).
        var epicBelow = [Bool](repeating: false, count: graph.nodes.count)
        for node in order.reversed() {
            if let parent = graph[node].parent, graph[node].requirement.isEpic || epicBelow[node] {
                epicBelow[parent] = true
            }
        }
        var sectionOf: [Int: Int] = [:]  // owner node → section index
        var depth: [Int: Int] = [:]  // nesting depth of nested requirements
        var unparented = SectionPlan(kind: .unparented)
        for node in order {
            let requirement = graph[node].requirement
            let isOwner = filterRoots.contains(node) || requirement.isEpic || epicBelow[node]
            if isOwner {
                let kind: SectionPlan.Kind = requirement.isEpic || !epicBelow[node] ? .feature : .initiative
                sectionOf[node] = sections.count
                sections.append(SectionPlan(kind: kind, owner: node))
                if let outer = nearestOwner(above: node, graph: graph, sectionOf: sectionOf) {
                    sections[outer].childSections.append(node)
                }
                continue
            }
            guard let parent = graph[node].parent else {
                unparented.items.append(node)
                depth[node] = 0
                continue
            }
            if let section = sectionOf[parent] {
                sections[section].items.append(node)
            } else if let parentDepth = depth[parent], parentDepth < Self.maxNestingDepth {
                nested[parent, default: []].append(node)
                depth[node] = parentDepth + 1
                continue
            } else if let section = nearestOwner(above: node, graph: graph, sectionOf: sectionOf) {
                if depth[parent] != nil {
                    diagnostics.append(.info("collate.nesting-too-deep",
                        "\(graph[node].key ?? "an issue") is nested more than \(Self.maxNestingDepth) levels deep; it is listed as a section item",
                        at: SourceLocation(path: graph[node].key)))
                }
                sections[section].items.append(node)
            } else {
                unparented.items.append(node)
            }
            depth[node] = 0
        }
        if !unparented.items.isEmpty { sections.append(unparented) }
    }

    private func nearestOwner(above node: Int, graph: IssueGraph, sectionOf: [Int: Int]) -> Int? {
        var ancestor = graph[node].parent
        while let current = ancestor {
            if let section = sectionOf[current] { return section }
            ancestor = graph[current].parent
        }
        return nil
    }

    // MARK: - Component, label and fix-version grouping

    private mutating func planByGroup(_ graph: IssueGraph, roots: [Int], grouping: CollateOptions.Grouping) {
        var groups: [String: SectionPlan] = [:]
        var depth: [Int: Int] = [:]
        for node in preOrder(graph, roots: roots) {
            let issue = graph[node]
            if let parent = issue.parent, issue.requirement.isSubtaskType || issue.nestedInInput,
               let parentDepth = depth[parent], parentDepth < Self.maxNestingDepth {
                nested[parent, default: []].append(node)
                depth[node] = parentDepth + 1
                continue
            }
            depth[node] = 0
            let name = Self.groupValue(issue.requirement, grouping) ?? ""
            groups[name, default: SectionPlan(kind: .group(name))].items.append(node)
        }
        let names = groups.keys.sorted { left, right in
            if left.isEmpty != right.isEmpty { return !left.isEmpty }
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        }
        sections = names.compactMap { groups[$0] }
    }

    /// The issue's first component, label or fix version.
    static func groupValue(_ requirement: Requirement, _ grouping: CollateOptions.Grouping) -> String? {
        let values: [String]
        switch grouping {
        case .epic: return nil
        case .component: values = requirement.components
        case .label: values = requirement.labels
        case .fixVersion: values = requirement.fixVersions
        }
        return values.first { !$0.trimmingSpaces.isEmpty }
    }

    // MARK: - Walking

    /// In-scope nodes below `roots` in document order.
    private func preOrder(_ graph: IssueGraph, roots: [Int]) -> [Int] {
        var result: [Int] = []
        var pending: [Int] = roots.reversed()
        while let node = pending.popLast() {
            guard inScope[node] else { continue }
            result.append(node)
            pending.append(contentsOf: graph[node].children.reversed())
        }
        return result
    }

    /// `node` and its nested issues, in document order.
    func nestedSubtree(_ node: Int) -> [Int] {
        var result: [Int] = []
        var pending = [node]
        while let next = pending.popLast() {
            result.append(next)
            pending.append(contentsOf: (nested[next] ?? []).reversed())
        }
        return result
    }
}
