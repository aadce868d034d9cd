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
        rows.readOnly(columns: layout.columns.map(isTraced))
        var mapper = JiraRowMapper(layout: layout, options: options)
        mapper.parsesRichText = false
        var diagnostics: [Diagnostic] = []
        var items: [TraceItem] = []
        var parentValues: [String?] = []
        var epicLinks: [String?] = []
        var cells: [String] = []
        while try rows.next(into: &cells) {
            let row = mapper.map(cells, row: rows.source.row, line: rows.source.recordLine, diagnostics: &diagnostics)
            items.append(TraceItem(row.requirement, enclosing: nil))
            parentValues.append(row.parentValue)
            epicLinks.append(row.requirement[field: Requirement.FieldName.epicLink]?.stringValue)
        }
        diagnostics += rows.diagnostics
        var references = JiraReferences(identities: items.lazy.map { ($0.key, $0.issueID) }, count: items.count)
        for index in items.indices {
            items[index].parent = references.resolveParent(parentValues[index], epicLink: epicLinks[index], key: items[index].key,
                                                           row: index + 2, diagnostics: &diagnostics).key
            if !items[index].links.isEmpty { references.resolveLinks(&items[index].links) }
        }
        return try TraceCSVWriter.write(items: items, options: options, diagnostics: diagnostics)
    }

    /// The columns the matrix and reference resolution read; the others are never decoded.
    private static func isTraced(_ column: JiraColumn) -> Bool {
        switch column {
        case .summary, .key, .type, .status, .statusCategory, .parent, .parentID, .link: return true
        case .field(let name): return name == Requirement.FieldName.issueID || name == Requirement.FieldName.epicLink
        case .priority, .assignee, .assigneeID, .reporter, .reporterID, .labels, .components, .fixVersions,
             .description, .acceptanceCriteria:
            return false
        }
    }
}
