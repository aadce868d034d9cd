// How ADF details the AST does not name are kept on AST attributes, and small shared helpers.

import SpineCore

/// Attribute names Spine uses to carry ADF details through the AST (documented in Formats/adf.md).
public enum ADFAttribute {
    /// Compact JSON object: node attrs the AST has no field for (`localId`, `colwidth`, `panelColor`, …).
    public static let attrs = "adf.attrs"
    /// Compact JSON array: block marks (`alignment`, `indentation`, `breakout`) or node marks the AST cannot hold.
    public static let marks = "adf.marks"
    /// On a Division or Span: the ADF node type the container stands for (`decisionList`, `mediaGroup`, `paragraph`, …).
    public static let node = "adf.node"
    /// Compact JSON array with one entry per list item / layout column: that child's extra attrs (or null).
    public static let items = "adf.items"
    /// On a Span: one mark the AST has no inline for, as compact JSON (`{"type":"textColor","attrs":{…}}`).
    public static let mark = "adf.mark"
    /// On an Image: the `media` node's attrs the Image fields do not cover, compact JSON.
    public static let media = "adf.media"
    /// On an Image: the `media` node's marks, compact JSON.
    public static let mediaMarks = "adf.media-marks"
    /// On an Image: the `caption` node, compact JSON.
    public static let caption = "adf.caption"
    /// Readable text colour (`#rrggbb`) on a Span, for writers of other formats.
    public static let color = "color"
    /// Readable background colour (`#rrggbb`) on a Span, for writers of other formats.
    public static let backgroundColor = "background-color"
    /// On an IssueReference: the inlineCard URL the key was read from.
    public static let url = "url"
}

/// Small JSON and text helpers shared by the reader and the writer.
enum ADFJSON {
    /// Compact JSON text of a value.
    static func text(_ value: JSONValue) -> String { JSONWriter.compact.string(value) }

    /// Parses JSON text kept in an attribute; nil when it is not valid JSON.
    static func value(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        return try? JSONParser.parse(text)
    }

    /// The object kept in an attribute, empty when absent or not an object.
    static func object(_ text: String?) -> JSONObject {
        value(text)?.objectValue ?? JSONObject()
    }

    /// Plain text of inlines: text, code and the visible text of other nodes.
    static func plainText(_ inlines: [Inline]) -> String {
        var out = ""
        appendPlainText(inlines, to: &out)
        return out
    }

    private static func appendPlainText(_ inlines: [Inline], to out: inout String) {
        for inline in inlines {
            switch inline {
            case .text(let text), .code(let text), .date(let text), .placeholder(let text): out += text
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .underline(let c),
                 .superscript(let c), .subscript(let c): appendPlainText(c, to: &out)
            case .link(let link): appendPlainText(link.content, to: &out)
            case .span(let span): appendPlainText(span.content, to: &out)
            case .image(let image): out += image.alt
            case .lineBreak, .softBreak: out += " "
            case .mention(let mention): out += "@" + (mention.displayName ?? mention.accountID)
            case .issue(let issue): out += issue.key
            case .status(let status): out += status.text
            case .emoji(let emoji): out += emoji.fallback ?? ":" + emoji.shortName + ":"
            case .footnoteReference(let label): out += "[" + label + "]"
            case .anchor: break
            case .raw(let raw): out += raw.content
            }
        }
    }
}

/// ADF `date` timestamps (epoch milliseconds as a string) ⇄ the AST's ISO 8601 text.
enum ADFDate {
    /// `1717200000000` → `2024-06-01`; a time of day other than midnight UTC gives the full
    /// `yyyy-MM-ddTHH:mm:ss.SSSZ`. Nil when the timestamp is not an integer.
    static func iso(fromTimestamp timestamp: String) -> String? {
        guard let millis = Int64(timestamp) else { return nil }
        let (days, remainder) = floorDivide(millis, 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        if remainder == 0 { return date }
        let seconds = remainder / 1000
        return date + "T" + pad(Int(seconds / 3600), 2) + ":" + pad(Int(seconds / 60 % 60), 2) + ":"
            + pad(Int(seconds % 60), 2) + "." + pad(Int(remainder % 1000), 3) + "Z"
    }

    /// The inverse of `iso(fromTimestamp:)`; also accepts a bare `yyyy-MM-dd` prefix of longer text.
    static func timestamp(fromISO text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var millis = days(fromCivil: year, month, day) * 86_400_000
        if bytes.count == 10 { return String(millis) }
        guard bytes.count == 24, bytes[10] == UInt8(ascii: "T"), bytes[23] == UInt8(ascii: "Z"),
              let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2),
              let second = number(bytes, 17, 2), let fraction = number(bytes, 20, 3) else { return nil }
        millis += Int64(((hour * 60 + minute) * 60 + second) * 1000 + fraction)
        return String(millis)
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<start + count] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        var quotient = a / b
        var remainder = a % b
        if remainder < 0 { quotient -= 1; remainder += b }
        return (quotient, remainder)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Days since 1970-01-01 → proleptic Gregorian date (the well-known era-based algorithm).
    private static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
