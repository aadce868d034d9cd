// The input issues as a graph: flattened, de-duplicated, parents resolved, cycles broken, ordered.

import SpineCore

/// One issue of the collation, with its place in the hierarchy.
struct IssueNode {
    /// The requirement without nested children (the graph holds those as `children`).
    var requirement: Requirement
    /// The parent node, when the parent is in the input and no cycle was broken here.
    var parent: Int?
    /// Child nodes, sorted by `OrderKey`.
    var children: [Int] = []
    /// The parent key the issue names but the input does not hold.
    var missingParent: String?
    /// The issue's parent link was dropped to break a cycle.
    var cycleBroken = false
    /// The reader delivered this issue nested inside another (a sub-task).
    var nestedInInput: Bool
    var order: OrderKey

    var key: String? { requirement.key }
}

/// The issues in input order plus the hierarchy between them.
struct IssueGraph {
    private(set) var nodes: [IssueNode] = []
    private(set) var index: [String: Int] = [:]
    /// Nodes by numeric Jira id (the `Issue id` field), for parents named by id (CSV `Parent id`).
    private var idIndex: [String: Int] = [:]
    /// Nodes without a parent in the graph, sorted.
    private(set) var roots: [Int] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(_ requirements: [Requirement]) {
        let flat = Self.flatten(requirements)
        var nestedUnder: [Int?] = []
        var canonical: [Int] = []  // flat index → node index
        for entry in flat {
            var requirement = entry.requirement
            requirement.key = requirement.key.map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 }
            if let key = requirement.key, let existing = index[key] {
                merge(requirement, nested: entry.parentFlatIndex != nil, into: existing)
                canonical.append(existing)
                continue
            }
            canonical.append(nodes.count)
            if let key = requirement.key { index[key] = nodes.count }
            nestedUnder.append(entry.parentFlatIndex)
            nodes.append(IssueNode(requirement: requirement, nestedInInput: entry.parentFlatIndex != nil,
                                   order: OrderKey(requirement, inputIndex: nodes.count)))
        }
        for node in nodes.indices {
            if let id = nodes[node].requirement.idField(Requirement.FieldName.issueID), idIndex[id] == nil { idIndex[id] = node }
        }
        resolveParents(nestedUnder: nestedUnder.map { $0.map { canonical[$0] } })
        breakCycles()
        linkChildren()
    }

    subscript(node: Int) -> IssueNode { nodes[node] }

    /// The node of `key`, if the input holds it.
    func node(forKey key: String) -> Int? { index[key] }

    // MARK: - Flattening nested input

    private struct FlatEntry {
        var requirement: Requirement
        var parentFlatIndex: Int?
    }

    /// Pre-order list of every requirement, nested children moved out (iterative: no depth limit).
    private static func flatten(_ requirements: [Requirement]) -> [FlatEntry] {
        var result: [FlatEntry] = []
        var pending: [FlatEntry] = requirements.reversed().map { FlatEntry(requirement: $0, parentFlatIndex: nil) }
        while var entry = pending.popLast() {
            let children = entry.requirement.children
            entry.requirement.children = []
            let position = result.count
            result.append(entry)
            for child in children.reversed() { pending.append(FlatEntry(requirement: child, parentFlatIndex: position)) }
        }
        return result
    }

    // MARK: - Duplicates

    /// Keeps the more complete of two copies of one issue (a sub-task stub nested in its parent and
    /// the full sub-task from the same search, or overlapping search pages).
    private mutating func merge(_ copy: Requirement, nested: Bool, into existing: Int) {
        let kept = nodes[existing]
        if Self.completeness(copy) > Self.completeness(kept.requirement) {
            nodes[existing].requirement = copy
            nodes[existing].order = OrderKey(copy, inputIndex: kept.order.inputIndex)
        }
        if !nested && !kept.nestedInInput && copy != kept.requirement {
            diagnostics.append(.warning("collate.duplicate-issue",
                "\(copy.key ?? "?") appears more than once in the input with different content; the more complete copy is used",
                at: SourceLocation(path: copy.key)))
        }
        if !nested { nodes[existing].nestedInInput = false }
    }

    /// How much a copy of an issue says, to choose between duplicates.
    private static func completeness(_ requirement: Requirement) -> Int {
        var score = requirement.fields.count + requirement.links.count + requirement.labels.count
        score += requirement.description.isEmpty ? 0 : 10
        score += requirement.acceptanceCriteria.isEmpty ? 0 : 10
        for present in [requirement.type, requirement.status, requirement.priority, requirement.parent, requirement.sourceURL]
        where present != nil { score += 1 }
        return score
    }

    // MARK: - Parents and cycles

    private mutating func resolveParents(nestedUnder: [Int?]) {
        for node in nodes.indices {
            if let declared = nodes[node].requirement.declaredParent {
                if let parent = index[declared], parent != node {
                    nodes[node].parent = parent
                    nodes[node].requirement.parent = declared
                } else if index[declared] == nil {
                    nodes[node].missingParent = declared
                    diagnostics.append(.warning("collate.missing-parent",
                        "\(nodes[node].key ?? "an issue")'s parent \(declared) is not in the input",
                        at: SourceLocation(path: nodes[node].key)))
                } else {
                    nodes[node].cycleBroken = true
                    diagnostics.append(.warning("collate.parent-cycle",
                        "\(declared) names itself as its parent; the link is ignored", at: SourceLocation(path: declared)))
                }
            } else if let outer = nestedUnder[node], outer != node {
                nodes[node].parent = outer
                nodes[node].requirement.parent = nodes[outer].key
            } else if let parentID = nodes[node].requirement.idField(Requirement.FieldName.parentID) {
                if let parent = idIndex[parentID], parent != node {
                    nodes[node].parent = parent
                    nodes[node].requirement.parent = nodes[parent].key
                } else {
                    nodes[node].missingParent = "issue id " + parentID
                    diagnostics.append(.warning("collate.missing-parent",
                        "\(nodes[node].key ?? "an issue")'s parent (issue id \(parentID)) is not in the input",
                        at: SourceLocation(path: nodes[node].key)))
                }
            }
        }
    }

    /// Finds every parent cycle and cuts it at its first member in sort order, which becomes a root.
    private mutating func breakCycles() {
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 new, 1 on current path, 2 finished
        for start in nodes.indices where state[start] == 0 {
            var path: [Int] = []
            var current: Int? = start
            while let node = current, state[node] == 0 {
                state[node] = 1
                path.append(node)
                current = nodes[node].parent
            }
            if let repeated = current, state[repeated] == 1, let from = path.firstIndex(of: repeated) {
                let cycle = Array(path[from...])
                let cut = cycle.min { nodes[$0].order < nodes[$1].order } ?? repeated
                let keys = cycle.map { nodes[$0].key ?? "?" }
                diagnostics.append(.warning("collate.parent-cycle",
                    "parent links form a cycle (\(keys.joined(separator: " → ")) → \(keys[0])); the parent link of \(nodes[cut].key ?? "?") is ignored",
                    at: SourceLocation(path: nodes[cut].key)))
                nodes[cut].parent = nil
                nodes[cut].cycleBroken = true
            }
            for node in path { state[node] = 2 }
        }
    }

    private mutating func linkChildren() {
        for node in nodes.indices {
            if let parent = nodes[node].parent { nodes[parent].children.append(node) } else { roots.append(node) }
        }
        let orders = nodes.map(\.order)
        for node in nodes.indices where nodes[node].children.count > 1 {
            nodes[node].children.sort { orders[$0] < orders[$1] }
        }
        roots.sort { nodes[$0].order < nodes[$1].order }
    }

    // MARK: - Queries

    /// `node` and every node below it, in document order (pre-order, children sorted).
    func subtree(_ node: Int) -> [Int] {
        var result: [Int] = []
        var pending = [node]
        while let next = pending.popLast() {
            result.append(next)
            pending.append(contentsOf: nodes[next].children.reversed())
        }
        return result
    }
}
