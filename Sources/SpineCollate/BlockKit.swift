// Small constructors for the blocks and inlines the collated document is made of.

import SpineCore

enum BlockKit {
    static func heading(_ level: Int, _ text: String) -> Block {
        .heading(Heading(level: level, content: [.text(text)]))
    }

    static func paragraph(_ text: String) -> Block { .paragraph([.text(text)]) }

    /// A paragraph in emphasis: the template's own remarks ("No issue links.").
    static func note(_ text: String) -> Block { .paragraph([.emphasis([.text(text)])]) }

    static func bulletList(_ items: [[Inline]]) -> Block {
        .list(ListBlock(kind: .bullet, tight: true, items: items.map { ListItem(blocks: [.paragraph($0)]) }))
    }

    /// A table with one header row; every cell holds one paragraph.
    static func table(header: [String], rows: [[[Inline]]]) -> Block {
        let head = TableRow(section: .head, cells: header.map { TableCell(header: true, blocks: [.paragraph([.text($0)])]) })
        let body = rows.map { row in
            TableRow(section: .body, cells: row.map { TableCell(blocks: $0.isEmpty ? [] : [.paragraph($0)]) })
        }
        return .table(Table(rows: [head] + body))
    }

    /// A link to an issue by key, showing the key.
    static func issue(_ key: String) -> Inline {
        .link(Link(target: .issue(key), content: [.text(key)]))
    }

    /// A status lozenge coloured by its category.
    static func status(_ name: String?, _ category: StatusCategory?) -> Inline {
        .status(Status(text: name ?? category?.label ?? "Unknown", colour: category?.colour ?? "Grey"))
    }

    /// `inlines` joined with `separator` text.
    static func joined(_ parts: [[Inline]], separator: String) -> [Inline] {
        var result: [Inline] = []
        for (position, part) in parts.enumerated() {
            if position > 0 { result.append(.text(separator)) }
            result += part
        }
        return result
    }

    /// A whole percentage, rounded half up; nil when the total is zero.
    static func percent(_ part: Double, of total: Double) -> Int? {
        guard total > 0 else { return nil }
        return Int((part * 100 / total).rounded(.toNearestOrAwayFromZero))
    }

    /// A number of story points without a needless fraction (`5`, `2.5`, `0.33`).
    static func points(_ value: Double) -> String {
        let scaled = (value * 100).rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite, abs(scaled) < 1e15 else { return String(value) }
        let hundredths = Int(scaled)
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100, fraction = abs(hundredths) % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
        return sign + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// `n issue(s)`.
    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        String(number) + " " + (number == 1 ? singular : plural ?? singular + "s")
    }
}
