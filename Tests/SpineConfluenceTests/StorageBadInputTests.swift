// Bad and hostile input: every case ends in a located error or a documented recovery with a warning.

import SpineConfluence
import SpineCore
import XCTest

final class StorageBadInputTests: XCTestCase {
    private func read(_ text: String, settings: [String: String] = [:]) throws -> ReadResult {
        try StorageReader().read(Array(text.utf8), options: ConversionOptions(settings: settings))
    }

    private func readBytes(_ bytes: [UInt8]) throws -> ReadResult {
        try StorageReader().read(bytes, options: ConversionOptions())
    }

    private func assertError(_ text: String, code: String, line: Int, file: StaticString = #filePath, lineNumber: UInt = #line) {
        XCTAssertThrowsError(try read(text), file: file, line: lineNumber) { error in
            let error = error as? SpineError
            XCTAssertEqual(error?.code, code, file: file, line: lineNumber)
            XCTAssertEqual(error?.location?.line, line, "\(String(describing: error))", file: file, line: lineNumber)
        }
    }

    // MARK: - Malformed markup

    func testUnclosedTagIsALocatedError() {
        assertError("<p>one</p>\n<p>two <strong>bold</p>\n<p>three</p>", code: "storage.malformed", line: 2)
    }

    func testStrayCloseTagIsALocatedError() {
        assertError("<p>one</p>\n\n<p>line<br></br></p></br>", code: "storage.malformed", line: 3)
    }

    func testUnclosedTagsRecoverWhenAskedWithWarnings() throws {
        let result = try read("<p>one <strong>two</p><p>three", settings: ["confluence.recover": "true"])
        XCTAssertTrue(result.diagnostics.contains { $0.code == "xml.recovered" && $0.severity == .warning })
        let written = String(decoding: try StorageWriter().write(result.document, options: ConversionOptions()).bytes, as: UTF8.self)
        XCTAssertTrue(written.contains("three"), written)
        XCTAssertTrue(written.contains("<strong>two</strong>"), written)
    }

    func testColumnsCountFromTheUsersFirstLine() {
        // The synthetic root is on line 1 too: the column must still be the user's.
        XCTAssertThrowsError(try read("<p>ok</p><p>bad</x>")) { error in
            let location = (error as? SpineError)?.location
            XCTAssertEqual(location?.line, 1)
            XCTAssertEqual(location?.column, 20, "libxml2 reports the position after the bad end tag")
        }
    }

    // MARK: - Entities and ampersands

    func testStrayAmpersandIsKeptAsTextWithAWarning() throws {
        let result = try read("<p>Fish & chips &amp; peas &#38; R&D</p>")
        XCTAssertEqual(result.document.blocks, [.paragraph([.text("Fish & chips & peas & R&D")])])
        let strays = result.diagnostics.filter { $0.code == "storage.stray-ampersand" }
        XCTAssertEqual(strays.count, 2)
        XCTAssertEqual(strays.first?.location?.column, 9)
    }

    func testUnknownEntityIsKeptAsTextWithAWarning() throws {
        let result = try read("<p>a &bogus; b</p>")
        XCTAssertEqual(result.document.blocks, [.paragraph([.text("a &bogus; b")])])
        XCTAssertTrue(result.diagnostics.contains { $0.code == "storage.unknown-entity" })
    }

    func testEveryHTMLEntityKindIsTranslated() throws {
        let result = try read("<p title=\"&eacute;\">&nbsp;&mdash;&rsquo;&hellip;&uuml;&NotEqualTilde;&#x1F600;&#169;</p>")
        XCTAssertEqual(result.document.blocks.first.map { ASTFormat.dump([$0]) }?.contains("\u{A0}—’…ü≂̸😀©"), true)
        XCTAssertTrue(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    func testEntitiesInsideCDATAAndCommentsStayLiteral() throws {
        let text = "<ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[a &nbsp; & b]]></ac:plain-text-body></ac:structured-macro><!-- &bogus; -->"
        let result = try read(text)
        XCTAssertEqual(result.document.blocks.first, .code(CodeBlock(text: "a &nbsp; & b")))
        XCTAssertFalse(result.diagnostics.contains { $0.code.hasPrefix("storage.stray") || $0.code == "storage.unknown-entity" })
    }

    // MARK: - Prefixes, BOM, encoding

    func testUndeclaredPrefixIsAWarningAndTheElementIsKeptRaw() throws {
        let result = try read("<p>Word paste<o:p>x</o:p></p>")
        XCTAssertTrue(result.diagnostics.contains { $0.code == "storage.undeclared-prefix" && $0.location?.line == 1 })
        XCTAssertEqual(result.document.blocks, [.paragraph([.text("Word paste"), .raw(Raw(format: "confluence", content: "<o:p>x</o:p>"))])])
    }

    func testByteOrderMarkIsRemovedWithANote() throws {
        let result = try readBytes([0xEF, 0xBB, 0xBF] + Array("<p>hi</p>".utf8))
        XCTAssertEqual(result.document.blocks, [.paragraph([.text("hi")])])
        XCTAssertTrue(result.diagnostics.contains { $0.code == "storage.bom-removed" })
    }

    func testUTF16IsRefused() {
        XCTAssertThrowsError(try readBytes([0xFF, 0xFE, 0x3C, 0x00])) { error in
            XCTAssertEqual((error as? SpineError)?.code, "storage.encoding")
        }
    }

    func testInvalidUTF8IsALocatedError() {
        XCTAssertThrowsError(try readBytes(Array("<p>ok</p>\n<p>bad ".utf8) + [0xC3, 0x28] + Array("</p>".utf8))) { error in
            XCTAssertEqual((error as? SpineError)?.code, "storage.malformed")
            XCTAssertEqual((error as? SpineError)?.location?.line, 2)
        }
    }

    func testXMLDeclarationIsIgnoredWithANote() throws {
        let result = try read("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<p>x</p>")
        XCTAssertEqual(result.document.blocks, [.paragraph([.text("x")])])
        XCTAssertTrue(result.diagnostics.contains { $0.code == "storage.xml-declaration" })
    }

    // MARK: - Hostile input

    func testExternalEntityIsNotResolved() {
        let text = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<p>&e;</p>"
        XCTAssertThrowsError(try read(text)) { error in
            XCTAssertEqual((error as? SpineError)?.code, "storage.doctype")
            XCTAssertEqual((error as? SpineError)?.location?.line, 1)
        }
    }

    func testEntityExpansionBombIsRefusedQuickly() {
        var text = "<p>intro</p>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for level in 1...9 {
            text += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        text += "]><p>&lol9;</p>"
        XCTAssertThrowsError(try read(text)) { error in
            XCTAssertEqual((error as? SpineError)?.code, "storage.doctype")
            XCTAssertEqual((error as? SpineError)?.location?.line, 2)
        }
    }

    func testEntityDeclarationWithoutDoctypeIsRefused() {
        XCTAssertThrowsError(try read("<p>x</p><!ENTITY e \"y\">")) { error in
            XCTAssertEqual((error as? SpineError)?.code, "storage.doctype")
        }
    }

    func testDeepNestingIsRefusedNotCrashed() {
        let text = String(repeating: "<blockquote>", count: 5000) + String(repeating: "</blockquote>", count: 5000)
        XCTAssertThrowsError(try read(text)) { error in
            XCTAssertEqual((error as? SpineError)?.code, "xml.too-deep")
        }
    }

    func testLongAmpersandRunsStayLinear() throws {
        let text = "<p>" + String(repeating: "&", count: 200_000) + "</p>"
        let result = try read(text)
        XCTAssertEqual(result.diagnostics.filter { $0.code == "storage.stray-ampersand" }.count, 200_000)
    }
}

extension Array where Element == Block {
    /// True when any paragraph's plain text contains `text`.
    func plainTextContains(_ text: String) -> Bool {
        contains { block in
            if case .paragraph(let inlines) = block { return inlines.plainText.contains(text) }
            return false
        }
    }
}
