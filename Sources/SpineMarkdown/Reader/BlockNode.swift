// The block parser's working tree: mutable nodes that become AST blocks once the document is parsed.

import SpineCore

/// One block while the block pass runs. Leaves collect their raw text; containers collect children.
final class BlockNode {
    enum Kind {
        case document, quote, list, item, footnote
        case paragraph, heading, fencedCode, indentedCode, html, rule, table
    }

    var kind: Kind
    var children: [BlockNode] = []
    /// 1-based source line where the block starts.
    var line: Int
    var lastLineBlank = false
    /// Raw text of leaves (lines joined by `\n`).
    var content: [UInt8] = []
    /// Paragraphs: where the last line begins in `content` (for GFM table headers).
    var lastLineStart = 0
    /// Paragraphs: how many lines were added.
    var lineCount = 0

    // MARK: - List and item data
    var ordered = false
    var bulletChar: UInt8 = 0
    var delimiter: UInt8 = 0
    var start = 1
    var markerOffset = 0
    var padding = 0
    var tight = true

    // MARK: - Leaf data
    /// Heading level (1–6); setext headings set `setext`.
    var level = 0
    var fenceChar: UInt8 = 0
    var fenceLength = 0
    var fenceOffset = 0
    var info: [UInt8] = []
    var htmlType = 0
    /// Footnote label (raw).
    var label: [UInt8] = []
    /// Tables: column alignments and the rows' cell texts (first row is the header).
    var alignments: [Alignment?] = []
    var rows: [[[UInt8]]] = []

    init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// Containers that hold other blocks.
    var isContainer: Bool {
        switch kind {
        case .document, .quote, .list, .item, .footnote: return true
        case .paragraph, .heading, .fencedCode, .indentedCode, .html, .rule, .table: return false
        }
    }

    /// Whether a child of `childKind` may be added to this node.
    func canContain(_ childKind: Kind) -> Bool {
        switch kind {
        case .document, .quote, .item, .footnote: return childKind != .item
        case .list: return childKind == .item
        case .paragraph, .heading, .fencedCode, .indentedCode, .html, .rule, .table: return false
        }
    }

    /// Leaves whose lines are taken verbatim (no block starts are tried inside them).
    var acceptsRawLines: Bool {
        switch kind {
        case .fencedCode, .indentedCode, .html: return true
        default: return false
        }
    }

    /// True when the block or its last descendant list/item ended with a blank line.
    var endsWithBlankLine: Bool {
        var node: BlockNode? = self
        while let current = node {
            if current.lastLineBlank { return true }
            if current.kind == .list || current.kind == .item { node = current.children.last } else { node = nil }
        }
        return false
    }
}
