// Tables Markdown pipes cannot hold, as an HTML skeleton around Markdown cell content: the writer
// puts `<table>`, `<tr>`, `<td …>` tags in HTML blocks and each cell's blocks between them after
// blank lines (so GitHub and CommonMark read the cells as Markdown); the reader assembles them back.

import SpineCore

enum TableConventions {
    // MARK: - Skeleton tags

    /// One tag of a skeleton piece: `<td align="left">`, `</tr>`, `<col width="30%" />`.
    struct Tag: Equatable {
        var name: String
        var closing: Bool
        var attributes: [Attribute]
    }

    static let skeletonNames: Set<String> = ["table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"]

    /// The tags of a raw HTML block made only of skeleton tags (and whitespace between them);
    /// nil when it holds anything else.
    static func skeleton(_ block: Block) -> [Tag]? {
        guard case .raw(let raw) = block, raw.format == "html", raw.content.utf8.first == ASCII.lt else { return nil }
        let bytes = Array(raw.content.utf8)
        var tags: [Tag] = []
        var i = 0
        while i < bytes.count {
            if isWhitespaceByte(bytes[i]) { i += 1; continue }
            guard bytes[i] == ASCII.lt, let (tag, next) = scanTag(bytes, at: i) else { return nil }
            tags.append(tag)
            i = next
        }
        return tags.isEmpty ? nil : tags
    }

    /// A skeleton tag at `start` (`<` there) and the index after it.
    static func scanTag(_ bytes: [UInt8], at start: Int) -> (Tag, Int)? {
        var i = start + 1
        let closing = i < bytes.count && bytes[i] == ASCII.slash
        if closing { i += 1 }
        let nameStart = i
        while i < bytes.count, isAlphanumeric(bytes[i]) { i += 1 }
        let name = string(bytes[nameStart..<i]).lowercased()
        guard skeletonNames.contains(name) else { return nil }
        var attributes: [Attribute] = []
        while i < bytes.count {
            while i < bytes.count, bytes[i] == ASCII.space { i += 1 }
            guard i < bytes.count else { return nil }
            if bytes[i] == ASCII.gt { return (Tag(name: name, closing: closing, attributes: attributes), i + 1) }
            if bytes[i] == ASCII.slash, i + 1 < bytes.count, bytes[i + 1] == ASCII.gt, name == "col" {
                return (Tag(name: name, closing: false, attributes: attributes), i + 2)
            }
            guard !closing else { return nil }
            let keyStart = i
            while i < bytes.count, bytes[i] != ASCII.equals, bytes[i] != ASCII.gt, !isWhitespaceByte(bytes[i]) { i += 1 }
            guard i + 1 < bytes.count, bytes[i] == ASCII.equals, bytes[i + 1] == ASCII.quote,
                  let close = bytes[(i + 2)...].firstIndex(of: ASCII.quote) else { return nil }
            let key = string(bytes[keyStart..<i])
            guard InlineConventions.isAttributeName(key) else { return nil }
            attributes.append(Attribute(key, unescape(string(bytes[(i + 2)..<close]))))
            i = close + 1
        }
        return nil
    }

    /// `<name attrs>` with values escaped so the tag stays on its line.
    static func openTag(_ name: String, _ attributes: [Attribute], selfClosing: Bool = false) -> String {
        var text = "<" + name
        for attribute in attributes { text += " " + attribute.name + "=\"" + escape(attribute.value) + "\"" }
        return text + (selfClosing ? " />" : ">")
    }

    static func escape(_ value: String) -> String {
        BlockConventions.escapeAttributeValue(value, dashes: false, carriageReturns: true)
    }

    static func unescape(_ value: String) -> String {
        guard value.contains("&") else { return value }
        return value.replacingAll("&#10;", "\n").replacingAll("&#13;", "\r").replacingAll("&quot;", "\"")
            .replacingAll("&gt;", ">").replacingAll("&lt;", "<").replacingAll("&amp;", "&")
    }

    /// Whether a skeleton piece opens a table (its first tag is `<table>`).
    static func opensTable(_ tags: [Tag]) -> Bool { tags.first.map { $0.name == "table" && !$0.closing } ?? false }

    /// Whether a skeleton piece closes a table (its last tag is `</table>`).
    static func closesTable(_ tags: [Tag]) -> Bool { tags.last.map { $0.name == "table" && $0.closing } ?? false }

    // MARK: - Cell attributes written as tag attributes

    static let cellAttributeNames: Set<String> = ["align", "colspan", "rowspan"]
    static let columnAttributeNames: Set<String> = ["align", "width"]

    /// Cell attributes that can be written on `<td>`: HTML names not used for the cell's own fields.
    static func writableCellAttributes(_ attributes: [Attribute]) -> [Attribute] {
        attributes.filter { InlineConventions.isAttributeName($0.name) && !cellAttributeNames.contains($0.name.lowercased()) }
    }

    /// Table attributes that can be written on `<table>`.
    static func writableTableAttributes(_ attributes: [Attribute]) -> [Attribute] {
        attributes.filter { InlineConventions.isAttributeName($0.name) }
    }

    /// Whether the columns are written as a `<colgroup>` (some column has an alignment or width).
    static func writesColumns(_ table: Table) -> Bool {
        table.columns.contains { $0.alignment != nil || $0.width != nil }
    }

    /// The columns a table read back without `<colgroup>` gets: one plain column per cell of the
    /// first row, as a pipe table of that width would.
    static func plainColumns(_ rows: [TableRow]) -> [TableColumn] {
        Array(repeating: TableColumn(), count: rows.first?.cells.count ?? 0)
    }
}

extension TableConventions {
    // MARK: - Assembling a table

    /// The table a region stands for: skeleton pieces (raw HTML blocks of skeleton tags) from the
    /// one opening `<table>` to the one holding `</table>`, with each cell's and the caption's
    /// blocks between them. Nil when the region is not a well-formed skeleton.
    static func assemble(_ region: ArraySlice<Block>) -> Table? {
        var builder = Builder()
        for block in region {
            guard let tags = skeleton(block) else {
                guard builder.addContent(block) else { return nil }
                continue
            }
            for tag in tags {
                guard builder.add(tag) else { return nil }
            }
        }
        return builder.finished()
    }

    /// The state of assembling one table from its tags and content blocks.
    struct Builder {
        var table = Table(rows: [])
        var opened = false
        var closed = false
        var caption: [Block]?
        var inCaption = false
        var columns: [TableColumn]?
        var inColumns = false
        var section: TableSection?
        var row: TableRow?
        var cell: TableCell?

        /// A content block: only inside an open cell or the caption.
        mutating func addContent(_ block: Block) -> Bool {
            if cell != nil {
                cell?.blocks.append(block)
            } else if inCaption {
                caption?.append(block)
            } else {
                return false
            }
            return true
        }

        /// Whether nothing but the table itself is open.
        var atTableLevel: Bool { opened && !closed && !inCaption && !inColumns && section == nil }

        mutating func add(_ tag: Tag) -> Bool {
            switch (tag.name, tag.closing) {
            case ("table", false):
                guard !opened else { return false }
                opened = true
                table.attributes = tag.attributes
            case ("table", true):
                guard atTableLevel else { return false }
                closed = true
            case ("caption", false):
                guard atTableLevel, caption == nil, columns == nil, table.rows.isEmpty, tag.attributes.isEmpty else { return false }
                caption = []
                inCaption = true
            case ("caption", true):
                guard inCaption else { return false }
                inCaption = false
            case ("colgroup", false):
                guard atTableLevel, columns == nil, table.rows.isEmpty, tag.attributes.isEmpty else { return false }
                columns = []
                inColumns = true
            case ("colgroup", true):
                guard inColumns else { return false }
                inColumns = false
            case ("col", false):
                guard inColumns, let column = Self.column(tag.attributes) else { return false }
                columns?.append(column)
            case ("thead", false), ("tbody", false), ("tfoot", false):
                guard atTableLevel, tag.attributes.isEmpty else { return false }
                section = tag.name == "thead" ? .head : tag.name == "tfoot" ? .foot : .body
            case ("thead", true), ("tbody", true), ("tfoot", true):
                guard let section, row == nil, tag.name == Self.sectionTag(section) else { return false }
                self.section = nil
            case ("tr", false):
                guard let section, row == nil, tag.attributes.isEmpty else { return false }
                row = TableRow(section: section, cells: [])
            case ("tr", true):
                guard let finished = row, cell == nil else { return false }
                table.rows.append(finished)
                row = nil
            case ("th", false), ("td", false):
                guard row != nil, cell == nil, let opened = Self.cell(header: tag.name == "th", tag.attributes) else { return false }
                cell = opened
            case ("th", true), ("td", true):
                guard let finished = cell, finished.header == (tag.name == "th") else { return false }
                row?.cells.append(finished)
                cell = nil
            default:
                return false
            }
            return true
        }

        /// The assembled table, once `</table>` was seen and the caption is one paragraph at most.
        func finished() -> Table? {
            guard closed else { return nil }
            var result = table
            if let caption {
                switch caption.count {
                case 0: result.caption = []
                case 1:
                    guard case .paragraph(let content) = caption[0] else { return nil }
                    result.caption = content
                default: return nil
                }
            }
            result.columns = columns ?? TableConventions.plainColumns(result.rows)
            return result
        }

        static func sectionTag(_ section: TableSection) -> String {
            switch section {
            case .head: return "thead"
            case .body: return "tbody"
            case .foot: return "tfoot"
            }
        }

        static func column(_ attributes: [Attribute]) -> TableColumn? {
            var column = TableColumn()
            for attribute in attributes {
                switch attribute.name {
                case "align":
                    guard let alignment = Alignment(rawValue: attribute.value) else { return nil }
                    column.alignment = alignment
                case "width": column.width = attribute.value
                default: return nil
                }
            }
            return column
        }

        static func cell(header: Bool, _ attributes: [Attribute]) -> TableCell? {
            var cell = TableCell(header: header, blocks: [])
            for attribute in attributes {
                switch attribute.name {
                case "align":
                    guard let alignment = Alignment(rawValue: attribute.value) else { return nil }
                    cell.alignment = alignment
                case "colspan", "rowspan":
                    guard let span = Int(attribute.value), span >= 1 else { return nil }
                    if attribute.name == "colspan" { cell.colspan = span } else { cell.rowspan = span }
                default:
                    cell.attributes.append(attribute)
                }
            }
            return cell
        }
    }
}
