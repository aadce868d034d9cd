// Markdown writing of tables: GFM pipe tables when the table fits, HTML otherwise.

import SpineCore

extension MarkdownRenderer {
    /// A pipe table when the table has one header row, body rows of inline-only cells and no
    /// merged cells; otherwise an HTML table (reported).
    mutating func table(_ table: Table) -> [UInt8] {
        guard let cells = pipeCells(table) else {
            note(.warning, "markdown.table-as-html",
                 "a table with merged cells, block content, a caption or no single header row was written as HTML")
            return rawBlock(Self.htmlTable(table))
        }
        let width = cells[0].count
        if table.columns.count != width || table.columns.contains(where: { $0.width != nil }) || !table.attributes.isEmpty {
            note(.info, "markdown.table-columns", "table column widths and layout attributes are not kept in Markdown")
        }
        var widths = [Int](repeating: 3, count: width)
        for row in cells {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], displayWidth(cell)) }
        }
        var out: [UInt8] = []
        for (rowIndex, row) in cells.enumerated() {
            if rowIndex > 0 { out.append(ASCII.newline) }
            out.append(ASCII.pipe)
            for (i, cell) in row.enumerated() {
                out.append(ASCII.space)
                out += cell
                out += [UInt8](repeating: ASCII.space, count: widths[i] - displayWidth(cell))
                out.append(" |")
            }
            if rowIndex == 0 {
                out.append("\n|")
                for i in 0..<width {
                    let alignment = i < table.columns.count ? table.columns[i].alignment : nil
                    let dashes = widths[i] - (alignment == nil ? 0 : (alignment == .center ? 2 : 1))
                    out.append(ASCII.space)
                    if alignment == .left || alignment == .center { out.append(ASCII.colon) }
                    out += [UInt8](repeating: ASCII.minus, count: max(dashes, 1))
                    if alignment == .right || alignment == .center { out.append(ASCII.colon) }
                    out.append(" |")
                }
            }
        }
        return out
    }

    /// A table Markdown cannot express, as the HTML block written in its place.
    static func htmlTable(_ table: Table) -> Raw {
        var renderer = HTMLRenderer(options: ConversionOptions())
        renderer.table(table)
        var html = renderer.out
        while html.last == ASCII.newline { html.removeLast() }
        return Raw(format: "html", content: string(html))
    }

    /// Rendered cell texts, or nil when the table cannot be a pipe table.
    mutating func pipeCells(_ table: Table) -> [[[UInt8]]]? {
        guard Self.fitsPipeTable(table) else { return nil }
        var result: [[[UInt8]]] = []
        for row in table.rows {
            var rendered: [[UInt8]] = []
            for cell in row.cells {
                if case .paragraph(let inlines)? = cell.blocks.first {
                    var text = self.checkedInlines(inlines, inTable: true, breaksAllowed: false).map { $0 == MarkdownRenderer.rawNewline ? ASCII.space : $0 }
                    // cells are trimmed by readers: keep edge whitespace as entities
                    if let first = text.first, isSpaceOrTab(first) { text.replaceSubrange(0..<1, with: Array((first == ASCII.space ? "&#32;" : "&#9;").utf8)) }
                    if let last = text.last, isSpaceOrTab(last) { text.replaceSubrange((text.count - 1)..., with: Array((last == ASCII.space ? "&#32;" : "&#9;").utf8)) }
                    rendered.append(text)
                } else {
                    rendered.append([])
                }
            }
            result.append(rendered)
        }
        return result
    }

    /// Whether a table can be a pipe table: no caption, one header row of header cells, body
    /// rows of the same width, no merged or attributed cells, cells empty or one paragraph
    /// without top-level line breaks, cell alignment equal to the column's.
    static func fitsPipeTable(_ table: Table) -> Bool {
        guard table.caption == nil, let header = table.rows.first, header.section == .head,
              !header.cells.isEmpty, header.cells.allSatisfy(\.header) else { return false }
        let width = header.cells.count
        for (index, row) in table.rows.enumerated() {
            if index > 0 && (row.section != .body || row.cells.contains(where: \.header)) { return false }
            guard row.cells.count == width else { return false }
            for (i, cell) in row.cells.enumerated() {
                guard cell.colspan == 1, cell.rowspan == 1, cell.attributes.isEmpty else { return false }
                let columnAlignment = i < table.columns.count ? table.columns[i].alignment : nil
                guard cell.alignment == nil || cell.alignment == columnAlignment else { return false }
                switch cell.blocks.count {
                case 0:
                    continue
                case 1:
                    guard case .paragraph(let inlines) = cell.blocks[0], !inlines.isEmpty,
                          !inlines.contains(where: { $0 == .softBreak || $0 == .lineBreak }) else { return false }
                default:
                    return false
                }
            }
        }
        return true
    }

    /// Width in characters (scalars), for padding columns.
    func displayWidth(_ bytes: [UInt8]) -> Int {
        var count = 0
        for b in bytes where b & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
