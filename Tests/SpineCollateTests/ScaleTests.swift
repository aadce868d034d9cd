// A large generated export: every issue once, sections and sub-task nesting intact (no timing asserts).

import SpineCollate
import SpineCore
import XCTest

final class ScaleTests: XCTestCase {
    func testThreeThousandIssuesCollateCompletely() throws {
        var input: [Requirement] = []
        for epic in 0..<50 {
            let epicKey = "S-\(epic * 100 + 1)"
            input.append(issue(epicKey, "Epic", rank: "0|e\(1000 + epic)"))
            for number in 2...60 {
                let subtask = number % 3 == 0
                input.append(issue("S-\(epic * 100 + number)", subtask ? "Sub-task" : "Story",
                                   parent: subtask ? "S-\(epic * 100 + number - 1)" : epicKey, points: 2,
                                   links: [IssueLink(type: "Blocks", direction: .outward, key: "S-\((epic * 100 + number + 7) % 5000)")]))
            }
        }
        let collated = try Collated(input.reversed())
        XCTAssertEqual(collated.keys.count, input.count)
        XCTAssertEqual(Set(collated.keys).count, input.count)
        XCTAssertEqual(collated.headings(level: 2).count, 50 + 2)
        let first = Collated.requirementTree(collated.subsection("Requirements & acceptance criteria", of: "Summary of S-1 (S-1)"))
        XCTAssertEqual(first.count, 39, "59 issues, 20 of them sub-tasks")
        XCTAssertEqual(first.first, "S-2[S-3]")
    }
}
