// Walking and rewriting the AST: visit every node, or rebuild the tree with a transform.

// MARK: - Children

extension Block {
    /// The blocks directly inside this block (list items, cells, columns, requirement bodies
    /// and children are flattened in reading order).
    public var childBlocks: [Block] {
        switch self {
        case .paragraph, .heading, .code, .rule, .tableOfContents, .image, .issueQuery, .raw:
            return []
        case .list(let list): return list.items.flatMap(\.blocks)
        case .quote(let blocks): return blocks
        case .table(let table): return table.rows.flatMap { $0.cells.flatMap(\.blocks) }
        case .panel(let panel): return panel.blocks
        case .expand(let expand): return expand.blocks
        case .requirement(let requirement):
            return requirement.description + requirement.acceptanceCriteria + requirement.children.map(Block.requirement)
        case .layout(let layout): return layout.sections.flatMap { $0.columns.flatMap(\.blocks) }
        case .footnote(let footnote): return footnote.blocks
        case .division(let division): return division.blocks
        }
    }

    /// The inlines directly inside this block (not inside its child blocks).
    public var childInlines: [Inline] {
        switch self {
        case .paragraph(let content): return content
        case .heading(let heading): return heading.content
        case .table(let table): return table.caption ?? []
        default: return []
        }
    }
}

extension Inline {
    /// The inlines directly inside this inline.
    public var childInlines: [Inline] {
        switch self {
        case .emphasis(let content), .strong(let content), .strikethrough(let content), .underline(let content),
             .superscript(let content), .subscript(let content):
            return content
        case .link(let link): return link.content
        case .span(let span): return span.content
        case .text, .code, .image, .lineBreak, .softBreak, .mention, .issue, .status, .date, .emoji,
             .footnoteReference, .anchor, .placeholder, .raw:
            return []
        }
    }

    /// The plain text of this inline and its children (what a screen reader would say).
    public var plainText: String {
        switch self {
        case .text(let text), .code(let text): return text
        case .lineBreak, .softBreak: return " "
        case .image(let image): return image.alt
        case .mention(let mention): return mention.displayName.map { "@" + $0 } ?? "@" + mention.accountID
        case .issue(let issue): return issue.key
        case .status(let status): return status.text
        case .date(let date): return date
        case .emoji(let emoji): return emoji.fallback ?? ":" + emoji.shortName + ":"
        case .footnoteReference(let label): return "[" + label + "]"
        case .anchor, .raw: return ""
        case .placeholder(let text): return text
        default: return childInlines.map(\.plainText).joined()
        }
    }
}

extension Array where Element == Inline {
    /// The plain text of these inlines.
    public var plainText: String { map(\.plainText).joined() }
}

// MARK: - Visiting

extension Document {
    /// Calls `visitBlock` for every block and `visitInline` for every inline, depth first in
    /// reading order. Iterative, so deeply nested documents cannot overflow the stack.
    public func visit(block visitBlock: (Block) -> Void = { _ in }, inline visitInline: (Inline) -> Void = { _ in }) {
        Block.visit(blocks, block: visitBlock, inline: visitInline)
    }
}

extension Block {
    /// Visits `blocks` and everything inside them, depth first in reading order.
    public static func visit(_ blocks: [Block], block visitBlock: (Block) -> Void, inline visitInline: (Inline) -> Void) {
        var pending: [Block] = blocks.reversed()
        while let block = pending.popLast() {
            visitBlock(block)
            var inlines: [Inline] = block.childInlines.reversed()
            while let inline = inlines.popLast() {
                visitInline(inline)
                inlines.append(contentsOf: inline.childInlines.reversed())
            }
            pending.append(contentsOf: block.childBlocks.reversed())
        }
    }
}
