// `spine check`: pre-flight validation of Confluence storage XHTML.

import Spine
import SpineConfluence
import SpineCore

/// Validates storage-format files the way Confluence will judge them; exit 1 when any file
/// has an error (Confluence would refuse or break the page).
struct CheckCommand: Command {
    static let name = "check"
    static let summary = "check Confluence storage XHTML before uploading it"
    static let synopsis = "spine check FILE… [-f FORMAT]"
    static let options: [OptionSpec] = [
        OptionSpec(["-f", "--from"], value: "FORMAT",
                   help: "read FILE as FORMAT and check the storage XHTML Spine would write from it"),
    ] + ConversionFlags.specs

    static func run(_ arguments: ParsedArguments, io: CommandIO) throws -> ExitCode {
        if arguments.positionals.isEmpty { throw UsageError("give at least one file to check") }
        let registry = Spine.registry
        var failed = false
        for input in arguments.positionals {
            let displayName = input == "-" ? "<stdin>" : input
            do {
                let bytes = input == "-" ? io.readStandardInput() : try Files.read(ConvertCommand.resolve(input, io: io))
                var storage = bytes
                if let name = arguments.value("--from"), registry.format(named: name)?.name != "confluence" {
                    // Check what Spine would upload: the input converted to storage XHTML.
                    let format = try ConvertCommand.inputFormat(name, input: input, registry: registry)
                    let options = try ConversionFlags.options(from: arguments, input: input, io: io)
                    storage = try Spine.convert(bytes, from: format.name, to: "confluence", options: options).output
                }
                let findings = StorageChecker().check(storage)
                for finding in findings where arguments.flag("--verbose") || finding.severity >= .warning {
                    io.writeError(finding.formatted(file: displayName))
                }
                if findings.contains(where: { $0.severity == .error }) { failed = true }
            } catch let error as SpineError {
                io.writeError(error.formatted(file: displayName))
                failed = true
            }
        }
        return failed ? .failure : .success
    }
}
