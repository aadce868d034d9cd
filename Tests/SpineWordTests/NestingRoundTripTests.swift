// Nestings the random-document property test found written in a way that read back
// differently: each document here must come back from .docx exactly as written.

import SpineCore
import SpineWord
import XCTest

final class NestingRoundTripTests: XCTestCase {
    private func roundTrip(_ blocks: [Block], file: StaticString = #filePath, line: UInt = #line) throws {
        let document = Document(blocks: blocks)
        let written = try DocxWriter().write(document, options: ConversionOptions())
        let read = try DocxReader().read(written.bytes, options: ConversionOptions()).document
        XCTAssertEqual(ASTFormat.dump(Document(blocks: read.blocks)), ASTFormat.dump(document), file: file, line: line)
    }

    private func paragraph(_ text: String) -> Block { .paragraph([.text(text)]) }
    private func bullets(_ items: [[Block]]) -> Block {
        .list(ListBlock(kind: .bullet, items: items.map { ListItem(blocks: $0) }))
    }
    private func numbered(_ items: [[Block]]) -> Block {
        .list(ListBlock(kind: .ordered(start: 1), items: items.map { ListItem(blocks: $0) }))
    }

    func testQuoteInsideQuoteStaysNested() throws {
        try roundTrip([.quote([.quote([paragraph("inner")])])])
    }

    func testRequirementInsideQuoteKeepsPlainDescription() throws {
        try roundTrip([.quote([bullets([[paragraph("item"), .requirement(Requirement(key: "PROJ-1", summary: "Reset", description: [paragraph("why")]))]])])])
    }

    func testLayoutInsideQuoteKeepsPlainCells() throws {
        try roundTrip([.quote([.layout(Layout(sections: [LayoutSection(type: "two_equal", columns: [
            LayoutColumn(blocks: [paragraph("left")]), LayoutColumn(blocks: [paragraph("right")]),
        ])]))])])
    }

    func testListInsideQuoteInsideListItemStaysWithTheItem() throws {
        try roundTrip([numbered([[paragraph("one"), .quote([numbered([[paragraph("a")], [paragraph("b")]])])], [paragraph("two")]])])
    }

    func testTopLevelQuoteWithListAfterAListIsNotPartOfIt() throws {
        try roundTrip([bullets([[paragraph("one"), .rule]]), .quote([numbered([[paragraph("quoted")]])])])
    }

    func testTableOfContentsAndLayoutInsideListItemsStayThere() throws {
        try roundTrip([bullets([[paragraph("one"), .tableOfContents(TableOfContents())], [paragraph("two"), .layout(Layout(sections: [
            LayoutSection(type: "single", columns: [LayoutColumn(blocks: [paragraph("cell")])]),
        ]))]])])
    }

    func testInnermostVerticalAlignmentWins() throws {
        let document = Document(blocks: [.paragraph([.subscript([.text("a"), .superscript([.text("b")])])])])
        let written = try DocxWriter().write(document, options: ConversionOptions())
        let read = try DocxReader().read(written.bytes, options: ConversionOptions()).document
        // Word has one vertical alignment per run, so the nested superscript is no longer also a subscript.
        XCTAssertEqual(read.blocks, [.paragraph([.subscript([.text("a")]), .superscript([.text("b")])])])
    }

    func testLinkInsideAFootnoteSurvives() throws {
        try roundTrip([.paragraph([.text("See"), .footnoteReference("1")]),
                       .footnote(Footnote(label: "1", blocks: [.paragraph([.link(Link(target: .url("https://example.com/spec"), content: [.text("the spec")]))])]))])
    }

    func testAFootnoteReferencingOnlyItselfIsKeptAsAParagraph() throws {
        let document = Document(blocks: [.paragraph([.text("Body")]), .footnote(Footnote(label: "1", blocks: [.paragraph([.text("Loop"), .footnoteReference("1")])]))])
        let written = try DocxWriter().write(document, options: ConversionOptions())
        XCTAssertTrue(written.diagnostics.contains { $0.code == "docx.footnote-unreachable" })
        let read = try DocxReader().read(written.bytes, options: ConversionOptions()).document
        XCTAssertEqual(read.blocks, [.paragraph([.text("Body")]), .paragraph([.text("[1] Loop"), .superscript([.text("[1]")])])])
    }

    func testCodeInsideALinkIsNotReadAsUnderlined() throws {
        try roundTrip([.paragraph([.link(Link(target: .url("https://example.com"), content: [.code("reset()"), .text(" docs")]))])])
    }
}
