// `spine collate`: Jira issues → one requirements document.

import Spine
import SpineCore

/// Builds a requirements document from Jira JSON or CSV.
struct CollateCommand: Command {
    static let name = "collate"
    static let summary = "collate Jira issues (JSON or CSV) into one requirements document"
    static let synopsis = "spine collate ISSUES… [-t FORMAT] [-o OUT] [--epic KEY] [--group-by epic|component|label|fixVersion] [--template prd|plain]"
    static let options: [OptionSpec] = [
        OptionSpec(["-f", "--from"], value: "FORMAT", help: "input format: jira (default for .json) or jira-csv"),
        OptionSpec(["-t", "--to"], value: "FORMAT", help: "output format (default markdown)"),
        OptionSpec(["-o", "--output"], value: "FILE", help: "output file ('-' or absent: standard output)"),
    ] + ConversionFlags.specs

    static func run(_ arguments: ParsedArguments, io: CommandIO) throws -> ExitCode {
        if arguments.positionals.isEmpty { throw UsageError("give at least one file of Jira issues") }
        throw SpineError(.unsupported, code: "cli.not-available", "collate is not available in this build yet")
    }
}
