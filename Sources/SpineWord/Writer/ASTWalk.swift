// Generic traversals of the AST: visiting every node, and flattening content to plain text.

import SpineCore

/// Visits every block and inline of a tree, depth-first in document order.
enum ASTWalk {
    /// Calls `block` for each block and `inline` for each inline under `blocks`; the content of
    /// footnote definitions for which `skipping` is true is not visited.
    static func visit(_ blocks: [Block], skipping: (Footnote) -> Bool = { _ in false }, block: (Block) -> Void, inline: (Inline) -> Void) {
        var stack: [Block] = blocks.reversed()
        while let next = stack.popLast() {
            block(next)
            var children: [Block] = []
            switch next {
            case .paragraph(let inlines): visit(inlines, inline)
            case .heading(let heading): visit(heading.content, inline)
            case .list(let list): children = list.items.flatMap(\.blocks)
            case .code, .rule, .tableOfContents, .issueQuery, .raw: break
            case .quote(let blocks): children = blocks
            case .table(let table):
                if let caption = table.caption { visit(caption, inline) }
                children = table.rows.flatMap { $0.cells.flatMap(\.blocks) }
            case .panel(let panel): children = panel.blocks
            case .expand(let expand): children = expand.blocks
            case .image(let image): inline(.image(image))
            case .requirement(let requirement): children = requirementBlocks(requirement)
            case .layout(let layout): children = layout.sections.flatMap { $0.columns.flatMap(\.blocks) }
            case .footnote(let footnote): children = skipping(footnote) ? [] : footnote.blocks
            case .division(let division): children = division.blocks
            }
            stack.append(contentsOf: children.reversed())
        }
    }

    private static func requirementBlocks(_ requirement: Requirement) -> [Block] {
        requirement.description + requirement.acceptanceCriteria + requirement.children.flatMap(requirementBlocks)
    }

    /// Calls `inline` for each inline under `inlines`, depth-first.
    static func visit(_ inlines: [Inline], _ inline: (Inline) -> Void) {
        var stack: [Inline] = inlines.reversed()
        while let next = stack.popLast() {
            inline(next)
            stack.append(contentsOf: PlainText.children(next).reversed())
        }
    }
}

/// Plain-text renderings for fallbacks (too-deep content, alt text, link text).
enum PlainText {
    /// The direct inline children of an inline.
    static func children(_ inline: Inline) -> [Inline] {
        switch inline {
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .underline(let c), .superscript(let c), .subscript(let c): return c
        case .link(let link): return link.content
        case .span(let span): return span.content
        case .text, .code, .image, .lineBreak, .softBreak, .mention, .issue, .status, .date, .emoji,
             .footnoteReference, .anchor, .placeholder, .raw: return []
        }
    }

    /// The text of `inlines` without formatting.
    static func of(_ inlines: [Inline]) -> String {
        var text = ""
        ASTWalk.visit(inlines) { inline in
            switch inline {
            case .text(let value), .code(let value), .date(let value), .placeholder(let value): text += value
            case .lineBreak: text += "\n"
            case .softBreak: text += " "
            case .image(let image): text += image.alt
            case .mention(let mention): text += "@" + (mention.displayName ?? mention.accountID)
            case .issue(let issue): text += issue.key
            case .status(let status): text += status.text
            case .emoji(let emoji): text += emoji.fallback ?? ":" + emoji.shortName + ":"
            case .footnoteReference(let label): text += "[" + label + "]"
            case .raw(let raw): text += raw.content
            case .emphasis, .strong, .strikethrough, .underline, .superscript, .subscript, .link, .span, .anchor: break
            }
        }
        return text
    }

    /// The text of a block and everything inside it, paragraphs separated by spaces.
    static func of(_ block: Block) -> String {
        var parts: [String] = []
        ASTWalk.visit([block]) { block in
            switch block {
            case .code(let code): parts.append(code.text)
            case .raw(let raw): parts.append(raw.content)
            case .requirement(let requirement): parts.append((requirement.key.map { $0 + " " } ?? "") + requirement.summary)
            case .issueQuery(let query): parts.append(query.jql)
            default: break
            }
        } inline: { _ in }
        ASTWalk.visit([block]) { block in
            switch block {
            case .paragraph(let inlines): parts.append(of(inlines))
            case .heading(let heading): parts.append(of(heading.content))
            default: break
            }
        } inline: { _ in }
        return parts.joined(separator: " ")
    }
}
