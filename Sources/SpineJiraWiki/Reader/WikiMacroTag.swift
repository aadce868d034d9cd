// A `{name:param|key=value}` macro tag as Jira wiki markup writes it, parsed from bytes.

import SpineCore

/// One macro tag: `{code:java|title=A.java}`, `{quote}`, `{color:red}`.
struct WikiMacroTag {
    /// The name in lower case (`code`, `panel`, `color`).
    var name: String
    /// Whether the tag had a `:` parameter part (a bare tag like `{panel}` closes a block).
    var hasParameters: Bool
    /// Everything between `:` and `}`, unsplit (empty for a bare tag).
    var parameterText: Substring {
        guard hasParameters, let colon = source.firstIndex(of: ":") else { return "" }
        return source[source.index(after: colon)...].dropLast()
    }
    /// Parameters without `=` (the language of `{code:java}`, the colour of `{color:red}`).
    var positional: [String]
    /// `key=value` parameters in source order.
    var parameters: [Attribute]
    /// The tag's bytes, exactly as written.
    var source: String
    /// Offset of `{`.
    var start: Int
    /// Offset just after `}`.
    var end: Int

    /// The names of block macros that hold other blocks.
    static let containerNames: Set<String> = ["quote", "panel", "info", "note", "warning", "tip", "color"]
    /// The names of block macros whose body is kept verbatim.
    static let verbatimNames: Set<String> = ["code", "noformat"]
    /// Macros read inline.
    static let inlineNames: Set<String> = ["color", "anchor", "status"]

    /// Whether `source` begins with a tag of a block macro (`{quote}`, `{code:java}`, …), which
    /// starts or ends a block wherever it stands in a paragraph.
    static func namesBlockMacro(_ source: String) -> Bool {
        guard source.utf8.first == Byte.openBrace else { return false }
        let name = source.utf8.dropFirst().prefix { Byte.isASCIIAlnum($0) || $0 == Byte.dash || $0 == Byte.underscore }
        let lowered = String(decoding: name, as: UTF8.self).lowercased()
        return containerNames.contains(lowered) || verbatimNames.contains(lowered)
    }

    /// Parses a tag starting at `start` (which holds `{`); the closing `}` must come before
    /// `limit`. `closeBrace` remembers searches so a line full of `{` stays linear.
    static func parse(at start: Int, limit: Int, in text: UnsafeBufferPointer<UInt8>,
                      closeBrace: inout NextByteFinder) -> WikiMacroTag? {
        var index = start + 1
        guard index < limit, Byte.isASCIILetter(text[index]) else { return nil }
        while index < limit {
            let byte = text[index]
            if Byte.isASCIIAlnum(byte) || byte == Byte.dash || byte == Byte.underscore { index += 1 } else { break }
        }
        guard index < limit else { return nil }
        let nameEnd = index
        var name = text.string(start + 1, nameEnd)
        name = name.lowercased()
        if text[index] == Byte.closeBrace {
            return WikiMacroTag(name: name, hasParameters: false, positional: [], parameters: [],
                                source: text.string(start, index + 1), start: start, end: index + 1)
        }
        guard text[index] == Byte.colon,
              let close = closeBrace.next(from: index + 1, limit: limit, in: text) else { return nil }
        let raw = text.string(index + 1, close)
        if raw.contains("\n") { return nil }
        var tag = WikiMacroTag(name: name, hasParameters: true, positional: [], parameters: [],
                               source: text.string(start, close + 1), start: start, end: close + 1)
        tag.parseParameters(raw)
        return tag
    }

    /// Splits `a|key=value|b` into positional and named parameters.
    private mutating func parseParameters(_ raw: String) {
        for part in raw.split(separator: "|", omittingEmptySubsequences: true) {
            if let equals = part.firstIndex(of: "=") {
                let key = part[..<equals].trimmingSpaces()
                let value = part[part.index(after: equals)...].trimmingSpaces()
                if !key.isEmpty { parameters.append(Attribute(key, value)); continue }
            }
            let value = part.trimmingSpaces()
            if !value.isEmpty { positional.append(value) }
        }
    }

    /// The named parameter `key` (case-insensitive key match).
    func parameter(_ key: String) -> String? {
        parameters.first(where: { $0.name.lowercased() == key.lowercased() })?.value
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String { self[...].trimmingSpaces() }
}
