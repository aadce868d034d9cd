// `spine check`: pre-flight validation of Confluence storage XHTML.

import Spine
import SpineCore

/// Validates storage-format files the way Confluence will judge them.
struct CheckCommand: Command {
    static let name = "check"
    static let summary = "check Confluence storage XHTML before uploading it"
    static let synopsis = "spine check FILE… [-f FORMAT]"
    static let options: [OptionSpec] = [
        OptionSpec(["-f", "--from"], value: "FORMAT", help: "read FILE as FORMAT and check the storage XHTML Spine would write"),
    ]

    static func run(_ arguments: ParsedArguments, io: CommandIO) throws -> ExitCode {
        if arguments.positionals.isEmpty { throw UsageError("give at least one file to check") }
        throw SpineError(.unsupported, code: "cli.not-available", "the storage check is not available in this build yet")
    }
}
