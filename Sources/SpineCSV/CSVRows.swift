// A header row plus records of the same width: the shape every CSV Spine reads must have.

import SpineCore

/// Reads the required header row from a source, then yields records that must have exactly
/// as many cells as the header (ragged rows are located errors, never padded silently).
public struct CSVRows<Source: CSVRecordSource> {
    /// The source, for its counters (`row`, `blankLines`, `hadBOM`, …).
    public private(set) var source: Source
    /// The header row's cells, in file order (repeated names kept).
    public let header: [String]

    /// Reads the header; an input without one is an error.
    public init(source: Source) throws(SpineError) {
        self.source = source
        var fields: [String] = []
        guard try self.source.nextRecord(into: &fields) else {
            throw .malformed("csv.no-header", "the CSV input is empty; a header row is required",
                             at: SourceLocation(line: 1, path: CSVRecordParser.cellPath(row: 1, column: 1)))
        }
        header = fields
    }

    /// Reads only the cells of columns whose index is true (others read as empty).
    public mutating func readOnly(columns wanted: [Bool]?) {
        source.wantedColumns = wanted
    }

    /// Replaces `fields` with the next record's cells; false at the end of the input.
    public mutating func next(into fields: inout [String]) throws(SpineError) -> Bool {
        guard try source.nextRecord(into: &fields) else { return false }
        if fields.count != header.count {
            let column = fields.count < header.count ? fields.count + 1 : header.count + 1
            let detail = fields.count < header.count
                ? "column \(column) (\"\(header[column - 1])\") is missing"
                : "cell \(column) has no header"
            throw .malformed("csv.ragged-row",
                             "row \(source.row) has \(fields.count) cells but the header has \(header.count): \(detail)",
                             at: SourceLocation(line: source.recordLine,
                                                path: CSVRecordParser.cellPath(row: source.row, column: column)))
        }
        return true
    }

    /// Warnings about what the source repaired or skipped (invalid UTF-8, blank lines).
    public var diagnostics: [Diagnostic] {
        var result: [Diagnostic] = []
        if let location = source.invalidUTF8 {
            result.append(.warning("csv.invalid-utf8", "cells contain bytes that are not UTF-8; they were replaced with U+FFFD", at: location))
        }
        if source.blankLines > 0 {
            result.append(.info("csv.blank-lines-skipped", "\(source.blankLines) empty line(s) were skipped"))
        }
        return result
    }
}

// MARK: - Whole-table convenience

/// A whole CSV file parsed in memory: header and records.
public struct CSVTable: Hashable, Sendable {
    public var header: [String]
    public var records: [[String]]
    /// The input started with a UTF-8 BOM.
    public var hadBOM: Bool

    public init(header: [String], records: [[String]] = [], hadBOM: Bool = false) {
        self.header = header
        self.records = records
        self.hadBOM = hadBOM
    }

    /// Parses `bytes` (header required, all rows as wide as the header).
    public static func parse(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) throws(SpineError) -> (table: CSVTable, diagnostics: [Diagnostic]) {
        var rows = try CSVRows(source: CSVBufferSource(bytes: bytes, delimiter: delimiter))
        var records: [[String]] = []
        var fields: [String] = []
        while try rows.next(into: &fields) { records.append(fields) }
        return (CSVTable(header: rows.header, records: records, hadBOM: rows.source.hadBOM), rows.diagnostics)
    }

    /// The table as CSV bytes in `dialect`.
    public func bytes(dialect: CSVDialect = CSVDialect()) -> [UInt8] {
        var encoder = CSVEncoder(dialect: dialect)
        encoder.appendRecord(header)
        for record in records { encoder.appendRecord(record) }
        return encoder.bytes
    }
}
