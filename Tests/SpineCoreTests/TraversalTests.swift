// Visiting and transforming the AST.

import SpineCore
import SpineTestSupport
import XCTest

final class TraversalTests: XCTestCase {
    func testVisitReachesNestedInlinesInOrder() {
        var texts: [String] = []
        SampleDocuments.everyNodeKind.visit(inline: { inline in
            if case .text(let text) = inline { texts.append(text) }
        })
        XCTAssertEqual(texts.first, "Title")
        XCTAssertTrue(texts.contains("nested"))       // ordered list inside a bullet item
        XCTAssertTrue(texts.contains("wide"))         // table cell
        XCTAssertTrue(texts.contains("right"))        // layout column
        XCTAssertTrue(texts.contains("Link expires in 1 h")) // requirement acceptance criteria
        XCTAssertLessThan(texts.firstIndex(of: "left")!, texts.firstIndex(of: "right")!)
    }

    func testVisitSurvivesDeepNesting() {
        var block = Block.paragraph([.text("core")])
        for _ in 0..<5_000 { block = .quote([block]) }
        var count = 0
        Document(blocks: [block]).visit(block: { _ in count += 1 })
        XCTAssertEqual(count, 5_001)
    }

    func testRewritingLinksChangesOnlyTargets() {
        let transform = ASTTransform.rewritingLinks { target in
            if case .page(var page) = target, page.spaceKey == "ENG" {
                page.spaceKey = "NEW"
                return .page(page)
            }
            return target
        }
        let result = transform.apply(SampleDocuments.everyNodeKind)
        var spaces: [String?] = []
        result.visit(inline: { inline in
            if case .link(let link) = inline, case .page(let page) = link.target { spaces.append(page.spaceKey) }
        })
        XCTAssertEqual(spaces, ["NEW"])
        XCTAssertEqual(result.blocks.count, SampleDocuments.everyNodeKind.blocks.count)
    }

    func testTransformCanDropAndSplice() {
        let document = Document(blocks: [.rule, .paragraph([.text("a"), .softBreak, .text("b")]), .rule])
        let transform = ASTTransform(block: { block in block == .rule ? [] : [block] },
                                     inline: { inline in inline == .softBreak ? [.text(" ")] : [inline] })
        XCTAssertEqual(transform.apply(document).blocks, [.paragraph([.text("a"), .text(" "), .text("b")])])
    }

    func testPlainText() {
        let inlines: [Inline] = [.strong([.text("Hi")]), .softBreak, .mention(Mention(accountID: "1", displayName: "Ada")), .code("x")]
        XCTAssertEqual(inlines.plainText, "Hi @Adax")
    }
}
