// `spine collate`: Jira issues → one requirements document.

import Spine
import SpineCollate
import SpineCore

/// Builds a requirements document from Jira JSON or CSV.
struct CollateCommand: Command {
    static let name = "collate"
    static let summary = "collate Jira issues (JSON or CSV) into one requirements document"
    static let synopsis = "spine collate ISSUES… [-t FORMAT] [-o OUT] [--epic KEY] [--group-by epic|component|label|fixVersion] [--template prd|plain]"
    static let options: [OptionSpec] = [
        OptionSpec(["-f", "--from"], value: "FORMAT", help: "input format: jira (default for .json), jira-csv, or any reader"),
        OptionSpec(["-t", "--to"], value: "FORMAT", help: "output format (default markdown, or inferred from -o)"),
        OptionSpec(["-o", "--output"], value: "FILE", help: "output file ('-' or absent: standard output)"),
        OptionSpec(["--epic"], value: "KEY", repeatable: true, help: "only this issue and everything below it (repeatable)"),
        OptionSpec(["--group-by"], value: "KIND", help: "epic (default), component, label or fixVersion"),
        OptionSpec(["--template"], value: "NAME", help: "prd (default) or plain"),
        OptionSpec(["--jql-base"], value: "URL", help: "URL that JQL is appended to for issue-list links"),
        OptionSpec(["--title"], value: "TEXT", help: "document title"),
    ] + ConversionFlags.specs

    static func run(_ arguments: ParsedArguments, io: CommandIO) throws -> ExitCode {
        if arguments.positionals.isEmpty { throw UsageError("give at least one file of Jira issues") }
        let registry = Spine.registry
        let output = arguments.value("--output")
        let to: FormatDescriptor
        if arguments.value("--to") == nil, output == nil || output == "-" {
            guard let markdown = registry.format(named: "markdown") ?? registry.format(named: "ast") else {
                throw UsageError("no output format available")
            }
            to = markdown
        } else {
            to = try ConvertCommand.outputFormat(arguments.value("--to"), output: output, registry: registry)
        }
        var collateOptions = CollateOptions(epics: arguments.all("--epic"), jqlBase: arguments.value("--jql-base"),
                                            title: arguments.value("--title"))
        if let name = arguments.value("--group-by") {
            guard let grouping = CollateOptions.Grouping(name: name) else {
                throw UsageError("--group-by must be epic, component, label or fixVersion, not '\(name)'")
            }
            collateOptions.groupBy = grouping
        }
        if let name = arguments.value("--template") {
            guard let template = CollateOptions.Template(name: name) else { throw UsageError("--template must be prd or plain, not '\(name)'") }
            collateOptions.template = template
        }

        var requirements: [Requirement] = []
        var failed = false
        var warned = false
        var options = try ConversionFlags.options(from: arguments, input: arguments.positionals.first, io: io)
        collateOptions.siteURL = options.siteURL
        for input in arguments.positionals {
            let displayName = input == "-" ? "<stdin>" : input
            let from = try inputFormat(arguments.value("--from"), input: input, registry: registry)
            options.sourceName = input
            do {
                let bytes = input == "-" ? io.readStandardInput() : try Files.read(ConvertCommand.resolve(input, io: io))
                let read = try from.reader!.read(bytes, options: options)
                warned = ConversionFlags.report(read.diagnostics, file: displayName, io: io, verbose: arguments.flag("--verbose")) || warned
                requirements += Collator.requirements(in: read.document)
            } catch {
                io.writeError(error.formatted(file: displayName))
                failed = true
            }
        }
        if failed { return .failure }

        let collation = try Collator(options: collateOptions).collate(requirements)
        warned = ConversionFlags.report(collation.diagnostics, file: "collate", io: io, verbose: arguments.flag("--verbose")) || warned
        let written = try to.writer!.write(collation.document, options: options)
        warned = ConversionFlags.report(written.diagnostics, file: "collate", io: io, verbose: arguments.flag("--verbose")) || warned
        if warned, arguments.flag("--strict") {
            io.writeError("collate: error: --strict: warnings above; no output written")
            return .failure
        }
        try ConversionFlags.emit(written.bytes, to: output, format: to, io: io)
        return .success
    }

    /// `-f` when given; otherwise `jira` for `.json`, else the format the file name says.
    static func inputFormat(_ name: String?, input: String, registry: FormatRegistry) throws(UsageError) -> FormatDescriptor {
        if name == nil, input.lowercased().hasSuffix(".json"), !input.lowercased().hasSuffix(".ast.json"),
           !input.lowercased().hasSuffix(".adf.json"), let jira = registry.format(named: "jira") {
            return jira
        }
        return try ConvertCommand.inputFormat(name, input: input, registry: registry)
    }
}
