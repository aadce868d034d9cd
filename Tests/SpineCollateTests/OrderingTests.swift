// Ordering and determinism: rank first, then key number, and identical bytes for identical input.

import SpineCollate
import SpineCore
import XCTest

final class OrderingTests: XCTestCase {
    func testKeyNumbersSortNumerically() throws {
        let collated = try Collated([
            issue("P-1", "Epic"), issue("P-10", "Story", parent: "P-1"), issue("P-2", "Story", parent: "P-1"),
            issue("P-9", "Story", parent: "P-1"),
        ])
        XCTAssertEqual(collated.keys, ["P-1", "P-2", "P-9", "P-10"])
    }

    func testRankWinsOverKeyAndRankedIssuesComeFirst() throws {
        let collated = try Collated([
            issue("P-1", "Epic"),
            issue("P-2", "Story", parent: "P-1", rank: "0|i0000z:"),
            issue("P-3", "Story", parent: "P-1", rank: "0|i00001:"),
            issue("P-4", "Story", parent: "P-1"),
            issue("P-5", "Story", parent: "P-1", rank: "0|i00005:"),
        ])
        XCTAssertEqual(collated.keys, ["P-1", "P-3", "P-5", "P-2", "P-4"])
    }

    func testFeaturesFollowEpicRank() throws {
        let collated = try Collated([issue("P-1", "Epic", rank: "0|b"), issue("P-2", "Epic", rank: "0|a")],
                                    options: CollateOptions(template: .plain))
        XCTAssertEqual(collated.headings(level: 2), ["Summary of P-2 (P-2)", "Summary of P-1 (P-1)"])
    }

    func testProjectsSortByNameThenNumberAndKeylessLast() throws {
        let keyless = Requirement(summary: "No key", type: "Task")
        let collated = try Collated([keyless, issue("B-2", "Task"), issue("A-10", "Task"), issue("A-9", "Task")])
        XCTAssertEqual(collated.requirements.map { $0.key ?? "-" }, ["A-9", "A-10", "B-2", "-"])
    }

    func testSameInputGivesIdenticalBytesWhateverTheInputOrder() throws {
        let requirements = [
            issue("P-1", "Epic"), issue("P-2", "Story", parent: "P-1", points: 3),
            issue("P-3", "Sub-task", parent: "P-2", status: "Done", category: .done),
            issue("P-4", "Bug", links: [IssueLink(type: "Blocks", direction: .outward, key: "P-2")]),
        ]
        let first = ASTFormat.dump(try Collated(requirements).document)
        let again = ASTFormat.dump(try Collated(requirements).document)
        let shuffled = ASTFormat.dump(try Collated([requirements[2], requirements[0], requirements[3], requirements[1]]).document)
        XCTAssertEqual(first, again)
        XCTAssertEqual(first, shuffled)
    }
}
