// Golden tests over Fixtures/jira: each response → the checked `.ast.json` and `.md` beside it.

import Foundation
import SpineADF
import SpineCore
import SpineJira
import SpineMarkdown
import SpineTestSupport
import XCTest

final class JiraFixtureTests: XCTestCase {
    func testFixturesExist() {
        XCTAssertGreaterThanOrEqual(JiraTest.cases.count, 6)
    }

    func testReadingMatchesExpectedAST() throws {
        for fixture in JiraTest.cases {
            let result = try JiraReader().read(fixture.inputBytes(), options: JiraTest.options(for: fixture))
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

    /// What users compare: every response written as Markdown equals the reviewed `<name>.md`.
    func testMarkdownMatchesExpected() throws {
        var compared = 0
        for fixture in JiraTest.cases {
            let read = try JiraReader().read(fixture.inputBytes(), options: JiraTest.options(for: fixture))
            let written = try MarkdownWriter().write(read.document, options: ConversionOptions())
            let actual = String(decoding: written.bytes, as: UTF8.self)
            let expectedURL = fixture.input.deletingLastPathComponent().appendingPathComponent(fixture.name + ".md")
            if Fixtures.isRecording {
                try Fixtures.record(actual, to: expectedURL)
                XCTFail("recorded \(expectedURL.lastPathComponent); review and rerun without SPINE_RECORD")
                continue
            }
            guard let expected = try fixture.expectedText(".md") else {
                XCTFail("\(fixture.name): no expected .md (run with SPINE_RECORD=1 and review)")
                continue
            }
            XCTAssertEqual(actual, expected, fixture.name)
            compared += 1
        }
        XCTAssertEqual(compared, JiraTest.cases.count)
    }

    /// Every ADF rich-text field in the v3 fixtures survives ADF → AST → ADF (canonical JSON).
    func testADFFieldsRoundTrip() throws {
        var checked = 0
        for name in ["epic-v3", "issue-every-adf-node", "search-jql-pages"] {
            guard let fixture = JiraTest.cases.first(where: { $0.name == name }) else { return XCTFail("missing \(name)") }
            let root = try JSONParser.parse(fixture.inputBytes())
            var issues: [JSONValue] = root["issues"]?.arrayValue ?? root.arrayValue?.flatMap { $0["issues"]?.arrayValue ?? [$0] } ?? [root]
            if root["fields"] != nil { issues = [root] }
            for issue in issues {
                for member in issue["fields"]?.objectValue?.members ?? [] where member.value["type"] == "doc" {
                    let read = try ADFReader().blocks(from: member.value, path: "$")
                    let written = ADFWriter().document(for: read.blocks).value
                    XCTAssertEqual(JiraTest.canonical(written), JiraTest.canonical(member.value), "\(name) \(issue["key"] ?? "") \(member.key)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 40)
    }
}
