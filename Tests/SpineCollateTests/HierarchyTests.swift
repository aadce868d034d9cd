// Hierarchy: sections per epic, nesting, unparented issues, cycles, duplicates, the epic filter.

import SpineCollate
import SpineCore
import XCTest

final class HierarchyTests: XCTestCase {
    private let sample: [Requirement] = [
        issue("P-1", "Epic"),
        issue("P-2", "Story", parent: "P-1"),
        issue("P-3", "Sub-task", parent: "P-2"),
        issue("P-4", "Epic"),
        issue("P-5", "Task", parent: "P-4"),
        issue("P-6", "Story", parent: "P-99", fields: [Field("Parent summary", "Old epic")]),
        issue("P-7", "Bug"),
    ]

    func testEachEpicIsAFeatureSectionAndEveryIssueAppearsOnce() throws {
        let collated = try Collated(sample)
        XCTAssertEqual(collated.headings(level: 2),
                       ["Summary", "Summary of P-1 (P-1)", "Summary of P-4 (P-4)", "Unparented", "Traceability"])
        XCTAssertEqual(collated.keys.sorted(), sample.compactMap(\.key).sorted())
        XCTAssertEqual(Set(collated.keys).count, collated.keys.count, "an issue appears twice: \(collated.keys)")
        let requirements = Collated.requirementTree(collated.subsection("Requirements & acceptance criteria", of: "Summary of P-1 (P-1)"))
        XCTAssertEqual(requirements, ["P-2[P-3]"])
        XCTAssertEqual(Collated.requirementTree(collated.subsection("Overview", of: "Summary of P-1 (P-1)")), ["P-1"])
    }

    func testMissingParentAndNoParentGoToUnparentedWithAReason() throws {
        let collated = try Collated(sample)
        let unparented = collated.section("Unparented")
        XCTAssertEqual(Collated.requirementTree(unparented), ["P-6", "P-7"])
        let rows = Collated.tableRows(unparented)
        XCTAssertEqual(rows.dropFirst().map { $0[2] }, ["Parent P-99 (Old epic) is not in the input", "No parent"])
        XCTAssertEqual(collated.codes("collate.missing-parent").count, 1)
        XCTAssertEqual(collated.codes("collate.missing-parent").first?.location?.path, "P-6")
        // The requirement keeps the parent it names.
        XCTAssertEqual(collated.requirements.first { $0.key == "P-6" }?.parent, "P-99")
    }

    func testEpicLinkFieldIsAParent() throws {
        let story = issue("P-2", "Story", fields: [Field(Requirement.FieldName.epicLink, "P-1")])
        let collated = try Collated([issue("P-1", "Epic"), story])
        XCTAssertEqual(Collated.requirementTree(collated.subsection("Requirements & acceptance criteria", of: "Summary of P-1 (P-1)")),
                       ["P-2"])
        XCTAssertEqual(collated.requirements.first { $0.key == "P-2" }?.parent, "P-1", "the parent is made explicit")
    }

    func testNestedInputChildrenAreFlattenedAndNestedAgain() throws {
        let story = issue("P-2", "Story", parent: "P-1", children: [issue("P-3", "Sub-task"), issue("P-4", "Sub-task")])
        let collated = try Collated([issue("P-1", "Epic"), story])
        XCTAssertEqual(Collated.requirementTree(collated.subsection("Requirements & acceptance criteria", of: "Summary of P-1 (P-1)")),
                       ["P-2[P-3,P-4]"])
        XCTAssertEqual(collated.requirements.first { $0.key == "P-3" }?.parent, "P-2")
    }

    func testDuplicateStubIsReplacedByTheFullIssueWithoutWarning() throws {
        let stub = Requirement(key: "P-3", summary: "Stub", type: "Sub-task")
        let story = issue("P-2", "Story", parent: "P-1", children: [stub])
        let full = issue("P-3", "Sub-task", parent: "P-2", description: [.paragraph([.text("Full text")])])
        let collated = try Collated([issue("P-1", "Epic"), story, full])
        XCTAssertEqual(collated.keys.filter { $0 == "P-3" }.count, 1)
        XCTAssertEqual(collated.requirements.first { $0.key == "P-3" }?.summary, "Summary of P-3")
        XCTAssertTrue(collated.codes("collate.duplicate-issue").isEmpty)
    }

    func testConflictingTopLevelDuplicatesAreReported() throws {
        var second = issue("P-2", "Story", parent: "P-1")
        second.summary = "Changed"
        let collated = try Collated([issue("P-1", "Epic"), issue("P-2", "Story", parent: "P-1"), second])
        XCTAssertEqual(collated.keys.filter { $0 == "P-2" }.count, 1)
        XCTAssertEqual(collated.codes("collate.duplicate-issue").count, 1)
    }

    func testCyclesAreReportedAndBrokenOnce() throws {
        let collated = try Collated([
            issue("C-1", "Story", parent: "C-3"), issue("C-2", "Story", parent: "C-1"), issue("C-3", "Story", parent: "C-2"),
            issue("C-4", "Story", parent: "C-4"),
        ])
        XCTAssertEqual(collated.keys.sorted(), ["C-1", "C-2", "C-3", "C-4"])
        let cycles = collated.codes("collate.parent-cycle")
        XCTAssertEqual(cycles.count, 2, "\(cycles)")
        XCTAssertTrue(cycles.contains { $0.message.contains("C-1") && $0.message.contains("C-3") })
        // The cycle is cut at its first issue in key order, which heads the rest.
        XCTAssertEqual(Collated.requirementTree(collated.section("Unparented")), ["C-1[C-2]", "C-4"])
    }

    func testInitiativesHoldTheirEpicsAsChildFeatures() throws {
        let collated = try Collated([
            issue("B-1", "Initiative"), issue("B-2", "Epic", parent: "B-1"), issue("B-3", "Story", parent: "B-2"),
            issue("B-4", "Epic", parent: "B-1"),
        ])
        XCTAssertEqual(collated.headings(level: 2),
                       ["Summary", "Initiative: Summary of B-1 (B-1)", "Summary of B-2 (B-2)", "Summary of B-4 (B-4)", "Traceability"])
        let overview = Collated.text(collated.subsection("Overview", of: "Initiative: Summary of B-1 (B-1)"))
        XCTAssertTrue(overview.contains("B-2 Summary of B-2 To Do — done 0/1 (0%)"), overview)
        XCTAssertTrue(overview.contains("B-4 Summary of B-4 To Do — done –"), overview)
    }

    func testDeepChainsAreCappedAndStillListedOnce() throws {
        var chain = [issue("D-1", "Epic")]
        for number in 2...400 { chain.append(issue("D-\(number)", "Task", parent: "D-\(number - 1)")) }
        let collated = try Collated(chain.reversed())
        XCTAssertEqual(collated.keys.count, 400)
        XCTAssertEqual(Set(collated.keys).count, 400)
        XCTAssertFalse(collated.codes("collate.nesting-too-deep").isEmpty)
    }

    func testEpicFilterKeepsOneSubtree() throws {
        let collated = try Collated(sample, options: CollateOptions(epics: ["P-4"]))
        XCTAssertEqual(collated.keys, ["P-4", "P-5"])
        XCTAssertEqual(collated.document.metadata.title, "Summary of P-4 — requirements")
        XCTAssertThrowsError(try Collator(options: CollateOptions(epics: ["P-404"])).collate(sample)) { error in
            XCTAssertEqual((error as? SpineError)?.code, "collate.epic-not-found")
        }
    }

    func testPlainTemplateHasOnlyTheHierarchy() throws {
        let collated = try Collated(sample, options: CollateOptions(template: .plain))
        XCTAssertEqual(collated.headings(level: 2), ["Summary of P-1 (P-1)", "Summary of P-4 (P-4)", "Unparented"])
        XCTAssertTrue(collated.headings(level: 3).isEmpty)
        XCTAssertEqual(Collated.requirementTree(collated.section("Summary of P-1 (P-1)")), ["P-1", "P-2[P-3]"])
        XCTAssertEqual(collated.keys.sorted(), sample.compactMap(\.key).sorted())
    }

    func testGroupingByComponentKeepsSubtasksWithTheirParent() throws {
        let requirements = [
            issue("G-1", "Epic", components: ["Web"]),
            issue("G-2", "Story", parent: "G-1", components: ["API", "Web"]),
            issue("G-3", "Sub-task", parent: "G-2", components: ["Web"]),
            issue("G-4", "Bug", parent: "G-1"),
        ]
        let collated = try Collated(requirements, options: CollateOptions(groupBy: .component))
        XCTAssertEqual(collated.headings(level: 2), ["Summary", "Component: API", "Component: Web", "No component", "Traceability"])
        XCTAssertEqual(Collated.requirementTree(collated.subsection("Requirements & acceptance criteria", of: "Component: API")), ["G-2[G-3]"])
        let query = collated.subsection("Jira issues", of: "Component: API").compactMap { block -> String? in
            if case .issueQuery(let query) = block { return query.jql }
            return nil
        }
        XCTAssertEqual(query, ["project = \"G\" AND component = \"API\""])
        XCTAssertEqual(collated.keys.sorted(), ["G-1", "G-2", "G-3", "G-4"])
    }
}
