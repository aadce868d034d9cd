// AST → ADF, container blocks: lists, tables, panels, expands, media, layouts and Divisions.

import SpineCore

extension ASTToADF {
    // MARK: - Lists

    mutating func list(_ list: ListBlock, in context: ADFContext, extras: ADFExtras, into out: inout [JSONValue]) {
        guard !list.items.isEmpty else { return }
        if extras.node == "decisionList" {
            if context.allows(.decisionList) { return decisionList(list, extras: extras, into: &out) }
            note("adf.decision-list-flattened", "a decision list cannot stand here in ADF; written as a bullet list")
        }
        let isTask = extras.node == "taskList" || list.items.contains { $0.task != nil }
        if isTask && context.allows(.taskList) { return taskList(list, extras: extras, into: &out) }
        var items = list.items
        if isTask {
            note("adf.task-list-flattened", "a task list cannot stand here in ADF; written as a bullet list with ☐/☑")
            items = items.map { item in
                var item = item
                let box = item.task == .done ? "☑ " : "☐ "
                if case .paragraph(let content)? = item.blocks.first { item.blocks[0] = .paragraph([.text(box)] + content) }
                else { item.blocks.insert(.paragraph([.text(box)]), at: 0) }
                item.task = nil
                return item
            }
        }
        var nodes: [JSONValue] = []
        for (index, item) in items.enumerated() {
            var children = content(item.blocks, in: .listItem)
            // A listItem must start with a paragraph, code block or media (Atlassian's editor rule).
            if let type = children.first?.objectValue?["type"]?.stringValue,
               !["paragraph", "codeBlock", "mediaSingle", "extension"].contains(type) {
                children.insert(ADFBuild.emptyParagraph, at: 0)
            }
            nodes.append(ADFBuild.node("listItem", attrs: extras.item(index), content: children))
        }
        switch list.kind {
        case .bullet:
            out.append(ADFBuild.node("bulletList", attrs: extras.attrs, content: nodes, marks: extras.marks))
        case .ordered(let start):
            let attrs = ADFBuild.merge(JSONObject([JSONObject.Member("order", .int(max(start, 0)))]), extra: extras.attrs)
            out.append(ADFBuild.node("orderedList", attrs: attrs, content: nodes, marks: extras.marks))
        }
    }

    private mutating func taskList(_ list: ListBlock, extras: ADFExtras, into out: inout [JSONValue]) {
        var nodes: [JSONValue] = []
        var untracked = false
        for (index, item) in list.items.enumerated() {
            if item.task == nil { untracked = true }
            let itemExtras = extras.item(index)
            var attrs = JSONObject()
            attrs.append("localId", itemExtras["localId"] ?? localID())
            attrs.append("state", item.task == .done ? "DONE" : "TODO")
            attrs = ADFBuild.merge(attrs, extra: JSONObject(itemExtras.members.filter { $0.key != "type" }))
            var nested: [JSONValue] = []
            if itemExtras["type"]?.stringValue == "blockTaskItem" {
                nodes.append(ADFBuild.node("blockTaskItem", attrs: attrs, content: content(item.blocks, in: .listItem)))
                continue
            }
            var inline: [Inline] = []
            for block in item.blocks {
                switch block {
                case .paragraph(let content):
                    if !inline.isEmpty { inline.append(.lineBreak) }
                    inline += content
                case .list(let sublist):
                    self.list(sublist, in: .listItem, extras: forcedTaskList(ADFExtras()), into: &nested)
                case .division(let division) where division.blocks.count == 1:
                    if case .list(let sublist) = division.blocks[0] {
                        self.list(sublist, in: .listItem, extras: forcedTaskList(ADFExtras(division.attributes)), into: &nested)
                    } else {
                        fallthrough
                    }
                default:
                    note("adf.task-item-content", "a task item holds only inline content in ADF; a block was written as plain text")
                    if !inline.isEmpty { inline.append(.lineBreak) }
                    inline.append(.text(ASTToADF.plainText([block])))
                }
            }
            nodes.append(ADFBuild.node("taskItem", attrs: attrs, content: inlines(inline)))
            nodes += nested
        }
        if untracked { note("adf.mixed-task-list", "items without a checkbox in a task list written as open tasks") }
        var attrs = JSONObject([JSONObject.Member("localId", extras.attrs["localId"] ?? localID())])
        attrs = ADFBuild.merge(attrs, extra: extras.attrs)
        out.append(ADFBuild.node("taskList", attrs: attrs, content: nodes))
    }

    private func forcedTaskList(_ extras: ADFExtras) -> ADFExtras {
        var extras = extras
        extras.node = "taskList"
        return extras
    }

    private mutating func decisionList(_ list: ListBlock, extras: ADFExtras, into out: inout [JSONValue]) {
        var nodes: [JSONValue] = []
        for (index, item) in list.items.enumerated() {
            var attrs = JSONObject()
            attrs.append("localId", extras.item(index)["localId"] ?? localID())
            attrs.append("state", "DECIDED")
            attrs = ADFBuild.merge(extras.item(index), extra: attrs)
            var inline: [Inline] = []
            for block in item.blocks {
                if !inline.isEmpty { inline.append(.lineBreak) }
                if case .paragraph(let content) = block { inline += content; continue }
                note("adf.decision-item-content", "a decision item holds only inline content in ADF; a block was written as plain text")
                inline.append(.text(ASTToADF.plainText([block])))
            }
            nodes.append(ADFBuild.node("decisionItem", attrs: attrs, content: inlines(inline)))
        }
        let attrs = ADFBuild.merge(JSONObject([JSONObject.Member("localId", extras.attrs["localId"] ?? localID())]), extra: extras.attrs)
        out.append(ADFBuild.node("decisionList", attrs: attrs, content: nodes))
    }

    // MARK: - Tables

    mutating func table(_ table: Table, in context: ADFContext, into out: inout [JSONValue]) {
        guard !table.rows.isEmpty else {
            if table.caption != nil { note("adf.table-caption", "a table without rows was dropped with its caption") }
            return
        }
        guard context.allows(.table) else {
            note("adf.table-flattened", "a table cannot stand here in ADF (tables do not nest); rows written as paragraphs")
            for row in table.rows {
                let cells = row.cells.map { cell -> [Inline] in
                    let text = ASTToADF.plainText(cell.blocks)
                    return cell.header || row.section == .head ? [.strong([.text(text)])] : [.text(text)]
                }
                var content: [Inline] = []
                for (index, cell) in cells.enumerated() {
                    if index > 0 { content.append(.text(" | ")) }
                    content += cell
                }
                out.append(ADFBuild.node("paragraph", content: inlines(content)))
            }
            return
        }
        let extras = ADFExtras(table.attributes)
        reportForeign(table.attributes, "table")
        if table.rows.contains(where: { $0.section == .foot }) {
            note("adf.table-footer", "ADF tables have no footer section; footer rows written as body rows", .info)
        }
        var rows: [JSONValue] = []
        for (rowIndex, row) in table.rows.enumerated() {
            var cells: [JSONValue] = []
            var column = 0
            for cell in row.cells {
                let cellExtras = ADFExtras(cell.attributes)
                reportForeign(cell.attributes, "table cell")
                var attrs = JSONObject()
                if cell.colspan != 1 { attrs.append("colspan", .int(cell.colspan)) }
                if cell.rowspan != 1 { attrs.append("rowspan", .int(cell.rowspan)) }
                if cellExtras.attrs["colwidth"] == nil, cell.colspan == 1, column < table.columns.count,
                   let width = ADFBuild.number(table.columns[column].width) {
                    attrs.append("colwidth", .array([width]))
                }
                attrs = ADFBuild.merge(attrs, extra: cellExtras.attrs)
                var children = content(cell.blocks, in: .tableCell)
                let alignment = cell.alignment ?? (column < table.columns.count ? table.columns[column].alignment : nil)
                if let alignment, alignment != .left { children = children.map { aligned($0, alignment) } }
                let type = cell.header || row.section == .head ? "tableHeader" : "tableCell"
                cells.append(ADFBuild.node(type, attrs: attrs, content: children))
                column += max(cell.colspan, 1)
            }
            rows.append(ADFBuild.node("tableRow", attrs: extras.item(rowIndex), content: cells))
        }
        out.append(ADFBuild.node("table", attrs: extras.attrs, content: rows, marks: extras.marks))
        if let caption = table.caption {
            note("adf.table-caption", "ADF tables have no caption; written as a paragraph after the table", .info)
            out.append(ADFBuild.node("paragraph", content: inlines([.emphasis(caption)])))
        }
    }

    /// A cell paragraph with an alignment mark (the only way ADF aligns cell text).
    private func aligned(_ node: JSONValue, _ alignment: Alignment) -> JSONValue {
        guard case .object(var object) = node, object["type"]?.stringValue == "paragraph", object["marks"] == nil else { return node }
        object.append("marks", .array([ADFBuild.mark("alignment", attrs: JSONObject(["align": alignment == .center ? "center" : "end"]))]))
        return .object(object)
    }

    // MARK: - Panels and expands

    mutating func panel(_ panel: Panel, in context: ADFContext, into out: inout [JSONValue]) {
        var blocks = panel.blocks
        if let title = panel.title {
            note("adf.panel-title", "ADF panels have no title; \"\(title)\" written as a bold first paragraph", .info)
            blocks.insert(.paragraph([.strong([.text(title)])]), at: 0)
        }
        guard context.allows(.panel) else {
            note("adf.panel-flattened", "a panel cannot stand here in ADF; its content is written without the panel")
            return write(blocks, in: context, into: &out)
        }
        let type: String
        switch panel.kind {
        case .info: type = "info"
        case .note: type = "note"
        case .tip: type = "tip"
        case .warning: type = "warning"
        case .error: type = "error"
        case .success: type = "success"
        case .custom(let name):
            switch name.lowercased() {
            case "custom", "info", "note", "tip", "warning", "error", "success": type = name.lowercased()
            case "important": type = "note"
            case "caution", "danger": type = "warning"
            default:
                type = "info"
                note("adf.panel-kind", "panel kind \"\(name)\" has no ADF panelType; written as info")
            }
        }
        let extras = ADFExtras(panel.attributes)
        reportForeign(panel.attributes, "panel")
        let attrs = ADFBuild.merge(JSONObject([JSONObject.Member("panelType", .string(type))]), extra: extras.attrs)
        out.append(ADFBuild.node("panel", attrs: attrs, content: content(blocks, in: .panel), marks: extras.marks))
    }

    mutating func expand(_ expand: Expand, in context: ADFContext, into out: inout [JSONValue]) {
        let extras = ADFExtras(expand.attributes)
        reportForeign(expand.attributes, "expand")
        var attrs = JSONObject()
        if let title = expand.title { attrs.append("title", .string(title)) }
        attrs = ADFBuild.merge(attrs, extra: extras.attrs)
        if context.allows(.expand) {
            out.append(ADFBuild.node("expand", attrs: attrs, content: content(expand.blocks, in: .expand), marks: extras.marks))
        } else if context.allows(.nestedExpand) {
            if !extras.marks.isEmpty { note("adf.marks-dropped", "a nested expand cannot carry marks; dropped", .info) }
            out.append(ADFBuild.node("nestedExpand", attrs: attrs, content: content(expand.blocks, in: .nestedExpand), keepEmptyAttrs: true))
        } else {
            note("adf.expand-flattened", "an expand cannot stand here in ADF; its content is written without it")
            if let title = expand.title { out.append(ADFBuild.node("paragraph", content: inlines([.strong([.text(title)])]))) }
            write(expand.blocks, in: context, into: &out)
        }
    }

    // MARK: - Media

    /// The `media` node for an image, or nil when ADF cannot reference it (an attachment by name).
    mutating func mediaNode(_ image: Image) -> JSONValue? {
        let media = ADFJSON.object(image.attributes[named: ADFAttribute.media])
        var attrs = JSONObject()
        switch image.source {
        case .url(let url):
            attrs.append("type", "external")
            attrs.append("url", .string(url))
        case .attachment:
            guard media["id"]?.stringValue != nil, media["collection"] != nil else { return nil }
        }
        attrs = ADFBuild.merge(attrs, extra: media)
        if !image.alt.isEmpty { attrs["alt"] = .string(image.alt) }
        if let width = ADFBuild.number(image.width) { attrs["width"] = width }
        if let height = ADFBuild.number(image.height) { attrs["height"] = height }
        let marks = ADFJSON.value(image.attributes[named: ADFAttribute.mediaMarks])?.arrayValue ?? []
        return ADFBuild.node("media", attrs: attrs, marks: marks)
    }

    mutating func image(_ image: Image, in context: ADFContext, into out: inout [JSONValue]) {
        guard let media = mediaNode(image) else {
            note("adf.attachment-image", "ADF cannot reference attachment \"\(ASTToADF.name(of: image))\" by name; written as text")
            // ADF forbids empty text nodes: an image without any name leaves an empty paragraph.
            let name = ASTToADF.name(of: image)
            out.append(ADFBuild.node("paragraph", content: name.isEmpty ? [] : [ADFBuild.text(name)]))
            return
        }
        let extras = ADFExtras(image.attributes)
        reportForeign(image.attributes, "image")
        var attrs = extras.attrs
        if attrs["layout"] == nil { attrs = ADFBuild.merge(JSONObject([JSONObject.Member("layout", "center")]), extra: attrs) }
        var content = [media]
        if let caption = ADFJSON.value(image.attributes[named: ADFAttribute.caption]), let title = image.title,
           ASTToADF.captionText(caption) == title {
            // The caption read from ADF, unchanged while its text is.
            content.append(caption)
        } else if let title = image.title, !title.isEmpty {
            content.append(ADFBuild.node("caption", content: [ADFBuild.text(title)]))
        }
        out.append(ADFBuild.node("mediaSingle", attrs: attrs, content: content, marks: extras.marks))
    }

    /// The plain text of a kept `caption` node, nil when it is not a valid caption.
    static func captionText(_ caption: JSONValue) -> String? {
        guard let node = try? ADFNode(caption, path: "$"), node.type == "caption" else { return nil }
        var mapping = ADFToAST()
        guard let inlines = try? mapping.inlines(node) else { return nil }
        return ADFJSON.plainText(inlines)
    }

    static func name(of image: Image) -> String {
        switch image.source {
        case .url(let url): return image.alt.isEmpty ? url : image.alt
        case .attachment(let attachment): return attachment.fileName
        }
    }

    // MARK: - Layouts

    mutating func layout(_ layout: Layout, in context: ADFContext, extras: ADFExtras, into out: inout [JSONValue]) {
        for section in layout.sections {
            let count = section.columns.count
            guard context.allows(.layoutSection), (2...3).contains(count) else {
                if count > 1 {
                    note("adf.layout-flattened", "a \(count)-column layout cannot stand here in ADF; columns written one after another")
                }
                for column in section.columns { write(column.blocks, in: context, into: &out) }
                continue
            }
            var columns: [JSONValue] = []
            for (index, column) in section.columns.enumerated() {
                let width = ADFBuild.number(column.width) ?? .number(count == 2 ? "50" : "33.33")
                let attrs = ADFBuild.merge(JSONObject([JSONObject.Member("width", width)]), extra: extras.item(index))
                columns.append(ADFBuild.node("layoutColumn", attrs: attrs, content: content(column.blocks, in: .layoutColumn)))
            }
            out.append(ADFBuild.node("layoutSection", attrs: extras.attrs, content: columns, marks: extras.marks))
        }
    }

    // MARK: - Divisions

    mutating func division(_ division: Division, in context: ADFContext, into out: inout [JSONValue]) {
        let extras = ADFExtras(division.attributes)
        switch extras.node {
        case "mediaGroup"?:
            var media: [JSONValue] = []
            for block in division.blocks {
                if case .image(let image) = block, let node = mediaNode(image) { media.append(node) }
            }
            if context.allows(.mediaGroup), !media.isEmpty, media.count == division.blocks.count {
                out.append(ADFBuild.node("mediaGroup", content: media))
            } else {
                write(division.blocks, in: context, into: &out)
            }
        case "blockCard"?, "embedCard"?:
            let type = extras.node ?? "blockCard"
            if division.blocks.count == 1, case .paragraph(let inlines) = division.blocks[0], inlines.count == 1,
               case .link(let link) = inlines[0], case .url(let url) = link.target,
               context.allows(type == "blockCard" ? .blockCard : .embedCard) {
                var attrs = ADFBuild.merge(JSONObject([JSONObject.Member("url", .string(url))]), extra: extras.attrs)
                if type == "embedCard", attrs["layout"] == nil { attrs.append("layout", "center") }
                out.append(ADFBuild.node(type, attrs: attrs))
            } else {
                write(division.blocks, in: context, into: &out)
            }
        case "bodiedExtension"?:
            if context.allows(.bodiedExtension), extras.attrs["extensionKey"] != nil, extras.attrs["extensionType"] != nil {
                out.append(ADFBuild.node("bodiedExtension", attrs: extras.attrs,
                                         content: content(division.blocks, in: .bodiedExtension), marks: extras.marks))
            } else {
                note("adf.extension-flattened", "a bodied extension cannot stand here in ADF; its body is written without it")
                write(division.blocks, in: context, into: &out)
            }
        case nil:
            reportForeign(division.attributes, "division")
            write(division.blocks, in: context, into: &out)
        case .some:
            if division.blocks.count == 1 {
                write(division.blocks[0], in: context, extras: extras, into: &out)
            } else {
                write(division.blocks, in: context, into: &out)
            }
        }
    }

    // MARK: - Plain text of blocks (for fallbacks)

    static func plainText(_ blocks: [Block]) -> String {
        var parts: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let inlines): parts.append(ADFJSON.plainText(inlines))
            case .heading(let heading): parts.append(ADFJSON.plainText(heading.content))
            case .list(let list): parts.append(contentsOf: list.items.map { plainText($0.blocks) })
            case .code(let code): parts.append(code.text)
            case .quote(let blocks): parts.append(plainText(blocks))
            case .rule, .tableOfContents: break
            case .table(let table): parts.append(contentsOf: table.rows.map { $0.cells.map { plainText($0.blocks) }.joined(separator: " | ") })
            case .panel(let panel): parts.append(plainText(panel.blocks))
            case .expand(let expand): parts.append(plainText(expand.blocks))
            case .image(let image): parts.append(name(of: image))
            case .issueQuery(let query): parts.append(query.jql)
            case .requirement(let requirement): parts.append([requirement.key, requirement.summary].compactMap { $0 }.joined(separator: ": "))
            case .layout(let layout): parts.append(contentsOf: layout.sections.flatMap { $0.columns.map { plainText($0.blocks) } })
            case .footnote(let footnote): parts.append(plainText(footnote.blocks))
            case .division(let division): parts.append(plainText(division.blocks))
            case .raw(let raw): parts.append(raw.content)
            }
        }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
