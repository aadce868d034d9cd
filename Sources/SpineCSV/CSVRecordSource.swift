// Record sources: a whole buffer in memory, or a file read in bounded chunks.

import Foundation
import SpineCore

/// Something that yields CSV records one at a time. Blank lines are skipped and counted.
public protocol CSVRecordSource {
    /// Replaces `fields` with the next record's cells; false at the end of the input.
    mutating func nextRecord(into fields: inout [String]) throws(SpineError) -> Bool
    /// The 1-based number of the record last returned (the header is row 1).
    var row: Int { get }
    /// The 1-based line at which the record last returned started.
    var recordLine: Int { get }
    /// Empty lines skipped so far.
    var blankLines: Int { get }
    /// True when the input started with a UTF-8 byte-order mark.
    var hadBOM: Bool { get }
    /// Where the first cell with invalid UTF-8 was found (it was repaired with U+FFFD).
    var invalidUTF8: SourceLocation? { get }
    /// When set, only cells whose index is true are turned into strings; the others read as
    /// empty. Lets a caller that needs a few columns of a wide file skip the rest.
    var wantedColumns: [Bool]? { get set }
}

/// The three bytes of a UTF-8 byte-order mark.
let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

// MARK: - In memory

/// Records from bytes already in memory.
public struct CSVBufferSource: CSVRecordSource {
    private let bytes: [UInt8]
    private var offset: Int
    private var parser: CSVRecordParser
    public private(set) var recordLine = 1
    public private(set) var blankLines = 0
    public let hadBOM: Bool
    public var wantedColumns: [Bool]?
    private var spans: [CSVRecordParser.CellSpan] = []

    /// Reads `bytes` with `delimiter`, skipping a leading BOM.
    public init(bytes: [UInt8], delimiter: UInt8) {
        self.bytes = bytes
        hadBOM = bytes.starts(with: utf8BOM)
        offset = hadBOM ? 3 : 0
        parser = CSVRecordParser(delimiter: delimiter)
    }

    public var row: Int { parser.row }
    public var invalidUTF8: SourceLocation? { parser.invalidUTF8 }

    public mutating func nextRecord(into fields: inout [String]) throws(SpineError) -> Bool {
        // Take the parser and span list out of `self` (not copies), so their buffers stay
        // uniquely referenced and are reused instead of copied on every record.
        var parser = CSVRecordParser(delimiter: 0), spans: [CSVRecordParser.CellSpan] = []
        swap(&parser, &self.parser)
        swap(&spans, &self.spans)
        defer {
            swap(&parser, &self.parser)
            swap(&spans, &self.spans)
        }
        let wanted = wantedColumns
        while true {
            spans.removeAll(keepingCapacity: true)
            let line = parser.line
            let start = offset
            let outcome = try bytes.withUnsafeBufferPointer { (buffer) throws(SpineError) -> CSVRecordParser.Outcome in
                let outcome = try parser.parseRecord(buffer, from: start, isFinal: true, into: &spans)
                if case .record = outcome { parser.strings(buffer, spans, wanted: wanted, into: &fields) }
                return outcome
            }
            switch outcome {
            case .record(let next):
                offset = next
                recordLine = line
                return true
            case .blank(let next):
                offset = next
                blankLines += 1
            case .needMore, .end:
                return false
            }
        }
    }
}

// MARK: - File, streamed

/// Records from a file read in chunks, so memory stays at about one chunk plus the longest
/// record however large the file is.
public final class CSVFileStream: CSVRecordSource {
    private let handle: FileHandle
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var offset = 0
    private var isFinal = false
    private var parser: CSVRecordParser
    private let path: String
    public private(set) var recordLine = 1
    public private(set) var blankLines = 0
    public private(set) var hadBOM = false
    private var checkedBOM = false
    public var wantedColumns: [Bool]?
    private var spans: [CSVRecordParser.CellSpan] = []
    /// Bytes read from the file so far.
    public private(set) var bytesRead = 0

    /// Opens `path` for streaming with `delimiter`; `chunkSize` bytes are read at a time.
    public init(path: String, delimiter: UInt8, chunkSize: Int = 1 << 20) throws(SpineError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SpineError(.io, code: "csv.open-failed", "cannot open '\(path)' for reading")
        }
        self.handle = handle
        self.path = path
        self.chunkSize = max(chunkSize, 16)
        parser = CSVRecordParser(delimiter: delimiter)
    }

    deinit { try? handle.close() }

    /// Up to `limit` bytes from the start of the file (for delimiter detection); use a fresh stream.
    func headBytes(limit: Int) throws(SpineError) -> [UInt8] {
        do {
            return Array(try handle.read(upToCount: limit) ?? Data())
        } catch {
            throw SpineError(.io, code: "csv.read-failed", "cannot read '\(path)': \(error)")
        }
    }

    public var row: Int { parser.row }
    public var invalidUTF8: SourceLocation? { parser.invalidUTF8 }

    public func nextRecord(into fields: inout [String]) throws(SpineError) -> Bool {
        let wanted = wantedColumns
        var parser = CSVRecordParser(delimiter: 0), spans: [CSVRecordParser.CellSpan] = []
        swap(&parser, &self.parser)
        swap(&spans, &self.spans)
        defer {
            swap(&parser, &self.parser)
            swap(&spans, &self.spans)
        }
        while true {
            let line = parser.line
            let start = offset, isFinal = self.isFinal
            spans.removeAll(keepingCapacity: true)
            let outcome = try buffer.withUnsafeBufferPointer { (buffer) throws(SpineError) -> CSVRecordParser.Outcome in
                let outcome = try parser.parseRecord(buffer, from: start, isFinal: isFinal, into: &spans)
                if case .record = outcome { parser.strings(buffer, spans, wanted: wanted, into: &fields) }
                return outcome
            }
            switch outcome {
            case .record(let next):
                offset = next
                recordLine = line
                return true
            case .blank(let next):
                offset = next
                blankLines += 1
            case .end:
                return false
            case .needMore:
                try refill()
            }
        }
    }

    /// Drops consumed bytes and reads the next chunk; a record longer than the buffer
    /// doubles the read size, so re-parsing a long record stays linear overall.
    private func refill() throws(SpineError) {
        if offset > 0 {
            buffer.removeSubrange(0..<offset)
            offset = 0
        }
        let wanted = max(chunkSize, buffer.count)
        let data: Data?
        do {
            data = try handle.read(upToCount: wanted)
        } catch {
            throw SpineError(.io, code: "csv.read-failed", "cannot read '\(path)': \(error)")
        }
        guard let data, !data.isEmpty else {
            isFinal = true
            return
        }
        bytesRead += data.count
        buffer.append(contentsOf: data)
        if !checkedBOM && buffer.count >= 3 {
            checkedBOM = true
            if buffer.starts(with: utf8BOM) {
                hadBOM = true
                buffer.removeSubrange(0..<3)
            }
        }
    }
}
