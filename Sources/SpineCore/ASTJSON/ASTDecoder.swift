// The AST's stable JSON form: JSONValue → AST, with errors located by JSON path.

/// Converts Spine's JSON form back to AST values. Every error names the JSON path of the
/// offending value, so a hand-edited AST file is easy to fix.
public enum ASTDecoder {
    public static func decodeDocument(_ value: JSONValue) throws(SpineError) -> Document {
        let node = try ASTNode(value, "$")
        var document = Document()
        if let metadata = node.optional("metadata") { document.metadata = try decodeMetadata(metadata) }
        document.blocks = try node.array("blocks").map { (child) throws(SpineError) in try decodeBlock(child) }
        return document
    }

    static func decodeMetadata(_ value: ASTValue) throws(SpineError) -> Metadata {
        let node = try value.object()
        var metadata = Metadata()
        metadata.title = try node.string(optional: "title")
        metadata.spaceKey = try node.string(optional: "spaceKey")
        if let parent = node.optional("parent") {
            let parentNode = try parent.object()
            metadata.parent = PageReference(id: try parentNode.string(optional: "id"), title: try parentNode.string(optional: "title"))
        }
        metadata.labels = try node.strings("labels")
        if let source = node.optional("source") {
            let sourceNode = try source.object()
            metadata.source = SourceInfo(format: try sourceNode.string("format"), id: try sourceNode.string(optional: "id"),
                                         url: try sourceNode.string(optional: "url"), version: try sourceNode.int(optional: "version"))
        }
        metadata.extra = try decodeFields(node, "extra")
        return metadata
    }

    static func decodeFields(_ node: ASTNode, _ key: String) throws(SpineError) -> [Field] {
        try node.array(optional: key).map { (entry) throws(SpineError) in
            let pair = try entry.object()
            guard let value = pair.optional("value") else { throw pair.error("missing member \"value\"") }
            return Field(try pair.string("key"), value.value)
        }
    }

    static func decodeAttributes(_ node: ASTNode) throws(SpineError) -> [Attribute] {
        try node.array(optional: "attributes").map { (entry) throws(SpineError) in
            guard case .array(let pair) = entry.value, pair.count == 2,
                  case .string(let name) = pair[0], case .string(let value) = pair[1] else {
                throw entry.error("an attribute must be a [name, value] pair of strings")
            }
            return Attribute(name, value)
        }
    }

    // MARK: - Blocks

    static func decodeBlocks(_ node: ASTNode, _ key: String) throws(SpineError) -> [Block] {
        try node.array(key).map { (child) throws(SpineError) in try decodeBlock(child) }
    }

    static func decodeBlock(_ value: ASTValue) throws(SpineError) -> Block {
        let node = try value.object()
        let type = try node.string("type")
        switch type {
        case "paragraph":
            return .paragraph(try decodeInlines(node, "content"))
        case "heading":
            return .heading(Heading(level: try node.int("level"), content: try decodeInlines(node, "content"),
                                    anchor: try node.string(optional: "anchor")))
        case "bulletList", "orderedList":
            let kind: ListBlock.Kind = type == "bulletList" ? .bullet : .ordered(start: try node.int("start"))
            let items = try node.array("items").map { (entry) throws(SpineError) -> ListItem in
                let item = try entry.object()
                var task: TaskState?
                if let state = try item.string(optional: "task") {
                    guard let parsed = TaskState(rawValue: state) else { throw item.error("unknown task state \"\(state)\"") }
                    task = parsed
                }
                return ListItem(task: task, blocks: try decodeBlocks(item, "blocks"))
            }
            return .list(ListBlock(kind: kind, tight: try node.bool(optional: "tight") ?? true, items: items))
        case "code":
            return .code(CodeBlock(language: try node.string(optional: "language"), text: try node.string("text"),
                                   title: try node.string(optional: "title"), attributes: try decodeAttributes(node)))
        case "quote":
            return .quote(try decodeBlocks(node, "blocks"))
        case "rule":
            return .rule
        case "table":
            return .table(try decodeTable(node))
        case "panel":
            let kindName = try node.string("kind")
            let kind: Panel.Kind
            switch kindName {
            case "info": kind = .info
            case "note": kind = .note
            case "warning": kind = .warning
            case "tip": kind = .tip
            case "success": kind = .success
            case "error": kind = .error
            case "custom": kind = .custom(try node.string("customKind"))
            default: throw node.error("unknown panel kind \"\(kindName)\"")
            }
            return .panel(Panel(kind: kind, title: try node.string(optional: "title"), blocks: try decodeBlocks(node, "blocks"),
                                attributes: try decodeAttributes(node)))
        case "expand":
            return .expand(Expand(title: try node.string(optional: "title"), blocks: try decodeBlocks(node, "blocks"),
                                  attributes: try decodeAttributes(node)))
        case "tableOfContents":
            return .tableOfContents(TableOfContents(attributes: try decodeAttributes(node)))
        case "image":
            return .image(try decodeImage(node))
        case "issueQuery":
            return .issueQuery(IssueQuery(jql: try node.string("jql"), columns: try node.strings("columns"),
                                          maxResults: try node.int(optional: "maxResults"), attributes: try decodeAttributes(node)))
        case "requirement":
            guard let requirement = node.optional("requirement") else { throw node.error("missing member \"requirement\"") }
            return .requirement(try decodeRequirement(requirement))
        case "layout":
            let sections = try node.array("sections").map { (entry) throws(SpineError) -> LayoutSection in
                let section = try entry.object()
                let columns = try section.array("columns").map { (columnEntry) throws(SpineError) -> LayoutColumn in
                    let column = try columnEntry.object()
                    return LayoutColumn(width: try column.string(optional: "width"), blocks: try decodeBlocks(column, "blocks"))
                }
                return LayoutSection(type: try section.string(optional: "layoutType"), columns: columns)
            }
            return .layout(Layout(sections: sections))
        case "footnote":
            return .footnote(Footnote(label: try node.string("label"), blocks: try decodeBlocks(node, "blocks")))
        case "division":
            return .division(Division(attributes: try decodeAttributes(node), blocks: try decodeBlocks(node, "blocks")))
        case "raw":
            return .raw(Raw(format: try node.string("format"), content: try node.string("content")))
        default:
            throw node.error("unknown block type \"\(type)\"")
        }
    }

    private static func decodeTable(_ node: ASTNode) throws(SpineError) -> Table {
        var caption: [Inline]?
        if node.optional("caption") != nil { caption = try decodeInlines(node, "caption") }
        let columns = try node.array(optional: "columns").map { (entry) throws(SpineError) -> TableColumn in
            let column = try entry.object()
            return TableColumn(alignment: try decodeAlignment(column), width: try column.string(optional: "width"))
        }
        let rows = try node.array("rows").map { (entry) throws(SpineError) -> TableRow in
            let row = try entry.object()
            var section = TableSection.body
            if let name = try row.string(optional: "section") {
                guard let parsed = TableSection(rawValue: name) else { throw row.error("unknown table section \"\(name)\"") }
                section = parsed
            }
            let cells = try row.array("cells").map { (cellEntry) throws(SpineError) -> TableCell in
                let cell = try cellEntry.object()
                return TableCell(header: try cell.bool(optional: "header") ?? false, colspan: try cell.int(optional: "colspan") ?? 1,
                                 rowspan: try cell.int(optional: "rowspan") ?? 1, alignment: try decodeAlignment(cell),
                                 blocks: try decodeBlocks(cell, "blocks"), attributes: try decodeAttributes(cell))
            }
            return TableRow(section: section, cells: cells)
        }
        return Table(caption: caption, columns: columns, rows: rows, attributes: try decodeAttributes(node))
    }

    private static func decodeAlignment(_ node: ASTNode) throws(SpineError) -> Alignment? {
        guard let name = try node.string(optional: "alignment") else { return nil }
        guard let alignment = Alignment(rawValue: name) else { throw node.error("unknown alignment \"\(name)\"") }
        return alignment
    }

    static func decodeImage(_ node: ASTNode) throws(SpineError) -> Image {
        let source: Image.Source
        if let url = try node.string(optional: "url") {
            source = .url(url)
        } else if let attachment = node.optional("attachment") {
            source = .attachment(try decodeAttachment(attachment))
        } else {
            throw node.error("an image needs \"url\" or \"attachment\"")
        }
        return Image(source: source, alt: try node.string(optional: "alt") ?? "", title: try node.string(optional: "title"),
                     width: try node.string(optional: "width"), height: try node.string(optional: "height"),
                     attributes: try decodeAttributes(node))
    }

    static func decodeAttachment(_ value: ASTValue) throws(SpineError) -> AttachmentLink {
        let node = try value.object()
        var page: PageLink?
        if let pageValue = node.optional("page") { page = try decodePage(pageValue) }
        return AttachmentLink(page: page, fileName: try node.string("fileName"))
    }

    static func decodePage(_ value: ASTValue) throws(SpineError) -> PageLink {
        let node = try value.object()
        return PageLink(spaceKey: try node.string(optional: "spaceKey"), title: try node.string("title"),
                        anchor: try node.string(optional: "anchor"), contentID: try node.string(optional: "contentId"))
    }
}
