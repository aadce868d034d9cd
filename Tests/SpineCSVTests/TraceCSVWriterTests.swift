// The traceability matrix: what counts as implementing, statuses, coverage, spreadsheet safety.

import SpineCore
@testable import SpineCSV
import XCTest

final class TraceCSVWriterTests: XCTestCase {
    private func trace(_ requirements: [Requirement], settings: [String: String] = [:]) throws -> [[String]] {
        let document = Document(blocks: requirements.map(Block.requirement))
        let bytes = try TraceCSVWriter().write(document, options: ConversionOptions(settings: settings)).bytes
        return try CSVTable.parse(bytes).table.records
    }

    func testChildrenAndImplementsLinksFromEitherSideAreImplementers() throws {
        var requirement = Requirement(key: "R-1", summary: "Login", type: "Requirement", status: "Approved", links: [
            IssueLink(type: "Implements", direction: .inward, description: "is implemented by", key: "DEV-7",
                      status: "Done", statusCategory: .done),
            IssueLink(type: "Blocks", direction: .inward, key: "DEV-9"),
        ])
        requirement.children = [Requirement(key: "R-2", summary: "Nested child", status: "In Progress", statusCategory: .inProgress)]
        let other = Requirement(key: "DEV-8", summary: "Build form", status: "Closed",
                                links: [IssueLink(type: "Implements", direction: .outward, key: "R-1")])
        let byParentKey = Requirement(key: "DEV-10", summary: "Flat child", status: "To Do", statusCategory: .todo, parent: "R-1")
        let rows = try trace([requirement, other, byParentKey])
        XCTAssertEqual(rows[0], ["R-1", "Login", "Requirement", "Approved", "", "R-2, DEV-10, DEV-7, DEV-8",
                                 "In Progress, To Do, Done, Closed", "2/4", "yes"])
        XCTAssertEqual(rows[1], ["R-2", "Nested child", "", "In Progress", "R-1", "", "", "0/0", "no"])
        XCTAssertEqual(rows.count, 4, "every requirement gets a row")
    }

    func testLinkSentencesDecideTheDirectionWhateverTheTypeIsCalled() {
        XCTAssertEqual(TraceMatrix.implementsOther(IssueLink(type: "Custom", direction: .inward, description: "realizes", key: "X")), true)
        XCTAssertEqual(TraceMatrix.implementsOther(IssueLink(type: "Custom", direction: .outward, description: "is satisfied by", key: "X")), false)
        XCTAssertEqual(TraceMatrix.implementsOther(IssueLink(type: "Polaris work item link", direction: .inward, key: "X")), false)
        XCTAssertEqual(TraceMatrix.implementsOther(IssueLink(type: "Implementation", direction: .outward, key: "X")), true)
        XCTAssertNil(TraceMatrix.implementsOther(IssueLink(type: "Relates", direction: .outward, description: "relates to", key: "X")))
    }

    func testAnImplementerOutsideTheDocumentWithoutAStatusShowsAQuestionMark() throws {
        let rows = try trace([Requirement(key: "R-1", summary: "A", links: [IssueLink(type: "Implements", direction: .inward, key: "EXT-1")])])
        XCTAssertEqual(Array(rows[0][5...]), ["EXT-1", "?", "0/1", "yes"])
    }

    func testFormulaCellsAreNeutralisedByDefaultAndABOMIsWritten() throws {
        let document = Document(blocks: [.requirement(Requirement(key: "R-1", summary: "=HYPERLINK(\"http://x\")"))])
        let bytes = try TraceCSVWriter().write(document, options: ConversionOptions()).bytes
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(try CSVTable.parse(bytes).table.records[0][1], "'=HYPERLINK(\"http://x\")")
        let off = try trace([Requirement(key: "R-1", summary: "=1")], settings: ["csv.safe-formulas": "false"])
        XCTAssertEqual(off[0][1], "=1")
    }

    func testTypesSettingSelectsRows() throws {
        let rows = try trace([Requirement(key: "E-1", summary: "E", type: "Epic"), Requirement(key: "S-1", summary: "S", type: "Story", parent: "E-1"),
                              Requirement(key: "T-1", summary: "T", type: "Task")],
                             settings: ["trace-csv.types": "epic, Story"])
        XCTAssertEqual(rows.map { $0[0] }, ["E-1", "S-1"])
        XCTAssertEqual(rows[0][5], "S-1")
    }

    func testDoneWithoutACategoryFollowsJirasDoneStatusNames() {
        XCTAssertTrue(TraceMatrix.isDone(status: "Resolved", category: nil))
        XCTAssertFalse(TraceMatrix.isDone(status: "Resolved", category: .inProgress))
        XCTAssertFalse(TraceMatrix.isDone(status: "Review", category: nil))
    }
}
