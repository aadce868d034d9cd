// Front matter: the YAML subset, mapping to metadata, located errors, and writing it back.

import SpineCore
import SpineMarkdown
import XCTest

final class FrontMatterTests: XCTestCase {
    func read(_ text: String) throws(SpineError) -> Document {
        try MarkdownReader().read(Array(text.utf8), options: ConversionOptions()).document
    }

    func testKeysMapToMetadataAndTheRestStaysInOrder() throws {
        let doc = try read("""
        ---
        # publisher settings
        title: "Checkout: v2 \\"beta\\""
        space: ENG
        parent: Product Requirements
        labels:
          - prd
          - 'checkout'
        status: draft
        version: 3
        ratio: 1.5
        published: false
        owner: ~
        tags: [a, "b, c", 7]
        ---
        # Body

        """)
        XCTAssertEqual(doc.metadata.title, "Checkout: v2 \"beta\"")
        XCTAssertEqual(doc.metadata.spaceKey, "ENG")
        XCTAssertEqual(doc.metadata.parent, PageReference(title: "Product Requirements"))
        XCTAssertEqual(doc.metadata.labels, ["prd", "checkout"])
        XCTAssertEqual(doc.metadata.extra, [
            Field("status", "draft"), Field("version", .number("3")), Field("ratio", .number("1.5")),
            Field("published", false), Field("owner", .null), Field("tags", ["a", "b, c", .number("7")]),
        ])
        XCTAssertEqual(doc.blocks, [.heading(Heading(level: 1, content: [.text("Body")]))])
        // written back and read again: equal
        let written = try MarkdownWriter().write(doc, options: ConversionOptions()).bytes
        XCTAssertEqual(try MarkdownReader().read(written, options: ConversionOptions()).document, doc)
    }

    func testMalformedFrontMatterIsALocatedError() {
        XCTAssertThrowsError(try read("---\ntitle: x\nnested:\n  key: value\n---\nbody\n")) { error in
            let e = error as? SpineError
            XCTAssertEqual(e?.code, "markdown.front-matter")
            XCTAssertEqual(e?.location?.line, 4)
        }
        XCTAssertThrowsError(try read("---\ntitle: \"unterminated\n---\n")) { error in
            XCTAssertEqual((error as? SpineError)?.location?.line, 2)
        }
        XCTAssertThrowsError(try read("---\ntitle: x\ndescription: |\n  block\n---\n")) { error in
            XCTAssertEqual((error as? SpineError)?.location?.line, 3)
        }
    }

    func testARuleAndSetextHeadingAreNotFrontMatter() throws {
        let doc = try read("---\nNot yaml at all\n---\n")
        XCTAssertEqual(doc.blocks, [.rule, .heading(Heading(level: 2, content: [.text("Not yaml at all")]))])
        XCTAssertTrue(doc.metadata.isEmpty)
    }

    func testFrontMatterThenBodyWithoutDiagnostics() throws {
        let result = try MarkdownReader().read(Array("---\ntitle: t\n---\n> > > x\n".utf8), options: ConversionOptions())
        XCTAssertEqual(result.document.metadata.title, "t")
        XCTAssertTrue(result.diagnostics.isEmpty)
    }

    func testSourceAndParentIDSurvive() throws {
        let doc = Document(metadata: Metadata(title: "T", parent: PageReference(id: "123", title: "P"),
                                              source: SourceInfo(format: "confluence", id: "42", url: "https://x/wiki/42", version: 7),
                                              extra: [Field("weird key!", "x"), Field("nested", ["a": 1])]),
                           blocks: [.paragraph([.text("x")])])
        let result = try MarkdownWriter().write(doc, options: ConversionOptions())
        XCTAssertEqual(Set(result.diagnostics.map(\.code)), ["markdown.front-matter-key", "markdown.front-matter-value"])
        let back = try MarkdownReader().read(result.bytes, options: ConversionOptions()).document
        XCTAssertEqual(back.metadata.parent, doc.metadata.parent)
        XCTAssertEqual(back.metadata.source, doc.metadata.source)
        XCTAssertEqual(back.metadata.extra, [Field("nested", "{\"a\":1}")])
    }
}
