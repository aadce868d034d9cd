// `spine formats`: the formats as actually registered.

import Spine
import SpineCore

/// Lists every registered format with its aliases, read/write support and file extensions.
struct FormatsCommand: Command {
    static let name = "formats"
    static let summary = "list the formats Spine reads and writes"
    static let synopsis = "spine formats"
    static let options: [OptionSpec] = []

    static func run(_ arguments: ParsedArguments, io: CommandIO) throws -> ExitCode {
        if !arguments.positionals.isEmpty { throw UsageError("'formats' takes no arguments") }
        io.writeStandardOutput(Array(table(Spine.registry).utf8))
        return .success
    }

    /// The table text, one row per format, in registry order.
    static func table(_ registry: FormatRegistry) -> String {
        var rows: [[String]] = [["FORMAT", "ALIASES", "READ", "WRITE", "EXTENSIONS", "DESCRIPTION"]]
        for format in registry.formats {
            let extensions = format.extensions + format.ambiguousExtensions.map { $0 + " (with -f/-t)" }
            rows.append([format.name, format.aliases.joined(separator: ","), format.reader != nil ? "yes" : "-",
                         format.writer != nil ? "yes" : "-", extensions.joined(separator: " "), format.summary])
        }
        var widths = Array(repeating: 0, count: rows[0].count)
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
