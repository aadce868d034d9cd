// The `--users map.csv` file of a cross-site migration: old user key or name → account id.

import Foundation
import SpineCore

/// Parses the user mapping file: one `old,accountId` pair per line (RFC 4180 quoting allowed),
/// an optional header line (`old,new`, `key,accountId`, …), `#` comments and blank lines ignored.
public enum UserMap {
    public static func parse(_ bytes: [UInt8], sourceName: String = "users.csv") throws(SpineError) -> [String: String] {
        var map: [String: String] = [:]
        let text = String(decoding: bytes, as: UTF8.self)
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = try splitCSV(trimmed, line: index + 1, sourceName: sourceName)
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw SpineError.malformed("users.line", "expected `old user key or name,account id`",
                                           at: SourceLocation(line: index + 1, column: 1, path: sourceName))
            }
            if index == 0, fields[1].lowercased().contains("account") || fields[1].lowercased() == "new" { continue }
            map[fields[0]] = fields[1]
        }
        return map
    }

    private static func splitCSV(_ line: String, line number: Int, sourceName: String) throws(SpineError) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" && current.isEmpty {
                quoted = true
            } else if character == "," {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        if quoted {
            throw SpineError.malformed("users.quote", "unterminated quoted field", at: SourceLocation(line: number, column: 1, path: sourceName))
        }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
