// Stage two of reading ADF: a pure mapping from checked ADF nodes to AST blocks.

import SpineCore

/// Maps ADF nodes to AST blocks and inlines. What the AST cannot name is kept on attributes
/// (see `ADFAttribute`) or as `.raw(format: "adf")`, so `ADFWriter` can write it back unchanged.
struct ADFToAST {
    /// What the mapping noticed (unknown nodes kept raw, invalid attributes).
    var diagnostics: [Diagnostic] = []

    // MARK: - Blocks

    mutating func blocks(_ values: [JSONValue], path: String) throws(SpineError) -> [Block] {
        var blocks: [Block] = []
        blocks.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            blocks.append(try block(ADFNode(value, container: path, index: index)))
        }
        return blocks
    }

    mutating func children(_ node: ADFNode) throws(SpineError) -> [Block] {
        try blocks(node.contentValues, path: JSONPath.appending(node.path, "content"))
    }

    mutating func block(_ node: ADFNode) throws(SpineError) -> Block {
        switch node.type {
        case "paragraph":
            return details(node, .paragraph(try inlines(node)), excluding: [])
        case "heading":
            guard let level = node.attrs["level"]?.intValue, (1...6).contains(level) else {
                return invalid(node, "heading level must be a number from 1 to 6")
            }
            return details(node, .heading(Heading(level: level, content: try inlines(node))), excluding: ["level"])
        case "bulletList", "orderedList":
            return try list(node)
        case "taskList":
            return try taskList(node)
        case "decisionList":
            return try decisionList(node)
        case "blockquote":
            return details(node, .quote(try children(node)), excluding: [])
        case "codeBlock":
            return try codeBlock(node)
        case "panel":
            return try panel(node)
        case "rule":
            return details(node, .rule, excluding: [])
        case "table":
            return try table(node)
        case "mediaSingle":
            return try mediaSingle(node)
        case "mediaGroup":
            var images: [Block] = []
            for child in try node.children() {
                guard child.type == "media" else { return invalid(node, "mediaGroup may hold only media nodes") }
                images.append(.image(media(child, single: nil)))
            }
            return container(node, images, excluding: [])
        case "expand", "nestedExpand":
            // expand and nestedExpand differ only in where they may stand; the writer picks by context.
            return .expand(Expand(title: node.string("title"), blocks: try children(node),
                                  attributes: extraAttributes(node, excluding: ["title"])))
        case "layoutSection":
            return try layoutSection(node)
        case "bodiedExtension":
            return container(node, try children(node), excluding: [])
        case "blockCard", "embedCard":
            guard let url = node.string("url") else { return raw(node) }
            let card = Block.paragraph([.link(Link(target: .url(url), content: []))])
            return container(node, [card], excluding: ["url"])
        case "extension":
            return raw(node)
        default:
            diagnostics.append(.info("adf.unknown-node", "ADF node \"\(node.type)\" kept as raw ADF", at: SourceLocation(path: node.path)))
            return raw(node)
        }
    }

    // MARK: - Node kinds

    private mutating func list(_ node: ADFNode) throws(SpineError) -> Block {
        var items: [ListItem] = []
        var itemExtras: [JSONValue] = []
        for child in try node.children() {
            guard child.type == "listItem" else { return invalid(node, "a list may hold only listItem nodes") }
            items.append(ListItem(blocks: try children(child)))
            itemExtras.append(child.attrs.isEmpty ? .null : .object(child.attrs))
        }
        var kind = ListBlock.Kind.bullet
        var excluded: Set<String> = []
        if node.type == "orderedList" {
            let order = node.attrs["order"]?.intValue ?? 1
            kind = .ordered(start: order)
            excluded = ["order"]
        }
        return details(node, .list(ListBlock(kind: kind, items: items)), excluding: excluded, items: itemExtras)
    }

    private mutating func taskList(_ node: ADFNode) throws(SpineError) -> Block {
        var items: [ListItem] = []
        var itemExtras: [JSONValue] = []
        for child in try node.children() {
            switch child.type {
            case "taskItem", "blockTaskItem":
                let state: TaskState = child.string("state") == "DONE" ? .done : .todo
                let blocks: [Block] = child.type == "taskItem" ? [.paragraph(try inlines(child))] : try children(child)
                items.append(ListItem(task: state, blocks: blocks))
                var extra = child.attrs(excluding: ["state"])
                if child.type == "blockTaskItem" { extra["type"] = "blockTaskItem" }
                itemExtras.append(extra.isEmpty ? .null : .object(extra))
            case "taskList" where !items.isEmpty:
                items[items.count - 1].blocks.append(try block(child))
            default:
                return invalid(node, "a taskList may hold only taskItem nodes and nested taskLists")
            }
        }
        return details(node, .list(ListBlock(kind: .bullet, items: items)), excluding: [], items: itemExtras)
    }

    private mutating func decisionList(_ node: ADFNode) throws(SpineError) -> Block {
        var items: [ListItem] = []
        var itemExtras: [JSONValue] = []
        for child in try node.children() {
            guard child.type == "decisionItem" else { return invalid(node, "a decisionList may hold only decisionItem nodes") }
            items.append(ListItem(blocks: [.paragraph(try inlines(child))]))
            itemExtras.append(child.attrs.isEmpty ? .null : .object(child.attrs))
        }
        return details(node, .list(ListBlock(kind: .bullet, items: items)), excluding: [], items: itemExtras, force: "decisionList")
    }

    private mutating func codeBlock(_ node: ADFNode) throws(SpineError) -> Block {
        var text = ""
        for child in try node.children() {
            guard child.type == "text", let part = child.text else { return invalid(node, "a codeBlock may hold only text nodes") }
            text += part
        }
        return .code(CodeBlock(language: node.string("language"), text: text,
                               attributes: extraAttributes(node, excluding: ["language"])))
    }

    private mutating func panel(_ node: ADFNode) throws(SpineError) -> Block {
        let kind: Panel.Kind
        switch node.string("panelType") {
        case "info": kind = .info
        case "note": kind = .note
        case "tip": kind = .tip
        case "warning": kind = .warning
        case "error": kind = .error
        case "success": kind = .success
        case let other?: kind = .custom(other)
        case nil: return invalid(node, "a panel needs a panelType")
        }
        return .panel(Panel(kind: kind, blocks: try children(node), attributes: extraAttributes(node, excluding: ["panelType"])))
    }

    private mutating func table(_ node: ADFNode) throws(SpineError) -> Block {
        var rows: [TableRow] = []
        var rowExtras: [JSONValue] = []
        for rowNode in try node.children() {
            guard rowNode.type == "tableRow" else { return invalid(node, "a table may hold only tableRow nodes") }
            var cells: [TableCell] = []
            for cellNode in try rowNode.children() {
                guard cellNode.type == "tableCell" || cellNode.type == "tableHeader" else {
                    return invalid(node, "a tableRow may hold only tableCell and tableHeader nodes")
                }
                let colspan = cellNode.attrs["colspan"]?.intValue ?? 1
                let rowspan = cellNode.attrs["rowspan"]?.intValue ?? 1
                var extra = cellNode.attrs(excluding: ["colspan", "rowspan"])
                // An explicit 1 is kept so the cell is written back exactly as read.
                if colspan == 1, let value = cellNode.attrs["colspan"] { extra["colspan"] = value }
                if rowspan == 1, let value = cellNode.attrs["rowspan"] { extra["rowspan"] = value }
                cells.append(TableCell(header: cellNode.type == "tableHeader", colspan: max(colspan, 1), rowspan: max(rowspan, 1),
                                       blocks: try children(cellNode),
                                       attributes: extra.isEmpty ? [] : [Attribute(ADFAttribute.attrs, ADFJSON.text(.object(extra)))]))
            }
            let isHead = rows.isEmpty && !cells.isEmpty && cells.allSatisfy(\.header)
            rows.append(TableRow(section: isHead ? .head : .body, cells: cells))
            rowExtras.append(rowNode.attrs.isEmpty ? .null : .object(rowNode.attrs))
        }
        var attributes = extraAttributes(node, excluding: [])
        if rowExtras.contains(where: { $0 != .null }) {
            attributes.append(Attribute(ADFAttribute.items, ADFJSON.text(.array(rowExtras))))
        }
        return .table(Table(rows: rows, attributes: attributes))
    }

    private mutating func layoutSection(_ node: ADFNode) throws(SpineError) -> Block {
        var columns: [LayoutColumn] = []
        var columnExtras: [JSONValue] = []
        for child in try node.children() {
            guard child.type == "layoutColumn" else { return invalid(node, "a layoutSection may hold only layoutColumn nodes") }
            columns.append(LayoutColumn(width: child.number("width"), blocks: try children(child)))
            let extra = child.attrs(excluding: ["width"])
            columnExtras.append(extra.isEmpty ? .null : .object(extra))
        }
        return details(node, .layout(Layout(sections: [LayoutSection(columns: columns)])), excluding: [], items: columnExtras)
    }

    private mutating func mediaSingle(_ node: ADFNode) throws(SpineError) -> Block {
        let children = try node.children()
        guard let first = children.first, first.type == "media", children.count <= 2 else {
            return invalid(node, "a mediaSingle must hold one media node and an optional caption")
        }
        var image = media(first, single: node)
        if children.count == 2 {
            let caption = children[1]
            guard caption.type == "caption" else { return invalid(node, "the second child of a mediaSingle must be a caption") }
            image.title = ADFJSON.plainText(try inlines(caption))
            image.attributes.append(Attribute(ADFAttribute.caption, ADFJSON.text(caption.json)))
        }
        return .image(image)
    }

    /// A `media` node (in a mediaSingle or mediaGroup) or a `mediaInline` as an Image.
    func media(_ node: ADFNode, single: ADFNode?) -> Image {
        let alt = node.string("alt") ?? ""
        let source: Image.Source
        var excluded: Set<String> = ["alt", "width", "height"]
        if node.string("type") == "external", let url = node.string("url") {
            source = .url(url)
            excluded.formUnion(["type", "url"])
        } else {
            source = .attachment(AttachmentLink(fileName: alt.isEmpty ? (node.string("id") ?? "") : alt))
        }
        var attributes: [Attribute] = []
        if let single {
            attributes.append(contentsOf: extraAttributes(single, excluding: []))
        }
        let media = node.attrs(excluding: excluded)
        if !media.isEmpty { attributes.append(Attribute(ADFAttribute.media, ADFJSON.text(.object(media)))) }
        if !node.marks.isEmpty { attributes.append(Attribute(ADFAttribute.mediaMarks, ADFJSON.text(.array(node.marks.map(\.json))))) }
        return Image(source: source, alt: alt, width: node.number("width"), height: node.number("height"), attributes: attributes)
    }

    // MARK: - Keeping what the AST cannot name

    /// `adf.attrs` / `adf.marks` attributes for a node's unnamed attrs and marks.
    func extraAttributes(_ node: ADFNode, excluding names: Set<String>) -> [Attribute] {
        var attributes: [Attribute] = []
        let extra = node.attrs(excluding: names)
        if !extra.isEmpty { attributes.append(Attribute(ADFAttribute.attrs, ADFJSON.text(.object(extra)))) }
        if !node.marks.isEmpty { attributes.append(Attribute(ADFAttribute.marks, ADFJSON.text(.array(node.marks.map(\.json))))) }
        return attributes
    }

    /// `block` as is, or wrapped in a Division that names the ADF node and keeps its extras.
    private func details(_ node: ADFNode, _ block: Block, excluding names: Set<String>, items: [JSONValue] = [],
                         force: String? = nil) -> Block {
        var attributes = extraAttributes(node, excluding: names)
        if items.contains(where: { $0 != .null }) { attributes.append(Attribute(ADFAttribute.items, ADFJSON.text(.array(items)))) }
        if attributes.isEmpty && force == nil { return block }
        attributes.insert(Attribute(ADFAttribute.node, node.type), at: 0)
        return .division(Division(attributes: attributes, blocks: [block]))
    }

    /// A Division standing for an ADF container node the AST has no case for.
    private func container(_ node: ADFNode, _ blocks: [Block], excluding names: Set<String>) -> Block {
        .division(Division(attributes: [Attribute(ADFAttribute.node, node.type)] + extraAttributes(node, excluding: names), blocks: blocks))
    }

    func raw(_ node: ADFNode) -> Block {
        .raw(Raw(format: "adf", content: ADFJSON.text(node.json)))
    }

    private mutating func invalid(_ node: ADFNode, _ message: String) -> Block {
        diagnostics.append(.warning("adf.invalid-node", message + "; node kept as raw ADF", at: SourceLocation(path: node.path)))
        return raw(node)
    }
}
