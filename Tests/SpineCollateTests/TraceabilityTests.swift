// Traceability: requirements, their implementing issues, and the warnings for gaps.

import SpineCollate
import SpineCore
import XCTest

final class TraceabilityTests: XCTestCase {
    private func rows(_ collated: Collated) -> [String] {
        Collated.tableRows(collated.section("Traceability")).dropFirst().map { $0.joined(separator: " | ") }
    }

    func testHierarchyAndImplementationLinksInBothDirections() throws {
        let requirements = [
            issue("T-1", "Epic"),
            issue("T-2", "Story", parent: "T-1"),
            issue("T-3", "Sub-task", parent: "T-2", status: "Done", category: .done),
            issue("T-4", "Task", parent: "T-1", links: [IssueLink(type: "Implements", direction: .outward, description: "implements", key: "T-5")]),
            issue("T-5", "Requirement", parent: "T-1", links: [
                IssueLink(type: "Implements", direction: .inward, description: "is implemented by", key: "T-4"),
                IssueLink(type: "Implements", direction: .inward, description: "is implemented by", key: "OTHER-7",
                          status: "Done", statusCategory: .done),
            ]),
            issue("T-6", "Story", parent: "T-1"),
            issue("T-7", "Bug", parent: "T-1"),
        ]
        let collated = try Collated(requirements)
        XCTAssertEqual(rows(collated), [
            "T-2 Summary of T-2 | T-1 | To Do | T-3 Done | 1 of 1 done",
            "T-5 Summary of T-5 | T-1 | To Do | T-4 To Do, OTHER-7 Done | 1 of 2 done",
            "T-6 Summary of T-6 | T-1 | To Do | none | Not covered",
        ])
        XCTAssertEqual(collated.codes("collate.requirement-unimplemented").map(\.location?.path), ["T-6"])
        XCTAssertEqual(collated.codes("collate.issue-without-requirement").map(\.location?.path), ["T-7"])
        XCTAssertTrue(Collated.text(collated.section("Traceability")).contains("T-7 Summary of T-7 (Bug) To Do"))
        // Implementation links are traceability, not dependencies.
        XCTAssertEqual(Collated.text(collated.subsection("Dependencies & risks", of: "Summary of T-1 (T-1)")), "No issue links.")
    }

    func testLinkDirectionDecidesWithoutASentence() throws {
        let requirements = [
            issue("T-1", "Story"),
            issue("T-2", "Task", links: [IssueLink(type: "Realises", direction: .outward, key: "T-1")]),
        ]
        let collated = try Collated(requirements)
        XCTAssertEqual(rows(collated), ["T-1 Summary of T-1 | Unparented | To Do | T-2 To Do | 0 of 1 done"])
        XCTAssertTrue(collated.codes("collate.issue-without-requirement").isEmpty)
    }

    func testEpicsAndInitiativesNeedNoRequirementAndPlainHasNoTraceability() throws {
        let requirements = [issue("T-1", "Initiative"), issue("T-2", "Epic", parent: "T-1")]
        XCTAssertTrue(try Collated(requirements).codes("collate.issue-without-requirement").isEmpty)
        let plain = try Collated([issue("T-3", "Story")], options: CollateOptions(template: .plain))
        XCTAssertTrue(plain.diagnostics.filter { $0.code.hasPrefix("collate.requirement") }.isEmpty)
        XCTAssertFalse(plain.headings(level: 2).contains("Traceability"))
    }
}
