// Lists and tables in the wiki writer: marker prefixes for nesting, one line per row with
// lists inside cells on continuation lines, and flattening where wiki has no structure.

import SpineCore

extension WikiEmitter {
    // MARK: - Lists

    /// Writes a list; nested lists extend the marker prefix (`*`, `*#`, `*##`).
    mutating func writeList(_ list: ListBlock, prefix: [UInt8]) {
        var markers = prefix
        switch list.kind {
        case .bullet:
            markers.append(Byte.star)
        case .ordered(let start):
            markers.append(Byte.hash)
            if start != 1 {
                lossy("jira-wiki.list-start", "Jira numbered lists always start at 1; the start number was dropped", severity: .info)
            }
        }
        for (index, item) in list.items.enumerated() {
            if index > 0 { write("\n") }
            out.append(contentsOf: markers)
            write(" ")
            if let task = item.task {
                lossy("jira-wiki.task-as-emoticon", "Jira wiki markup has no task lists; done items start with (/), open ones with (x)")
                write(task == .done ? "(/) " : "(x) ")
            }
            var rest = item.blocks[...]
            switch rest.first {
            case .paragraph(let inlines)?:
                writeInlines(inlines, multiLine: true, lineStart: false)
                rest = rest.dropFirst()
            case .image(let image)?:
                writeImageInline(image)
                rest = rest.dropFirst()
            default:
                break
            }
            for block in rest {
                if case .list(let inner) = block {
                    write("\n")
                    writeList(inner, prefix: markers)
                    continue
                }
                lossy("jira-wiki.list-item-flattened",
                      "Jira list items hold one paragraph; further blocks in an item were joined as extra lines")
                // A block with no text (a rule, a table of contents) would leave an empty line, which ends the list.
                let line = Self.flatten(block)
                if line.isEmpty { continue }
                write("\n")
                writeInlines(line, multiLine: true, lineStart: true)
            }
        }
    }

    // MARK: - Tables

    /// Writes a table, one row per line; `||` marks header cells.
    mutating func writeTable(_ table: Table) {
        if let caption = table.caption, !caption.isEmpty {
            lossy("jira-wiki.table-caption", "Jira tables have no caption; it was written as a bold line above the table")
            writeInlines([.strong(caption)], multiLine: false, lineStart: true)
            write("\n\n")
        }
        if table.columns.contains(where: { $0.alignment != nil })
            || table.rows.contains(where: { $0.cells.contains { $0.alignment != nil } }) {
            lossy("jira-wiki.alignment-dropped", "Jira tables have no column alignment; it was dropped", severity: .info)
        }
        var firstRow = true
        for row in table.rows where !row.cells.isEmpty {
            if !firstRow { write("\n") }
            firstRow = false
            for cell in row.cells {
                let pipe = cell.header ? "||" : "|"
                write(pipe)
                writeCell(cell.blocks)
                if cell.colspan > 1 || cell.rowspan > 1 {
                    lossy("jira-wiki.cell-span-dropped", "Jira tables cannot merge cells; spans were written as empty cells")
                }
                for _ in 1..<max(cell.colspan, 1) { write(pipe + " ") }
            }
            write(row.cells.last?.header == true ? "||" : "|")
        }
    }

    /// A cell's blocks: paragraphs joined with `\\`, lists on their own lines. A heading line
    /// would end the table row when read, so headings are flattened to bold text like other blocks.
    private mutating func writeCell(_ cellBlocks: [Block]) {
        let start = out.count
        var previousNeedsLine = false
        // A block that flattens to nothing (an empty heading, a rule) is left out, separator and
        // all: after a list its line break would put the next cell's `|` at a line start.
        let blocks = cellBlocks.filter { block in
            switch block {
            case .paragraph, .list, .image: return true
            default:
                if !Self.flatten(block).isEmpty { return true }
                lossy("jira-wiki.cell-block-flattened",
                      "Jira table cells cannot hold headings, code, quotes, panels or tables; their text was written inline")
                return false
            }
        }
        for (index, block) in blocks.enumerated() {
            let needsLine: Bool
            switch block {
            case .list: needsLine = true
            default: needsLine = false
            }
            if index > 0 {
                if needsLine || previousNeedsLine {
                    write("\n")
                } else {
                    lossy("jira-wiki.cell-paragraphs-merged",
                          "Jira table cells hold one paragraph; paragraphs in a cell were joined with line breaks", severity: .info)
                    write("\\\\")
                }
            }
            switch block {
            case .paragraph(let inlines):
                writeInlines(inlines, multiLine: false, lineStart: index == 0 || previousNeedsLine)
            case .list(let list):
                writeList(list, prefix: [])
            case .image(let image):
                writeImageInline(image)
            default:
                lossy("jira-wiki.cell-block-flattened",
                      "Jira table cells cannot hold headings, code, quotes, panels or tables; their text was written inline")
                writeInlines(Self.flatten(block), multiLine: false, lineStart: index == 0 || previousNeedsLine)
            }
            previousNeedsLine = needsLine
        }
        if out.count == start { write(" ") }
    }

    // MARK: - Flattening

    /// A block's content as inlines on consecutive lines (for places wiki allows only text).
    static func flatten(_ block: Block) -> [Inline] {
        func joined(_ parts: [[Inline]]) -> [Inline] {
            var result: [Inline] = []
            for part in parts where !part.isEmpty {
                if !result.isEmpty { result.append(.lineBreak) }
                result.append(contentsOf: part)
            }
            return result
        }
        switch block {
        case .paragraph(let inlines): return inlines
        case .heading(let heading): return heading.content.isEmpty ? [] : [.strong(heading.content)]
        case .code(let code): return joined(code.text.split(separator: "\n", omittingEmptySubsequences: false).map { [.code(String($0))] })
        case .quote(let blocks): return joined(blocks.map(flatten))
        case .division(let division): return joined(division.blocks.map(flatten))
        case .panel(let panel): return joined([panel.title.map { [.strong([.text($0)])] } ?? []] + panel.blocks.map(flatten))
        case .expand(let expand): return joined([expand.title.map { [.strong([.text($0)])] } ?? []] + expand.blocks.map(flatten))
        case .list(let list): return joined(list.items.map { joined($0.blocks.map(flatten)) })
        case .table(let table):
            return joined(table.rows.map { row in
                var cells: [Inline] = []
                for (index, cell) in row.cells.enumerated() {
                    if index > 0 { cells.append(.text(" / ")) }
                    cells.append(contentsOf: joined(cell.blocks.map(flatten)))
                }
                return cells
            })
        case .image(let image): return [.image(image)]
        case .rule, .tableOfContents: return []
        case .issueQuery(let query): return [.code(query.jql)]
        case .requirement(let requirement):
            return [.text((requirement.key.map { $0 + " " } ?? "") + requirement.summary)]
        case .layout(let layout): return joined(layout.sections.flatMap { $0.columns.flatMap { $0.blocks.map(flatten) } })
        case .footnote(let footnote): return joined([[.text("[" + footnote.label + "]")]] + footnote.blocks.map(flatten))
        case .raw(let raw): return [.code(raw.content)]
        }
    }
}
