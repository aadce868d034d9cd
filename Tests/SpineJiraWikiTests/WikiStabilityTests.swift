// Seeded random documents full of markup characters: writing, reading, writing and reading
// again must give the same AST as the first read (the writer's output is a fixed point).

import SpineCore
import SpineJiraWiki
import XCTest

final class WikiStabilityTests: XCTestCase {
    func testWriteReadIsAFixedPoint() {
        for seed in UInt64(1)...600 {
            var generator = WikiDocumentGenerator(seed: seed)
            let blocks = (0..<6).map { _ in generator.block(depth: 2) }
            let first = JiraWikiReader().blocks(from: JiraWikiWriter().text(for: blocks).text).document.blocks
            let written = JiraWikiWriter().text(for: first).text
            let second = JiraWikiReader().blocks(from: written).document.blocks
            if first != second {
                XCTFail("seed \(seed): second round trip differs\n\(written)\nfirst:\n\(ASTFormat.dump(first))\nsecond:\n\(ASTFormat.dump(second))")
                return
            }
        }
    }
}

/// A small seeded generator of blocks and inlines that stress wiki escaping.
struct WikiDocumentGenerator {
    private var state: UInt64
    private static let words = [
        "*", "_", "-", "+", "^", "~", "??", "{", "}", "{{x}}", "[", "]", "|", "!", "\\", "\\\\", "(x)", "(/)", ":)", ";)",
        "&amp;", "&", "#", "h1.", "bq.", "----", "--", "a*b", "snake_case", "2-3", "http://e.com/a_b", "mailto:a@b.c",
        "PROJ-1", "[PROJ-2]", "{color:red}", "{code}", "日本語", "Ünïcödé", "😀", "word", "text", " ", "x!y!", "f(i)",
    ]

    init(seed: UInt64) { state = seed &* 0x9E3779B97F4A7C15 | 1 }

    private mutating func next(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(max(bound, 1)))
    }

    private mutating func text() -> String {
        (0..<(1 + next(3))).map { _ in Self.words[next(Self.words.count)] }.joined(separator: next(3) == 0 ? "" : " ")
    }

    mutating func inlines(depth: Int) -> [Inline] { (0..<(1 + next(4))).map { _ in inline(depth: depth) } }

    mutating func inline(depth: Int) -> Inline {
        switch depth <= 0 ? next(9) : next(17) {
        case 0, 1, 2: return .text(text())
        case 3: return .code(text())
        case 4: return .lineBreak
        case 5: return .mention(Mention(accountID: "5b10ac8d82e05b22cc7d4ef5", displayName: "Ada"))
        case 6: return .issue(IssueReference(key: "PROJ-" + String(1 + next(50))))
        case 7: return .emoji(Emoji(shortName: "check_mark"))
        case 8: return .image(Image(source: .attachment(AttachmentLink(fileName: "a b.png")), alt: "x, y"))
        case 9: return .strong(inlines(depth: depth - 1))
        case 10: return .emphasis(inlines(depth: depth - 1))
        case 11: return .strikethrough(inlines(depth: depth - 1))
        case 12: return .underline(inlines(depth: depth - 1))
        case 13: return next(2) == 0 ? .superscript(inlines(depth: depth - 1)) : .subscript(inlines(depth: depth - 1))
        case 14: return .link(Link(target: .url("https://e.com/?q=" + String(next(9))), content: inlines(depth: depth - 1)))
        case 15: return .span(Span(attributes: [Attribute("color", "#ff0000")], content: inlines(depth: depth - 1)))
        default: return .span(Span(attributes: [Attribute("class", "citation")], content: inlines(depth: depth - 1)))
        }
    }

    mutating func block(depth: Int) -> Block {
        switch depth <= 0 ? next(5) : next(10) {
        case 0, 1: return .paragraph(inlines(depth: 2))
        case 2: return .heading(Heading(level: 1 + next(6), content: inlines(depth: 1)))
        case 3: return .code(CodeBlock(language: next(2) == 0 ? "java" : nil, text: text() + "\n" + text()))
        case 4: return .rule
        case 5, 6:
            return .list(ListBlock(kind: next(2) == 0 ? .bullet : .ordered(start: 1), items: (0..<(1 + next(3))).map { _ in
                ListItem(blocks: [.paragraph(inlines(depth: 1))] + (next(3) == 0 ? [block(depth: depth - 1)] : []))
            }))
        case 7: return .quote([block(depth: depth - 1), block(depth: depth - 1)])
        case 8: return .panel(Panel(kind: next(2) == 0 ? .info : .custom("panel"), title: next(2) == 0 ? "T" : nil, blocks: [block(depth: depth - 1)]))
        default:
            let columns = 1 + next(3)
            return .table(Table(rows: (0..<(1 + next(3))).map { row in
                TableRow(cells: (0..<columns).map { _ in TableCell(header: row == 0, blocks: [.paragraph(inlines(depth: 1))]) })
            }))
        }
    }
}
