// Edges of wiki lines: blanks that the reader trims off each line a list item is written on,
// footnote references inside superscript, strong text that would look like a list marker.

import SpineCore
import SpineJiraWiki
import XCTest

final class WikiLineEdgeTests: XCTestCase {
    private let reader = JiraWikiReader()
    private let writer = JiraWikiWriter()

    private func roundTrip(_ blocks: [Block], file: StaticString = #filePath, line: UInt = #line) -> (text: String, back: [Block]) {
        let text = writer.text(for: blocks).text
        let back = reader.blocks(from: text).document.blocks
        guard let normalize = JiraWikiFormats.jiraWiki.normalize else {
            XCTFail("jira-wiki has no normalize", file: file, line: line)
            return (text, back)
        }
        XCTAssertEqual(normalize(Document(blocks: back)), normalize(Document(blocks: blocks)),
                       "written as \(text)\nread back \(ASTFormat.dump(Document(blocks: back)))", file: file, line: line)
        return (text, back)
    }

    func testBlanksAtTheEdgesOfAListItemsLinesAreTrimmed() {
        let item = ListItem(blocks: [.paragraph([.text("one"), .lineBreak, .softBreak]), .paragraph([.softBreak, .text(" two ")]),
                                     .code(CodeBlock(text: "three"))])
        let result = roundTrip([.list(ListBlock(kind: .bullet, items: [item]))])
        guard case .list(let list)? = result.back.first else { return XCTFail(result.text) }
        XCTAssertEqual(list.items.first?.blocks, [.paragraph([.text("one"), .lineBreak, .lineBreak, .text("two"), .lineBreak, .code("three")])],
                       result.text)
    }

    func testFootnoteReferenceInsideSuperscriptIsWrittenOnce() {
        let result = roundTrip([.paragraph([.text("x"), .superscript([.text("a "), .footnoteReference("5")])])])
        XCTAssertEqual(result.back, [.paragraph([.text("x"), .superscript([.text("a [5]")])])], result.text)
    }

    func testStrongStartingWithAHashAtALineStartIsNotAList() {
        let result = roundTrip([.paragraph([.strong([.text("# not a list")]), .text(" tail")])])
        XCTAssertEqual(result.text, "{*}# not a list{*} tail")
        XCTAssertEqual(result.back, [.paragraph([.strong([.text("# not a list")]), .text(" tail")])])
    }

    func testABreakFollowedOnlyByBlanksEndsNothing() {
        let blocks: [Block] = [.paragraph([.text("a~"), .lineBreak, .softBreak]), .rule]
        let result = roundTrip(blocks)
        XCTAssertEqual(result.text, "a\\~\\\\ \n\n----")
        XCTAssertEqual(JiraWikiFormats.jiraWiki.normalize?(Document(blocks: blocks)).blocks, [.paragraph([.text("a~")]), .rule])
    }

    func testAColourSpanThatWritesNothingIsLeftOut() {
        let result = roundTrip([.paragraph([.span(Span(attributes: [Attribute("color", "#ff0000")], content: [.placeholder("Type")])), .text("x")])])
        XCTAssertEqual(result.text, "x")
    }
}
