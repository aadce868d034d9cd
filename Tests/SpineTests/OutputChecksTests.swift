// The checks the fuzz targets run on written output catch what Confluence would refuse.

import Foundation
import SpineCore
import SpineRobustness
import XCTest

final class OutputChecksTests: XCTestCase {
    func testWellFormedStoragePasses() {
        XCTAssertNil(OutputChecks.problem(format: "confluence", Array("<p>a &amp; b</p><ac:structured-macro ac:name=\"toc\"/>".utf8)))
    }

    func testStorageThatOnlyARecoveringParserAcceptsIsFlagged() {
        XCTAssertNotNil(OutputChecks.problem(format: "confluence", Array("<p>a &nbsp; b</p>".utf8)), "HTML entity")
        XCTAssertNotNil(OutputChecks.problem(format: "confluence", Array("<p><b>x</p>".utf8)), "unclosed element")
        XCTAssertNotNil(OutputChecks.problem(format: "confluence", Array("<zz:thing/>".utf8)), "undeclared prefix")
    }

    func testFormatsWithoutChecksPass() {
        XCTAssertNil(OutputChecks.problem(format: "markdown", Array("<p><b>x</p>".utf8)))
    }
}

final class ADFOutputChecksTests: XCTestCase {
    func testValidADFPasses() {
        let doc = #"{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Hi","marks":[{"type":"strong"}]}]}]}"#
        XCTAssertNil(OutputChecks.problem(format: "adf", Array(doc.utf8)))
    }

    func testRulesTheSchemaCannotExpressAreChecked() {
        let emptyText = #"{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":""}]}]}"#
        XCTAssertNotNil(OutputChecks.problem(format: "adf", Array(emptyText.utf8)))
        let codeAndStrong = #"{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"code"},{"type":"strong"}]}]}]}"#
        XCTAssertNotNil(OutputChecks.problem(format: "adf", Array(codeAndStrong.utf8)))
    }

    func testTheSchemaIsFoundFromTheRepositoryRoot() throws {
        // The tests run with the package root as working directory, like Scripts/fuzz.sh.
        XCTAssertTrue(FileManager.default.fileExists(atPath: "Fixtures/adf/adf-schema.json"), "tests run from the package root")
        let unknownNode = #"{"version":1,"type":"doc","content":[{"type":"bogusNode"}]}"#
        XCTAssertNotNil(OutputChecks.problem(format: "adf", Array(unknownNode.utf8)))
    }
}

final class ADFInputRuleTests: XCTestCase {
    func testARuleTheInputAlreadyBrokeIsNotTheWritersFault() {
        // An unknown node travels verbatim, empty text node and all (fuzz finding e2ad709).
        let broken = #"{"version":1,"type":"doc","content":[{"type":"futureWidget","content":[{"type":"text","text":""}]}]}"#
        let carried = Document(blocks: [.raw(Raw(format: "adf", content: #"{"type":"futureWidget"}"#))])
        XCTAssertNil(OutputChecks.problem(format: "adf", Array(broken.utf8), from: carried, input: Array(broken.utf8)))
        XCTAssertNotNil(OutputChecks.problem(format: "adf", Array(broken.utf8), from: carried))
    }

    func testAnUnknownMarkCarriedOnASpanIsNotCheckedAgainstTheSchema() {
        // Fuzz finding 2bb4d9a: a mark type the schema does not know, kept verbatim.
        let output = #"{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"glow"}]}]}]}"#
        let carried = Document(blocks: [.paragraph([.span(Span(attributes: [Attribute("adf.marks", #"[{"type":"glow"}]"#)], content: [.text("x")]))])])
        XCTAssertNil(OutputChecks.problem(format: "adf", Array(output.utf8), from: carried))
        XCTAssertNotNil(OutputChecks.problem(format: "adf", Array(output.utf8), from: Document(blocks: [.paragraph([.text("x")])])))
    }
}
