// Helpers for the collate tests: requirements built in code and questions asked of a collated document.

import SpineCollate
import SpineCore
import SpineTestSupport
import XCTest

/// A requirement with the fields the collator reads, for tests.
func issue(_ key: String, _ type: String, parent: String? = nil, status: String = "To Do",
           category: StatusCategory? = .todo, points: Double? = nil, rank: String? = nil,
           links: [IssueLink] = [], description: [Block] = [], acceptance: [Block] = [],
           components: [String] = [], labels: [String] = [], children: [Requirement] = [],
           fields: [Field] = []) -> Requirement {
    var allFields = fields
    if let points { allFields.append(Field(Requirement.FieldName.storyPoints, .number(BlockText.number(points)))) }
    if let rank { allFields.append(Field(Requirement.FieldName.rank, .string(rank))) }
    return Requirement(key: key, summary: "Summary of \(key)", type: type, status: status, statusCategory: category,
                       labels: labels, components: components, parent: parent, links: links,
                       description: description, acceptanceCriteria: acceptance, children: children, fields: allFields)
}

enum BlockText {
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Questions the tests ask of a collated document.
struct Collated {
    let document: Document
    let diagnostics: [Diagnostic]

    init(_ requirements: [Requirement], options: CollateOptions = CollateOptions(),
         file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try Collator(options: options).collate(requirements)
        document = result.document
        diagnostics = result.diagnostics
    }

    /// Every requirement in the document, flattened.
    var requirements: [Requirement] { Collator.requirements(in: document) }

    /// Keys of the flattened requirements, in document order.
    var keys: [String] { requirements.compactMap(\.key) }

    /// Texts of the document's own headings of `level` (not those inside requirements).
    func headings(level: Int) -> [String] {
        document.blocks.compactMap { block in
            guard case .heading(let heading) = block, heading.level == level else { return nil }
            return heading.content.plainText
        }
    }

    /// The top-level blocks of the level-2 section whose heading is `title`, up to the next level-2 heading.
    func section(_ title: String) -> [Block] {
        var inside = false
        var result: [Block] = []
        for block in document.blocks {
            if case .heading(let heading) = block, heading.level == 2 {
                inside = heading.content.plainText == title
                continue
            }
            if inside { result.append(block) }
        }
        return result
    }

    /// The blocks under a level-3 `subsection` heading inside the level-2 `section`.
    func subsection(_ subsection: String, of section: String) -> [Block] {
        var inside = false
        var result: [Block] = []
        for block in self.section(section) {
            if case .heading(let heading) = block, heading.level == 3 {
                inside = heading.content.plainText == subsection
                continue
            }
            if inside { result.append(block) }
        }
        return result
    }

    /// Keys of the top-level requirement blocks of `blocks`, with their children's keys.
    static func requirementTree(_ blocks: [Block]) -> [String] {
        blocks.compactMap { block -> String? in
            guard case .requirement(let requirement) = block else { return nil }
            let children = requirement.children.compactMap(\.key)
            return (requirement.key ?? "?") + (children.isEmpty ? "" : "[" + children.joined(separator: ",") + "]")
        }
    }

    /// The plain text of `blocks`: paragraphs, table cells and list items, one line per paragraph.
    static func text(_ blocks: [Block]) -> String {
        var lines: [String] = []
        Block.visit(blocks, block: { block in
            if case .paragraph(let content) = block { lines.append(content.plainText) }
        }, inline: { _ in })
        return lines.joined(separator: "\n")
    }

    /// Table rows of the first table in `blocks` as plain-text cells.
    static func tableRows(_ blocks: [Block]) -> [[String]] {
        for block in blocks {
            guard case .table(let table) = block else { continue }
            return table.rows.map { row in row.cells.map { text($0.blocks) } }
        }
        return []
    }

    func codes(_ code: String) -> [Diagnostic] { diagnostics.filter { $0.code == code } }
}
