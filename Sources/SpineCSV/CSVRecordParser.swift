// The RFC 4180 record parser: one record at a time from a byte buffer, resumable across chunks.

import SpineCore

/// Parses CSV records from UTF-8 bytes. It is a pure function of the buffer plus a line and
/// row counter, so the same code serves a whole file in memory (`CSVTable`) and a file read
/// in chunks (`CSVFileStream`): when a record runs past the end of a non-final chunk the
/// parser answers `.needMore` and the caller re-parses that record with more bytes.
///
/// Accepted beyond RFC 4180: LF or lone CR line ends, a final record without a line end,
/// a `"` inside an unquoted field (kept literally). Rejected with a located error: a quoted
/// field that never closes, and text between a closing quote and the next delimiter.
struct CSVRecordParser {
    /// The outcome of one `parseRecord` call.
    enum Outcome {
        /// A record ends just before this offset; its cells' spans were appended.
        case record(next: Int)
        /// An empty line; no fields were appended.
        case blank(next: Int)
        /// The record is incomplete and the buffer is not final: call again with more bytes.
        case needMore
        /// The final buffer holds no more records.
        case end
    }

    let delimiter: UInt8
    /// The 1-based line at which the next record starts.
    private(set) var line = 1
    /// How many records (header included, blank lines excluded) were returned so far.
    private(set) var row = 0
    /// The first place a cell held bytes that are not UTF-8 (repaired with U+FFFD).
    private(set) var invalidUTF8: SourceLocation?
    /// Scratch space for unescaping `""` in quoted fields.
    private var scratch: [UInt8] = []

    /// Where one cell's bytes are in the buffer: cells are parsed as spans first and turned
    /// into strings only when wanted, so a caller that needs a few columns skips the rest.
    struct CellSpan {
        var start: Int
        var end: Int
        /// The span holds doubled quotes (`""`) to unescape.
        var escaped: Bool
    }

    init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    // MARK: - Parsing

    /// Parses the record starting at `start`, appending its cells' spans to `fields` (which
    /// the caller empties first). On `.needMore` the appended spans must be discarded.
    mutating func parseRecord(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, isFinal: Bool,
                              into fields: inout [CellSpan]) throws(SpineError) -> Outcome {
        let end = buffer.count
        if start >= end { return isFinal ? .end : .needMore }
        let delimiter = self.delimiter
        var position = start
        var localLine = line
        var lineStart = start
        // A blank line: nothing but a line end.
        let first = buffer[start]
        if first == Self.lf || first == Self.cr {
            if first == Self.cr {
                if start + 1 == end && !isFinal { return .needMore }
                position = (start + 1 < end && buffer[start + 1] == Self.lf) ? start + 2 : start + 1
            } else {
                position = start + 1
            }
            line += 1
            return .blank(next: position)
        }
        while true {
            // At the start of a field.
            if position < end && buffer[position] == Self.quote {
                let openLine = localLine, openColumn = position - lineStart + 1
                position += 1
                let contentStart = position
                var hasEscapes = false
                var closed = false
                while position < end {
                    let byte = buffer[position]
                    if byte == Self.quote {
                        if position + 1 < end && buffer[position + 1] == Self.quote {
                            hasEscapes = true
                            position += 2
                            continue
                        }
                        if position + 1 == end && !isFinal { return .needMore }
                        closed = true
                        break
                    }
                    if byte == Self.lf {
                        localLine += 1
                        lineStart = position + 1
                    } else if byte == Self.cr {
                        if position + 1 == end && !isFinal { return .needMore }
                        if position + 1 >= end || buffer[position + 1] != Self.lf {
                            localLine += 1
                            lineStart = position + 1
                        }
                    }
                    position += 1
                }
                if !closed {
                    if !isFinal { return .needMore }
                    throw .malformed("csv.unbalanced-quote",
                                     "quoted cell in row \(row + 1), column \(fields.count + 1) is never closed",
                                     at: SourceLocation(line: openLine, column: openColumn,
                                                        path: Self.cellPath(row: row + 1, column: fields.count + 1)))
                }
                fields.append(CellSpan(start: contentStart, end: position, escaped: hasEscapes))
                position += 1 // the closing quote
                if position < end {
                    let next = buffer[position]
                    if next != delimiter && next != Self.cr && next != Self.lf {
                        throw .malformed("csv.text-after-quote",
                                         "text after the closing quote of row \(row + 1), column \(fields.count); quote the whole cell and double inner quotes",
                                         at: SourceLocation(line: localLine, column: position - lineStart + 1,
                                                            path: Self.cellPath(row: row + 1, column: fields.count)))
                    }
                }
            } else {
                let fieldStart = position
                while position < end {
                    let byte = buffer[position]
                    if byte == delimiter || byte == Self.lf || byte == Self.cr { break }
                    position += 1
                }
                if position == end && !isFinal { return .needMore }
                fields.append(CellSpan(start: fieldStart, end: position, escaped: false))
            }
            // After a field: delimiter, line end or end of input.
            if position == end {
                if !isFinal { return .needMore }
                break
            }
            let byte = buffer[position]
            if byte == delimiter {
                position += 1
                if position == end {
                    if !isFinal { return .needMore }
                    fields.append(CellSpan(start: position, end: position, escaped: false)) // `a,b,` at the end: an empty last cell
                    break
                }
                continue
            }
            if byte == Self.cr {
                if position + 1 == end && !isFinal { return .needMore }
                position += (position + 1 < end && buffer[position + 1] == Self.lf) ? 2 : 1
            } else {
                position += 1
            }
            localLine += 1
            break
        }
        line = localLine
        row += 1
        return .record(next: position)
    }

    /// `row 4, column 3`: the path part of a cell's location (1-based, header is row 1).
    static func cellPath(row: Int, column: Int) -> String {
        "row \(row), column \(column)"
    }

    // MARK: - Cells

    /// Replaces `fields` with the text of the spans, or of the wanted ones only (others are
    /// empty). Invalid UTF-8 is repaired with U+FFFD and its first place remembered.
    mutating func strings(_ buffer: UnsafeBufferPointer<UInt8>, _ spans: [CellSpan], wanted: [Bool]?,
                          into fields: inout [String]) {
        fields.removeAll(keepingCapacity: true)
        for (index, span) in spans.enumerated() {
            if span.start == span.end || (wanted.map { index >= $0.count || !$0[index] } ?? false) {
                fields.append("")
            } else if span.escaped {
                fields.append(unescaped(buffer, span, column: index))
            } else {
                fields.append(makeString(UnsafeBufferPointer(rebasing: buffer[span.start..<span.end]), column: index))
            }
        }
    }

    private mutating func makeString(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if invalidUTF8 == nil {
            // `row` already counts this record; `line` is where the next one starts.
            invalidUTF8 = SourceLocation(path: Self.cellPath(row: row, column: column + 1))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A quoted cell's text with each `""` turned into `"`.
    private mutating func unescaped(_ buffer: UnsafeBufferPointer<UInt8>, _ span: CellSpan, column: Int) -> String {
        scratch.removeAll(keepingCapacity: true)
        var index = span.start
        while index < span.end {
            let byte = buffer[index]
            scratch.append(byte)
            index += byte == Self.quote ? 2 : 1
        }
        let bytes = scratch
        return bytes.withUnsafeBufferPointer { makeString($0, column: column) }
    }
}
