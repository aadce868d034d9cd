// Tables: columns, rows and cells with spans.

/// A table. Cells hold blocks, so nested tables, lists and code are representable.
public struct Table: Hashable, Sendable {
    public var caption: [Inline]?
    /// Per-column alignment and width; may be shorter than the widest row.
    public var columns: [TableColumn]
    public var rows: [TableRow]
    /// Layout details (`data-layout`, widths mode, …).
    public var attributes: [Attribute]
    public init(caption: [Inline]? = nil, columns: [TableColumn] = [], rows: [TableRow], attributes: [Attribute] = []) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.attributes = attributes
    }
}

/// Column alignment.
public enum Alignment: String, Hashable, Sendable, CaseIterable {
    case left, center, right
}

/// One column's presentation.
public struct TableColumn: Hashable, Sendable {
    public var alignment: Alignment?
    /// Width as the source gave it (`120px`, `25%`, an ADF number).
    public var width: String?
    public init(alignment: Alignment? = nil, width: String? = nil) {
        self.alignment = alignment
        self.width = width
    }
}

/// Which part of the table a row belongs to.
public enum TableSection: String, Hashable, Sendable, CaseIterable {
    case head, body, foot
}

/// One table row.
public struct TableRow: Hashable, Sendable {
    public var section: TableSection
    public var cells: [TableCell]
    public init(section: TableSection = .body, cells: [TableCell]) {
        self.section = section
        self.cells = cells
    }
}

/// One cell; `header` marks `th`/`||`/tableHeader cells.
public struct TableCell: Hashable, Sendable {
    public var header: Bool
    public var colspan: Int
    public var rowspan: Int
    public var alignment: Alignment?
    public var blocks: [Block]
    /// Background colour, ADF colwidth and other cell details.
    public var attributes: [Attribute]
    public init(header: Bool = false, colspan: Int = 1, rowspan: Int = 1, alignment: Alignment? = nil,
                blocks: [Block], attributes: [Attribute] = []) {
        self.header = header
        self.colspan = colspan
        self.rowspan = rowspan
        self.alignment = alignment
        self.blocks = blocks
        self.attributes = attributes
    }
}
