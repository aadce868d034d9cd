// `spine migrate`: copies a page tree between spaces (or sites), idempotently, then verifies it.

import Foundation
import SpineCore

/// Options of a migration.
public struct MigrateOptions: Sendable {
    /// `--from`: the source space key.
    public var sourceSpace: String
    /// `--to`: the target space key.
    public var targetSpace: String
    /// `--root`: move only this page and its descendants (default: the whole space).
    public var rootPageID: String?
    /// `--parent`: the target page the tree goes under (default: the target space's top level).
    public var targetParentID: String?
    /// `--dry-run`: plan only, change nothing.
    public var dryRun: Bool
    /// `--jobs`.
    public var jobs: Int
    /// `--users map.csv`: old user key or user name → account id.
    public var users: [String: String]
    /// The target site's Jira application-link id (`--jira-server-id`) and name (`--jira-server`).
    public var jiraServerID: String?
    public var jiraServerName: String?
    /// Copy attachments.
    public var attachments: Bool
    /// Re-read and compare every target page at the end.
    public var verify: Bool

    public init(sourceSpace: String, targetSpace: String, rootPageID: String? = nil, targetParentID: String? = nil,
                dryRun: Bool = false, jobs: Int = 4, users: [String: String] = [:], jiraServerID: String? = nil,
                jiraServerName: String? = nil, attachments: Bool = true, verify: Bool = true) {
        self.sourceSpace = sourceSpace
        self.targetSpace = targetSpace
        self.rootPageID = rootPageID
        self.targetParentID = targetParentID
        self.dryRun = dryRun
        self.jobs = jobs
        self.users = users
        self.jiraServerID = jiraServerID
        self.jiraServerName = jiraServerName
        self.attachments = attachments
        self.verify = verify
    }
}

/// One step of the migration plan.
public struct MigrationStep: Sendable, Equatable {
    public enum Action: String, Sendable {
        case create, update, unchanged
        /// A page with the title exists in the target space but is not this page's copy.
        case conflict
    }
    public var action: Action
    public var sourceID: String
    public var title: String
    /// Nesting depth in the tree (0 = top).
    public var depth: Int
    /// The target page id (nil until created).
    public var targetID: String?

    /// `create  Title` with indentation, as `--dry-run` prints it.
    public var line: String {
        action.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + String(repeating: "  ", count: depth) + title
            + " (source \(sourceID)" + (targetID.map { ", target \($0)" } ?? "") + ")"
    }
}

/// What a migration did.
public struct MigrateReport: Sendable {
    public var plan: [MigrationStep] = []
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    public var attachmentsUploaded = 0
    /// User keys or names that had no mapping.
    public var unmappedUsers: [String] = []
    /// Differences the verification pass found (empty = the copy matches).
    public var differences: [String] = []
    /// Pages the verification pass compared.
    public var verified = 0
    public var diagnostics: [FileDiagnostic] = []
    public var statistics = ClientStatistics()
}

/// The content property that marks a page as the copy of a source page.
let migrationPropertyKey = "spine-migrated-from"

/// Copies a page tree. Pass a second client for another site (`--to-site`).
public struct MigrateJob: Sendable {
    public let source: AtlassianClient
    public let target: AtlassianClient
    public let registry: FormatRegistry
    public let options: MigrateOptions
    public let progress: ProgressHandler?

    public init(source: AtlassianClient, target: AtlassianClient? = nil, registry: FormatRegistry, options: MigrateOptions,
                progress: ProgressHandler? = nil) {
        self.source = source
        self.target = target ?? source
        self.registry = registry
        self.options = options
        self.progress = progress
    }

    var crossSite: Bool { source.site.baseURL != target.site.baseURL }

    public func run() async throws(SpineError) -> MigrateReport {
        do {
            return try await runThrowing()
        } catch {
            throw spineError(error)
        }
    }

    private func runThrowing() async throws -> MigrateReport {
        let tree = try await SourceTree.load(source, space: options.sourceSpace, root: options.rootPageID, jobs: options.jobs)
        var rewriter = StorageRewriter(sourceSpace: options.sourceSpace, targetSpace: options.targetSpace,
                                       movedTitles: Set(tree.nodes.map(\.title)))
        rewriter.users = options.users
        rewriter.jiraServerID = options.jiraServerID
        rewriter.jiraServerName = options.jiraServerName
        rewriter.reportUnmappedUsers = !options.users.isEmpty || crossSite
        let existing = try await target.confluence.pages(space: options.targetSpace)
        let existingByTitle = Dictionary(existing.map { ($0.title, $0) }, uniquingKeysWith: { first, _ in first })
        var report = MigrateReport()
        var unmapped: Set<String> = []

        // Plan: match every source page to its copy (by stored source id, else by title under the expected parent).
        var matches: [String: ConfluencePage] = [:]
        var conflicts: Set<String> = []
        try await forEachConcurrently(tree.nodes, jobs: options.jobs, { node -> (String, ConfluencePage?, Bool) in
            guard let candidate = existingByTitle[node.title] else { return (node.id, nil, false) }
            let property = try await target.confluence.property(pageID: candidate.id, key: migrationPropertyKey)
            if let marked = property?.value["sourceId"]?.stringValue {
                return (node.id, candidate, marked != node.id)
            }
            return (node.id, candidate, false)
        }) { id, candidate, conflict in
            if conflict { conflicts.insert(id) } else if let candidate { matches[id] = candidate }
        }

        let conflictIDs = conflicts
        let matched = matches
        // Execute level by level; siblings in order (creation order is sibling order), parents in parallel.
        var targetIDs: [String: String] = [:] // source id → target id
        var done = 0
        for level in tree.levels {
            let groups = Dictionary(grouping: level, by: { $0.parentID ?? "" }).values.map { $0.sorted { $0.position < $1.position } }
                .sorted { ($0.first?.position ?? 0, $0.first?.id ?? "") < ($1.first?.position ?? 0, $1.first?.id ?? "") }
            let parents = targetIDs
            let currentRewriter = rewriter
            try await forEachConcurrently(groups, jobs: options.jobs, { siblings -> [PageOutcome] in
                var outcomes: [PageOutcome] = []
                for node in siblings {
                    let parent = node.parentID.flatMap { parents[$0] } ?? options.targetParentID
                    if conflictIDs.contains(node.id) {
                        outcomes.append(PageOutcome(step: MigrationStep(action: .conflict, sourceID: node.id, title: node.title,
                                                                        depth: node.depth, targetID: existingByTitle[node.title]?.id)))
                        continue
                    }
                    outcomes.append(try await migrate(node, parent: parent, match: matched[node.id], rewriter: currentRewriter))
                }
                return outcomes
            }) { outcomes in
                for outcome in outcomes {
                    report.plan.append(outcome.step)
                    if let id = outcome.step.targetID { targetIDs[outcome.step.sourceID] = id }
                    switch outcome.step.action {
                    case .create: report.created += 1
                    case .update: report.updated += 1
                    case .unchanged: report.unchanged += 1
                    case .conflict: break
                    }
                    report.attachmentsUploaded += outcome.uploaded
                    unmapped.formUnion(outcome.unmappedUsers)
                    done += 1
                    progress?(JobProgress(done: done, total: tree.nodes.count, item: outcome.step.title))
                }
            }
        }
        report.plan.sort { (tree.order[$0.sourceID] ?? 0) < (tree.order[$1.sourceID] ?? 0) }

        // Second pass: references by content id to pages that were created in this run.
        rewriter.idMap = targetIDs
        if !options.dryRun {
            let finalRewriter = rewriter
            let finalIDs = targetIDs
            try await forEachConcurrently(tree.nodes.filter { $0.hasContentIDs && targetIDs[$0.id] != nil }, jobs: options.jobs, { node in
                guard let id = finalIDs[node.id] else { return }
                let current = try await target.confluence.page(id: id, expand: "body.storage,version,ancestors")
                let body = finalRewriter.rewrite(node.storage).text
                if body != current.storage {
                    _ = try await target.confluence.updatePage(id: id, title: current.title, version: current.version + 1,
                                                               storage: body, parentID: nil, message: "spine migrate: page ids")
                }
            }) { _ in }
        }
        report.unmappedUsers = unmapped.sorted()
        if options.verify && !options.dryRun {
            let verifier = MigrationVerifier(target: target, registry: registry, rewriter: rewriter, tree: tree,
                                             targetIDs: targetIDs, targetParentID: options.targetParentID)
            let verification = try await verifier.verify(jobs: options.jobs)
            report.differences = verification.differences
            report.verified = verification.compared
            report.diagnostics = verification.diagnostics
        }
        report.statistics = target.statistics
        return report
    }

    /// What migrating one page did.
    struct PageOutcome: Sendable {
        var step: MigrationStep
        var uploaded = 0
        var unmappedUsers: Set<String> = []
    }

    /// Creates or updates the copy of one page, its labels, attachments and source-id property.
    private func migrate(_ node: SourceNode, parent: String?, match: ConfluencePage?, rewriter: StorageRewriter) async throws -> PageOutcome {
        let rewritten = rewriter.rewrite(node.storage)
        var outcome = PageOutcome(step: MigrationStep(action: .create, sourceID: node.id, title: node.title, depth: node.depth, targetID: match?.id),
                                  unmappedUsers: rewritten.unmappedUsers)
        var current: ConfluencePage?
        if let match {
            let page = try await target.confluence.page(id: match.id, expand: "body.storage,version,ancestors,metadata.labels,children.attachment")
            current = page
            let sameParent = parent == nil || page.parentID == parent
            let labelsPresent = Set(node.labels).isSubset(of: Set(page.labels))
            outcome.step.action = page.storage == rewritten.text && sameParent && labelsPresent ? .unchanged : .update
        }
        if options.dryRun { return outcome }
        let sourceAttachments = options.attachments ? try await source.confluence.attachments(of: node.id) : []
        var targetID: String
        if let page = current {
            targetID = page.id
            outcome.uploaded = try await copyAttachments(sourceAttachments, to: page)
            if outcome.step.action == .update {
                if page.storage != rewritten.text || page.parentID != parent && parent != nil {
                    _ = try await target.confluence.updatePage(id: page.id, title: node.title, version: page.version + 1,
                                                               storage: rewritten.text, parentID: parent, message: "spine migrate")
                }
                let missing = node.labels.filter { !page.labels.contains($0) }
                try await target.confluence.addLabels(pageID: page.id, labels: missing)
            }
        } else {
            let created = try await createOrAdopt(node, parent: parent, storage: rewritten.text)
            targetID = created.id
            outcome.uploaded = try await copyAttachments(sourceAttachments, to: created)
        }
        try await target.confluence.setProperty(pageID: targetID, key: migrationPropertyKey, value: [
            "sourceId": .string(node.id), "sourceSpace": .string(options.sourceSpace), "sourceSite": .string(source.site.baseURL),
        ])
        outcome.step.targetID = targetID
        return outcome
    }

    /// Creates the page; when a retried create already went through (400 duplicate title), adopts that page.
    private func createOrAdopt(_ node: SourceNode, parent: String?, storage: String) async throws -> ConfluencePage {
        do {
            return try await target.confluence.createPage(space: options.targetSpace, title: node.title, parentID: parent,
                                                          storage: storage, labels: node.labels)
        } catch let error as AtlassianError where error.status == 400 && error.message.contains("already exists") {
            guard let page = try await target.confluence.page(space: options.targetSpace, title: node.title,
                                                              expand: "version,ancestors,metadata.labels,children.attachment"),
                  page.parentID == parent || parent == nil else { throw error }
            let property = try await target.confluence.property(pageID: page.id, key: migrationPropertyKey)
            if let marked = property?.value["sourceId"]?.stringValue, marked != node.id { throw error }
            return page
        }
    }

    /// Uploads attachments the copy lacks (by file name) or whose size differs.
    private func copyAttachments(_ attachments: [ConfluenceAttachment], to page: ConfluencePage) async throws -> Int {
        guard !attachments.isEmpty else { return 0 }
        let present = try await target.confluence.allAttachments(of: page)
        var uploaded = 0
        for attachment in attachments {
            if let existing = present.first(where: { $0.fileName == attachment.fileName }),
               existing.fileSize != nil, existing.fileSize == attachment.fileSize { continue }
            let data = try await source.confluence.download(attachment)
            try await target.confluence.upload(pageID: page.id, fileName: attachment.fileName, mediaType: attachment.mediaType,
                                               data: data, comment: "spine migrate")
            uploaded += 1
        }
        return uploaded
    }
}
