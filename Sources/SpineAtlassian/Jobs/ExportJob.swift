// `spine export`: a space (or a page tree) becomes a folder tree of files with a resumable manifest.

import Foundation
import SpineCore

/// Options of an export.
public struct ExportOptions: Sendable {
    /// The space key (`--space`).
    public var space: String
    /// Export only this page and its descendants (`--root`).
    public var rootPageID: String?
    /// The registry name of the output format (`-t`): `markdown`, `confluence`, `docx`, `html`, `ast`, …
    public var format: String
    /// The output directory (`-o`).
    public var outputDirectory: String
    /// Pages fetched at once (`--jobs`).
    public var jobs: Int
    /// Download attachments next to the pages.
    public var attachments: Bool
    /// Options handed to the reader and writer (site URL is filled in from the client).
    public var conversion: ConversionOptions

    public init(space: String, rootPageID: String? = nil, format: String = "markdown", outputDirectory: String,
                jobs: Int = 4, attachments: Bool = true, conversion: ConversionOptions = ConversionOptions()) {
        self.space = space
        self.rootPageID = rootPageID
        self.format = format
        self.outputDirectory = outputDirectory
        self.jobs = jobs
        self.attachments = attachments
        self.conversion = conversion
    }
}

/// A diagnostic of one written file.
public struct FileDiagnostic: Sendable, Hashable {
    /// The file (or page) the diagnostic is about, relative to the output or input root.
    public var file: String
    public var diagnostic: Diagnostic
}

/// What an export did.
public struct ExportReport: Sendable {
    /// Pages in the exported tree.
    public var pages = 0
    /// Pages fetched and written this run.
    public var written = 0
    /// Pages left as they were (same version, same place).
    public var unchanged = 0
    /// Attachments downloaded this run.
    public var attachmentsDownloaded = 0
    /// Files removed because their page was deleted, moved or renamed.
    public var removed: [String] = []
    public var diagnostics: [FileDiagnostic] = []
    /// Requests sent, retries, throttles.
    public var statistics = ClientStatistics()
}

/// Exports a page tree. See `Formats/atlassian-rest.md` for the requests and the layout.
public struct ExportJob: Sendable {
    public let client: AtlassianClient
    public let registry: FormatRegistry
    public let options: ExportOptions
    public let progress: ProgressHandler?

    public init(client: AtlassianClient, registry: FormatRegistry, options: ExportOptions, progress: ProgressHandler? = nil) {
        self.client = client
        self.registry = registry
        self.options = options
        self.progress = progress
    }

    /// Runs the export. On failure the manifest keeps every page finished so far, so the
    /// next run resumes where this one stopped.
    public func run() async throws(SpineError) -> ExportReport {
        guard let descriptor = registry.format(named: options.format), descriptor.writer != nil else {
            throw SpineError(.usage, code: "export.format", "no writer for format '\(options.format)'")
        }
        let verbatim = descriptor.name == "confluence"
        if !verbatim { _ = try formatReader(registry, "confluence") }
        let listed: [ConfluencePage]
        do { listed = try await client.confluence.pages(space: options.space, expand: "version,ancestors,children.attachment") } catch { throw spineError(error) }
        let plan = try ExportPlan(pages: listed, space: options.space, root: options.rootPageID,
                                  fileExtension: descriptor.extensions.first ?? "." + descriptor.name)
        var manifest = ExportManifest.load(directory: options.outputDirectory, space: options.space, format: descriptor.name)
            ?? ExportManifest(space: options.space, format: descriptor.name)
        var report = ExportReport(pages: plan.pages.count)
        report.removed = try removeStale(plan, &manifest)

        let work = plan.pages.compactMap { page in workNeeded(page, plan, manifest).map { (page, $0) } }
        report.unchanged = plan.pages.count - work.count
        let context = ExportContext(client: client, registry: registry, options: options, plan: plan, verbatim: verbatim,
                                    format: descriptor.name, previous: manifest)
        var done = report.unchanged
        var sinceSave = 0
        do {
            try await forEachConcurrently(work, jobs: options.jobs, { item in try await context.export(item.0, item.1) }) { result in
                manifest.pages[result.id] = result.entry
                report.written += result.rendered ? 1 : 0
                report.attachmentsDownloaded += result.downloaded
                report.diagnostics += result.diagnostics
                done += 1
                sinceSave += 1
                if sinceSave >= 10 {
                    try manifest.save(directory: options.outputDirectory)
                    sinceSave = 0
                }
                progress?(JobProgress(done: done, total: plan.pages.count, item: result.entry.title))
            }
        } catch {
            try? manifest.save(directory: options.outputDirectory)
            throw spineError(error)
        }
        try manifest.save(directory: options.outputDirectory)
        report.statistics = client.statistics
        return report
    }

    /// What a page needs this run: nil (nothing), `.attachments` or `.everything`.
    private func workNeeded(_ page: PlannedPage, _ plan: ExportPlan, _ manifest: ExportManifest) -> ExportWork? {
        guard let old = manifest.pages[page.id], old.version == page.version, old.path == page.path, old.title == page.title,
              Files.exists(options.outputDirectory + "/" + page.path) else { return .everything }
        let movedTarget = old.linksTo.contains { plan.byID[$0]?.path != manifest.pages[$0]?.path || plan.byID[$0] == nil }
        let appeared = old.unresolved.contains { plan.idByTitle[$0] != nil }
        if movedTarget || appeared { return .everything }
        guard options.attachments else { return nil }
        if page.moreAttachments { return .attachments }
        let changed = page.attachments.contains { attachment in
            guard let known = old.attachments[attachment.fileName] else { return true }
            return known.version != attachment.version || !Files.exists(options.outputDirectory + "/" + known.path)
        }
        return changed || old.attachments.count != page.attachments.count ? .attachments : nil
    }

    /// Deletes files of pages that left the tree or moved; returns their paths.
    private func removeStale(_ plan: ExportPlan, _ manifest: inout ExportManifest) throws(SpineError) -> [String] {
        var removed: [String] = []
        for (id, entry) in manifest.pages.sorted(by: { ExportManifest.idOrder($0.key, $1.key) }) {
            let current = plan.byID[id]
            if current?.path == entry.path { continue }
            var paths = [entry.path]
            if current == nil { paths += entry.attachments.values.map(\.path) }
            for path in paths where Files.exists(options.outputDirectory + "/" + path) {
                try? FileManager.default.removeItem(atPath: options.outputDirectory + "/" + path)
                removed.append(path)
            }
            if current == nil { manifest.pages[id] = nil }
        }
        return removed
    }
}

/// What to do for one page.
enum ExportWork: Sendable {
    case everything
    case attachments
}
