// `spine export`: a Confluence space (or page tree) → a folder of files plus manifest.json.

import Spine
import SpineAtlassian
import SpineCore

/// Exports a page tree to a folder; a re-run fetches only changed pages.
struct ExportCommand: Command {
    static let name = "export"
    static let summary = "export a Confluence space or page tree to a folder (one file per page, manifest.json)"
    static let synopsis = "spine export --space KEY [--root PAGE_ID] [-t FORMAT] -o DIR [--jobs N] [--site URL]"
    static let options: [OptionSpec] = [
        OptionSpec(["--space"], value: "KEY", help: "the space to export (required)"),
        OptionSpec(["--root"], value: "PAGE_ID", help: "export only this page and everything below it"),
        OptionSpec(["-t", "--to"], value: "FORMAT", help: "file format: markdown (default), confluence, html, docx, …"),
        OptionSpec(["-o", "--output"], value: "DIR", help: "output directory (required)"),
        OptionSpec(["--no-attachments"], help: "do not download attachments"),
    ] + AtlassianFlags.siteSpecs

    static func run(_ arguments: ParsedArguments, io: CommandIO) throws -> ExitCode {
        if !arguments.positionals.isEmpty { throw UsageError("unexpected argument '\(arguments.positionals[0])'") }
        let space = try AtlassianFlags.required("--space", arguments)
        let output = try AtlassianFlags.required("--output", arguments)
        let registry = Spine.registry
        let formatName = arguments.value("--to") ?? "markdown"
        guard let format = registry.format(named: formatName), format.writer != nil else {
            throw UsageError("unknown output format '\(formatName)'; see 'spine formats'")
        }
        let options = ExportOptions(space: space, rootPageID: arguments.value("--root"), format: format.name,
                                    outputDirectory: ConvertCommand.resolve(output, io: io),
                                    jobs: try AtlassianFlags.jobs(arguments), attachments: !arguments.flag("--no-attachments"),
                                    conversion: try AtlassianFlags.conversion(arguments, io: io))
        let client = try AtlassianFlags.client(arguments, io: io)
        let report = try AtlassianFlags.runWithProgress(io) { handler in
            let job = ExportJob(client: client, registry: registry, options: options, progress: handler)
            return { () async throws(SpineError) in try await job.run() }
        }
        AtlassianFlags.report(report.diagnostics, io: io, verbose: arguments.flag("--verbose"))
        var summary = "exported \(report.pages) pages to \(output): \(report.written) written, \(report.unchanged) unchanged, "
        summary += "\(report.attachmentsDownloaded) attachments, \(report.removed.count) removed"
        AtlassianFlags.print([summary], io: io)
        return .success
    }
}
