// Golden tests over Fixtures/confluence: storage → AST (checked against .ast.json), and
// storage → AST → storage equal to the input after canonicalisation.

import SpineConfluence
import SpineCore
import SpineTestSupport
import SpineXML
import XCTest

final class StorageFixtureTests: XCTestCase {
    private var cases: [Fixtures.Case] {
        Fixtures.cases(in: "confluence", inputSuffix: ".xhtml", expectedSuffixes: [".ast.json"])
    }

    func testThereAreAtLeastThirtyFixtures() {
        XCTAssertGreaterThanOrEqual(cases.count, 30)
    }

    func testEachFixtureReadsToItsExpectedAST() throws {
        var recorded: [String] = []
        for fixture in cases {
            let result = try StorageReader().read(try fixture.inputBytes(), options: ConversionOptions(sourceName: fixture.name))
            let dump = ASTFormat.dump(result.document)
            if Fixtures.isRecording {
                try Fixtures.record(dump, to: fixture.input.deletingPathExtension().appendingPathExtension("ast.json"))
                recorded.append(fixture.name)
                continue
            }
            guard let expected = try fixture.expectedText(".ast.json") else {
                XCTFail("\(fixture.name): no .ast.json expectation (run with SPINE_RECORD=1, then review)")
                continue
            }
            XCTAssertEqual(dump, expected, "\(fixture.name): AST differs")
        }
        if !recorded.isEmpty { XCTFail("recorded \(recorded.count) expectation(s); review the diff and run again without SPINE_RECORD") }
    }

    func testEachFixtureRoundTripsThroughTheAST() throws {
        for fixture in cases {
            let input = try fixture.inputBytes()
            let document = try StorageReader().read(input, options: ConversionOptions()).document
            let written = try StorageWriter().write(document, options: ConversionOptions()).bytes
            let expected = String(decoding: try StorageCanonicalizer.canonicalBytes(input), as: UTF8.self)
            let actual = String(decoding: try StorageCanonicalizer.canonicalBytes(written), as: UTF8.self)
            if expected != actual {
                XCTFail("\(fixture.name): storage → AST → storage changed the page\n--- expected\n\(expected)\n--- actual\n\(actual)")
            }
            let reread = try StorageReader().read(written, options: ConversionOptions()).document
            XCTAssertEqual(ASTFormat.dump(reread), ASTFormat.dump(document), "\(fixture.name): AST changed after writing")
        }
    }

    func testWrittenFixturesAreWellFormedForAStrictParser() throws {
        for fixture in cases {
            let document = try StorageReader().read(try fixture.inputBytes(), options: ConversionOptions()).document
            let written = try StorageWriter().write(document, options: ConversionOptions()).bytes
            // No entity pre-pass here: the writer must emit only XML's own references.
            let wrapped = Array("<r xmlns:ac=\"urn:ac\" xmlns:ri=\"urn:ri\" xmlns:at=\"urn:at\">".utf8) + written + Array("</r>".utf8)
            let parsed = try XMLTreeParser.parse(wrapped)
            XCTAssertFalse(parsed.diagnostics.contains { $0.code == "xml.namespace" }, fixture.name)
        }
    }
}
