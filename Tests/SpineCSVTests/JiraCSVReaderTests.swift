// Jira CSV → requirements: column mapping, references, repeated columns, located errors.

import Foundation
import SpineCore
@testable import SpineCSV
import SpineJiraWiki
import SpineTestSupport
import XCTest

final class JiraCSVReaderTests: XCTestCase {
    private func read(_ text: String, settings: [String: String] = [:]) throws -> ReadResult {
        try JiraCSVReader().read(Array(text.utf8), options: ConversionOptions(settings: settings))
    }

    private func requirements(_ document: Document) -> [Requirement] {
        document.blocks.compactMap { block in
            if case .requirement(let requirement) = block { return requirement }
            return nil
        }
    }

    private func readError(_ text: String) -> SpineError? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return error as? SpineError
        }
    }

    // MARK: - The Cloud fixture, field by field

    func testCloudExportMapsEveryKnownColumn() throws {
        let fixture = try XCTUnwrap(Fixtures.cases(in: "csv", inputSuffix: "cloud-export.csv").first)
        let rows = requirements(try JiraCSVReader().read(try fixture.inputBytes(), options: ConversionOptions()).document)
        XCTAssertEqual(rows.map(\.key), ["REQ-1", "REQ-2", "REQ-3", "REQ-4", "REQ-5", "REQ-6"])
        let story = rows[1]
        XCTAssertEqual(story.summary, "Write tables with merged cells")
        XCTAssertEqual(story.type, "Story")
        XCTAssertEqual(story.status, "In Progress")
        XCTAssertEqual(story.statusCategory, .inProgress)
        XCTAssertEqual(story.priority, "Medium")
        XCTAssertEqual(story.assignee, Person(displayName: "Ada Lovelace", accountID: "5b10a2844c20165700ede21g"))
        XCTAssertEqual(story.labels, ["docx", "tables", "export"])
        XCTAssertEqual(story.components, ["Writers", "Word"])
        XCTAssertEqual(story.fixVersions, ["1.0"])
        XCTAssertEqual(story.parent, "REQ-1", "Parent 10040 is REQ-1's Issue id")
        XCTAssertEqual(story.links, [IssueLink(type: "Blocks", direction: .outward, key: "REQ-4")])
        XCTAssertEqual(story[field: Requirement.FieldName.issueID], .string("10041"))
        XCTAssertEqual(story[field: "Story point estimate"], .number("5"))
        XCTAssertEqual(story[field: Requirement.FieldName.sprint], .array([.string("REQ Sprint 4"), .string("REQ Sprint 5")]))
        XCTAssertEqual(story[field: Requirement.FieldName.dueDate], .string("31/Jul/25"))
        XCTAssertEqual(story[field: Requirement.FieldName.comments]?.arrayValue?.count, 2)
        XCTAssertEqual(story[field: "Attachment"]?.stringValue?.hasSuffix("/attachment/content/10007"), true, "one column: a string")
        XCTAssertEqual(JiraCellRenderer.wikiText(story.description, options: ConversionOptions()).text.hasPrefix("As a reviewer I want merged cells kept"), true)
        XCTAssertEqual(rows[2].parent, "REQ-2")
        XCTAssertEqual(rows[2].assignee?.displayName, "田中 花子")
        XCTAssertEqual(rows[3].summary, "ترتيب الأعمدة معكوس في الجداول (RTL)")
        XCTAssertEqual(rows[3].statusCategory, .todo)
        XCTAssertEqual(rows[4][field: "Story point estimate"], .number("0.5"))
        XCTAssertFalse(rows[0].acceptanceCriteria.isEmpty)
        XCTAssertNil(rows[0][field: "Acceptance Criteria"], "the custom field is the acceptance criteria, not an extra field")
    }

    func testFieldsKeepTheColumnOrderOfTheFile() throws {
        let result = try read("Summary,Zeta,Created,Alpha\nA,z,1/1/25 1:00,a\n")
        XCTAssertEqual(requirements(result.document)[0].fields.map(\.key), ["Zeta", "Created", "Alpha"])
    }

    // MARK: - References

    func testParentByIssueIdKeyAndEpicLink() throws {
        let text = """
        Summary,Issue key,Issue id,Parent id,Custom field (Epic Link)
        Epic,P-1,1,,
        Story,P-2,2,,P-1
        Sub,P-3,3,2,
        Outside,P-4,4,999,
        """
        let result = try read(text)
        let rows = requirements(result.document)
        XCTAssertEqual(rows.map(\.parent), [nil, "P-1", "P-2", nil])
        XCTAssertEqual(rows[3][field: Requirement.FieldName.parentID], .string("999"))
        XCTAssertTrue(result.diagnostics.contains { $0.code == "jira-csv.parent-not-in-file" })
        XCTAssertEqual(result.document.metadata[extra: JiraCSVReader.MetadataKey.epicLinkParents], .array([.string("P-2")]))
    }

    func testLinkCellsHoldingIssueIdsResolveToKeys() throws {
        let rows = requirements(try read("Summary,Issue key,Issue id,Inward issue link (Implements)\nA,K-1,11,12\nB,K-2,12,\n").document)
        XCTAssertEqual(rows[0].links, [IssueLink(type: "Implements", direction: .inward, key: "K-2")])
    }

    // MARK: - Repeated and unknown columns

    func testRepeatedUnknownColumnsBecomeListsAndSingleOnesStrings() throws {
        let rows = requirements(try read("Summary,Watchers,Watchers,Team,Labels,Labels\nA,ann,bob,Blue,x,\n").document)
        XCTAssertEqual(rows[0][field: "Watchers"], .array([.string("ann"), .string("bob")]))
        XCTAssertEqual(rows[0][field: "Team"], .string("Blue"))
        XCTAssertEqual(rows[0].labels, ["x"])
    }

    func testAGapInRepeatedColumnsIsReported() throws {
        let result = try read("Summary,Labels,Labels,Labels\nA,,b,c\n")
        XCTAssertEqual(requirements(result.document)[0].labels, ["b", "c"])
        let gap = try XCTUnwrap(result.diagnostics.first { $0.code == "jira-csv.multi-value-gap" })
        XCTAssertEqual(gap.location?.path, "row 2, column 3")
    }

    func testNumbersAreKeptOnlyWhenTheyAreNumbers() throws {
        let rows = requirements(try read("Summary,Story Points\nA,2.5\nB,\"2,5\"\nC,007\n").document)
        XCTAssertEqual(rows.map { $0[field: Requirement.FieldName.storyPoints] }, [.number("2.5"), .string("2,5"), .string("007")])
    }

    func testAnUnknownStatusCategoryIsKeptAsAField() throws {
        let rows = requirements(try read("Summary,Status Category\nA,Erledigt\nB,Done\n").document)
        XCTAssertNil(rows[0].statusCategory)
        XCTAssertEqual(rows[0][field: "Status Category"], .string("Erledigt"))
        XCTAssertEqual(rows[1].statusCategory, .done)
    }

    func testHeaderSpellingsOfCloudAndDataCenterAreTheSameColumns() {
        XCTAssertEqual(JiraColumn(header: "Component/s"), JiraColumn(header: "Components"))
        XCTAssertEqual(JiraColumn(header: "Fix Version/s"), .fixVersions)
        XCTAssertEqual(JiraColumn(header: "Issue ID"), .field(Requirement.FieldName.issueID))
        XCTAssertEqual(JiraColumn(header: " Due Date "), .field(Requirement.FieldName.dueDate))
        XCTAssertEqual(JiraColumn(header: "Custom field (Story Points)"), .field(Requirement.FieldName.storyPoints))
        XCTAssertEqual(JiraColumn(header: "Custom field (Status)"), .field("Status"))
        XCTAssertEqual(JiraColumn(header: "Outward issue link (Cloners)"), .link(type: "Cloners", direction: .outward))
    }

    // MARK: - Errors and settings

    func testDuplicateSingleValuedHeadersAreLocatedErrors() throws {
        let error = try XCTUnwrap(readError("Summary,Status,Labels,Labels,Status\nA,B,c,d,E\n"))
        XCTAssertEqual(error.code, "jira-csv.duplicate-header")
        XCTAssertEqual(error.location?.path, "row 1, column 5")
        XCTAssertEqual(readError("Issue Type,Summary,issuetype\nA,B,C\n")?.location?.path, "row 1, column 3")
        XCTAssertEqual(readError("Summary,Custom field (Story Points),Story Points\nA,1,2\n")?.code, "jira-csv.duplicate-header")
    }

    func testTwoCustomFieldsWithTheSameNameAreAListNotAnError() throws {
        let input = "Summary,Custom field (Story Points),Custom field (Story Points)\r\nA,3,5\r\n"
        let result = try read(input)
        XCTAssertEqual(requirements(result.document)[0][field: "Story Points"], .array([.string("3"), .string("5")]))
        XCTAssertEqual(result.diagnostics.first?.code, "jira-csv.custom-fields-share-a-name")
        let written = try JiraCSVWriter().write(result.document, options: ConversionOptions()).bytes
        XCTAssertEqual(String(decoding: written, as: UTF8.self), input)
    }

    func testMalformedCSVErrorsComeThroughTheJiraReader() throws {
        XCTAssertEqual(readError("Summary,Status\nA\n")?.location?.path, "row 2, column 2")
        XCTAssertEqual(readError("Summary,Status\n\"A,B\n")?.code, "csv.unbalanced-quote")
    }

    func testDelimiterSettingAndDetection() throws {
        XCTAssertEqual(requirements(try read("Summary;Status\nA;B\n").document)[0].status, "B")
        XCTAssertEqual(requirements(try read("Summary\tStatus\nA\tB\n", settings: ["csv.delimiter": "tab"]).document)[0].status, "B")
        XCTAssertThrowsError(try read("Summary\n", settings: ["csv.delimiter": "x"]))
    }

    func testAMissingSummaryColumnIsAWarning() throws {
        XCTAssertTrue(try read("Issue key\nK-1\n").diagnostics.contains { $0.code == "jira-csv.no-summary" })
    }

    func testAHeaderNamingNoIssueIsNotAJiraCSV() {
        // A Markdown file read with -f jira-csv: one column called "# Title".
        XCTAssertThrowsError(try read("# Title\n\nSome *text*.\n")) { error in
            let spine = error as? SpineError
            XCTAssertEqual(spine?.code, "jira-csv.not-jira")
            XCTAssertEqual(spine?.location?.line, 1)
        }
    }
}
