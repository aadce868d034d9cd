// Golden fixtures under Fixtures/markdown/golden: Markdown → AST JSON and → HTML, plus the round trip.

import Foundation
import SpineCore
import SpineMarkdown
import SpineTestSupport
import XCTest

final class GoldenTests: XCTestCase {
    func testGoldenFixtures() throws {
        let cases = Fixtures.cases(in: "markdown/golden", inputSuffix: ".md", expectedSuffixes: [".ast.json", ".html"])
        XCTAssertGreaterThanOrEqual(cases.count, 2)
        for fixture in cases {
            let input = try fixture.inputBytes()
            let result = try MarkdownReader().read(input, options: ConversionOptions())
            let ast = ASTFormat.dump(result.document)
            let html = String(decoding: try HTMLWriter().write(result.document, options: ConversionOptions()).bytes, as: UTF8.self)
            for (suffix, actual) in [(".ast.json", ast), (".html", html)] {
                if Fixtures.isRecording {
                    try Fixtures.record(actual, to: fixture.input.deletingLastPathComponent().appendingPathComponent(fixture.name + suffix))
                    XCTFail("recorded \(fixture.name)\(suffix); review the diff and run again without SPINE_RECORD")
                    continue
                }
                guard let expected = try fixture.expectedText(suffix) else { XCTFail("missing \(fixture.name)\(suffix)"); continue }
                XCTAssertEqual(actual, expected, "\(fixture.name)\(suffix)")
            }
            // Markdown → Markdown is lossless and a fixed point.
            let written = try MarkdownWriter().write(result.document, options: ConversionOptions()).bytes
            let back = try MarkdownReader().read(written, options: ConversionOptions()).document
            XCTAssertEqual(back, result.document, "\(fixture.name) round trip:\n" + String(decoding: written, as: UTF8.self))
            XCTAssertEqual(try MarkdownWriter().write(back, options: ConversionOptions()).bytes, written, "\(fixture.name) fixed point")
        }
    }

    func testRequirementFixtureReadsAsRequirements() throws {
        let url = Fixtures.root.appendingPathComponent("markdown/golden/prd-requirements.md")
        let doc = try MarkdownReader().read(Array(try Data(contentsOf: url)), options: ConversionOptions()).document
        guard case .requirement(let epic)? = doc.blocks.last else { return XCTFail("no requirement:\n" + ASTFormat.dump(doc)) }
        XCTAssertEqual(epic.key, "IAM-40")
        XCTAssertEqual(epic.summary, "Self-service password reset")
        XCTAssertEqual(epic.statusCategory, .inProgress)
        XCTAssertEqual(epic.assignee, Person(displayName: "Jane Doe", accountID: "557058:1a2b3c"))
        XCTAssertEqual(epic.labels, ["security", "self-service"])
        XCTAssertEqual(epic.sourceURL, "https://example.atlassian.net/browse/IAM-40")
        XCTAssertEqual(epic.links, [IssueLink(type: "Relates", direction: .outward, key: "IAM-12", summary: "Audit log for account changes")])
        XCTAssertEqual(epic.fields, [Field("Story Points", .number("13")), Field("Team", "Identity & Access")])
        XCTAssertEqual(epic.description.count, 3)
        XCTAssertEqual(epic.acceptanceCriteria.count, 1)
        XCTAssertEqual(epic.children.map(\.key), ["IAM-41"])
        XCTAssertEqual(epic.children.first?.parent, "IAM-40")
    }
}
