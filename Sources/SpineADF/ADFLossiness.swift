// The adf format's documented lossiness as a function: what writing a document as ADF and
// reading it back yields (FormatDescriptor.normalize, used by the round-trip property tests).

import SpineCore

/// Maps a document to what `ADFReader().read(ADFWriter().write(d))` gives, following the
/// "Lossiness" rules in Formats/adf.md: blocks ADF does not allow in a context are flattened
/// or dropped, task lists gain generated `localId`s, panel titles and footnotes become
/// paragraphs, table columns become cell attributes. Inline content, leaf nodes that become
/// ADF extensions (table of contents, issue query), raw content, requirements and ADF-native
/// Divisions are mapped by the writer's and reader's own node mappings (documented per node).
struct ADFLossiness {
    /// The writer state shared with the hybrid rules: generated `localId`s count across the document.
    var writer = ASTToADF(siteURL: nil)

    static func normalize(_ document: Document) -> Document {
        var lossiness = ADFLossiness()
        return Document(metadata: Metadata(source: SourceInfo(format: "adf")), blocks: lossiness.blocks(document.blocks, in: .doc))
    }

    // MARK: - Blocks

    mutating func blocks(_ blocks: [Block], in context: ADFContext) -> [Block] {
        var result: [Block] = []
        for block in blocks { result += self.block(block, in: context) }
        return result
    }

    /// Blocks of a container ADF requires to be non-empty: an empty paragraph when nothing is left.
    mutating func content(_ blocks: [Block], in context: ADFContext) -> [Block] {
        let result = self.blocks(blocks, in: context)
        return result.isEmpty ? [.paragraph([])] : result
    }

    mutating func block(_ block: Block, in context: ADFContext) -> [Block] {
        switch block {
        case .paragraph(let content):
            return paragraph(content, in: context)
        case .heading(let heading):
            guard context.allows(.heading) else { return [.paragraph(inlines([.strong(heading.content)]))] }
            return [.heading(Heading(level: min(max(heading.level, 1), 6), content: inlines(heading.content)))]
        case .list(let list):
            return self.list(list, in: context)
        case .code(let code):
            if ADFExtras(code.attributes).attrs.isEmpty && ADFExtras(code.attributes).marks.isEmpty {
                let language = code.language.flatMap { $0.isEmpty ? nil : $0 }
                return [.code(CodeBlock(language: language, text: code.text))]
            }
            return written(block, in: context)
        case .quote(let content):
            guard context.allows(.blockquote) else { return blocks(content, in: context) }
            return [.quote(self.content(content, in: .blockquote))]
        case .rule:
            return context.allows(.rule) ? [.rule] : []
        case .table(let table):
            return self.table(table, in: context)
        case .panel(let panel):
            return self.panel(panel, in: context)
        case .expand(let expand):
            guard ADFExtras(expand.attributes).attrs.isEmpty && ADFExtras(expand.attributes).marks.isEmpty else {
                return written(block, in: context)
            }
            if context.allows(.expand) { return [.expand(Expand(title: expand.title, blocks: content(expand.blocks, in: .expand)))] }
            if context.allows(.nestedExpand) {
                return [.expand(Expand(title: expand.title, blocks: content(expand.blocks, in: .nestedExpand)))]
            }
            let title: [Block] = expand.title.map { [.paragraph(inlines([.strong([.text($0)])]))] } ?? []
            return title + blocks(expand.blocks, in: context)
        case .layout(let layout):
            return self.layout(layout, in: context)
        case .footnote(let footnote):
            var content = footnote.blocks
            if case .paragraph(let first)? = content.first {
                content[0] = .paragraph([.superscript([.text("[" + footnote.label + "]")]), .text(" ")] + first)
            } else {
                content.insert(.paragraph([.superscript([.text("[" + footnote.label + "]")])]), at: 0)
            }
            return blocks(content, in: context)
        case .division(let division):
            guard ADFExtras(division.attributes).node == nil else { return written(block, in: context) }
            return blocks(division.blocks, in: context)
        case .image(let image):
            return self.image(image, in: context)
        case .tableOfContents(let toc):
            var parameters = JSONObject()
            for attribute in toc.attributes { parameters.append(attribute.name, ["value": .string(attribute.value)]) }
            return [.raw(Raw(format: "adf", content: ADFJSON.text(writer.extensionNode(key: "toc", parameters: parameters))))]
        case .issueQuery(let query):
            var parameters = JSONObject([JSONObject.Member("jqlQuery", ["value": .string(query.jql)])])
            if !query.columns.isEmpty { parameters.append("columns", ["value": .string(query.columns.joined(separator: ","))]) }
            if let max = query.maxResults { parameters.append("maximumIssues", ["value": .string(String(max))]) }
            for attribute in query.attributes { parameters.append(attribute.name, ["value": .string(attribute.value)]) }
            return [.raw(Raw(format: "adf", content: ADFJSON.text(writer.extensionNode(key: "jira", parameters: parameters))))]
        case .raw(let raw):
            guard raw.format == "adf", ADFJSON.value(raw.content)?.objectValue?["type"]?.stringValue != nil else {
                // Raw content of another format, or raw ADF that is not a node: a code block in that language.
                return [.code(CodeBlock(language: raw.format.isEmpty ? nil : raw.format, text: raw.content))]
            }
            return written(block, in: context)
        case .requirement(let requirement):
            return self.requirement(requirement, in: context)
        }
    }

    private mutating func paragraph(_ content: [Inline], in context: ADFContext) -> [Block] {
        // A paragraph holding only images is written as block media, one per image.
        if let images = ASTToADF.blockImages(content) {
            return images.flatMap { self.image($0, in: context) }
        }
        return [.paragraph(inlines(content))]
    }

    /// An image by URL becomes `mediaSingle` (layout center, title as caption); an attachment
    /// ADF cannot reference by name becomes a paragraph with the file name.
    private mutating func image(_ image: Image, in context: ADFContext) -> [Block] {
        guard Self.adfOnly(image.attributes).isEmpty else { return written(.image(image), in: context) }
        guard case .url(let url) = image.source else {
            let name = ASTToADF.name(of: image)
            return [.paragraph(name.isEmpty ? [] : [.text(name)])]
        }
        var normal = Image(source: .url(url), alt: image.alt)
        normal.width = ADFBuild.number(image.width).map { ADFJSON.text($0) }
        normal.height = ADFBuild.number(image.height).map { ADFJSON.text($0) }
        normal.attributes = [Attribute(ADFAttribute.attrs, #"{"layout":"center"}"#)]
        if let title = image.title, !title.isEmpty {
            normal.title = title
            normal.attributes.append(Attribute(ADFAttribute.caption, ADFJSON.text(ADFBuild.node("caption", content: [ADFBuild.text(title)]))))
        }
        return [.image(normal)]
    }

    // MARK: - Lists

    private mutating func list(_ list: ListBlock, in context: ADFContext, forcedTask: Bool = false) -> [Block] {
        guard !list.items.isEmpty else { return [] }
        let isTask = forcedTask || list.items.contains { $0.task != nil }
        if isTask && context.allows(.taskList) { return [taskList(list)] }
        var items: [ListItem] = []
        for item in list.items {
            var source = item.blocks
            if isTask {
                let box = item.task == .done ? "☑ " : "☐ "
                if case .paragraph(let content)? = source.first { source[0] = .paragraph([.text(box)] + content) }
                else { source.insert(.paragraph([.text(box)]), at: 0) }
            }
            var children = content(source, in: .listItem)
            if let first = children.first, !Self.canStartListItem(first) { children.insert(.paragraph([]), at: 0) }
            items.append(ListItem(blocks: children))
        }
        switch list.kind {
        case .bullet: return [.list(ListBlock(kind: .bullet, items: items))]
        case .ordered(let start): return [.list(ListBlock(kind: .ordered(start: max(start, 0)), items: items))]
        }
    }

    /// True when the ADF node `block` reads back from may open a `listItem` (paragraph, code block, media, extension).
    private static func canStartListItem(_ block: Block) -> Bool {
        switch block {
        case .paragraph, .code, .image: return true
        case .division(let division):
            let node = division.attributes[named: ADFAttribute.node]
            return node == "paragraph" || node == "codeBlock" || node == "mediaSingle"
        case .raw(let raw):
            let type = ADFJSON.value(raw.content)?.objectValue?["type"]?.stringValue
            return type == "paragraph" || type == "codeBlock" || type == "mediaSingle" || type == "extension"
        default: return false
        }
    }

    /// A task list: inline items with generated `localId`s, nested lists become nested task lists,
    /// other blocks plain text; read back wrapped in a Division keeping the ids.
    private mutating func taskList(_ list: ListBlock) -> Block {
        var items: [ListItem] = []
        var itemIDs: [JSONValue] = []
        for item in list.items {
            let id = writer.localID()
            itemIDs.append(.object(JSONObject([JSONObject.Member("localId", id)])))
            var inline: [Inline] = []
            var nested: [Block] = []
            for block in item.blocks {
                switch block {
                case .paragraph(let content):
                    if !inline.isEmpty { inline.append(.lineBreak) }
                    inline += content
                case .list(let sublist):
                    nested += self.list(sublist, in: .listItem, forcedTask: true)
                case .division(let division) where division.blocks.count == 1 && Self.isList(division.blocks[0]):
                    if case .list(let sublist) = division.blocks[0] {
                        guard ADFExtras(division.attributes).attrs.isEmpty, ADFExtras(division.attributes).items.isEmpty else {
                            nested += written(block, in: .listItem)
                            continue
                        }
                        nested += self.list(sublist, in: .listItem, forcedTask: true)
                    }
                default:
                    if !inline.isEmpty { inline.append(.lineBreak) }
                    inline.append(.text(ASTToADF.plainText([block])))
                }
            }
            items.append(ListItem(task: item.task == .done ? .done : .todo, blocks: [.paragraph(inlines(inline))] + nested))
        }
        let listID = writer.localID()
        return .division(Division(attributes: [
            Attribute(ADFAttribute.node, "taskList"),
            Attribute(ADFAttribute.attrs, ADFJSON.text(.object(JSONObject([JSONObject.Member("localId", listID)])))),
            Attribute(ADFAttribute.items, ADFJSON.text(.array(itemIDs))),
        ], blocks: [.list(ListBlock(kind: .bullet, items: items))]))
    }

    private static func isList(_ block: Block) -> Bool {
        if case .list = block { return true }
        return false
    }

    // MARK: - Tables

    private mutating func table(_ table: Table, in context: ADFContext) -> [Block] {
        guard !table.rows.isEmpty else { return [] }
        guard context.allows(.table) else {
            // Tables do not nest: one paragraph per row, cells as plain text joined by " | ".
            return table.rows.map { row in
                var content: [Inline] = []
                for (index, cell) in row.cells.enumerated() {
                    if index > 0 { content.append(.text(" | ")) }
                    let text = ASTToADF.plainText(cell.blocks)
                    content.append(cell.header || row.section == .head ? .strong([.text(text)]) : .text(text))
                }
                return .paragraph(inlines(content))
            }
        }
        guard Self.adfOnly(table.attributes).isEmpty, table.rows.allSatisfy({ $0.cells.allSatisfy { Self.adfOnly($0.attributes).isEmpty } }) else {
            return written(.table(table), in: context)
        }
        var rows: [TableRow] = []
        for row in table.rows {
            var cells: [TableCell] = []
            var column = 0
            for cell in row.cells {
                var attributes: [Attribute] = []
                if cell.colspan == 1, column < table.columns.count, let width = ADFBuild.number(table.columns[column].width) {
                    attributes.append(Attribute(ADFAttribute.attrs, ADFJSON.text(.object(JSONObject([JSONObject.Member("colwidth", .array([width]))])))))
                }
                var blocks = content(cell.blocks, in: .tableCell)
                let alignment = cell.alignment ?? (column < table.columns.count ? table.columns[column].alignment : nil)
                if let alignment, alignment != .left {
                    let mark = ADFBuild.mark("alignment", attrs: JSONObject(["align": alignment == .center ? "center" : "end"]))
                    blocks = blocks.map { block in
                        guard case .paragraph = block else { return block }
                        return .division(Division(attributes: [Attribute(ADFAttribute.node, "paragraph"),
                                                               Attribute(ADFAttribute.marks, ADFJSON.text(.array([mark])))], blocks: [block]))
                    }
                }
                cells.append(TableCell(header: cell.header || row.section == .head, colspan: max(cell.colspan, 1),
                                       rowspan: max(cell.rowspan, 1), blocks: blocks, attributes: attributes))
                column += max(cell.colspan, 1)
            }
            let isHead = rows.isEmpty && !cells.isEmpty && cells.allSatisfy(\.header)
            rows.append(TableRow(section: isHead ? .head : .body, cells: cells))
        }
        var result: [Block] = [.table(Table(rows: rows))]
        if let caption = table.caption { result.append(.paragraph(inlines([.emphasis(caption)]))) }
        return result
    }

    /// The `adf.*` attributes of a list (the ones the writer reads).
    private static func adfOnly(_ attributes: [Attribute]) -> [Attribute] {
        attributes.filter { $0.name.hasPrefix("adf.") }
    }

    // MARK: - Panels and layouts

    private mutating func panel(_ panel: Panel, in context: ADFContext) -> [Block] {
        var content = panel.blocks
        if let title = panel.title { content.insert(.paragraph([.strong([.text(title)])]), at: 0) }
        guard context.allows(.panel) else { return blocks(content, in: context) }
        guard Self.adfOnly(panel.attributes).isEmpty else {
            return written(.panel(Panel(kind: panel.kind, blocks: content, attributes: panel.attributes)), in: context)
        }
        let kind: Panel.Kind
        switch panel.kind {
        case .info, .note, .tip, .warning, .error, .success: kind = panel.kind
        case .custom(let name):
            switch name.lowercased() {
            case "info": kind = .info
            case "note", "important": kind = .note
            case "tip": kind = .tip
            case "warning", "caution", "danger": kind = .warning
            case "error": kind = .error
            case "success": kind = .success
            case "custom": kind = .custom("custom")
            default: kind = .info
            }
        }
        return [.panel(Panel(kind: kind, blocks: self.content(content, in: .panel)))]
    }

    private mutating func layout(_ layout: Layout, in context: ADFContext) -> [Block] {
        var result: [Block] = []
        for section in layout.sections {
            let count = section.columns.count
            guard context.allows(.layoutSection), (2...3).contains(count) else {
                for column in section.columns { result += blocks(column.blocks, in: context) }
                continue
            }
            let columns = section.columns.map { column in
                let width = ADFBuild.number(column.width).map { ADFJSON.text($0) } ?? (count == 2 ? "50" : "33.33")
                return LayoutColumn(width: width, blocks: content(column.blocks, in: .layoutColumn))
            }
            result.append(.layout(Layout(sections: [LayoutSection(columns: columns)])))
        }
        return result
    }

    // MARK: - Node mappings of the writer and reader

    /// Inline content by the rules of `normalInlines`; content holding ADF-native inlines
    /// as the writer writes it and the reader reads it back.
    mutating func inlines(_ content: [Inline]) -> [Inline] {
        if let normal = Self.normalInlines(content) { return normal }
        let nodes = writer.inlines(content)
        let paragraph = ADFBuild.node("paragraph", content: nodes)
        var reading = ADFToAST()
        guard let node = try? ADFNode(paragraph, path: "$"), let read = try? reading.inlines(node) else { return content }
        return read
    }

    /// A block as the writer writes it in `context` and the reader reads it back (requirement
    /// layouts folded back only at the top level, where the reader folds them).
    mutating func written(_ block: Block, in context: ADFContext) -> [Block] {
        var out: [JSONValue] = []
        writer.write(block, in: context, extras: ADFExtras(), into: &out)
        var reading = ADFToAST()
        guard let read = try? reading.blocks(out, path: "$") else { return [block] }
        return context == .doc ? RequirementReading.fold(read) : read
    }
}
