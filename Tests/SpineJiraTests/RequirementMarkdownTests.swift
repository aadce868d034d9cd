// The Markdown writer's direct requirement rendering against the block-built rendering it
// replaced (kept here as the reference): same bytes and diagnostics for awkward field values.

import SpineCore
import SpineRobustness
@testable import SpineMarkdown
import XCTest

final class RequirementMarkdownTests: XCTestCase {
    /// Strings that hit every escaping rule, the Character-level checks and the fallbacks.
    static let awkward: [String] = [
        "", "plain", "In Progress", " leading", "trailing ", "\tTab", "in\tside", "two  spaces", "\u{A0}nbsp", "nbsp\u{A0}",
        "line\nbreak", "cr\rret", "crlf\r\nmixed", "\r\n", "space \u{301}combining", "  \u{301}", "*star*", "_under_", "snake_case",
        "a_", "`tick`", "``", "[link](x)", "[x]", "<b>", "a & b", "&amp;", "&#10;", "bang!", "!", "a|b", "x@y.example", "www.example.com",
        "see http://x.example", "HTTPS://Y", "ftp://z", "{=html}", "~strike~", "\\back", "#1", "1. one", "- item", "> quote", "=",
        ":---:", "| a |", "\u{0}nul", "nul\u{0}", "Σ Time spent", "日本語", "😀 emoji", "\u{2003}em space", "value:", "http:", "x:",
        "(paren)", "customfield_10050", "Story Points", "0|i00000:", "SHOP-1", "a\u{0}\u{0}b",
    ]

    func testDirectRenderingMatchesTheBlockRendering() {
        var random = SeededRandom(seed: 7)
        var failures = 0
        for round in 0..<400 {
            let requirement = Self.requirement(&random, depth: 2)
            let document = Document(blocks: round % 3 == 0 ? [.heading(Heading(level: 3, content: [.text("Section")])), .requirement(requirement)]
                                                           : [.requirement(requirement)])
            var direct = MarkdownRenderer()
            var reference = MarkdownRenderer()
            let directBytes = direct.blocks(document.blocks, tight: false)
            let referenceBytes = Self.referenceBlocks(document.blocks, renderer: &reference)
            if directBytes != referenceBytes || direct.diagnostics != reference.diagnostics {
                failures += 1
                if failures <= 3 {
                    XCTFail("round \(round): direct and block rendering differ\n--- direct\n\(String(decoding: directBytes, as: UTF8.self))\n--- blocks\n\(String(decoding: referenceBytes, as: UTF8.self))\n--- diagnostics\n\(direct.diagnostics)\n\(reference.diagnostics)")
                }
            }
        }
        XCTAssertEqual(failures, 0)
    }

    func testSafeTextFollowsCharacterComparison() {
        // `\r\n` is one Character, neither "\n" nor "\r"; a space with a combining mark is not " ".
        for text in Self.awkward {
            XCTAssertEqual(RequirementValues.isSafeText(text), RequirementValues.isSafeTextByCharacters(text), "\(Array(text.unicodeScalars))")
        }
        XCTAssertTrue(RequirementValues.isSafeText("crlf\r\nmixed"))
        XCTAssertFalse(RequirementValues.isSafeText("line\nbreak"))
        XCTAssertTrue(RequirementValues.isSafeText("x  \u{301}y"))
    }

    // MARK: - Random requirements

    static func requirement(_ random: inout SeededRandom, depth: Int) -> Requirement {
        func pick() -> String { awkward[random.below(awkward.count)] }
        func maybe() -> String? { random.below(3) == 0 ? nil : pick() }
        var requirement = Requirement(key: random.below(4) == 0 ? nil : (random.below(3) == 0 ? pick() : "SHOP-" + String(random.below(99))),
                                      summary: pick())
        requirement.type = maybe()
        requirement.status = maybe()
        requirement.statusCategory = random.below(2) == 0 ? .inProgress : nil
        requirement.priority = maybe()
        if random.below(2) == 0 { requirement.assignee = Person(displayName: maybe(), accountID: maybe(), email: maybe()) }
        if random.below(3) == 0 { requirement.reporter = Person(displayName: maybe(), accountID: maybe()) }
        requirement.labels = (0..<random.below(3)).map { _ in pick() }
        requirement.components = (0..<random.below(2)).map { _ in pick() }
        requirement.fixVersions = random.below(4) == 0 ? ["[" + pick()] : []
        requirement.parent = maybe()
        requirement.sourceURL = maybe()
        if random.below(3) == 0 {
            requirement.links = (0..<(1 + random.below(2))).map { _ in
                IssueLink(type: pick(), direction: .outward, description: maybe(), key: pick(), summary: maybe(), status: maybe())
            }
        }
        if random.below(2) == 0 {
            let values: [JSONValue] = [.string(pick()), .int(3), .array([.string(pick())]), ["key": .string(pick())], .null, .bool(true)]
            requirement.fields = (0..<(1 + random.below(3))).map { _ in Field(pick(), values[random.below(values.count)]) }
        }
        let descriptions: [[Block]] = [[], [.paragraph([.text(pick())])], [.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("a")])])]))],
                                       [.paragraph([])], [.heading(Heading(level: 2, content: [.strong([.text(pick())])]))]]
        requirement.description = descriptions[random.below(descriptions.count)]
        requirement.acceptanceCriteria = descriptions[random.below(descriptions.count)]
        if depth > 0, random.below(3) == 0 { requirement.children = [Self.requirement(&random, depth: depth - 1)] }
        return requirement
    }

    // MARK: - Reference: requirements as blocks (the former rendering)

    static func referenceBlocks(_ blocks: [Block], renderer: inout MarkdownRenderer) -> [UInt8] {
        var out: [UInt8] = []
        for (index, block) in blocks.enumerated() {
            if index > 0 { out += Array("\n\n".utf8) }
            if case .requirement(let requirement) = block {
                out += referenceRequirement(requirement, renderer: &renderer)
            } else {
                out += renderer.block(block, afterParagraphInTightList: false)
            }
        }
        return out
    }

    static func referenceRequirement(_ requirement: Requirement, renderer: inout MarkdownRenderer) -> [UInt8] {
        func marker(_ name: String, _ attributes: [Attribute] = []) -> Block {
            .raw(Raw(format: "html", content: BlockConventions.comment(name, attributes)))
        }
        func fieldItem(_ name: String, _ value: [Inline]) -> ListItem {
            ListItem(blocks: [.paragraph([.strong([.text(name + ":")]), .text(" ")] + value)])
        }
        var parts: [Block] = [marker("requirement", requirement.key.map { [Attribute("key", $0)] } ?? [])]
        let summarySafe = RequirementValues.isSafeTextByCharacters(requirement.summary)
        let shown = summarySafe ? requirement.summary : requirement.summary.replacingAll("\n", " ").trimmingSpaces
        let title = (requirement.key.map { $0 + ": " } ?? "") + shown
        let enclosingLevel = renderer.sectionLevel
        let level = min(max(enclosingLevel, 1) + 1, 6)
        parts.append(.heading(Heading(level: level, content: title.isEmpty ? [] : [.text(title)])))
        var items: [ListItem] = []
        if !summarySafe { items.append(fieldItem(RequirementFields.summary, RequirementValues.string(requirement.summary))) }
        for (name, value) in RequirementFields.scalarFields(requirement) { items.append(fieldItem(name, RequirementValues.string(value))) }
        for (name, values) in RequirementFields.listFields(requirement) { items.append(fieldItem(name, RequirementValues.list(values))) }
        if !requirement.links.isEmpty {
            let links = requirement.links.map { ListItem(blocks: [.paragraph(RequirementValues.link($0))]) }
            items.append(ListItem(blocks: [.paragraph([.strong([.text(RequirementFields.links + ":")])]), .list(ListBlock(kind: .bullet, tight: true, items: links))]))
        }
        if !requirement.fields.isEmpty {
            let fields = requirement.fields.map { fieldItem($0.key, RequirementValues.json($0.value)) }
            items.append(ListItem(blocks: [.paragraph([.strong([.text(RequirementFields.fields + ":")])]), .list(ListBlock(kind: .bullet, tight: true, items: fields))]))
        }
        if !items.isEmpty { parts.append(.list(ListBlock(kind: .bullet, tight: true, items: items))) }
        if !requirement.description.isEmpty {
            parts.append(marker("description"))
            parts += requirement.description
        }
        if !requirement.acceptanceCriteria.isEmpty {
            parts.append(marker("acceptance-criteria"))
            parts.append(.paragraph([.strong([.text(RequirementReader.acceptanceLabel)])]))
            parts += requirement.acceptanceCriteria
        }
        var out = renderer.blocks(parts, tight: false)
        if !requirement.children.isEmpty {
            out += Array(("\n\n" + BlockConventions.comment("children")).utf8)
            for child in requirement.children {
                renderer.sectionLevel = level
                out += Array("\n\n".utf8) + referenceRequirement(child, renderer: &renderer)
            }
        }
        out += Array(("\n\n" + BlockConventions.comment("/requirement")).utf8)
        renderer.sectionLevel = enclosingLevel
        return out
    }
}
