// Structural blocks: lists, task lists, tables, layouts and preformatted text.

import SpineCore
import SpineXML

extension StorageMapper {
    // MARK: - Lists

    func list(_ element: XMLElement) -> Block {
        var items: [ListItem] = []
        var anyWrapped = false
        for child in element.children {
            switch child {
            case .text(let text) where StorageText.isWhitespace(text): continue
            case .element(let item) where item.name == "li" && attributes(of: item).isEmpty:
                var bare = false
                let itemBlocks = blocks(item.children, bareParagraphs: &bare)
                items.append(ListItem(blocks: itemBlocks))
                // `<p>` that the writer needs anyway (paragraphs beside raw or image blocks) says nothing about tightness.
                if item.hasChildElement(where: { $0.name == "p" }) && !StorageOutput.needsParagraphElements(itemBlocks) {
                    anyWrapped = true
                }
            default:
                return rawBlock(element, "storage.raw", "list with content other than plain <li> items kept raw")
            }
        }
        let start = element.attribute("start")
        let kind: ListBlock.Kind
        var excluded: Set<String> = []
        if element.name == "ol" {
            if let start, let number = Int(start), String(number) == start {
                kind = .ordered(start: number)
                excluded.insert("start")
            } else {
                kind = .ordered(start: 1)
            }
        } else {
            kind = .bullet
        }
        let list = Block.list(ListBlock(kind: kind, tight: !anyWrapped, items: items))
        let rest = attributes(of: element).filter { !excluded.contains($0.name) }
        guard !rest.isEmpty else { return list }
        return .division(Division(attributes: [Attribute(StorageConvention.attributesOf, element.name)] + astAttributes(rest), blocks: [list]))
    }

    // MARK: - Task lists

    func taskList(_ element: XMLElement) -> Block {
        var items: [ListItem] = []
        var ids: [String] = []
        var uuids: [String] = []
        var numbered = true
        for child in element.children {
            if case .text(let text) = child, StorageText.isWhitespace(text) { continue }
            guard case .element(let task) = child, task.name == "ac:task", task.attributes.isEmpty,
                  let item = taskItem(task, ids: &ids, uuids: &uuids, numbered: &numbered) else {
                return rawBlock(element, "storage.raw", "task list with content Spine does not model kept raw")
            }
            items.append(item)
        }
        let list = Block.list(ListBlock(kind: .bullet, tight: true, items: items))
        if numbered && uuids.isEmpty && element.attributes.isEmpty { return list }
        var attributes = [Attribute(StorageConvention.attributesOf, "ac:task-list"), Attribute(StorageConvention.taskIDs, ids.joined(separator: " "))]
        if !uuids.isEmpty { attributes.append(Attribute(StorageConvention.taskUUIDs, uuids.joined(separator: " "))) }
        return .division(Division(attributes: attributes + astAttributes(element.attributes), blocks: [list]))
    }

    private func taskItem(_ task: XMLElement, ids: inout [String], uuids: inout [String], numbered: inout Bool) -> ListItem? {
        taskCounter += 1
        // The writer numbers tasks in document order: this task before the ones nested in it.
        let expectedID = String(taskCounter)
        var state: TaskState = .todo
        var blocks: [Block] = []
        var sawBody = false
        var id: String?
        for child in task.children {
            if case .text(let text) = child, StorageText.isWhitespace(text) { continue }
            guard case .element(let part) = child, part.attributes.isEmpty else { return nil }
            switch part.name {
            case "ac:task-id": id = part.textContent
            case "ac:task-uuid": uuids.append(part.textContent)
            case "ac:task-status":
                switch part.textContent {
                case "complete": state = .done
                case "incomplete": state = .todo
                default: return nil
                }
            case "ac:task-body":
                guard !sawBody else { return nil }
                sawBody = true
                blocks.append(.paragraph(trimmed(inlines(part.children))))
            case "ac:task-list":
                blocks.append(taskList(part))
            default:
                return nil
            }
        }
        guard let id, !id.contains(" ") else { return nil }
        ids.append(id)
        if id != expectedID { numbered = false }
        if !sawBody { return nil }
        return ListItem(task: state, blocks: blocks)
    }

    // MARK: - Tables

    func table(_ element: XMLElement) -> Block {
        var table = Table(rows: [], attributes: astAttributes(attributes(of: element)))
        var sawRows = false
        for child in element.children {
            if case .text(let text) = child, StorageText.isWhitespace(text) { continue }
            guard case .element(let part) = child else {
                return rawBlock(element, "storage.raw", "table with text or comments between rows kept raw")
            }
            switch part.name {
            case "colgroup" where !sawRows && table.columns.isEmpty:
                if let columns = columns(part) {
                    table.columns = columns
                } else {
                    table.attributes.append(Attribute(StorageConvention.colgroup, rawText(part)))
                }
            case "thead", "tbody", "tfoot":
                guard attributes(of: part).isEmpty else { return rawBlock(element, "storage.raw", "table section with attributes kept raw") }
                let section: TableSection = part.name == "thead" ? .head : part.name == "tfoot" ? .foot : .body
                for rowNode in part.children {
                    if case .text(let text) = rowNode, StorageText.isWhitespace(text) { continue }
                    guard case .element(let row) = rowNode, let mapped = tableRow(row, section: section) else {
                        return rawBlock(element, "storage.raw", "table row Spine cannot model kept raw")
                    }
                    table.rows.append(mapped)
                }
                sawRows = true
            case "tr":
                guard let mapped = tableRow(part, section: .body) else { return rawBlock(element, "storage.raw", "table row Spine cannot model kept raw") }
                if !table.attributes.contains(where: { $0.name == StorageConvention.bareRows }) {
                    table.attributes.append(Attribute(StorageConvention.bareRows, "true"))
                }
                table.rows.append(mapped)
                sawRows = true
            default:
                return rawBlock(element, "storage.raw", "table with <\(part.name)> kept raw")
            }
        }
        return .table(table)
    }

    /// Plain `<col/>` / `<col style="width: X;"/>` columns, or nil when the colgroup holds more.
    private func columns(_ colgroup: XMLElement) -> [TableColumn]? {
        guard attributes(of: colgroup).isEmpty else { return nil }
        var columns: [TableColumn] = []
        for child in colgroup.children {
            if case .text(let text) = child, StorageText.isWhitespace(text) { continue }
            guard case .element(let col) = child, col.name == "col", col.children.isEmpty else { return nil }
            let attributes = self.attributes(of: col)
            if attributes.isEmpty { columns.append(TableColumn()); continue }
            guard attributes.count == 1, attributes[0].name == "style", let width = StorageMapper.width(inStyle: attributes[0].value) else { return nil }
            columns.append(TableColumn(width: width))
        }
        return columns.contains(where: { $0.width != nil }) ? columns : nil
    }

    /// `X` from exactly `width: X;` (the form the writer produces).
    static func width(inStyle style: String) -> String? {
        guard style.hasPrefix("width: "), style.hasSuffix(";") else { return nil }
        let value = String(style.dropFirst(7).dropLast())
        return value.isEmpty || value.contains(";") || value.contains(" ") ? nil : value
    }

    private func tableRow(_ row: XMLElement, section: TableSection) -> TableRow? {
        guard row.name == "tr", attributes(of: row).isEmpty else { return nil }
        var cells: [TableCell] = []
        for child in row.children {
            if case .text(let text) = child, StorageText.isWhitespace(text) { continue }
            guard case .element(let cellElement) = child, cellElement.name == "td" || cellElement.name == "th" else { return nil }
            var cell = TableCell(header: cellElement.name == "th", blocks: [])
            for attribute in attributes(of: cellElement) {
                if attribute.name == "colspan", let span = Int(attribute.value), span > 0, String(span) == attribute.value {
                    cell.colspan = span
                } else if attribute.name == "rowspan", let span = Int(attribute.value), span > 0, String(span) == attribute.value {
                    cell.rowspan = span
                } else {
                    cell.attributes.append(Attribute(attribute.name, attribute.value))
                }
            }
            var bare = false
            cell.blocks = blocks(cellElement.children, bareParagraphs: &bare)
            if bare { cell.attributes.append(Attribute(StorageConvention.bareCell, "true")) }
            cells.append(cell)
        }
        return TableRow(section: section, cells: cells)
    }

    // MARK: - Layouts

    func layout(_ element: XMLElement) -> Block {
        guard element.attributes.isEmpty else { return rawBlock(element, "storage.raw", "layout with attributes kept raw") }
        var sections: [LayoutSection] = []
        var extra: [Attribute] = []
        for child in element.children {
            if case .text(let text) = child, StorageText.isWhitespace(text) { continue }
            guard case .element(let sectionElement) = child, sectionElement.name == "ac:layout-section" else {
                return rawBlock(element, "storage.raw", "layout with content outside sections kept raw")
            }
            var section = LayoutSection(type: sectionElement.attribute("ac:type"), columns: [])
            for attribute in sectionElement.attributes where attribute.name != "ac:type" {
                extra.append(Attribute("section.\(sections.count + 1).\(attribute.name)", attribute.value))
            }
            for cellNode in sectionElement.children {
                if case .text(let text) = cellNode, StorageText.isWhitespace(text) { continue }
                guard case .element(let cell) = cellNode, cell.name == "ac:layout-cell", cell.attributes.isEmpty else {
                    return rawBlock(element, "storage.raw", "layout section with content outside cells kept raw")
                }
                section.columns.append(LayoutColumn(blocks: blocks(cell.children)))
            }
            sections.append(section)
        }
        let layout = Block.layout(Layout(sections: sections))
        guard !extra.isEmpty else { return layout }
        return .division(Division(attributes: [Attribute(StorageConvention.attributesOf, "ac:layout")] + extra, blocks: [layout]))
    }

    // MARK: - Preformatted text

    func preformatted(_ element: XMLElement) -> Block {
        if let code = preCode(element) { return .code(code) }
        guard element.children.allSatisfy({ $0.element == nil }) else {
            return rawBlock(element, "storage.raw", "<pre> with markup inside kept raw")
        }
        let attributes = [Attribute(StorageConvention.codeForm, "pre")] + self.attributes(of: element).map { Attribute(StorageConvention.elementAttribute + $0.name, $0.value) }
        return .code(CodeBlock(text: element.textContent, attributes: attributes))
    }

    /// HTML's code block, `<pre><code class="language-X">text</code></pre>` (what Markdown and
    /// HTML tools write), as a code block that is written back in the same form.
    private func preCode(_ element: XMLElement) -> CodeBlock? {
        guard attributes(of: element).isEmpty, element.children.count == 1, case .element(let code) = element.children[0],
              code.name == "code", code.children.allSatisfy({ $0.element == nil }) else { return nil }
        let codeAttributes = attributes(of: code)
        var language: String?
        if let only = codeAttributes.first {
            guard codeAttributes.count == 1, only.name == "class", only.value.hasPrefix("language-"), only.value.utf8.count > 9 else { return nil }
            language = String(only.value.dropFirst(9))
        }
        // HTML ends a code block's text with a line break (CommonMark renders `x\n</code>`); the AST text does not.
        var text = code.textContent
        if text.utf8.last == 10 { text = String(decoding: text.utf8.dropLast(), as: UTF8.self) }
        return CodeBlock(language: language, text: text, attributes: [Attribute(StorageConvention.codeForm, "pre-code")])
    }
}
