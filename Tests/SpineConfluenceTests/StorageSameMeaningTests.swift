// Storage forms that other formats write differently but mean the same: they read to one AST
// form so conversions do not change documents silently (found by CrossFormatTests).

import SpineConfluence
import SpineCore
import XCTest

final class StorageSameMeaningTests: XCTestCase {
    private func read(_ storage: String) throws -> Document {
        try StorageReader().read(Array(storage.utf8), options: ConversionOptions()).document
    }

    private func write(_ document: Document, settings: [String: String] = [:]) throws -> WriteResult {
        var options = ConversionOptions()
        options.settings = settings
        return try StorageWriter().write(document, options: options)
    }

    func testEditorColourStyleReadsAsColourAndWritesBackByteForByte() throws {
        let storage = #"<p><span style="color: rgb(255,86,48);">red</span> <span style="color:red">other</span></p>"#
        let document = try read(storage)
        guard case .paragraph(let inlines) = document.blocks.first, case .span(let coloured) = inlines.first,
              case .span(let other) = inlines.last else { return XCTFail(ASTFormat.dump(document)) }
        XCTAssertEqual(coloured.attributes, [Attribute("color", "rgb(255,86,48)")])
        XCTAssertEqual(other.attributes, [Attribute("style", "color:red")], "a style in another spelling stays as it is")
        XCTAssertEqual(String(decoding: try write(document).bytes, as: UTF8.self), storage + "\n")
    }

    func testRequirementWithoutSummaryKeepsAnEmptySummary() throws {
        var requirement = Requirement(summary: "")
        requirement.key = "SHOP-92"
        let written = try write(Document(blocks: [.requirement(requirement)]))
        let text = String(decoding: written.bytes, as: UTF8.self)
        XCTAssertFalse(text.contains("SHOP-92:"), "no dangling colon: \(text)")
        guard case .requirement(let back)? = try read(text).blocks.first else { return XCTFail(text) }
        XCTAssertEqual(back.key, "SHOP-92")
        XCTAssertEqual(back.summary, "")
    }

    func testMetadataABodyCannotHoldIsReported() throws {
        var document = Document(blocks: [.paragraph([.text("x")])])
        document.metadata.title = "Spec"
        document.metadata.extra = [Field("Total", .int(5))]
        let bare = try write(document)
        let note = bare.diagnostics.first { $0.code == "storage.metadata-dropped" }
        XCTAssertEqual(note?.severity, .info)
        XCTAssertTrue(note?.message.contains("title, Total") == true, note?.message ?? "no diagnostic")
        let envelope = try write(document, settings: ["confluence.envelope": "true"])
        let envelopeNote = envelope.diagnostics.first { $0.code == "storage.metadata-dropped" }
        XCTAssertTrue(envelopeNote?.message.contains("Total") == true && envelopeNote?.message.contains("title") == false,
                      envelopeNote?.message ?? "no diagnostic")
        XCTAssertTrue(try write(Document(blocks: [.paragraph([.text("x")])])).diagnostics.isEmpty)
    }
}

/// Fuzz finding f01c…: a carriage return written into CDATA comes back as a line feed (XML
/// line-end handling), so the writer writes line feeds and a second pass gives the same bytes.
final class StorageCDATALineEndTests: XCTestCase {
    func testCarriageReturnsInCodeAreWrittenAsLineFeeds() throws {
        let document = Document(blocks: [.code(CodeBlock(language: "text", text: "a\r\nb\rc"))])
        let written = String(decoding: try StorageWriter().write(document, options: ConversionOptions()).bytes, as: UTF8.self)
        XCTAssertTrue(written.contains("<![CDATA[a\nb\nc]]>"), written)
        XCTAssertFalse(written.utf8.contains(13), written)
    }
}

/// Task ids the writer numbers in document order (a task before the ones nested in it) read
/// back as the default numbering, so nested task lists need no id-keeping wrapper.
final class StorageNestedTaskTests: XCTestCase {
    func testNestedTaskListsReadBackWithoutAWrapper() throws {
        let nested = ListBlock(kind: .bullet, items: [ListItem(task: .todo, blocks: [.paragraph([.text("API")])]),
                                                      ListItem(task: .done, blocks: [.paragraph([.text("CLI")])])])
        let outer = ListBlock(kind: .bullet, items: [ListItem(task: .todo, blocks: [.paragraph([.text("Docs")]), .list(nested)]),
                                                     ListItem(task: .done, blocks: [.paragraph([.text("Tests")])])])
        let document = Document(blocks: [.list(outer)])
        let written = try StorageWriter().write(document, options: ConversionOptions()).bytes
        let back = try StorageReader().read(written, options: ConversionOptions()).document
        XCTAssertEqual(back.blocks, document.blocks, ASTFormat.dump(back))
    }
}
