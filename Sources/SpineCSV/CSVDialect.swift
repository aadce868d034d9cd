// The CSV dialect (delimiter, BOM, formula safety) and the settings keys that choose it.

import SpineCore

/// How a CSV file is spelled: the delimiter and the writer's choices. Records are always
/// quoted RFC 4180 style with `"`; the writer always ends records with CRLF.
public struct CSVDialect: Hashable, Sendable {
    /// The field separator byte: `,` (default), `;` or tab.
    public var delimiter: UInt8
    /// Writers start the file with a UTF-8 byte-order mark (helps Excel pick UTF-8).
    public var writesBOM: Bool
    /// Writers neutralise cells a spreadsheet would run as a formula (see `CSVCellEncoder`).
    public var safeFormulas: Bool

    public init(delimiter: UInt8 = UInt8(ascii: ","), writesBOM: Bool = false, safeFormulas: Bool = false) {
        self.delimiter = delimiter
        self.writesBOM = writesBOM
        self.safeFormulas = safeFormulas
    }

    // MARK: - Settings

    /// Setting keys this module reads from `ConversionOptions.settings`.
    public enum Setting {
        /// `,` (default), `;`, `tab` (or a literal tab), `comma`, `semicolon`.
        public static let delimiter = "csv.delimiter"
        /// `true`/`false`: neutralise formula-like cells. Default on for trace-csv, off for jira-csv.
        public static let safeFormulas = "csv.safe-formulas"
        /// `true`/`false`: write a UTF-8 BOM. Default on for trace-csv, off for jira-csv.
        public static let bom = "csv.bom"
        /// `jira` (default): ISO-8601 dates are written as `dd/MMM/yy h:mm a`; `keep`: verbatim.
        public static let dateFormat = "csv.date-format"
        /// trace-csv only: comma-separated issue types that get a row (default: every requirement).
        public static let traceTypes = "trace-csv.types"
    }

    /// The dialect `options` ask for, starting from the format's defaults.
    public static func from(_ options: ConversionOptions, defaultSafeFormulas: Bool, defaultBOM: Bool) throws(SpineError) -> CSVDialect {
        var dialect = CSVDialect(writesBOM: options.flag(Setting.bom, default: defaultBOM),
                                 safeFormulas: options.flag(Setting.safeFormulas, default: defaultSafeFormulas))
        if let text = options[setting: Setting.delimiter] {
            dialect.delimiter = try delimiterByte(text)
        }
        return dialect
    }

    /// Parses a delimiter setting (`,` `;` `tab` `\t` or a literal tab).
    public static func delimiterByte(_ text: String) throws(SpineError) -> UInt8 {
        switch text.lowercased() {
        case ",", "comma": return UInt8(ascii: ",")
        case ";", "semicolon": return UInt8(ascii: ";")
        case "\t", "tab", "\\t": return UInt8(ascii: "\t")
        case "|", "pipe": return UInt8(ascii: "|")
        default:
            throw SpineError(.usage, code: "csv.bad-delimiter",
                             "unsupported CSV delimiter '\(text)'; use ',', ';' or 'tab'")
        }
    }

    // MARK: - Detection

    /// The delimiter of a file whose reader was not told one: whichever of `,` `;` and tab
    /// occurs most often, outside quotes, in the header line; `,` on a tie or when none occurs.
    public static func detectDelimiter(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var counts = (comma: 0, semicolon: 0, tab: 0)
        var inQuotes = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: ",") where !inQuotes: counts.comma += 1
            case UInt8(ascii: ";") where !inQuotes: counts.semicolon += 1
            case 0x09 where !inQuotes: counts.tab += 1
            case 0x0A where !inQuotes, 0x0D where !inQuotes:
                return pick(counts)
            default: break
            }
        }
        return pick(counts)
    }

    private static func pick(_ counts: (comma: Int, semicolon: Int, tab: Int)) -> UInt8 {
        if counts.semicolon > counts.comma && counts.semicolon >= counts.tab { return UInt8(ascii: ";") }
        if counts.tab > counts.comma && counts.tab > counts.semicolon { return 0x09 }
        return UInt8(ascii: ",")
    }
}
