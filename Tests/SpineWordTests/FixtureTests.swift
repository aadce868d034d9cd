// Golden tests: documents made by LibreOffice, pandoc, python-docx (Word's template) and Word read to the expected AST.

import Foundation
import SpineCore
import SpineTestSupport
import SpineWord
import XCTest

final class FixtureTests: XCTestCase {
    /// Every `Fixtures/word/**/*.docx` (and Flat OPC `*.flat.xml`) beside a `.ast.json` must read to exactly that AST.
    func testPackagesReadToTheExpectedAST() throws {
        let cases = Fixtures.cases(in: "word", inputSuffix: ".docx", expectedSuffixes: [".ast.json"])
            + Fixtures.cases(in: "word", inputSuffix: ".flat.xml", expectedSuffixes: [".ast.json"])
        XCTAssertGreaterThanOrEqual(cases.count, 4, "fixtures missing")
        for fixture in cases {
            let reader: any FormatReader = fixture.input.path.hasSuffix(".docx") ? DocxReader() : FlatOPCReader()
            // The sites the fixtures link into: their issue and page links read as references.
            let options = ConversionOptions(sourceName: fixture.input.lastPathComponent,
                                            settings: ["docx.jira-url": "https://jira.example.com", "docx.confluence-url": "https://wiki.example.com"])
            let result = try reader.read(fixture.inputBytes(), options: options)
            let actual = ASTFormat.dump(result.document)
            if Fixtures.isRecording {
                try Fixtures.record(actual, to: fixture.input.deletingLastPathComponent().appendingPathComponent(fixture.name + ".ast.json"))
                XCTFail("recorded \(fixture.name).ast.json; review it and run again without SPINE_RECORD")
                continue
            }
            guard let expected = try fixture.expectedText(".ast.json") else {
                XCTFail("\(fixture.name): no .ast.json beside it (record with SPINE_RECORD=1)")
                continue
            }
            XCTAssertEqual(actual, expected, "\(fixture.name) reads differently")
        }
    }
}
