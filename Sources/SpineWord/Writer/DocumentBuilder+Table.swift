// AST → WordprocessingML: tables with header rows, gridSpan (colspan) and vMerge (rowspan).

import SpineCore

extension DocumentBuilder {
    /// One grid position of a row as Word needs it.
    enum Slot {
        /// A real cell starting here.
        case cell(TableCell, column: Int)
        /// The continuation of a cell spanning rows from above (`<w:vMerge/>`), `span` columns wide.
        case continuation(span: Int)
    }

    /// Places cells on the grid, inserting continuation cells under row-spanning cells.
    static func layout(_ table: Table) -> (rows: [[Slot]], width: Int) {
        var pending: [Int: (span: Int, rows: Int)] = [:]   // column → merge still open below
        var rows: [[Slot]] = []
        var width = 0
        for row in table.rows {
            var slots: [Slot] = []
            var column = 0
            var cells = row.cells[...]
            while true {
                if let merge = pending[column] {
                    slots.append(.continuation(span: merge.span))
                    pending[column] = merge.rows > 1 ? (merge.span, merge.rows - 1) : nil
                    column += merge.span
                    continue
                }
                guard let cell = cells.popFirst() else { break }
                let span = max(1, cell.colspan)
                slots.append(.cell(cell, column: column))
                if cell.rowspan > 1 { pending[column] = (span, cell.rowspan - 1) }
                column += span
            }
            // Merges starting further right than this row's last cell cannot be reached without a gap.
            for key in pending.keys where key > column { pending[key] = nil }
            width = max(width, column)
            rows.append(slots)
        }
        return (rows, max(width, 1))
    }

    /// Column widths in twips: from `TableColumn.width` (`120px`, `25%`, a number of pixels) or shared equally.
    func columnWidths(_ table: Table, count: Int, available: Int) -> [Int] {
        var widths: [Int?] = (0..<count).map { index in
            guard index < table.columns.count, let text = table.columns[index].width?.trimmingCharactersSpaces() else { return nil }
            if text.hasSuffix("%"), let percent = Double(text.dropLast()) { return Int(Double(available) * percent / 100) }
            let number = text.hasSuffix("px") ? String(text.dropLast(2)) : text
            return Double(number).map { Int($0 * 15) }
        }
        let known = widths.compactMap { $0 }.reduce(0, +)
        let unknown = widths.filter { $0 == nil }.count
        let share = unknown > 0 ? max(360, (available - known) / unknown) : 0
        widths = widths.map { $0 ?? share }
        var result = widths.map { max(120, $0 ?? share) }
        let total = result.reduce(0, +)
        if total > available {   // Scale down so the table fits the text width.
            result = result.map { max(120, $0 * available / total) }
        }
        return result
    }

    func writeTable(_ table: Table, _ context: Context) {
        let (rows, gridWidth) = Self.layout(table)
        let available = DocumentPart.textWidth(options) - (context.indent ?? 0)
        let widths = columnWidths(table, count: gridWidth, available: available)
        if let caption = table.caption {
            var props = properties(context, style: "Caption")
            props.alignment = nil
            paragraph(caption, props)
        }
        if !table.attributes.isEmpty {
            note("docx.attributes-dropped", "Table attributes (\(table.attributes.map(\.name).joined(separator: ", "))) are not kept in Word")
        }
        if table.rows.contains(where: { $0.section == .foot }) {
            note("docx.table-footer", "Word has no table footer; footer rows are written as body rows")
        }
        let hasHeader = table.rows.first?.section == .head
        separate(after: lastTableEnd)
        defer { lastTableEnd = body.bytes.count }
        body.raw("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>")
        let explicitWidths = table.columns.contains { $0.width != nil }
        body.raw(explicitWidths ? "<w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/>" : "<w:tblW w:w=\"5000\" w:type=\"pct\"/>")
        if let indent = context.indent { body.raw("<w:tblInd w:w=\"\(indent)\" w:type=\"dxa\"/>") }
        body.raw("<w:tblLook w:val=\"\(hasHeader ? "04A0" : "0480")\" w:firstRow=\"\(hasHeader ? 1 : 0)\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>")
        for width in widths { body.raw("<w:gridCol w:w=\"\(width)\"/>") }
        body.raw("</w:tblGrid>")
        var droppedCellAttributes = false
        for (rowIndex, slots) in rows.enumerated() {
            let row = table.rows[rowIndex]
            body.raw("<w:tr>")
            var used = 0
            for slot in slots {
                if case .cell(let cell, _) = slot { used += max(1, cell.colspan) }
                if case .continuation(let span) = slot { used += span }
            }
            if row.section == .head || used < gridWidth {
                body.raw("<w:trPr>")
                if used < gridWidth { body.raw("<w:gridAfter w:val=\"\(gridWidth - used)\"/>") }
                if row.section == .head { body.raw("<w:tblHeader/>") }
                body.raw("</w:trPr>")
            }
            var column = 0
            for slot in slots {
                switch slot {
                case .continuation(let span):
                    let width = widths[column..<min(widths.count, column + span)].reduce(0, +)
                    body.raw("<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>")
                    if span > 1 { body.raw("<w:gridSpan w:val=\"\(span)\"/>") }
                    body.raw("<w:vMerge/></w:tcPr><w:p/></w:tc>")
                    column += span
                case .cell(let cell, let start):
                    let span = max(1, cell.colspan)
                    let width = widths[min(start, widths.count)..<min(widths.count, start + span)].reduce(0, +)
                    body.raw("<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>")
                    if span > 1 { body.raw("<w:gridSpan w:val=\"\(span)\"/>") }
                    if cell.rowspan > 1 { body.raw("<w:vMerge w:val=\"restart\"/>") }
                    if let fill = Self.cellFill(cell.attributes) { body.raw("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(fill)\"/>") }
                    if cell.attributes.contains(where: { !Self.fillAttributeNames.contains($0.name) }) { droppedCellAttributes = true }
                    body.raw("</w:tcPr>")
                    var inner = context
                    inner.indent = nil
                    inner.listLevel = 0
                    inner.paragraphStyle = cell.header ? "TableHeading" : nil
                    inner.alignment = cell.alignment ?? (start < table.columns.count ? table.columns[start].alignment : nil)
                    write(cell.blocks, inner)
                    if !Self.endsWithParagraph(cell.blocks) {
                        body.raw("<w:p>")
                        properties(inner, style: inner.paragraphStyle).write(into: &body)
                        body.raw("</w:p>")
                    }
                    body.raw("</w:tc>")
                    column = start + span
                }
            }
            body.raw("</w:tr>")
        }
        if rows.isEmpty {
            body.raw("<w:tr><w:tc><w:tcPr><w:tcW w:w=\"\(available)\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc></w:tr>")
            warn("docx.table-empty", "An empty table was written with one empty cell (Word needs a row)")
        }
        body.raw("</w:tbl>")
        if droppedCellAttributes { note("docx.attributes-dropped", "Table cell attributes other than a background colour are not kept in Word") }
    }

    static let fillAttributeNames: Set<String> = ["background", "bgcolor", "backgroundColor", "data-highlight-colour", "colour"]

    /// A cell's background as hex, from its attributes.
    static func cellFill(_ attributes: [Attribute]) -> String? {
        for attribute in attributes where fillAttributeNames.contains(attribute.name) {
            if let hex = Colour.hex(attribute.value) { return hex }
        }
        return nil
    }
}
