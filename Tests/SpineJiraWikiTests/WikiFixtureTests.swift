// Realistic descriptions (as Jira Data Center returns them in v2 REST) under
// Fixtures/jira-wiki/realistic: each `.wiki` is compared with its `.ast.json` dump and must
// survive wiki → AST → wiki → AST unchanged.

import Foundation
import SpineCore
import SpineJiraWiki
import SpineTestSupport
import XCTest

final class WikiFixtureTests: XCTestCase {
    func testRealisticDescriptions() throws {
        let cases = Fixtures.cases(in: "jira-wiki/realistic", inputSuffix: ".wiki", expectedSuffixes: [".ast.json"])
        XCTAssertGreaterThanOrEqual(cases.count, 3)
        for fixture in cases {
            let result = try JiraWikiReader().read(try fixture.inputBytes(), options: ConversionOptions(sourceName: fixture.name))
            let dump = ASTFormat.dump(result.document)
            if Fixtures.isRecording {
                let url = fixture.input.deletingLastPathComponent().appendingPathComponent(fixture.name + ".ast.json")
                if (try? fixture.expectedText(".ast.json")) != dump {
                    try Fixtures.record(dump, to: url)
                    XCTFail("\(fixture.name): expectation re-recorded; review the diff")
                }
                continue
            }
            let expected = try XCTUnwrap(try fixture.expectedText(".ast.json"), "\(fixture.name): missing .ast.json")
            XCTAssertEqual(dump, expected, "\(fixture.name): AST differs")
            XCTAssertTrue(result.diagnostics.isEmpty, "\(fixture.name): unexpected diagnostics \(result.diagnostics)")

            let written = try JiraWikiWriter().write(result.document, options: ConversionOptions())
            XCTAssertTrue(written.diagnostics.isEmpty, "\(fixture.name): writer reported \(written.diagnostics)")
            let again = try JiraWikiReader().read(written.bytes, options: ConversionOptions())
            XCTAssertEqual(again.document, result.document,
                           "\(fixture.name): round trip changed the AST\n\(String(decoding: written.bytes, as: UTF8.self))")
        }
    }
}
