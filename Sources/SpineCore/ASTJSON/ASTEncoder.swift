// The AST's stable JSON form: AST → JSONValue. Empty and default values are omitted,
// so the form stays small and each node shows only what it carries.

/// Converts AST values to Spine's JSON form. `ASTDecoder` is the inverse.
public enum ASTEncoder {
    public static func encode(_ document: Document) -> JSONValue {
        var object = JSONObject()
        if !document.metadata.isEmpty { object.append("metadata", encode(document.metadata)) }
        object.append("blocks", .array(document.blocks.map(encode)))
        return .object(object)
    }

    public static func encode(_ metadata: Metadata) -> JSONValue {
        var object = JSONObject()
        object.set("title", metadata.title)
        object.set("spaceKey", metadata.spaceKey)
        if let parent = metadata.parent {
            var value = JSONObject()
            value.set("id", parent.id)
            value.set("title", parent.title)
            object.append("parent", .object(value))
        }
        object.set("labels", metadata.labels)
        if let source = metadata.source {
            var value = JSONObject()
            value.append("format", .string(source.format))
            value.set("id", source.id)
            value.set("url", source.url)
            if let version = source.version { value.append("version", .int(version)) }
            object.append("source", .object(value))
        }
        if !metadata.extra.isEmpty { object.append("extra", encode(metadata.extra)) }
        return .object(object)
    }

    static func encode(_ fields: [Field]) -> JSONValue {
        .array(fields.map { .object(JSONObject(["key": .string($0.key), "value": $0.value])) })
    }

    static func encode(_ attributes: [Attribute]) -> JSONValue {
        .array(attributes.map { .array([.string($0.name), .string($0.value)]) })
    }

    // MARK: - Blocks

    public static func encode(_ block: Block) -> JSONValue {
        var object = JSONObject()
        switch block {
        case .paragraph(let content):
            object.append("type", "paragraph")
            object.append("content", encode(content))
        case .heading(let heading):
            object.append("type", "heading")
            object.append("level", .int(heading.level))
            object.append("content", encode(heading.content))
            object.set("anchor", heading.anchor)
        case .list(let list):
            switch list.kind {
            case .bullet:
                object.append("type", "bulletList")
            case .ordered(let start):
                object.append("type", "orderedList")
                object.append("start", .int(start))
            }
            object.append("tight", .bool(list.tight))
            object.append("items", .array(list.items.map { item in
                var value = JSONObject()
                value.set("task", item.task?.rawValue)
                value.append("blocks", encode(item.blocks))
                return .object(value)
            }))
        case .code(let code):
            object.append("type", "code")
            object.set("language", code.language)
            object.set("title", code.title)
            object.append("text", .string(code.text))
            object.set("attributes", code.attributes)
        case .quote(let blocks):
            object.append("type", "quote")
            object.append("blocks", encode(blocks))
        case .rule:
            object.append("type", "rule")
        case .table(let table):
            object.append("type", "table")
            encode(table, into: &object)
        case .panel(let panel):
            object.append("type", "panel")
            switch panel.kind {
            case .info: object.append("kind", "info")
            case .note: object.append("kind", "note")
            case .warning: object.append("kind", "warning")
            case .tip: object.append("kind", "tip")
            case .success: object.append("kind", "success")
            case .error: object.append("kind", "error")
            case .custom(let name):
                object.append("kind", "custom")
                object.append("customKind", .string(name))
            }
            object.set("title", panel.title)
            object.append("blocks", encode(panel.blocks))
            object.set("attributes", panel.attributes)
        case .expand(let expand):
            object.append("type", "expand")
            object.set("title", expand.title)
            object.append("blocks", encode(expand.blocks))
            object.set("attributes", expand.attributes)
        case .tableOfContents(let toc):
            object.append("type", "tableOfContents")
            object.set("attributes", toc.attributes)
        case .image(let image):
            object.append("type", "image")
            encode(image, into: &object)
        case .issueQuery(let query):
            object.append("type", "issueQuery")
            object.append("jql", .string(query.jql))
            object.set("columns", query.columns)
            if let max = query.maxResults { object.append("maxResults", .int(max)) }
            object.set("attributes", query.attributes)
        case .requirement(let requirement):
            object.append("type", "requirement")
            object.append("requirement", encode(requirement))
        case .layout(let layout):
            object.append("type", "layout")
            object.append("sections", .array(layout.sections.map { section in
                var value = JSONObject()
                value.set("layoutType", section.type)
                value.append("columns", .array(section.columns.map { column in
                    var columnValue = JSONObject()
                    columnValue.set("width", column.width)
                    columnValue.append("blocks", encode(column.blocks))
                    return .object(columnValue)
                }))
                return .object(value)
            }))
        case .footnote(let footnote):
            object.append("type", "footnote")
            object.append("label", .string(footnote.label))
            object.append("blocks", encode(footnote.blocks))
        case .division(let division):
            object.append("type", "division")
            object.set("attributes", division.attributes)
            object.append("blocks", encode(division.blocks))
        case .raw(let raw):
            object.append("type", "raw")
            object.append("format", .string(raw.format))
            object.append("content", .string(raw.content))
        }
        return .object(object)
    }

    static func encode(_ blocks: [Block]) -> JSONValue { .array(blocks.map(encode)) }

    private static func encode(_ table: Table, into object: inout JSONObject) {
        if let caption = table.caption { object.append("caption", encode(caption)) }
        if !table.columns.isEmpty {
            object.append("columns", .array(table.columns.map { column in
                var value = JSONObject()
                value.set("alignment", column.alignment?.rawValue)
                value.set("width", column.width)
                return .object(value)
            }))
        }
        object.append("rows", .array(table.rows.map { row in
            var value = JSONObject()
            if row.section != .body { value.append("section", .string(row.section.rawValue)) }
            value.append("cells", .array(row.cells.map { cell in
                var cellValue = JSONObject()
                if cell.header { cellValue.append("header", true) }
                if cell.colspan != 1 { cellValue.append("colspan", .int(cell.colspan)) }
                if cell.rowspan != 1 { cellValue.append("rowspan", .int(cell.rowspan)) }
                cellValue.set("alignment", cell.alignment?.rawValue)
                cellValue.append("blocks", encode(cell.blocks))
                cellValue.set("attributes", cell.attributes)
                return .object(cellValue)
            }))
            return .object(value)
        }))
        object.set("attributes", table.attributes)
    }

    static func encode(_ image: Image, into object: inout JSONObject) {
        switch image.source {
        case .url(let url): object.append("url", .string(url))
        case .attachment(let attachment): object.append("attachment", encode(attachment))
        }
        if !image.alt.isEmpty { object.append("alt", .string(image.alt)) }
        object.set("title", image.title)
        object.set("width", image.width)
        object.set("height", image.height)
        object.set("attributes", image.attributes)
    }

    static func encode(_ attachment: AttachmentLink) -> JSONValue {
        var value = JSONObject()
        if let page = attachment.page { value.append("page", encode(page)) }
        value.append("fileName", .string(attachment.fileName))
        return .object(value)
    }

    static func encode(_ page: PageLink) -> JSONValue {
        var value = JSONObject()
        value.set("spaceKey", page.spaceKey)
        value.append("title", .string(page.title))
        value.set("anchor", page.anchor)
        value.set("contentId", page.contentID)
        return .object(value)
    }
}

extension JSONObject {
    /// Appends `key` when `value` is present.
    mutating func set(_ key: String, _ value: String?) {
        if let value { append(key, .string(value)) }
    }

    /// Appends `key` when `values` is not empty.
    mutating func set(_ key: String, _ values: [String]) {
        if !values.isEmpty { append(key, .array(values.map { .string($0) })) }
    }

    /// Appends `key` when `attributes` is not empty.
    mutating func set(_ key: String, _ attributes: [Attribute]) {
        if !attributes.isEmpty { append(key, ASTEncoder.encode(attributes)) }
    }
}
