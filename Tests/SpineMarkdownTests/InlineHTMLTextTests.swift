// Text between the tags of inline raw HTML is escaped on writing, delimiter checks see undefined
// footnote references and inline HTML as they read back, and leading soft breaks are dropped.

import SpineCore
import SpineMarkdown
import XCTest

final class InlineHTMLTextTests: XCTestCase {
    let options = ConversionOptions()

    func roundTrip(_ blocks: [Block]) throws -> (String, [Block]) {
        let written = try MarkdownWriter().write(Document(blocks: blocks), options: options).bytes
        return (String(decoding: written, as: UTF8.self), try MarkdownReader().read(written, options: options).document.blocks)
    }

    func testTextInsideInlineHTMLDoesNotPairWithLaterMarkup() throws {
        let (written, read) = try roundTrip([.paragraph([.raw(Raw(format: "html", content: "<kbd>`*</kbd>")), .text(" and "), .code("x")])])
        XCTAssertEqual(written, "<kbd>\\`\\*</kbd> and `x`\n")
        XCTAssertEqual(read, [.paragraph([.raw(Raw(format: "html", content: "<kbd>")), .text("`*"), .raw(Raw(format: "html", content: "</kbd>")),
                                          .text(" and "), .code("x")])])
    }

    func testTagsCommentsAndCDATAInsideInlineHTMLStayVerbatim() throws {
        let (written, _) = try roundTrip([.paragraph([.text("a "), .raw(Raw(format: "html", content: "<a title=\"x>*\"><!-- *_ --><![CDATA[[*]]></a>"))])])
        XCTAssertEqual(written, "a <a title=\"x>*\"><!-- *_ --><![CDATA[[*]]></a>\n")
    }

    func testStrongEndingInSpaceAfterInlineHTMLIsWrittenAsTags() throws {
        let mention = Inline.mention(Mention(accountID: "1", displayName: "Ada"))
        let blocks: [Block] = [.heading(Heading(level: 6, content: [.raw(Raw(format: "html", content: "<kbd>a</kbd>")), .text("b"),
                                                                 .strong([mention, .text(" ")]), .footnoteReference("9")]))]
        let (written, read) = try roundTrip(blocks)
        XCTAssertTrue(written.contains("<strong>"), written)
        guard case .heading(let heading)? = read.first else { return XCTFail(written) }
        XCTAssertEqual(Array(heading.content.suffix(2)), [.strong([mention, .text(" ")]), .text("[^9]")], written)
    }

    func testLeadingSoftBreakIsDropped() throws {
        let (written, read) = try roundTrip([.paragraph([.softBreak, .text("x"), .softBreak, .text("y")])])
        XCTAssertEqual(written, "x\ny\n")
        XCTAssertEqual(read, [.paragraph([.text("x"), .softBreak, .text("y")])])
    }

    func testFootnoteReferenceFollowedByABracketOrParenthesis() throws {
        let note = Block.footnote(Footnote(label: "7", blocks: [.paragraph([.text("note")])]))
        let link = Inline.link(Link(target: .url("https://x.example"), content: [.text("|")]))
        let (written, read) = try roundTrip([.paragraph([.footnoteReference("7"), link, .text(" "), .footnoteReference("7"), .text("(y)")]), note])
        XCTAssertEqual(read.first, .paragraph([.footnoteReference("7"), link, .text(" "), .footnoteReference("7"), .text("(y)")]), written)
    }

    func testRawInlineRightAfterCodeOrABacktickKeepsItsFormat() throws {
        let raw = Inline.raw(Raw(format: "confluence", content: "<kbd>`</kbd>"))
        let (written, read) = try roundTrip([.paragraph([.code("a"), raw, .text(" x`"), raw])])
        XCTAssertEqual(written, "<code>a</code>``<kbd>`</kbd>``{=confluence} x&#96;``<kbd>`</kbd>``{=confluence}\n")
        XCTAssertEqual(read, [.paragraph([.code("a"), raw, .text(" x`"), raw])], written)
    }
}
