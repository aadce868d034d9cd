// The RFC 4180 writer: appends quoted, formula-safe cells to one byte buffer.

/// Appends CSV records to one byte buffer: cells are quoted when they contain the delimiter,
/// a quote, CR or LF, or start or end with a space; records end with CRLF.
///
/// Formula safety (`dialect.safeFormulas`): a cell starting with `=`, `+`, `-`, `@`, tab or
/// CR would be run as a formula by Excel, LibreOffice and Google Sheets (CSV injection), so
/// it is prefixed with `'`, which spreadsheets show as text. Plain numbers such as `-3` or
/// `+1.5` are not formulas and are left alone.
public struct CSVEncoder {
    /// Delimiter, BOM and formula safety.
    public let dialect: CSVDialect
    /// The output so far.
    public private(set) var bytes: [UInt8] = []
    /// How many cells were neutralised by formula safety.
    public private(set) var neutralisedCells = 0
    /// `forcesQuotes[byte]`: the byte (delimiter, `"`, CR, LF) makes a cell need quotes.
    private let forcesQuotes: [Bool]

    /// An encoder that starts with a BOM when the dialect asks for one.
    public init(dialect: CSVDialect, reservingCapacity capacity: Int = 0) {
        self.dialect = dialect
        bytes.reserveCapacity(capacity)
        if dialect.writesBOM { bytes += utf8BOM }
        var table = [Bool](repeating: false, count: 256)
        // Every byte the readers' delimiter detection counts is quoted too (`,` `;` tab): a
        // header cell full of tabs must not make the file look tab-separated.
        for byte in [dialect.delimiter, 0x22, 0x0D, 0x0A, UInt8(ascii: ","), UInt8(ascii: ";"), 0x09] { table[Int(byte)] = true }
        forcesQuotes = table
    }

    /// Appends one record and its CRLF.
    public mutating func appendRecord(_ cells: [String]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(dialect.delimiter) }
            appendCell(cell)
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// Takes the output, leaving the encoder empty.
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    // MARK: - Cells

    private mutating func appendCell(_ cell: String) {
        var cell = cell
        cell.withUTF8 { utf8 in
            guard let first = utf8.first else { return }
            let neutralise = dialect.safeFormulas && Self.isFormulaLike(utf8)
            if neutralise { neutralisedCells += 1 }
            var needsQuotes = first == 0x20 || utf8[utf8.count - 1] == 0x20
            if !needsQuotes {
                needsQuotes = forcesQuotes.withUnsafeBufferPointer { table in
                    utf8.contains { table[Int($0)] }
                }
            }
            if !needsQuotes {
                if neutralise { bytes.append(UInt8(ascii: "'")) }
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(0x22)
            if neutralise { bytes.append(UInt8(ascii: "'")) }
            for byte in utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        }
    }

    /// True for cells a spreadsheet would evaluate: a leading `=`, `+`, `-`, `@`, tab or CR,
    /// unless the whole cell is a plain decimal number.
    static func isFormulaLike(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(utf8.dropFirst())
        default: return false
        }
    }

    /// Digits with at most one `.` and at least one digit.
    private static func isPlainNumber(_ utf8: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var digits = 0, dots = 0
        for byte in utf8 {
            if byte >= 0x30 && byte <= 0x39 { digits += 1 } else if byte == UInt8(ascii: ".") { dots += 1 } else { return false }
        }
        return digits > 0 && dots <= 1
    }
}
