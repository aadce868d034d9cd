// `spine migrate`: copy a page tree between spaces (or sites), then verify it.

import Spine
import SpineAtlassian
import SpineCore

/// Copies a page tree to another space or site, rewriting links, users and Jira macros.
struct MigrateCommand: Command {
    static let name = "migrate"
    static let summary = "copy a Confluence page tree to another space or site, then verify every page"
    static let synopsis = "spine migrate --from KEY --to KEY [--root PAGE_ID] [--parent PAGE_ID] [--to-site URL] [--users FILE] [--dry-run]"
    static let options: [OptionSpec] = [
        OptionSpec(["--from"], value: "KEY", help: "source space (required)"),
        OptionSpec(["--to"], value: "KEY", help: "target space (required)"),
        OptionSpec(["--root"], value: "PAGE_ID", help: "move only this page and everything below it"),
        OptionSpec(["--parent"], value: "PAGE_ID", help: "target parent page (default: the target space's top level)"),
        OptionSpec(["--dry-run"], help: "print the plan; change nothing"),
        OptionSpec(["--to-site"], value: "URL", help: "target site when it differs from --site"),
        OptionSpec(["--to-email"], value: "ADDRESS", help: "target site e-mail (default: --email)"),
        OptionSpec(["--to-token"], value: "TOKEN", help: "target site API token (default: --token)"),
        OptionSpec(["--to-pat"], value: "TOKEN", help: "target site personal access token (default: --pat)"),
        OptionSpec(["--users"], value: "FILE", help: "CSV: old user key or name → target account id"),
        OptionSpec(["--jira-server-id"], value: "ID", help: "point Jira macros at this Jira server id"),
        OptionSpec(["--jira-server"], value: "NAME", help: "the Jira server name written into Jira macros"),
        OptionSpec(["--no-attachments"], help: "do not copy attachments"),
        OptionSpec(["--no-verify"], help: "skip the verification pass"),
    ] + AtlassianFlags.siteSpecs

    static func run(_ arguments: ParsedArguments, io: CommandIO) throws -> ExitCode {
        if !arguments.positionals.isEmpty { throw UsageError("unexpected argument '\(arguments.positionals[0])'") }
        let from = try AtlassianFlags.required("--from", arguments)
        let to = try AtlassianFlags.required("--to", arguments)
        var users: [String: String] = [:]
        if let path = arguments.value("--users") {
            users = try UserMap.parse(try Files.read(ConvertCommand.resolve(path, io: io)), sourceName: path)
        }
        let options = MigrateOptions(sourceSpace: from, targetSpace: to, rootPageID: arguments.value("--root"),
                                     targetParentID: arguments.value("--parent"), dryRun: arguments.flag("--dry-run"),
                                     jobs: try AtlassianFlags.jobs(arguments), users: users,
                                     jiraServerID: arguments.value("--jira-server-id"), jiraServerName: arguments.value("--jira-server"),
                                     attachments: !arguments.flag("--no-attachments"), verify: !arguments.flag("--no-verify"))
        let source = try AtlassianFlags.client(arguments, io: io)
        var target: AtlassianClient?
        if let toSite = arguments.value("--to-site") {
            target = try AtlassianFlags.client(arguments, io: io, site: toSite, credentialPrefix: "to-")
        }
        let report = try AtlassianFlags.runWithProgress(io) { handler in
            let job = MigrateJob(source: source, target: target, registry: Spine.registry, options: options, progress: handler)
            return { () async throws(SpineError) in try await job.run() }
        }
        AtlassianFlags.report(report.diagnostics, io: io, verbose: arguments.flag("--verbose"))
        for user in report.unmappedUsers {
            io.writeError("spine migrate: warning: user '\(user)' is not in the user map; mention left unchanged")
        }
        if options.dryRun {
            AtlassianFlags.print(report.plan.map(\.line), io: io)
            return .success
        }
        var lines = ["migrated \(report.plan.count) pages from \(from) to \(to): \(report.created) created, \(report.updated) updated, "
            + "\(report.unchanged) unchanged, \(report.attachmentsUploaded) attachments"]
        if options.verify {
            lines.append("verified \(report.verified) pages: \(report.differences.count) differences")
        }
        lines += report.differences.map { "difference: " + $0 }
        AtlassianFlags.print(lines, io: io)
        return report.differences.isEmpty ? .success : .failure
    }
}
