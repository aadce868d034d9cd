// The pre-flight check: each rule fires with a location, and clean pages pass.

import SpineConfluence
import SpineCore
import SpineTestSupport
import XCTest

final class StorageCheckerTests: XCTestCase {
    private func check(_ text: String) -> [Diagnostic] {
        StorageChecker().check(Array(text.utf8))
    }

    private func assertFinding(_ text: String, _ code: String, _ severity: Severity, line: Int,
                               file: StaticString = #filePath, lineNumber: UInt = #line) {
        let findings = check(text)
        XCTAssertTrue(findings.contains { $0.code == code && $0.severity == severity && $0.location?.line == line },
                      "\(findings)", file: file, line: lineNumber)
    }

    func testEveryFixtureHasNoErrors() throws {
        for fixture in Fixtures.cases(in: "confluence", inputSuffix: ".xhtml") {
            let errors = StorageChecker().check(try fixture.inputBytes()).filter { $0.severity == .error }
            // Fixtures are pages Confluence accepts; warnings (unknown app macros, legacy content) are fine.
            XCTAssertTrue(errors.isEmpty, "\(fixture.name): \(errors)")
        }
    }

    func testMalformedBodyIsAnError() {
        assertFinding("<p>a</p>\n<p>b<br></p>", "storage.malformed", .error, line: 2)
    }

    func testBlockInsideParagraph() {
        assertFinding("<p>text\n<ul><li>x</li></ul></p>", "storage.check.nesting", .error, line: 2)
        assertFinding("<h2>T <ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro></h2>",
                      "storage.check.nesting", .error, line: 1)
    }

    func testElementsOutsideTheirParents() {
        assertFinding("<p>x</p>\n<li>stray</li>", "storage.check.parent", .error, line: 2)
        assertFinding("<ac:parameter ac:name=\"x\">1</ac:parameter>", "storage.check.parent", .error, line: 1)
        assertFinding("<table><tbody><tr><td><ac:layout><ac:layout-section ac:type=\"single\"><ac:layout-cell><p/></ac:layout-cell></ac:layout-section></ac:layout></td></tr></tbody></table>",
                      "storage.check.parent", .error, line: 1)
    }

    func testMacroNamesParametersAndValues() {
        assertFinding("<ac:structured-macro ac:name=\"no-such-macro\"/>", "storage.check.unknown-macro", .warning, line: 1)
        assertFinding("<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"linenumbers\">yes</ac:parameter><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>",
                      "storage.check.value", .error, line: 1)
        assertFinding("<p><ac:structured-macro ac:name=\"status\"><ac:parameter ac:name=\"colour\">Orange</ac:parameter></ac:structured-macro></p>",
                      "storage.check.value", .warning, line: 1)
        assertFinding("<ac:structured-macro ac:name=\"toc\"><ac:parameter ac:name=\"depth\">2</ac:parameter></ac:structured-macro>",
                      "storage.check.parameter", .warning, line: 1)
        assertFinding("<p><ac:structured-macro ac:name=\"jira\"><ac:parameter ac:name=\"server\">J</ac:parameter></ac:structured-macro></p>",
                      "storage.check.missing-parameter", .error, line: 1)
        assertFinding("<ac:structured-macro ac:name=\"info\"><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>",
                      "storage.check.body", .error, line: 1)
        assertFinding("<ac:structured-macro ac:name=\"panel\"><ac:parameter ac:name=\"bgColor\">#12</ac:parameter><ac:rich-text-body><p/></ac:rich-text-body></ac:structured-macro>",
                      "storage.check.value", .error, line: 1)
    }

    func testLinksAnchorsTasksAndDates() {
        assertFinding("<p><a href=\"\">x</a></p>", "storage.check.empty-link", .error, line: 1)
        assertFinding("<p><ac:link><ac:plain-text-link-body><![CDATA[x]]></ac:plain-text-link-body></ac:link></p>", "storage.check.empty-link", .error, line: 1)
        let anchor = "<p><ac:structured-macro ac:name=\"anchor\"><ac:parameter ac:name=\"\">a</ac:parameter></ac:structured-macro></p>"
        assertFinding(anchor + "\n" + anchor, "storage.check.duplicate-anchor", .warning, line: 2)
        let task = "<ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>t</ac:task-body></ac:task>"
        assertFinding("<ac:task-list>" + task + "\n" + task + "</ac:task-list>", "storage.check.duplicate-task-id", .error, line: 2)
        assertFinding("<p><time datetime=\"14/05/2024\"/></p>", "storage.check.value", .error, line: 1)
    }

    func testLayoutsAndCloudEditorConversion() {
        assertFinding("<ac:layout><ac:layout-section ac:type=\"two_equal\"><ac:layout-cell><p/></ac:layout-cell></ac:layout-section></ac:layout>",
                      "storage.check.layout", .error, line: 1)
        assertFinding("<table><tbody><tr><td><table><tbody><tr><td>x</td></tr></tbody></table></td></tr></tbody></table>",
                      "storage.check.legacy-editor", .warning, line: 1)
        assertFinding("<ac:macro ac:name=\"info\"><ac:rich-text-body><p/></ac:rich-text-body></ac:macro>", "storage.check.legacy-editor", .warning, line: 1)
        assertFinding("<script>alert(1)</script>", "storage.check.unsupported-html", .error, line: 1)
    }

    func testUndeclaredPrefixIsAnError() {
        assertFinding("<p>a</p>\n<p><o:p>x</o:p></p>", "storage.check.prefix", .error, line: 2)
    }

    func testEnvelopeBodyIsChecked() {
        let json = "{\"title\":\"t\",\"body\":{\"storage\":{\"value\":\"<p><a href=\\\"\\\">x</a></p>\"}}}"
        XCTAssertTrue(check(json).contains { $0.code == "storage.check.empty-link" })
    }

    func testCleanPageHasNoFindings() {
        XCTAssertEqual(check("<h1>T</h1><p>Hello <strong>x</strong></p><ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">swift</ac:parameter><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>"), [])
    }
}
