// `spine convert`: one document from one format to another.

import Foundation
import Spine
import SpineCSV
import SpineCore

/// `spine convert [IN|-] [-f FROM] [-t TO] [-o OUT|-]`.
struct ConvertCommand: Command {
    static let name = "convert"
    static let summary = "convert a document between formats (formats inferred from file names)"
    static let synopsis = "spine convert [IN|-] [-f FROM] [-t TO] [-o OUT|-] [--strict] [options]"
    static let options: [OptionSpec] = [
        OptionSpec(["-f", "--from"], value: "FORMAT", help: "input format (see 'spine formats')"),
        OptionSpec(["-t", "--to"], value: "FORMAT", help: "output format"),
        OptionSpec(["-o", "--output"], value: "FILE", help: "output file ('-' or absent: standard output)"),
    ] + ConversionFlags.specs

    static func run(_ arguments: ParsedArguments, io: CommandIO) throws -> ExitCode {
        let input = try arguments.singlePositional("input file") ?? "-"
        let output = arguments.value("--output")
        let registry = Spine.registry
        let from = try inputFormat(arguments.value("--from"), input: input, registry: registry)
        let to = try outputFormat(arguments.value("--to"), output: output, registry: registry)
        let options = try ConversionFlags.options(from: arguments, input: input, io: io)
        let displayName = input == "-" ? "<stdin>" : input

        let conversion: Conversion
        do {
            if from.name == "jira-csv", to.name == "trace-csv", input != "-" {
                // Large exports: read the file a record at a time instead of building the document.
                let written = try JiraCSVStreaming.traceMatrix(fromFile: resolve(input, io: io), options: options)
                conversion = Conversion(output: written.bytes, document: Document(), diagnostics: written.diagnostics)
            } else {
                let bytes = input == "-" ? io.readStandardInput() : try Files.read(resolve(input, io: io))
                conversion = try Spine.convert(bytes, from: from.name, to: to.name, options: options)
            }
        } catch {
            io.writeError(error.formatted(file: displayName))
            return error.kind == .usage ? .usage : .failure
        }
        let hasWarnings = ConversionFlags.report(conversion.diagnostics, file: displayName, io: io,
                                                 verbose: arguments.flag("--verbose"))
        if hasWarnings, arguments.flag("--strict") {
            io.writeError("\(displayName): error: --strict: warnings above; no output written")
            return .failure
        }
        try ConversionFlags.emit(conversion.output, to: output, format: to, io: io)
        return .success
    }

    /// The input format: named by `-f`, else inferred from the file name.
    static func inputFormat(_ name: String?, input: String, registry: FormatRegistry) throws(UsageError) -> FormatDescriptor {
        if let name {
            guard let format = registry.format(named: name) else { throw UsageError("unknown input format '\(name)'; see 'spine formats'") }
            guard format.reader != nil else { throw UsageError("format '\(format.name)' can be written but not read") }
            return format
        }
        if input == "-" { throw UsageError("reading standard input needs -f FORMAT") }
        if let format = registry.format(forPath: input, forWriting: false) { return format }
        let candidates = registry.candidates(forAmbiguousPath: input).filter { registry.format(named: $0)?.reader != nil }
        if !candidates.isEmpty {
            throw UsageError("cannot tell the format of '\(input)' from its name; give -f \(candidates.joined(separator: "|"))")
        }
        throw UsageError("cannot tell the format of '\(input)' from its name; give -f FORMAT")
    }

    /// The output format: named by `-t`, else inferred from the output file name.
    static func outputFormat(_ name: String?, output: String?, registry: FormatRegistry) throws(UsageError) -> FormatDescriptor {
        if let name {
            guard let format = registry.format(named: name) else { throw UsageError("unknown output format '\(name)'; see 'spine formats'") }
            guard format.writer != nil else { throw UsageError("format '\(format.name)' can be read but not written") }
            return format
        }
        guard let output, output != "-" else { throw UsageError("no output format: give -t FORMAT or -o FILE") }
        if let format = registry.format(forPath: output, forWriting: true) { return format }
        let candidates = registry.candidates(forAmbiguousPath: output).filter { registry.format(named: $0)?.writer != nil }
        if !candidates.isEmpty {
            throw UsageError("cannot tell the format of '\(output)' from its name; give -t \(candidates.joined(separator: "|"))")
        }
        throw UsageError("cannot tell the format of '\(output)' from its name; give -t FORMAT")
    }

    static func resolve(_ path: String, io: CommandIO) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: io.currentDirectory, isDirectory: true)).path
    }
}
