// Bytes that are not UTF-8: replaced, and reported once with the line they start on.

import SpineCore
import SpineJiraWiki
import XCTest

final class WikiEncodingTests: XCTestCase {
    func testInvalidUTF8IsReplacedWithAWarningOnItsLine() throws {
        let input: [UInt8] = Array("h1. ok\nline ".utf8) + [0xFF] + Array(" bad\n".utf8)
        let result = try JiraWikiReader().read(input, options: ConversionOptions())
        XCTAssertEqual(result.document.blocks.last, .paragraph([.text("line \u{FFFD} bad")]))
        let warnings = result.diagnostics.filter { $0.code == "jira-wiki.invalid-utf8" }
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(warnings.first?.location?.line, 2)
    }

    func testValidTextHasNoEncodingWarning() throws {
        let result = try JiraWikiReader().read(Array("Grüße, 日本語 😀".utf8), options: ConversionOptions())
        XCTAssertFalse(result.diagnostics.contains { $0.code == "jira-wiki.invalid-utf8" })
    }
}
