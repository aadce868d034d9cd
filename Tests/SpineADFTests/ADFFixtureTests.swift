// Golden and round-trip tests over Fixtures/adf: ADF → AST dump, and ADF → AST → ADF equality.

import Foundation
import SpineADF
import SpineCore
import SpineRobustness
import SpineTestSupport
import XCTest

final class ADFFixtureTests: XCTestCase {
    private var cases: [Fixtures.Case] { Fixtures.cases(in: "adf", inputSuffix: ".adf.json", expectedSuffixes: [".ast.json"]) }

    func testFixturesExist() {
        XCTAssertGreaterThanOrEqual(cases.count, 3)
    }

    /// ADF → AST equals the checked `.ast.json` beside each fixture.
    func testReadingMatchesExpectedAST() throws {
        for fixture in cases {
            let result = try ADFReader().read(fixture.inputBytes(), options: ConversionOptions())
            let actual = ASTFormat.dump(result.document)
            let expectedURL = fixture.input.deletingLastPathComponent().appendingPathComponent(fixture.name + ".ast.json")
            if Fixtures.isRecording {
                try Fixtures.record(actual, to: expectedURL)
                XCTFail("recorded \(expectedURL.lastPathComponent); review and rerun without SPINE_RECORD")
                continue
            }
            guard let expected = try fixture.expectedText(".ast.json") else {
                XCTFail("\(fixture.name): no expected .ast.json (run with SPINE_RECORD=1 and review)")
                continue
            }
            XCTAssertEqual(actual, expected, fixture.name)
        }
    }

    /// ADF → AST → ADF gives the input back (canonical JSON), and valid input stays valid.
    func testRoundTripIsCanonicallyEqual() throws {
        for fixture in cases {
            let input = try JSONParser.parse(fixture.inputBytes())
            let read = try ADFReader().read(fixture.inputBytes(), options: ConversionOptions())
            let written = ADFWriter().document(for: read.document.blocks)
            XCTAssertEqual(ADFTest.canonical(written.value), ADFTest.canonical(input), fixture.name)
            if ADFTest.validator.errors(input).isEmpty {
                XCTAssertEqual(ADFTest.validator.errors(written.value), [], fixture.name)
                XCTAssertEqual(ADFRules.violations(written.value), [], fixture.name)
            }
        }
    }

    /// The schema validator itself: accepts the valid fixture, rejects known-bad documents.
    func testValidatorAcceptsAndRejects() throws {
        let every = try JSONParser.parse(Array(Data(contentsOf: Fixtures.root.appendingPathComponent("adf/every-node.adf.json"))))
        XCTAssertEqual(ADFTest.validator.errors(every), [])
        let unknown = try JSONParser.parse(Array(Data(contentsOf: Fixtures.root.appendingPathComponent("adf/unknown-nodes.adf.json"))))
        XCTAssertFalse(ADFTest.validator.errors(unknown).isEmpty)
        let bad: [String] = [
            #"{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":""}]}]}"#,
            #"{"version":1,"type":"doc","content":[{"type":"heading","attrs":{"level":7},"content":[]}]}"#,
            #"{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"code"},{"type":"strong"}]}]}]}"#,
            #"{"version":1,"type":"doc","content":[{"type":"table","content":[{"type":"tableRow","content":[{"type":"tableCell","content":[]}]}]}]}"#,
            #"{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"textColor","attrs":{"color":"red"}}]}]}]}"#,
            #"{"version":2,"type":"doc","content":[]}"#,
        ]
        for text in bad {
            XCTAssertFalse(ADFTest.validator.errors(try JSONParser.parse(text)).isEmpty, text)
        }
    }
}
