// The source side of a migration: the page tree with bodies, labels and sibling order.

import SpineCore

/// One source page.
struct SourceNode: Sendable {
    var id: String
    var title: String
    /// Parent id inside the tree (nil for the tree's top pages).
    var parentID: String?
    var depth: Int
    /// Position among its siblings.
    var position: Int
    var storage: String
    var labels: [String]
    /// Attachment file names (the first page of them).
    var attachmentNames: [String]
    /// The body refers to pages by id (`ri:content-entity`).
    var hasContentIDs: Bool { storage.contains("ri:content-entity") }
}

/// The tree, level by level, with a depth-first order for reports.
struct SourceTree: Sendable {
    var levels: [[SourceNode]]
    var nodes: [SourceNode] { levels.flatMap { $0 } }
    /// Source id → position in depth-first order.
    var order: [String: Int]

    static let bodyExpand = "body.storage,version,ancestors,metadata.labels,children.attachment"

    /// Reads the tree under `root` (or every top-level page of the space), children in sibling order.
    static func load(_ client: AtlassianClient, space: String, root: String?, jobs: Int) async throws -> SourceTree {
        var tops: [ConfluencePage]
        if let root {
            tops = [try await client.confluence.page(id: root, expand: bodyExpand)]
        } else {
            let listed = try await client.confluence.pages(space: space)
            var fetched: [ConfluencePage] = []
            try await forEachConcurrently(listed.filter { $0.ancestorIDs.isEmpty }, jobs: jobs, { page in
                try await client.confluence.page(id: page.id, expand: bodyExpand)
            }) { fetched.append($0) }
            tops = fetched.sorted { ExportManifest.idOrder($0.id, $1.id) }
        }
        var levels: [[SourceNode]] = []
        var level = tops.enumerated().map { index, page in
            SourceNode(id: page.id, title: page.title, parentID: nil, depth: 0, position: index, storage: page.storage ?? "", labels: page.labels,
                       attachmentNames: (page.attachments ?? []).map(\.fileName))
        }
        var seen = Set(level.map(\.id))
        for depth in 1...1_000 where !level.isEmpty {
            levels.append(level)
            var next: [SourceNode] = []
            try await forEachConcurrently(level, jobs: jobs, { parent in
                (parent.id, try await client.confluence.children(of: parent.id, expand: bodyExpand))
            }) { parentID, children in
                for (index, child) in children.enumerated() where seen.insert(child.id).inserted {
                    next.append(SourceNode(id: child.id, title: child.title, parentID: parentID, depth: depth, position: index,
                                           storage: child.storage ?? "", labels: child.labels,
                                           attachmentNames: (child.attachments ?? []).map(\.fileName)))
                }
            }
            level = next
        }
        var tree = SourceTree(levels: levels, order: [:])
        tree.order = tree.depthFirstOrder()
        return tree
    }

    private func depthFirstOrder() -> [String: Int] {
        let byParent = Dictionary(grouping: nodes, by: { $0.parentID ?? "" })
        var order: [String: Int] = [:]
        var stack = (byParent[""] ?? []).sorted { $0.position > $1.position }
        while let node = stack.popLast() {
            order[node.id] = order.count
            stack += (byParent[node.id] ?? []).sorted { $0.position > $1.position }
        }
        return order
    }
}
