// ISO-8601 dates (Jira JSON's shape) → the one date format the Jira CSV writer uses.

/// The date format `JiraCSVWriter` writes: Jira's importer default, `dd/MMM/yy h:mm a`
/// (Java `SimpleDateFormat`), with English month names, e.g. `05/Mar/24 10:15 AM`.
/// The importer wizard shows this pattern by default, so no date setting is needed.
enum JiraDates {
    /// The pattern to enter in the importer (documented in Formats/csv.md).
    static let importerPattern = "dd/MMM/yy h:mm a"

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2024-03-05T10:15:30.000+0100` → `05/Mar/24 10:15 AM` (the wall-clock time of the
    /// value's own offset; seconds and offset are dropped), `2024-03-05` → `05/Mar/24 12:00 AM`.
    /// Nil when `text` is not an ISO-8601 date or date-time.
    static func importerText(fromISO text: String) -> String? {
        let utf8 = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= utf8.count else { return nil }
            var value = 0
            for byte in utf8[from..<(from + count)] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), utf8.count >= 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"),
              let month = number(5, 2), let day = number(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0, minute = 0
        if utf8.count > 10 {
            guard utf8[10] == UInt8(ascii: "T") || utf8[10] == 0x20, utf8.count >= 16, utf8[13] == UInt8(ascii: ":"),
                  let h = number(11, 2), let m = number(14, 2), h < 24, m < 60,
                  isTimeTail(utf8[16...])
            else { return nil }
            hour = h
            minute = m
        }
        let twoDigit = { (value: Int) in value < 10 ? "0" + String(value) : String(value) }
        let hour12 = hour % 12 == 0 ? 12 : hour % 12
        return twoDigit(day) + "/" + months[month - 1] + "/" + twoDigit(year % 100) + " "
            + String(hour12) + ":" + twoDigit(minute) + (hour < 12 ? " AM" : " PM")
    }

    /// `:ss`, `.SSS`, then `Z`, `±hh:mm`, `±hhmm` or nothing.
    private static func isTimeTail(_ tail: ArraySlice<UInt8>) -> Bool {
        for byte in tail {
            switch byte {
            case 0x30...0x39, UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "Z"):
                continue
            default:
                return false
            }
        }
        return true
    }
}
