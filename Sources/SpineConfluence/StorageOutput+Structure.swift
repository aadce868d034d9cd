// Writing lists, task lists, tables and images.

import SpineCore

extension StorageOutput {
    // MARK: - Lists

    func writeList(_ list: ListBlock, extras: [Attribute]) {
        let allTasks = !list.items.isEmpty && list.items.allSatisfy({ $0.task != nil })
        if allTasks && StorageOutput.isTaskList(list) {
            writeTaskList(list, extras: extras)
            return
        }
        if list.items.contains(where: { $0.task != nil }) {
            warn("storage.task-content", "tasks mixed with plain items or holding other blocks cannot be Confluence tasks; written as a plain list with ☐/☑ markers")
            writeList(StorageOutput.markedList(list), extras: extras)
            return
        }
        var attributes = StorageOutput.xmlAttributes(extras)
        let name: String
        switch list.kind {
        case .bullet:
            name = "ul"
        case .ordered(let start):
            name = "ol"
            if start != 1 { attributes.insert(("start", String(start)), at: 0) }
        }
        open(name, attributes)
        for item in list.items {
            element("li") { writeItemBlocks(item.blocks, bare: list.tight) }
        }
        close(name)
    }

    /// True when every item is a task holding at most one paragraph followed by task lists.
    static func isTaskList(_ list: ListBlock) -> Bool {
        list.items.allSatisfy { item in
            guard item.task != nil else { return false }
            var blocks = item.blocks[...]
            if case .paragraph? = blocks.first { blocks = blocks.dropFirst() }
            return blocks.allSatisfy { block in
                switch block {
                case .list(let nested):
                    return !nested.items.isEmpty && isTaskList(nested)
                case .division(let division):
                    guard division.attributes.first == Attribute(StorageConvention.attributesOf, "ac:task-list"), division.blocks.count == 1,
                          case .list(let nested) = division.blocks[0] else { return false }
                    return !nested.items.isEmpty && isTaskList(nested)
                default:
                    return false
                }
            }
        }
    }

    /// The list with task states as ☐/☑ text at the start of each item (tasks Confluence cannot hold).
    static func markedList(_ list: ListBlock) -> ListBlock {
        var marked = list
        for index in marked.items.indices {
            guard let task = marked.items[index].task else { continue }
            let box = task == .done ? "☑" : "☐"
            marked.items[index].task = nil
            // No space after the box of an empty item: the reader trims it (fuzz finding 567a2cb).
            if case .paragraph(let inlines)? = marked.items[index].blocks.first, !inlines.isEmpty {
                marked.items[index].blocks[0] = .paragraph([.text(box + " ")] + inlines)
            } else if case .paragraph? = marked.items[index].blocks.first {
                marked.items[index].blocks[0] = .paragraph([.text(box)])
            } else {
                marked.items[index].blocks.insert(.paragraph([.text(box)]), at: 0)
            }
        }
        return marked
    }

    /// Writes item or cell content; `bare` writes a lone paragraph (or one per run between other blocks) without `<p>`.
    func writeItemBlocks(_ blocks: [Block], bare: Bool) {
        let unwrap = bare && !StorageOutput.needsParagraphElements(blocks)
        for block in blocks {
            if unwrap, case .paragraph(let inlines) = block {
                writeInlines(inlines)
            } else {
                writeBlock(block, extras: [])
            }
        }
    }

    /// True when unwrapped paragraphs would run into a neighbour when read back: two
    /// paragraphs, or a paragraph next to a block image or raw content, side by side.
    static func needsParagraphElements(_ blocks: [Block]) -> Bool {
        func isParagraph(_ block: Block) -> Bool { if case .paragraph = block { return true }; return false }
        func isInlineLike(_ block: Block) -> Bool {
            switch block {
            case .paragraph, .image, .raw: return true
            default: return false
            }
        }
        return zip(blocks, blocks.dropFirst()).contains { pair in
            (isParagraph(pair.0) && isInlineLike(pair.1)) || (isInlineLike(pair.0) && isParagraph(pair.1))
        }
    }

    private func writeTaskList(_ list: ListBlock, extras: [Attribute]) {
        let ids = extras[named: StorageConvention.taskIDs].map { $0.split(separator: " ").map(String.init) } ?? []
        let uuids = extras[named: StorageConvention.taskUUIDs].map { $0.split(separator: " ").map(String.init) } ?? []
        let listAttributes = StorageOutput.xmlAttributes(extras.filter { $0.name != StorageConvention.attributesOf })
        open("ac:task-list", listAttributes)
        for (index, item) in list.items.enumerated() {
            taskCounter += 1
            if item.task == nil { warn("storage.task-in-list", "a plain item in a task list was written as an open task") }
            open("ac:task")
            open("ac:task-id")
            text(index < ids.count ? ids[index] : String(taskCounter))
            close("ac:task-id")
            if index < uuids.count {
                open("ac:task-uuid")
                text(uuids[index])
                close("ac:task-uuid")
            }
            open("ac:task-status")
            text(item.task == .done ? "complete" : "incomplete")
            close("ac:task-status")
            var blocks = item.blocks[...]
            element("ac:task-body") {
                if case .paragraph(let inlines)? = blocks.first {
                    writeInlines(inlines)
                    blocks = blocks.dropFirst()
                }
            }
            for block in blocks { writeBlock(block, extras: []) }
            close("ac:task")
        }
        close("ac:task-list")
    }

    // MARK: - Tables

    func writeTable(_ table: Table) {
        open("table", StorageOutput.xmlAttributes(table.attributes))
        if let caption = table.caption, !caption.isEmpty {
            warn("storage.table-caption", "table caption dropped: storage tables have no caption")
        }
        if let colgroup = table.attributes[named: StorageConvention.colgroup] {
            raw(colgroup, inline: true)
        } else if table.columns.contains(where: { $0.width != nil }) {
            open("colgroup")
            for column in table.columns {
                if let width = column.width { empty("col", [("style", "width: " + width + ";")]) } else { empty("col") }
            }
            close("colgroup")
        }
        if table.columns.contains(where: { $0.alignment != nil }) {
            info("storage.column-alignment", "column alignment is not part of the storage format; dropped")
        }
        let bareRows = table.attributes[named: StorageConvention.bareRows] == "true"
        var index = 0
        while index < table.rows.count {
            let section = table.rows[index].section
            var end = index
            while end < table.rows.count && table.rows[end].section == section { end += 1 }
            let wrapper = bareRows ? nil : (section == .head ? "thead" : section == .foot ? "tfoot" : "tbody")
            if let wrapper { open(wrapper) }
            for row in table.rows[index..<end] { writeRow(row) }
            if let wrapper { close(wrapper) }
            index = end
        }
        close("table")
    }

    private func writeRow(_ row: TableRow) {
        open("tr")
        for cell in row.cells {
            var attributes: [(String, String)] = []
            if cell.colspan != 1 { attributes.append(("colspan", String(cell.colspan))) }
            if cell.rowspan != 1 { attributes.append(("rowspan", String(cell.rowspan))) }
            attributes += StorageOutput.xmlAttributes(cell.attributes)
            if let alignment = cell.alignment, !attributes.contains(where: { $0.0 == "style" }) {
                attributes.append(("style", "text-align: " + alignment.rawValue + ";"))
            }
            element(cell.header ? "th" : "td", attributes) {
                writeItemBlocks(cell.blocks, bare: cell.attributes[named: StorageConvention.bareCell] == "true")
            }
        }
        close("tr")
    }

    // MARK: - Images

    func writeImage(_ image: Image, extras: [Attribute]) {
        var attributes: [(String, String)] = []
        if !image.alt.isEmpty { attributes.append(("ac:alt", image.alt)) }
        if let title = image.title { attributes.append(("ac:title", title)) }
        if let width = image.width { attributes.append(("ac:width", width)) }
        if let height = image.height { attributes.append(("ac:height", height)) }
        let all = image.attributes + extras
        attributes = StorageOutput.merge(attributes, StorageOutput.xmlAttributes(all.filter { !$0.name.hasPrefix("ri:") }))
        let resourceExtras = StorageOutput.xmlAttributes(all.filter { $0.name.hasPrefix("ri:") })
        open("ac:image", attributes)
        switch image.source {
        case .url(let url):
            empty("ri:url", StorageOutput.merge([("ri:value", url)], resourceExtras))
        case .attachment(let attachment):
            writeAttachment(attachment, extras: resourceExtras)
        }
        close("ac:image")
    }

    func writeAttachment(_ attachment: AttachmentLink, extras: [(String, String)]) {
        let attributes = StorageOutput.merge([("ri:filename", attachment.fileName)], extras)
        guard let page = attachment.page else {
            empty("ri:attachment", attributes)
            return
        }
        open("ri:attachment", attributes)
        var pageAttributes: [(String, String)] = []
        if let space = page.spaceKey { pageAttributes.append(("ri:space-key", space)) }
        pageAttributes.append(("ri:content-title", page.title))
        empty("ri:page", pageAttributes)
        close("ri:attachment")
    }
}
