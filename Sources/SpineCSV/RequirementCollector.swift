// Finds the requirements in a document and flattens their hierarchy into rows, parents first.

import SpineCore
import SpineJiraWiki

/// The requirements of a document as CSV rows: depth first, every parent before its children,
/// a nested child's `parent` set to its enclosing requirement's key. Requirements are found
/// anywhere in the block tree (inside sections, panels, expands, lists…).
struct RequirementCollector {
    /// Requirements in row order; `children` emptied.
    private(set) var rows: [Requirement] = []
    /// For each row, the row of its enclosing requirement (for parents that have no key).
    private(set) var enclosingRow: [Int?] = []
    /// Top-level blocks that hold no requirement (what a requirements-only format drops).
    private(set) var otherBlocks = 0

    /// Deeper nesting than this is not searched (inputs are bounded by their readers anyway).
    private static let maximumDepth = 256

    init(document: Document) {
        for block in document.blocks {
            let before = rows.count
            collect(block, enclosing: nil, depth: 0)
            if rows.count == before { otherBlocks += 1 }
        }
    }

    // MARK: - Walking

    private mutating func collect(_ block: Block, enclosing: Int?, depth: Int) {
        guard depth < Self.maximumDepth else { return }
        switch block {
        case .requirement(let requirement): add(requirement, enclosing: enclosing, depth: depth)
        case .quote(let blocks): collect(blocks, enclosing, depth)
        case .list(let list): for item in list.items { collect(item.blocks, enclosing, depth) }
        case .panel(let panel): collect(panel.blocks, enclosing, depth)
        case .expand(let expand): collect(expand.blocks, enclosing, depth)
        case .layout(let layout):
            for section in layout.sections { for column in section.columns { collect(column.blocks, enclosing, depth) } }
        case .footnote(let footnote): collect(footnote.blocks, enclosing, depth)
        case .division(let division): collect(division.blocks, enclosing, depth)
        case .table(let table):
            for row in table.rows { for cell in row.cells { collect(cell.blocks, enclosing, depth) } }
        case .paragraph, .heading, .code, .rule, .tableOfContents, .image, .issueQuery, .raw:
            break
        }
    }

    private mutating func collect(_ blocks: [Block], _ enclosing: Int?, _ depth: Int) {
        for block in blocks { collect(block, enclosing: enclosing, depth: depth + 1) }
    }

    private mutating func add(_ requirement: Requirement, enclosing: Int?, depth: Int) {
        var row = requirement
        row.children = []
        if row.parent == nil, let enclosing { row.parent = rows[enclosing].key }
        let index = rows.count
        rows.append(row)
        enclosingRow.append(enclosing)
        for child in requirement.children { add(child, enclosing: index, depth: depth + 1) }
    }

    // MARK: - A document without requirements

    /// One requirement standing for the whole document: its title as summary, its body as the
    /// description. Used so that `-t jira-csv` on a plain document still gives an importable row.
    static func documentAsRequirement(_ document: Document) -> Requirement {
        var requirement = Requirement(summary: document.metadata.title ?? "Untitled document")
        requirement.description = document.blocks
        requirement.labels = document.metadata.labels
        return requirement
    }
}
