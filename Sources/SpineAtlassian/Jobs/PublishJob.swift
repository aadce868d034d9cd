// `spine publish`: Markdown files and folders become Confluence pages.

import Foundation
import SpineCore

/// Options of a publish run.
public struct PublishOptions: Sendable {
    /// Files and directories (`FILES…`).
    public var inputs: [String]
    /// `--space`; front matter `space` wins for single files.
    public var space: String?
    /// `--parent PAGE_ID|TITLE`.
    public var parent: String?
    /// `--label` (added to every page, besides front-matter labels).
    public var labels: [String]
    /// `--dry-run`.
    public var dryRun: Bool
    /// `--body storage|adf`: storage through REST v1, or ADF (the `adf` writer) through the v2 pages API.
    public var body: PageBodyFormat
    /// Options for the Markdown reader and the storage writer.
    public var conversion: ConversionOptions

    public init(inputs: [String], space: String? = nil, parent: String? = nil, labels: [String] = [], dryRun: Bool = false,
                body: PageBodyFormat = .storage, conversion: ConversionOptions = ConversionOptions()) {
        self.body = body
        self.inputs = inputs
        self.space = space
        self.parent = parent
        self.labels = labels
        self.dryRun = dryRun
        self.conversion = conversion
    }
}

/// One published page.
public struct PublishStep: Sendable, Equatable {
    /// The source file, or the folder for a folder page.
    public var source: String
    public var title: String
    public var action: UpsertAction
    public var pageID: String?
}

/// What a publish run did.
public struct PublishReport: Sendable {
    public var steps: [PublishStep] = []
    public var attachmentsUploaded = 0
    public var diagnostics: [FileDiagnostic] = []
}

/// Publishes Markdown. Folders become parent pages (`X.md` beside folder `X/` — the layout
/// `export` writes — or the folder's `index.md`/`README.md` is the folder page's body); pages are written parents first, siblings in file-name order.
public struct PublishJob: Sendable {
    public let client: AtlassianClient
    public let registry: FormatRegistry
    public let options: PublishOptions
    public let progress: ProgressHandler?

    public init(client: AtlassianClient, registry: FormatRegistry, options: PublishOptions, progress: ProgressHandler? = nil) {
        self.client = client
        self.registry = registry
        self.options = options
        self.progress = progress
    }

    public func run() async throws(SpineError) -> PublishReport {
        let reader = try formatReader(registry, "markdown")
        let writer = try formatWriter(registry, options.body == .storage ? "confluence" : "adf")
        let sources = try PublishSources.collect(options.inputs, reader: reader, conversion: options.conversion)
        guard !sources.documents.isEmpty else { throw SpineError(.usage, code: "publish.no-input", "no Markdown files to publish") }
        var report = PublishReport()
        report.diagnostics = sources.diagnostics
        let space = options.space ?? sources.documents.compactMap(\.document.metadata.spaceKey).first
        guard let space else { throw SpineError(.usage, code: "publish.no-space", "no space: pass --space KEY or set `space` in front matter") }
        let upserter = PageUpserter(client: client, space: space, dryRun: options.dryRun, bodyFormat: options.body)
        do {
            let top = try await upserter.resolveParent(options.parent)
            var pageIDs: [String: String] = [:] // document key → page id
            let titles = sources.titlesByPath()
            for (index, source) in sources.documents.enumerated() {
                let parentID = source.parentKey.flatMap { pageIDs[$0] } ?? (source.parentKey == nil ? top : nil)
                var document = PublishLinks.rewrite(source, titles: titles)
                document.document.metadata.spaceKey = space
                let written = try writer.write(document.document, options: options.conversion)
                // The page's title, space, parent and labels travel in the request, not the body.
                report.diagnostics += written.diagnostics.filter { $0.code != "storage.metadata-dropped" }
                    .map { FileDiagnostic(file: source.key, diagnostic: $0) }
                var labels: [String] = []
                for label in source.document.metadata.labels + options.labels where !labels.contains(label) { labels.append(label) }
                let outcome = try await upserter.upsert(title: source.title, parentID: parentID, body: String(decoding: written.bytes, as: UTF8.self),
                                                        labels: labels, attachments: document.attachments)
                if let id = outcome.pageID { pageIDs[source.key] = id }
                if outcome.action != .unchanged && !options.dryRun { report.attachmentsUploaded += document.attachments.count }
                report.steps.append(PublishStep(source: source.key, title: source.title, action: outcome.action, pageID: outcome.pageID))
                progress?(JobProgress(done: index + 1, total: sources.documents.count, item: source.title))
            }
        } catch {
            throw spineError(error)
        }
        return report
    }
}
