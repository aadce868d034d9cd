// The verification pass of a migration: re-read every copy and compare it with its source.

import Foundation
import SpineCore

/// Compares every target page with its source after the intended rewrites: title, parent,
/// sibling order, labels, attachments, and the body as an AST (or as storage text when no
/// `confluence` reader is registered).
struct MigrationVerifier: Sendable {
    let target: AtlassianClient
    let registry: FormatRegistry
    let rewriter: StorageRewriter
    let tree: SourceTree
    let targetIDs: [String: String]
    let targetParentID: String?

    struct Result: Sendable {
        var differences: [String] = []
        var compared = 0
        var diagnostics: [FileDiagnostic] = []
    }

    func verify(jobs: Int) async throws -> Result {
        var result = Result()
        let nodes = tree.nodes
        try await forEachConcurrently(nodes, jobs: jobs, { node -> ([String], [FileDiagnostic]) in
            try await compare(node)
        }) { differences, diagnostics in
            result.compared += 1
            result.differences += differences
            result.diagnostics += diagnostics
        }
        let parents = Set(nodes.compactMap(\.parentID))
        try await forEachConcurrently(nodes.filter { parents.contains($0.id) }, jobs: jobs, { parent -> [String] in
            try await compareOrder(under: parent, nodes: nodes)
        }) { result.differences += $0 }
        result.differences.sort()
        return result
    }

    private func compare(_ node: SourceNode) async throws -> ([String], [FileDiagnostic]) {
        let name = "'\(node.title)' (source \(node.id))"
        guard let id = targetIDs[node.id] else { return (["\(name): no copy in the target space"], []) }
        let page = try await target.confluence.page(id: id, expand: "body.storage,version,ancestors,metadata.labels,children.attachment")
        var differences: [String] = []
        if page.title != node.title { differences.append("\(name): title is '\(page.title)'") }
        let expectedParent = node.parentID.flatMap { targetIDs[$0] } ?? targetParentID
        if let expectedParent, page.parentID != expectedParent {
            differences.append("\(name): parent is \(page.parentID ?? "none"), expected \(expectedParent)")
        }
        let missingLabels = node.labels.filter { !page.labels.contains($0) }
        if !missingLabels.isEmpty { differences.append("\(name): labels missing: \(missingLabels.joined(separator: ", "))") }
        let names = Set((page.attachments ?? []).map(\.fileName))
        let missingFiles = node.attachmentNames.filter { !names.contains($0) && !page.moreAttachments }
        if !missingFiles.isEmpty { differences.append("\(name): attachments missing: \(missingFiles.joined(separator: ", "))") }
        var diagnostics: [FileDiagnostic] = []
        if let body = try compareBodies(node, page.storage ?? "", name: name, diagnostics: &diagnostics) { differences.append(body) }
        return (differences, diagnostics)
    }

    /// The body difference, or nil when the bodies agree.
    private func compareBodies(_ node: SourceNode, _ targetStorage: String, name: String, diagnostics: inout [FileDiagnostic]) throws -> String? {
        let expectedStorage = rewriter.rewrite(node.storage).text
        guard let reader = registry.format(named: "confluence")?.reader else {
            return expectedStorage == targetStorage ? nil : "\(name): body differs from the rewritten source (storage text compared)"
        }
        let options = ConversionOptions(sourceName: node.title)
        let source = try reader.read(Array(node.storage.utf8), options: options)
        let copy = try reader.read(Array(targetStorage.utf8), options: options)
        diagnostics += copy.diagnostics.map { FileDiagnostic(file: node.title, diagnostic: $0) }
        let expected = expectedBlocks(source.document.blocks)
        guard expected != copy.document.blocks else { return nil }
        let left = ASTFormat.dump(expected).split(separator: "\n", omittingEmptySubsequences: false)
        let right = ASTFormat.dump(copy.document.blocks).split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(left, right)).firstIndex { $0.0 != $0.1 } ?? min(left.count, right.count)
        let want = line < left.count ? left[line].trimmingCharacters(in: .whitespaces) : "(end)"
        let got = line < right.count ? right[line].trimmingCharacters(in: .whitespaces) : "(end)"
        return "\(name): body differs at AST line \(line + 1): expected \(want), found \(got)"
    }

    private func compareOrder(under parent: SourceNode, nodes: [SourceNode]) async throws -> [String] {
        guard let parentCopy = targetIDs[parent.id] else { return [] }
        let expected = nodes.filter { $0.parentID == parent.id }.sorted { $0.position < $1.position }.compactMap { targetIDs[$0.id] }
        let children = try await target.confluence.children(of: parentCopy, expand: "version").map(\.id)
        let actual = children.filter { expected.contains($0) }
        return actual == expected ? [] : ["'\(parent.title)' (source \(parent.id)): children are in a different order"]
    }

    // MARK: - The intended rewrites, on the AST

    /// The source blocks with the rewrites the migration applies to storage.
    func expectedBlocks(_ blocks: [Block]) -> [Block] {
        let rewriter = self.rewriter
        func page(_ link: PageLink) -> PageLink {
            var result = link
            let inSource = link.spaceKey == nil || link.spaceKey == rewriter.sourceSpace
            if inSource, rewriter.movedTitles.contains(link.title) {
                if link.spaceKey != nil { result.spaceKey = rewriter.targetSpace }
            } else if link.spaceKey == nil {
                result.spaceKey = rewriter.sourceSpace
            }
            if let id = link.contentID, let mapped = rewriter.idMap[id] { result.contentID = mapped }
            return result
        }
        func attachment(_ link: AttachmentLink) -> AttachmentLink {
            var result = link
            result.page = link.page.map(page)
            return result
        }
        func jira(_ attributes: [Attribute]) -> [Attribute] {
            attributes.map { attribute in
                if attribute.name == "serverId", let id = rewriter.jiraServerID { return Attribute("serverId", id) }
                if attribute.name == "server", let server = rewriter.jiraServerName { return Attribute("server", server) }
                return attribute
            }
        }
        func image(_ value: Image) -> Image {
            var result = value
            if case .attachment(let link) = value.source { result.source = .attachment(attachment(link)) }
            return result
        }
        let transform = ASTTransform(
            block: { block in
                switch block {
                case .issueQuery(var query):
                    query.attributes = jira(query.attributes)
                    return [.issueQuery(query)]
                case .image(let value): return [.image(image(value))]
                case .raw(var raw) where raw.format == "confluence":
                    raw.content = rewriter.rewrite(raw.content).text
                    return [.raw(raw)]
                default: return [block]
                }
            },
            inline: { inline in
                switch inline {
                case .link(var link):
                    switch link.target {
                    case .page(let target): link.target = .page(page(target))
                    case .attachment(let target): link.target = .attachment(attachment(target))
                    default: break
                    }
                    return [.link(link)]
                case .image(let value): return [.image(image(value))]
                case .mention(var mention):
                    if let account = rewriter.users[mention.accountID] { mention.accountID = account }
                    return [.mention(mention)]
                case .issue(var issue):
                    issue.attributes = jira(issue.attributes)
                    return [.issue(issue)]
                case .raw(var raw) where raw.format == "confluence":
                    raw.content = rewriter.rewrite(raw.content).text
                    return [.raw(raw)]
                default: return [inline]
                }
            })
        return transform.apply(blocks)
    }
}
