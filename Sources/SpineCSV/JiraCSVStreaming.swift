// Streaming conversions for CSV files too large to hold: record-at-a-time, bounded buffers.

import SpineCore

/// Conversions that read a Jira CSV file a record at a time instead of loading it.
///
/// What is streamed: the input bytes (one chunk plus the longest record in memory) and each
/// row's cells, which are dropped as soon as the row is mapped. What is kept: for the trace
/// matrix, a compact summary per issue (key, Issue id, summary, type, status, parent, links),
/// because an issue's implementers may appear in any later row. Descriptions and all other
/// cells are never held, so memory grows with the number of issues, not with the file size.
public enum JiraCSVStreaming {
    /// Reads the Jira CSV at `path` and returns the `trace-csv` matrix of its rows, the same
    /// bytes `TraceCSVWriter` gives for the whole document. Errors are located like the
    /// in-memory reader's; nothing is returned on error, so no partial output is written.
    public static func traceMatrix(fromFile path: String, options: ConversionOptions = ConversionOptions(),
                                   chunkSize: Int = 1 << 20) throws(SpineError) -> WriteResult {
        var dialect = try CSVDialect.from(options, defaultSafeFormulas: false, defaultBOM: false)
        if options[setting: CSVDialect.Setting.delimiter] == nil {
            let head = try CSVFileStream(path: path, delimiter: dialect.delimiter).headBytes(limit: 1 << 16)
            dialect.delimiter = CSVDialect.detectDelimiter(head[...])
        }
        var rows = try CSVRows(source: CSVFileStream(path: path, delimiter: dialect.delimiter, chunkSize: chunkSize))
        let layout = try JiraColumnLayout(headers: rows.header)
        var mapper = JiraRowMapper(layout: layout, options: options)
        mapper.parsesRichText = false
        var diagnostics: [Diagnostic] = []
        var mapped: [JiraRowMapper.Row] = []
        var cells: [String] = []
        while try rows.next(into: &cells) {
            var row = mapper.map(cells, row: rows.source.row, line: rows.source.recordLine, diagnostics: &diagnostics)
            row.requirement = compact(row.requirement)
            mapped.append(row)
        }
        diagnostics += rows.diagnostics
        var references = JiraReferences(rows: mapped)
        let requirements = references.resolve(mapped, diagnostics: &diagnostics)
        return try TraceCSVWriter.write(rows: requirements, enclosing: Array(repeating: nil, count: requirements.count),
                                        options: options, diagnostics: diagnostics)
    }

    /// Only what the matrix and reference resolution read.
    private static func compact(_ requirement: Requirement) -> Requirement {
        var result = Requirement(key: requirement.key, summary: requirement.summary, type: requirement.type,
                                 status: requirement.status, statusCategory: requirement.statusCategory,
                                 parent: requirement.parent, links: requirement.links)
        for field in requirement.fields where field.key == Requirement.FieldName.issueID || field.key == Requirement.FieldName.epicLink {
            result.fields.append(field)
        }
        return result
    }
}
