// Requirements → a traceability matrix CSV for spreadsheets (format `trace-csv`, write only).

import SpineCore

/// Writes one row per requirement: id, title, type, status, parent, the implementing issues
/// (see `TraceMatrix` for what counts), their statuses, how many are done, and a coverage
/// flag. Written for spreadsheets: formula-like cells are neutralised and a BOM is written
/// unless `csv.safe-formulas` / `csv.bom` say otherwise.
public struct TraceCSVWriter: FormatWriter {
    public init() {}

    /// The header row.
    public static let header = ["Requirement", "Title", "Type", "Status", "Parent", "Implementing issues",
                                "Implementing statuses", "Implemented (done/total)", "Covered"]

    public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
        let collector = RequirementCollector(document: document)
        var diagnostics: [Diagnostic] = []
        if collector.rows.isEmpty {
            diagnostics.append(.warning("trace-csv.no-requirements", "the document holds no requirements; the matrix has only its header"))
        }
        let items = collector.rows.indices.map { TraceItem(collector.rows[$0], enclosing: collector.enclosingRow[$0]) }
        return try Self.write(items: items, options: options, diagnostics: diagnostics)
    }

    /// Writes the matrix for items that are already flat (the streaming path calls this).
    static func write(items rows: [TraceItem], options: ConversionOptions,
                      diagnostics: [Diagnostic]) throws(SpineError) -> WriteResult {
        var diagnostics = diagnostics
        let dialect = try CSVDialect.from(options, defaultSafeFormulas: true, defaultBOM: true)
        let wantedTypes = options[setting: CSVDialect.Setting.traceTypes].map { setting in
            Set(setting.split(separator: ",").map { String($0).trimmingSpaces.lowercased() }.filter { !$0.isEmpty })
        }
        let matrix = TraceMatrix(items: rows)
        var encoder = CSVEncoder(dialect: dialect, reservingCapacity: rows.count * 96)
        encoder.appendRecord(header)
        var cells = [String](repeating: "", count: header.count)
        for index in rows.indices {
            if let wantedTypes, !wantedTypes.contains((rows[index].type ?? "").lowercased()) { continue }
            let row = rows[index]
            let implementers = matrix.implementers[index]
            let parent = row.parent ?? row.enclosing.flatMap { rows[$0].key } ?? ""
            cells[0] = row.key ?? row.issueID ?? ""
            cells[1] = row.summary
            cells[2] = row.type ?? ""
            cells[3] = row.status ?? ""
            cells[4] = parent
            cells[5] = implementers.map(\.key).joined(separator: ", ")
            cells[6] = implementers.map { $0.status ?? "?" }.joined(separator: ", ")
            cells[7] = String(implementers.filter(\.isDone).count) + "/" + String(implementers.count)
            cells[8] = implementers.isEmpty ? "no" : "yes"
            encoder.appendRecord(cells)
        }
        if encoder.neutralisedCells > 0 {
            diagnostics.append(.info("csv.formula-neutralised",
                                     "\(encoder.neutralisedCells) cell(s) starting with =, +, -, @, tab or CR were prefixed with ' (csv.safe-formulas)"))
        }
        diagnostics.append(.info("trace-csv.lossy",
                                 "the traceability matrix keeps ids, titles, types, statuses, parents and implementing issues only; descriptions and other fields are not written"))
        return WriteResult(bytes: encoder.takeBytes(), diagnostics: diagnostics)
    }
}
