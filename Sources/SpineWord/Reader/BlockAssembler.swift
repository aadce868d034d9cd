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

    private(set) var blocks: [Block] = []
    private var lists: [OpenList] = []
    private var mergeable: Mergeable?

    var hasOpenList: Bool { !lists.isEmpty }

    /// Indentations closer than this are the same nesting level.
    private static let tolerance = 180

    /// Adds a list item paragraph whose text is indented `position` twips, of instance `numID`.
    mutating func addItem(numID: Int, position level: Int, kind: ListBlock.Kind, loose: Bool, item: ListItem) {
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
        if let merge, merge == mergeable, let last = blocks.last {
            switch (last, block) {
            case (.quote(let previous), .quote(let more)):
                blocks[blocks.count - 1] = .quote(previous + more)
                return
            case (.code(var previous), .code(let more)):
                previous.text += "\n" + more.text
                blocks[blocks.count - 1] = .code(previous)
                return
            default: break
            }
        }
        blocks.append(block)
        mergeable = merge
    }

    /// Replaces the last top-level block (a caption paragraph absorbed by the following table).
    mutating func removeLastIf(_ predicate: (Block) -> Bool) -> Block? {
        guard lists.isEmpty, let last = blocks.last, predicate(last) else { return nil }
        return blocks.removeLast()
    }

    mutating func closeAll() {
        while !lists.isEmpty { closeTop() }
    }

    private mutating func closeTop() {
        guard let list = lists.popLast() else { return }
        let block = Block.list(ListBlock(kind: list.kind, tight: !list.loose, items: list.items))
        if lists.isEmpty {
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
        return blocks
    }
}
