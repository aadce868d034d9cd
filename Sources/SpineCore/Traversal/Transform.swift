// Rebuilding the AST bottom-up: rewrite links, drop or replace nodes, normalise.

/// Rewrites a tree bottom-up: children are rewritten first, then the node itself is passed
/// to the closure, which returns its replacement(s). Returning `[node]` keeps a node,
/// `[]` drops it, several nodes splice them in.
public struct ASTTransform {
    /// Replaces one block (after its children have been transformed).
    public var block: (Block) -> [Block]
    /// Replaces one inline (after its children have been transformed).
    public var inline: (Inline) -> [Inline]

    public init(block: @escaping (Block) -> [Block] = { [$0] }, inline: @escaping (Inline) -> [Inline] = { [$0] }) {
        self.block = block
        self.inline = inline
    }

    /// A transform that only rewrites link targets (and image sources stay as they are).
    public static func rewritingLinks(_ rewrite: @escaping (LinkTarget) -> LinkTarget) -> ASTTransform {
        ASTTransform(inline: { inline in
            guard case .link(var link) = inline else { return [inline] }
            link.target = rewrite(link.target)
            return [.link(link)]
        })
    }

    public func apply(_ document: Document) -> Document {
        Document(metadata: document.metadata, blocks: apply(document.blocks))
    }

    public func apply(_ blocks: [Block]) -> [Block] {
        blocks.flatMap { block(rebuild($0)) }
    }

    public func apply(_ inlines: [Inline]) -> [Inline] {
        inlines.flatMap { inline(rebuild($0)) }
    }

    public func apply(_ requirement: Requirement) -> Requirement {
        var result = requirement
        result.description = apply(requirement.description)
        result.acceptanceCriteria = apply(requirement.acceptanceCriteria)
        result.children = requirement.children.map(apply)
        return result
    }

    // MARK: - Rebuilding children

    private func rebuild(_ node: Block) -> Block {
        switch node {
        case .paragraph(let content): return .paragraph(apply(content))
        case .heading(var heading):
            heading.content = apply(heading.content)
            return .heading(heading)
        case .list(var list):
            list.items = list.items.map { ListItem(task: $0.task, blocks: apply($0.blocks)) }
            return .list(list)
        case .quote(let blocks): return .quote(apply(blocks))
        case .table(var table):
            table.caption = table.caption.map(apply)
            for rowIndex in table.rows.indices {
                for cellIndex in table.rows[rowIndex].cells.indices {
                    table.rows[rowIndex].cells[cellIndex].blocks = apply(table.rows[rowIndex].cells[cellIndex].blocks)
                }
            }
            return .table(table)
        case .panel(var panel):
            panel.blocks = apply(panel.blocks)
            return .panel(panel)
        case .expand(var expand):
            expand.blocks = apply(expand.blocks)
            return .expand(expand)
        case .requirement(let requirement): return .requirement(apply(requirement))
        case .layout(var layout):
            for sectionIndex in layout.sections.indices {
                for columnIndex in layout.sections[sectionIndex].columns.indices {
                    layout.sections[sectionIndex].columns[columnIndex].blocks = apply(layout.sections[sectionIndex].columns[columnIndex].blocks)
                }
            }
            return .layout(layout)
        case .footnote(var footnote):
            footnote.blocks = apply(footnote.blocks)
            return .footnote(footnote)
        case .division(var division):
            division.blocks = apply(division.blocks)
            return .division(division)
        case .code, .rule, .tableOfContents, .image, .issueQuery, .raw:
            return node
        }
    }

    private func rebuild(_ node: Inline) -> Inline {
        switch node {
        case .emphasis(let content): return .emphasis(apply(content))
        case .strong(let content): return .strong(apply(content))
        case .strikethrough(let content): return .strikethrough(apply(content))
        case .underline(let content): return .underline(apply(content))
        case .superscript(let content): return .superscript(apply(content))
        case .subscript(let content): return .subscript(apply(content))
        case .link(var link):
            link.content = apply(link.content)
            return .link(link)
        case .span(var span):
            span.content = apply(span.content)
            return .span(span)
        case .text, .code, .image, .lineBreak, .softBreak, .mention, .issue, .status, .date, .emoji,
             .footnoteReference, .anchor, .placeholder, .raw:
            return node
        }
    }
}
