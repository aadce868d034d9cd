// WordprocessingML → AST: tables, with gridSpan → colspan and vMerge → rowspan.

import SpineCore

extension DocumentMapper {
    private struct GridCell {
        var element: XElement
        var column: Int
        var span: Int
        /// nil: no merge; true: starts a vertical merge; false: continues one.
        var mergeStart: Bool?
    }

    func readTable(_ table: XElement, depth: Int) -> Table {
        var rows: [(head: Bool, cells: [GridCell])] = []
        for row in Self.unwrapped(table, "tr") {
            let properties = row.childW("trPr")
            var column = properties?.childW("gridBefore")?.w("val").flatMap(Int.init) ?? 0
            var cells: [GridCell] = []
            for cell in Self.unwrapped(row, "tc") {
                let tcPr = cell.childW("tcPr")
                let span = max(1, min(1000, tcPr?.childW("gridSpan")?.w("val").flatMap(Int.init) ?? 1))
                var mergeStart: Bool?
                if let merge = tcPr?.childW("vMerge") { mergeStart = merge.w("val") == "restart" }
                cells.append(GridCell(element: cell, column: column, span: span, mergeStart: mergeStart))
                column += span
            }
            rows.append((properties?.childW("tblHeader").map { RunProperties.toggle($0) ?? true } ?? false, cells))
        }
        // Row spans: a restart cell spans the continuing cells below it at the same grid column.
        var result: [TableRow] = []
        var alignmentsByColumn: [Int: [Alignment?]] = [:]
        var cellAlignments: [[(column: Int, span: Int, alignment: Alignment?)]] = []
        let gridCount = max(table.childW("tblGrid")?.elements.filter { $0.isW("gridCol") }.count ?? 0,
                            rows.map { $0.cells.last.map { $0.column + $0.span } ?? 0 }.max() ?? 0)
        for (rowIndex, row) in rows.enumerated() {
            var cells: [TableCell] = []
            var aligned: [(Int, Int, Alignment?)] = []
            for cell in row.cells {
                if cell.mergeStart == false, rowIndex > 0,
                   rows[rowIndex - 1].cells.contains(where: { $0.column == cell.column && $0.mergeStart != nil }) {
                    continue   // covered by a cell above
                }
                var rowspan = 1
                if cell.mergeStart != nil {
                    var below = rowIndex + 1
                    while below < rows.count, rows[below].cells.contains(where: { $0.column == cell.column && $0.mergeStart == false }) {
                        rowspan += 1
                        below += 1
                    }
                }
                let content = cell.element.children.filter {
                    if case .element(let element) = $0 { return !element.isW("tcPr") }
                    return false
                }
                let paragraphs = cell.element.elements.filter { $0.isW("p") }
                let header = row.head || paragraphs.contains { styles.role($0.childW("pPr")?.childW("pStyle")?.w("val")) == .tableHeading }
                let alignment = paragraphs.first.flatMap { Self.alignment($0.childW("pPr")?.childW("jc")?.w("val")) }
                var attributes: [Attribute] = []
                if let fill = cell.element.childW("tcPr")?.childW("shd")?.w("fill"), fill.count == 6, fill.lowercased() != "auto", fill.uppercased() != "FFFFFF" {
                    attributes.append(Attribute("background", "#" + fill.uppercased()))
                }
                cells.append(TableCell(header: header, colspan: cell.span, rowspan: rowspan, alignment: alignment,
                                       blocks: readBlocks(content, depth: depth + 1), attributes: attributes))
                aligned.append((cell.column, cell.span, alignment))
                if cell.span == 1 { alignmentsByColumn[cell.column, default: []].append(alignment) }
            }
            cellAlignments.append(aligned)
            result.append(TableRow(section: row.head ? .head : .body, cells: cells))
        }
        // A column alignment is one every single-column cell in it shares; cells then only keep exceptions.
        var columns: [TableColumn] = []
        for column in 0..<gridCount {
            let values = alignmentsByColumn[column] ?? []
            let shared = values.first.flatMap { first in values.allSatisfy { $0 == first } ? first : nil }
            columns.append(TableColumn(alignment: shared))
        }
        for rowIndex in result.indices {
            for cellIndex in result[rowIndex].cells.indices {
                let start = cellAlignments[rowIndex][cellIndex].column
                if start < columns.count, result[rowIndex].cells[cellIndex].alignment == columns[start].alignment {
                    result[rowIndex].cells[cellIndex].alignment = nil
                }
            }
        }
        return Table(columns: columns, rows: result)
    }

    /// Children named `w:<name>`, looking through content controls and custom XML around them.
    static func unwrapped(_ parent: XElement, _ name: String) -> [XElement] {
        var result: [XElement] = []
        for element in parent.elements {
            if element.isW(name) {
                result.append(element)
            } else if element.isW("sdt"), let content = element.childW("sdtContent") {
                result += unwrapped(content, name)
            } else if element.isW("customXml") || element.isW("ins") {
                result += unwrapped(element, name)
            }
        }
        return result
    }

    static func alignment(_ value: String?) -> Alignment? {
        switch value {
        case "left", "start": return .left
        case "center": return .center
        case "right", "end": return .right
        default: return nil
        }
    }
}
