// `spine prd`: an epic → its PRD page, commented and linked both ways; `--rule` prints the Jira Automation rule.

import Foundation
import Spine
import SpineAtlassian
import SpineCore

/// Creates or updates an epic's PRD page, or prints the equivalent Jira Automation rule.
struct PRDCommand: Command {
    static let name = "prd"
    static let summary = "create or update an epic's PRD page (comment + remote link), or print the automation rule"
    static let synopsis = "spine prd --epic KEY --space KEY [--parent PAGE_ID] [--body storage|adf] [--dry-run] | spine prd --rule [--space KEY] [--parent PAGE_ID]"
    static let options: [OptionSpec] = [
        OptionSpec(["--epic"], value: "KEY", help: "the epic's issue key (required unless --rule)"),
        OptionSpec(["--space"], value: "KEY", help: "space of the PRD page (required unless --rule)"),
        OptionSpec(["--parent"], value: "PAGE_ID", help: "parent page of the PRD page"),
        OptionSpec(["--title"], value: "TEXT", help: "page title (default: PRD: SUMMARY (KEY))"),
        OptionSpec(["--jira-server-id"], value: "ID", help: "Jira server id for the jira macro (Confluence's application link)"),
        OptionSpec(["--jira-server"], value: "NAME", help: "Jira server name for the jira macro"),
        OptionSpec(["--body"], value: "storage|adf", help: "page body representation (default storage)"),
        OptionSpec(["--dry-run"], help: "build the page; change nothing"),
        OptionSpec(["--rule"], help: "print an importable Jira Automation rule doing the same, and exit"),
    ] + AtlassianFlags.siteSpecs

    static func run(_ arguments: ParsedArguments, io: CommandIO) throws -> ExitCode {
        if !arguments.positionals.isEmpty { throw UsageError("unexpected argument '\(arguments.positionals[0])'") }
        if arguments.flag("--rule") {
            let site = arguments.value("--site") ?? ProcessInfo.processInfo.environment["ATLASSIAN_SITE"]
            let json = AutomationRule.json(site: site, space: arguments.value("--space"), parent: arguments.value("--parent"),
                                           jiraServerID: arguments.value("--jira-server-id"))
            io.writeStandardOutput(Array((json.hasSuffix("\n") ? json : json + "\n").utf8))
            return .success
        }
        let epic = try AtlassianFlags.required("--epic", arguments)
        let space = try AtlassianFlags.required("--space", arguments)
        let options = PRDOptions(epic: epic, space: space, parent: arguments.value("--parent"), title: arguments.value("--title"),
                                 jiraServerID: arguments.value("--jira-server-id"), jiraServerName: arguments.value("--jira-server"),
                                 dryRun: arguments.flag("--dry-run"), body: try AtlassianFlags.body(arguments),
                                 conversion: try AtlassianFlags.conversion(arguments, io: io))
        let client = try AtlassianFlags.client(arguments, io: io)
        let job = PRDJob(client: client, registry: Spine.registry, options: options)
        let report = try AtlassianFlags.wait { () async throws(SpineError) in try await job.run() }
        AtlassianFlags.report(report.diagnostics, io: io, verbose: arguments.flag("--verbose"))
        var lines = ["\(options.dryRun ? "would " : "")\(report.action.rawValue) \"\(report.title)\" (\(report.issues) issues)"
            + (report.pageURL.map { " → " + $0 } ?? "")]
        if report.commented { lines.append("commented on \(epic)") }
        if report.remoteLinked { lines.append("linked \(epic) to the page") }
        AtlassianFlags.print(lines, io: io)
        return .success
    }
}
