// `spine publish`: Markdown files or folders → Confluence pages (create, update or skip).

import Spine
import SpineAtlassian
import SpineCore

/// Publishes Markdown documents as pages; a folder becomes a page tree.
struct PublishCommand: Command {
    static let name = "publish"
    static let summary = "publish Markdown files or folders as Confluence pages (create, update, skip unchanged)"
    static let synopsis = "spine publish FILES|DIRS… --space KEY [--parent PAGE_ID|TITLE] [--label L]… [--body storage|adf] [--dry-run]"
    static let options: [OptionSpec] = [
        OptionSpec(["--space"], value: "KEY", help: "target space (required unless every file's front matter names one)"),
        OptionSpec(["--parent"], value: "PAGE_ID|TITLE", help: "parent page, by id or title"),
        OptionSpec(["--label"], value: "LABEL", repeatable: true, help: "add this label to every page (repeatable)"),
        OptionSpec(["--body"], value: "storage|adf", help: "page body representation (default storage)"),
        OptionSpec(["--dry-run"], help: "print what would be published; change nothing"),
    ] + AtlassianFlags.siteSpecs

    static func run(_ arguments: ParsedArguments, io: CommandIO) throws -> ExitCode {
        if arguments.positionals.isEmpty { throw UsageError("give at least one Markdown file or folder") }
        var conversion = try AtlassianFlags.conversion(arguments, io: io)
        conversion.sourceName = arguments.positionals.first
        let options = PublishOptions(inputs: arguments.positionals.map { ConvertCommand.resolve($0, io: io) },
                                     space: arguments.value("--space"), parent: arguments.value("--parent"),
                                     labels: arguments.all("--label"), dryRun: arguments.flag("--dry-run"),
                                     body: try AtlassianFlags.body(arguments), conversion: conversion)
        let client = try AtlassianFlags.client(arguments, io: io)
        let report = try AtlassianFlags.runWithProgress(io) { handler in
            let job = PublishJob(client: client, registry: Spine.registry, options: options, progress: handler)
            return { () async throws(SpineError) in try await job.run() }
        }
        AtlassianFlags.report(report.diagnostics, io: io, verbose: arguments.flag("--verbose"))
        let verb = options.dryRun ? "would " : ""
        var lines = report.steps.map { step in
            "\(verb)\(step.action.rawValue) \"\(step.title)\" from \(display(step.source, io: io))"
                + (step.pageID.map { " → " + client.site.pageURL(id: $0) } ?? "")
        }
        lines.append("\(report.steps.count) pages, \(report.attachmentsUploaded) attachments uploaded")
        AtlassianFlags.print(lines, io: io)
        return .success
    }

    /// A source path relative to the working directory when it lies below it.
    private static func display(_ path: String, io: CommandIO) -> String {
        let base = io.currentDirectory.hasSuffix("/") ? io.currentDirectory : io.currentDirectory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
