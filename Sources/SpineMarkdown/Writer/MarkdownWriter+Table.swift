// Markdown writing of tables: GFM pipe tables when the table fits, HTML otherwise.

import SpineCore

extension MarkdownRenderer {
    /// A pipe table when the table has one header row, body rows of inline-only cells and no
    /// merged cells; otherwise an HTML table skeleton around Markdown cell content (reported).
    mutating func table(_ original: Table) -> [UInt8] {
        let table = Self.effectiveTable(original)
        guard let cells = pipeCells(table) else {
            note(.info, "markdown.table-as-html",
                 "a table with merged cells, block content, a caption or no single header row was written as an HTML table around Markdown cells")
            if Self.holdsSkeletonPiece(table) {
                // a cell's own raw table tags would be read as the skeleton: the whole table is HTML
                note(.warning, "markdown.table-raw-html", "a table whose cell holds raw HTML table tags was written as one HTML block")
                return rawBlock(Self.htmlTable(original))
            }
            if table.attributes != TableConventions.writableTableAttributes(table.attributes)
                || table.rows.contains(where: { $0.cells.contains { $0.attributes != TableConventions.writableCellAttributes($0.attributes) } }) {
                note(.warning, "markdown.attribute-dropped", "table and cell attributes that are not HTML attribute names were dropped")
            }
            return skeletonTable(table)
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

    /// The table as written: cells without the paragraphs that write nothing, and without the
    /// breaks at a paragraph's edges (which Markdown cannot carry).
    static func effectiveTable(_ table: Table) -> Table {
        var effective = table
        effective.rows = table.rows.map { row in
            var row = row
            row.cells = row.cells.map { cell in
                var cell = cell
                cell.blocks = MarkdownLossiness.writtenBlocks(cell.blocks).map { block in
                    guard case .paragraph(let content) = block else { return block }
                    return .paragraph(withoutEdgeBreaks(content))
                }
                return cell
            }
            return row
        }
        return effective
    }

    /// Whether a cell holds a raw HTML block made of table tags only (which would read as skeleton).
    static func holdsSkeletonPiece(_ table: Table) -> Bool {
        table.rows.contains { row in row.cells.contains { cell in cell.blocks.contains { TableConventions.skeleton($0) != nil } } }
    }

    /// Whether a skeleton table is written with blank lines (some cell or the caption has content).
    static func skeletonHasBlankLines(_ table: Table) -> Bool {
        let effective = effectiveTable(table)
        if let caption = table.caption, !MarkdownLossiness.inlines(withoutEdgeBreaks(caption), breaks: true).isEmpty { return true }
        return effective.rows.contains { row in row.cells.contains { !$0.blocks.isEmpty } }
    }

    /// `<table>`, `<tr>`, `<td …>` tags in HTML blocks, each cell's blocks as Markdown between
    /// them after blank lines; rows in their order, consecutive rows of a section in one group.
    mutating func skeletonTable(_ table: Table) -> [UInt8] {
        var out = Array(TableConventions.openTag("table", TableConventions.writableTableAttributes(table.attributes)).utf8)
        if let caption = table.caption {
            let content = paragraph(caption)
            out += Array((content.isEmpty ? "\n<caption>" : "\n<caption>\n\n").utf8) + content
            out += Array((content.isEmpty ? "</caption>" : "\n\n</caption>").utf8)
        }
        if TableConventions.writesColumns(table) {
            out += Array("\n<colgroup>".utf8)
            for column in table.columns {
                var attributes: [Attribute] = []
                if let alignment = column.alignment { attributes.append(Attribute("align", alignment.rawValue)) }
                if let width = column.width { attributes.append(Attribute("width", width)) }
                out += Array(("\n" + TableConventions.openTag("col", attributes, selfClosing: true)).utf8)
            }
            out += Array("\n</colgroup>".utf8)
        }
        var section: TableSection?
        for row in table.rows {
            if row.section != section {
                if let section { out += Array(("\n</" + TableConventions.Builder.sectionTag(section) + ">").utf8) }
                out += Array(("\n<" + TableConventions.Builder.sectionTag(row.section) + ">").utf8)
                section = row.section
            }
            out += Array("\n<tr>".utf8)
            for cell in row.cells {
                let name = cell.header ? "th" : "td"
                var attributes: [Attribute] = []
                if let alignment = cell.alignment { attributes.append(Attribute("align", alignment.rawValue)) }
                if cell.colspan > 1 { attributes.append(Attribute("colspan", String(cell.colspan))) }
                if cell.rowspan > 1 { attributes.append(Attribute("rowspan", String(cell.rowspan))) }
                attributes += TableConventions.writableCellAttributes(cell.attributes)
                out += Array(("\n" + TableConventions.openTag(name, attributes)).utf8)
                let content = blocks(cell.blocks, tight: false)
                if !content.isEmpty { out += Array("\n\n".utf8) + content + Array("\n\n".utf8) }
                out += Array(("</" + name + ">").utf8)
            }
            out += Array("\n</tr>".utf8)
        }
        if let section { out += Array(("\n</" + TableConventions.Builder.sectionTag(section) + ">").utf8) }
        out += Array("\n</table>".utf8)
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
            if result.isEmpty {
                // a header row of dash cells (`| - |`) would be read as the delimiter row of a
                // paragraph line above it: escape its first dash
                let line = [ASCII.pipe] + rendered.joined(separator: [ASCII.pipe]) + [ASCII.pipe]
                if TableParser.delimiterRow(line[...]) != nil, let first = rendered.firstIndex(where: { !$0.isEmpty }) {
                    rendered[first].insert(ASCII.backslash, at: 0)
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
