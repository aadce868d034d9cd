// `spine prd`: an epic's PRD page, linked both ways (comment and remote link on the epic).

import SpineCollate
import SpineCore

/// Options of `spine prd`.
public struct PRDOptions: Sendable {
    /// `--epic KEY`.
    public var epic: String
    /// `--space KEY`.
    public var space: String
    /// `--parent PAGE_ID|TITLE`.
    public var parent: String?
    /// Page title; default `PRD: <epic summary> (<KEY>)`.
    public var title: String?
    /// The Jira application-link id and name for the `jira` macro (`--jira-server-id`, `--jira-server`).
    public var jiraServerID: String?
    public var jiraServerName: String?
    public var dryRun: Bool
    /// `--body storage|adf`.
    public var body: PageBodyFormat
    public var conversion: ConversionOptions

    public init(epic: String, space: String, parent: String? = nil, title: String? = nil, jiraServerID: String? = nil,
                jiraServerName: String? = nil, dryRun: Bool = false, body: PageBodyFormat = .storage,
                conversion: ConversionOptions = ConversionOptions()) {
        self.body = body
        self.epic = epic
        self.space = space
        self.parent = parent
        self.title = title
        self.jiraServerID = jiraServerID
        self.jiraServerName = jiraServerName
        self.dryRun = dryRun
        self.conversion = conversion
    }
}

/// What `spine prd` did.
public struct PRDReport: Sendable {
    public var action: UpsertAction = .create
    public var pageID: String?
    public var pageURL: String?
    public var title = ""
    /// A comment with the page link was added (false when one was already there).
    public var commented = false
    /// The remote link was created or refreshed.
    public var remoteLinked = false
    /// Issues under the epic when the page was written (the page itself lists them live).
    public var issues = 0
    public var diagnostics: [FileDiagnostic] = []
}

/// Reads the epic, writes the PRD page, comments on the epic and links the page from it.
public struct PRDJob: Sendable {
    public let client: AtlassianClient
    public let registry: FormatRegistry
    public let options: PRDOptions

    public init(client: AtlassianClient, registry: FormatRegistry, options: PRDOptions) {
        self.client = client
        self.registry = registry
        self.options = options
    }

    public func run() async throws(SpineError) -> PRDReport {
        do {
            return try await runThrowing()
        } catch {
            throw spineError(error)
        }
    }

    private func runThrowing() async throws -> PRDReport {
        var report = PRDReport()
        let epic = try await client.jira.issue(options.epic)
        let issues = try await client.jira.search(jql: PRDTemplate.childJQL(options.epic), fields: ["*navigable"])
        report.issues = issues.count
        let template = PRDTemplate(registry: registry, site: client.site, options: options)
        let built = try template.collated(epic: epic, children: issues) ?? template.document(epic: epic, children: issues)
        report.diagnostics = built.diagnostics
        report.title = built.document.metadata.title ?? options.epic
        let storage = try formatWriter(registry, options.body == .storage ? "confluence" : "adf").write(built.document, options: options.conversion)
        report.diagnostics += storage.diagnostics.map { FileDiagnostic(file: report.title, diagnostic: $0) }

        let upserter = PageUpserter(client: client, space: options.space, dryRun: options.dryRun, bodyFormat: options.body)
        let parent = try await upserter.resolveParent(options.parent)
        let outcome = try await upserter.upsert(title: report.title, parentID: parent, body: String(decoding: storage.bytes, as: UTF8.self),
                                                labels: ["prd", "spine"])
        report.action = outcome.action
        report.pageID = outcome.pageID
        guard let pageID = outcome.pageID, !options.dryRun else { return report }
        let url = client.site.pageURL(id: pageID)
        report.pageURL = url

        // Comment once: an existing comment that carries the page URL is enough.
        let comments = try await client.jira.comments(of: options.epic)
        let mentioned = comments.contains { JSONWriter.compact.string($0["body"] ?? .null).contains(url) }
        if !mentioned {
            try await client.jira.addComment(to: options.epic, body: PRDTemplate.comment(url: url, title: report.title, jiraVersion: client.site.jiraAPIVersion))
            report.commented = true
        }
        // The remote link is idempotent through its globalId.
        let link: JSONValue = [
            "globalId": .string("spine:confluence:\(pageID)"),
            "application": ["type": "com.atlassian.confluence", "name": "Confluence"],
            "relationship": "Wiki Page",
            "object": ["url": .string(url), "title": .string(report.title), "summary": "Product requirements document"],
        ]
        try await client.jira.upsertRemoteLink(on: options.epic, link: link)
        report.remoteLinked = true
        return report
    }
}
