// Reader rules found by fuzzing and by the Markdown round trip: unknown macros inside text,
// list tightness, space after a line break, and HTML-style `time` content.

import SpineConfluence
import SpineCore
import XCTest

final class StorageReaderRuleTests: XCTestCase {
    private func blocks(_ storage: String) throws -> [Block] {
        try StorageReader().read(Array(storage.utf8), options: ConversionOptions()).document.blocks
    }

    private func write(_ blocks: [Block]) throws -> String {
        String(decoding: try StorageWriter().write(Document(blocks: blocks), options: ConversionOptions()).bytes, as: UTF8.self)
    }

    private let unknownMacro = "<ac:structured-macro ac:name=\"jiqa\"><ac:parameter ac:name=\"key\">EXP-12</ac:parameter></ac:structured-macro>"

    // MARK: - Unknown macros

    func testUnknownMacroBetweenTextStaysInTheParagraph() throws {
        let read = try blocks("<ul><li>Export (" + unknownMacro + ")</li><li>Search</li></ul>")
        guard case .list(let list)? = read.first else { return XCTFail("\(read)") }
        XCTAssertTrue(list.tight)
        XCTAssertEqual(list.items[0].blocks, [.paragraph([.text("Export ("), .raw(Raw(format: "confluence", content: unknownMacro)), .text(")")])])
        XCTAssertEqual(try write(read), "<ul><li>Export (" + unknownMacro + ")</li><li>Search</li></ul>\n")
    }

    func testUnknownMacroAloneIsABlock() throws {
        XCTAssertEqual(try blocks("<p>a</p>" + unknownMacro), [.paragraph([.text("a")]), .raw(Raw(format: "confluence", content: unknownMacro))])
    }

    // MARK: - Lists

    func testParagraphElementsTheWriterNeedsDoNotMakeAListLoose() throws {
        // The first item needs <p> (a paragraph beside a raw block); the list stays tight, so the
        // second item is still written bare, and writing again gives the same bytes.
        let storage = "<ol><li><p>a</p>" + unknownMacro + "</li><li>b</li></ol>\n"
        let read = try blocks(storage)
        guard case .list(let list)? = read.first else { return XCTFail("\(read)") }
        XCTAssertTrue(list.tight)
        XCTAssertEqual(try write(read), storage)
        XCTAssertEqual(try write(try blocks(try write(read))), storage)
    }

    func testOwnParagraphElementsStillMakeAListLoose() throws {
        guard case .list(let list)? = try blocks("<ul><li><p>a</p></li><li>b</li></ul>").first else { return XCTFail() }
        XCTAssertFalse(list.tight)
    }

    // MARK: - Whitespace and dates

    func testSpaceAfterALineBreakIsNotContent() throws {
        XCTAssertEqual(try blocks("<p>Search<br />\n  indexing</p>"), [.paragraph([.text("Search"), .lineBreak, .text("indexing")])])
        XCTAssertEqual(try StorageCanonicalizer.canonicalText("<p>a<br />\n b</p>"), try StorageCanonicalizer.canonicalText("<p>a<br />b</p>"))
    }

    func testTimeWithItsDateAsContentIsTheDate() throws {
        XCTAssertEqual(try blocks("<p><time datetime=\"2024-06-01\">2024-06-01</time></p>"), [.paragraph([.date("2024-06-01")])])
        guard case .paragraph(let inlines)? = try blocks("<p><time datetime=\"2024-06-01\">June</time></p>").first,
              case .raw? = inlines.first else { return XCTFail("other content than the date must stay raw") }
    }

    // MARK: - HTML code blocks

    func testHTMLCodeBlockIsACodeBlockWrittenBackTheSameWay() throws {
        let storage = "<pre><code class=\"language-json\">{\"a\": 1}\n</code></pre>\n"
        let read = try blocks(storage)
        guard case .code(let code)? = read.first else { return XCTFail("\(read)") }
        XCTAssertEqual(code.language, "json")
        XCTAssertEqual(code.text, "{\"a\": 1}")
        XCTAssertEqual(try write(read), storage)
    }

    func testHTMLCodeBlockWithOtherAttributesStaysRaw() throws {
        guard case .raw? = try blocks("<pre><code class=\"x\">a</code></pre>").first else { return XCTFail("must stay raw") }
    }
}
