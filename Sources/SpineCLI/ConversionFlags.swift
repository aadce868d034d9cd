// Options shared by the commands that read and write documents, and how they map to settings.

import Foundation
import Spine
import SpineCore

/// The conversion options every document command accepts.
enum ConversionFlags {
    static let specs: [OptionSpec] = [
        OptionSpec(["--strict"], help: "treat warnings as errors (exit 1, no output written)"),
        OptionSpec(["-v", "--verbose"], help: "also print informational diagnostics"),
        OptionSpec(["--site"], value: "URL", help: "Atlassian site, for absolute issue and page links"),
        OptionSpec(["--fields"], value: "FILE", help: "Jira field map (the /rest/api/3/field response)"),
        OptionSpec(["--jira-api"], value: "2|3", help: "Jira REST version to write: 3 (ADF, default) or 2 (wiki markup)"),
        OptionSpec(["--project"], value: "KEY", help: "Jira project key for create payloads"),
        OptionSpec(["--delimiter"], value: "CHAR", help: "CSV delimiter: ',' (default), ';' or 'tab'"),
        OptionSpec(["--safe-formulas"], help: "neutralise spreadsheet formulas in CSV cells"),
        OptionSpec(["--no-safe-formulas"], help: "write CSV cells exactly"),
        OptionSpec(["--set"], value: "KEY=VALUE", repeatable: true, help: "a format setting (see Formats/*.md), e.g. confluence.envelope=true"),
    ]

    /// Builds conversion options from the parsed flags; `input` names the input for messages
    /// and gives the base directory for relative paths.
    static func options(from arguments: ParsedArguments, input: String?, io: CommandIO) throws(UsageError) -> ConversionOptions {
        var options = ConversionOptions()
        options.sourceName = input
        if let input, input != "-" {
            let url = URL(fileURLWithPath: input, relativeTo: URL(fileURLWithPath: io.currentDirectory, isDirectory: true))
            options.baseDirectory = url.deletingLastPathComponent().path
        } else {
            options.baseDirectory = io.currentDirectory
        }
        options.siteURL = arguments.value("--site") ?? ProcessInfo.processInfo.environment["ATLASSIAN_SITE"]
        if let fields = arguments.value("--fields") { options.settings["jira.fields"] = fields }
        if let api = arguments.value("--jira-api") {
            guard api == "2" || api == "3" else { throw UsageError("--jira-api must be 2 or 3, not '\(api)'") }
            options.settings["jira.api"] = api
        }
        if let project = arguments.value("--project") { options.settings["jira.project"] = project }
        if let delimiter = arguments.value("--delimiter") {
            switch delimiter {
            case ",", ";": options.settings["csv.delimiter"] = delimiter
            case "tab", "\\t", "\t": options.settings["csv.delimiter"] = "\t"
            default: throw UsageError("--delimiter must be ',', ';' or 'tab', not '\(delimiter)'")
            }
        }
        if arguments.flag("--safe-formulas"), arguments.flag("--no-safe-formulas") {
            throw UsageError("--safe-formulas and --no-safe-formulas exclude each other")
        }
        if arguments.flag("--safe-formulas") { options.settings["csv.safe-formulas"] = "true" }
        if arguments.flag("--no-safe-formulas") { options.settings["csv.safe-formulas"] = "false" }
        for setting in arguments.all("--set") {
            guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
                throw UsageError("--set needs KEY=VALUE, not '\(setting)'")
            }
            options.settings[String(setting[..<equals])] = String(setting[setting.index(after: equals)...])
        }
        return options
    }

    /// Prints diagnostics as `file:line:col: severity: message [code]`; returns whether any
    /// was a warning or worse.
    @discardableResult
    static func report(_ diagnostics: [Diagnostic], file: String, io: CommandIO, verbose: Bool = false) -> Bool {
        for diagnostic in diagnostics where verbose || diagnostic.severity >= .warning {
            io.writeError(diagnostic.formatted(file: file))
        }
        return diagnostics.contains { $0.severity >= .warning }
    }

    /// Writes output to a file atomically or to standard output; refuses binary output on a terminal.
    static func emit(_ bytes: [UInt8], to output: String?, format: FormatDescriptor, io: CommandIO) throws(SpineError) {
        if let output, output != "-" {
            let url = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: io.currentDirectory, isDirectory: true))
            try Files.writeAtomically(bytes, to: url.path)
            return
        }
        if format.isBinary, io.standardOutputIsTerminal {
            throw SpineError(.usage, code: "cli.binary-to-terminal",
                             "refusing to write binary \(format.name) output to a terminal; use -o FILE or a pipe")
        }
        io.writeStandardOutput(bytes)
    }
}
