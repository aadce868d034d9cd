// Rebuilds nested lists (and groups quote/code paragraphs) from Word's flat paragraph sequence.

import SpineCore

/// Collects blocks in order. Numbered paragraphs open, continue and nest lists by their text
/// indentation (which follows `ilvl` within one list, and also orders different lists, as Word's
/// "List Bullet 2" styles need); indented paragraphs continue the item they line up with;
/// anything else closes the lists.
struct BlockAssembler {
    private struct OpenList {
        var numID: Int
        /// Text indentation of the list's items in twips: its nesting position.
        var level: Int
        var kind: ListBlock.Kind
        var loose: Bool
        var items: [ListItem]
    }

    /// What the previous top-level block may absorb (consecutive quote or code paragraphs).
    enum Mergeable { case quote, code }

    private var blocks: [Block] = []
    private var lists: [OpenList] = []
    private var mergeable: Mergeable?
    /// A quote or code block still absorbing paragraphs, kept out of `blocks` so merging stays linear.
    private var pendingQuote: [Block] = []
    private var pendingCode: CodeBlock?

    /// The number of top-level blocks so far.
    var count: Int { blocks.count + (pendingQuote.isEmpty ? 0 : 1) + (pendingCode == nil ? 0 : 1) }

    /// The last top-level block, if no list is open.
    var lastBlock: Block? {
        if let pendingCode { return .code(pendingCode) }
        if !pendingQuote.isEmpty { return .quote(pendingQuote) }
        return blocks.last
    }

    private mutating func flushPending() {
        if let code = pendingCode { blocks.append(.code(code)); pendingCode = nil }
        if !pendingQuote.isEmpty { blocks.append(.quote(pendingQuote)); pendingQuote = [] }
    }

    var hasOpenList: Bool { !lists.isEmpty }

    /// Indentations closer than this are the same nesting level.
    private static let tolerance = 180

    /// Adds a list item paragraph whose text is indented `position` twips, of instance `numID`.
    mutating func addItem(numID: Int, position level: Int, kind: ListBlock.Kind, loose: Bool, item: ListItem) {
        if lists.isEmpty { flushPending() }
        mergeable = nil
        while let top = lists.last, top.level > level + Self.tolerance { closeTop() }
        if let top = lists.last, abs(top.level - level) <= Self.tolerance, top.numID != numID || !Self.sameKind(top.kind, kind) { closeTop() }
        if let top = lists.last, abs(top.level - level) <= Self.tolerance {
            lists[lists.count - 1].items.append(item)
            if loose { lists[lists.count - 1].loose = true }
            return
        }
        if let top = lists.last, top.items.isEmpty {
            lists[lists.count - 1].items.append(ListItem(blocks: []))
        }
        lists.append(OpenList(numID: numID, level: level, kind: kind, loose: loose, items: [item]))
    }

    private static func sameKind(_ a: ListBlock.Kind, _ b: ListBlock.Kind) -> Bool {
        switch (a, b) {
        case (.bullet, .bullet), (.ordered, .ordered): return true
        default: return false
        }
    }

    /// The list position a block indented by `indent` twips continues, if any.
    func continuationLevel(indent: Int?, listStyled: Bool) -> Int? {
        guard let deepest = lists.last else { return nil }
        if let indent, indent >= 360 { return indent }
        return listStyled ? deepest.level : nil
    }

    /// Adds a block: into the open list item it continues (`continuing` level), or at top level.
    mutating func add(_ block: Block, continuing level: Int?, merge: Mergeable? = nil) {
        if let level, !lists.isEmpty {
            while let top = lists.last, top.level > level + Self.tolerance, lists.count > 1 { closeTop() }
            let index = lists.count - 1
            if lists[index].items.isEmpty { lists[index].items.append(ListItem(blocks: [])) }
            lists[index].items[lists[index].items.count - 1].blocks.append(block)
            mergeable = nil
            return
        }
        closeAll()
        switch (merge, block) {
        case (.quote?, .quote(let more)):
            if mergeable != .quote { flushPending() }
            pendingQuote += more
            mergeable = .quote
        case (.code?, .code(let more)):
            if mergeable == .code, var code = pendingCode {
                pendingCode = nil   // keep the string uniquely referenced while appending
                code.text += "\n" + more.text
                pendingCode = code
            } else {
                flushPending()
                pendingCode = more
            }
            mergeable = .code
        default:
            flushPending()
            blocks.append(block)
            mergeable = nil
        }
    }

    /// Stops the previous quote or code block from absorbing what follows (an empty paragraph separates them).
    mutating func breakMerge() {
        mergeable = nil
    }

    /// Replaces the last top-level block (a caption paragraph absorbed by the following table).
    mutating func removeLastIf(_ predicate: (Block) -> Bool) -> Block? {
        flushPending()
        mergeable = nil
        guard lists.isEmpty, let last = blocks.last, predicate(last) else { return nil }
        return blocks.removeLast()
    }

    mutating func closeAll() {
        if !lists.isEmpty { flushPending(); mergeable = nil }
        while !lists.isEmpty { closeTop() }
    }

    private mutating func closeTop() {
        guard let list = lists.popLast() else { return }
        let block = Block.list(ListBlock(kind: list.kind, tight: !list.loose, items: list.items))
        if lists.isEmpty {
            flushPending()
            blocks.append(block)
            mergeable = nil
        } else {
            let index = lists.count - 1
            if lists[index].items.isEmpty { lists[index].items.append(ListItem(blocks: [])) }
            lists[index].items[lists[index].items.count - 1].blocks.append(block)
        }
    }

    /// All blocks, lists closed.
    mutating func finish() -> [Block] {
        closeAll()
        flushPending()
        return blocks
    }
}
