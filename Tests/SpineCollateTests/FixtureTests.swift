// The fixture projects read through the registry (AST JSON now; Jira CSV; Jira JSON once its reader lands).

import Foundation
import Spine
import SpineCollate
import SpineCore
import SpineTestSupport
import XCTest

final class FixtureTests: XCTestCase {
    /// What each project must collate to, whatever shape it was read from.
    private struct Expectation {
        var issueCount: Int
        var sections: [String]
        /// Rows of the summary table: section, issues done, story points done.
        var summary: [[String]]
        /// Top-level requirements per feature section, with nested children.
        var requirements: [String: [String]]
        var unparented: [String]
    }

    private let expectations: [String: Expectation] = [
        "password-reset": Expectation(
            issueCount: 14,
            sections: ["Summary", "Self-service password reset (PW-1)", "Lockout notifications (PW-10)", "Unparented", "Traceability"],
            summary: [["PW-1 Self-service password reset", "2/5 (40%)", "5/18 (28%)"],
                      ["PW-10 Lockout notifications", "0/2 (0%)", "0/8 (0%)"],
                      ["Unparented", "0/1 (0%)", "0/2 (0%)"]],
            requirements: ["Self-service password reset (PW-1)": ["PW-5", "PW-2[PW-7,PW-8]", "PW-4[PW-9]", "PW-3", "PW-6"],
                           "Lockout notifications (PW-10)": ["PW-11[PW-13]", "PW-12"]],
            unparented: ["PW-14"]),
        "billing": Expectation(
            issueCount: 15,
            sections: ["Summary", "Initiative: Usage-based billing (BILL-1)", "Metered usage ingestion (BILL-2)",
                       "Invoices from usage (BILL-9)", "Unparented", "Traceability"],
            summary: [["BILL-1 Usage-based billing", "0/2 (0%)", "–"],
                      ["BILL-2 Metered usage ingestion", "1/5 (20%)", "5/24 (21%)"],
                      ["BILL-9 Invoices from usage", "0/2 (0%)", "0/8 (0%)"],
                      ["Unparented", "0/1 (0%)", "0/5 (0%)"]],
            requirements: ["Initiative: Usage-based billing (BILL-1)": [],
                           "Metered usage ingestion (BILL-2)": ["BILL-3[BILL-6,BILL-7]", "BILL-5", "BILL-4[BILL-8]", "BILL-12", "BILL-13"],
                           "Invoices from usage (BILL-9)": ["BILL-10", "BILL-11[BILL-14]"]],
            unparented: ["BILL-15"]),
        "onboarding": Expectation(
            issueCount: 13,
            sections: ["Summary", "Guided onboarding checklist (ONB-1)", "Unparented", "Traceability"],
            summary: [["ONB-1 Guided onboarding checklist", "2/6 (33%)", "7/21 (33%)"],
                      ["Unparented", "0/3 (0%)", "0/3 (0%)"]],
            requirements: ["Guided onboarding checklist (ONB-1)": ["ONB-2[ONB-6,ONB-7]", "ONB-3[ONB-8]", "ONB-5", "ONB-4", "ONB-9", "ONB-10"]],
            unparented: ["ONB-11", "ONB-12", "ONB-13"]),
    ]

    private func read(_ file: String, as format: String) throws -> [Requirement] {
        let bytes = Array(try Data(contentsOf: Fixtures.root.appendingPathComponent("collate/" + file)))
        return Collator.requirements(in: try Spine.read(bytes, from: format).document)
    }

    private func check(_ project: String, _ requirements: [Requirement], file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try XCTUnwrap(expectations[project])
        XCTAssertEqual(requirements.count, expected.issueCount, "input", file: file, line: line)
        let collated = try Collated(requirements, options: CollateOptions(siteURL: "https://example.atlassian.net"))
        XCTAssertEqual(collated.headings(level: 2), expected.sections, file: file, line: line)
        XCTAssertEqual(collated.keys.sorted(), requirements.compactMap(\.key).sorted(), "every issue exactly once", file: file, line: line)
        let summary = Collated.tableRows(collated.section("Summary")).dropFirst().map { [$0[0], $0[2], $0[3]] }
        XCTAssertEqual(summary, expected.summary, file: file, line: line)
        for (section, tree) in expected.requirements {
            XCTAssertEqual(Collated.requirementTree(collated.subsection("Requirements & acceptance criteria", of: section))
                           .filter { !$0.isEmpty }, tree, section, file: file, line: line)
        }
        XCTAssertEqual(Collated.requirementTree(collated.section("Unparented")), expected.unparented, file: file, line: line)
        XCTAssertEqual(collated.codes("collate.missing-parent").count, 1, file: file, line: line)
        // Deterministic bytes.
        let again = try Collated(requirements, options: CollateOptions(siteURL: "https://example.atlassian.net"))
        XCTAssertEqual(ASTFormat.dump(collated.document), ASTFormat.dump(again.document), file: file, line: line)
    }

    // MARK: - AST JSON

    func testPasswordResetFromASTJSON() throws {
        try check("password-reset", try read("password-reset.ast.json", as: "ast"))
    }

    func testPasswordResetDetailsFromASTJSON() throws {
        let collated = try Collated(try read("password-reset.ast.json", as: "ast"))
        let epic = "Self-service password reset (PW-1)"
        XCTAssertTrue(collated.codes("collate.overview-incomplete").allSatisfy { $0.location?.path == "PW-10" })
        XCTAssertEqual(Collated.text(collated.subsection("Linked resources", of: epic)), """
            Incident review: reset outage — from PW-1
            Reset flow in Figma — from PW-1
            ADR-014 — from PW-1
            """)
        XCTAssertEqual(Collated.tableRows(collated.subsection("Dependencies & risks", of: epic)).dropFirst().map { $0[0] + " " + $0[1] + " " + $0[2] + " | " + $0[4] }, [
            "PW-4 is blocked by AUTH-12 Adopt the breached-password API | Open blocker; Not in this document",
            "PW-3 relates to PW-6 Reset link expires after 5 minutes instead of 30 | ",
            "PW-3 blocks PW-12 Unlock link in the lockout email | ",
        ])
        let pw2 = try XCTUnwrap(collated.requirements.first { $0.key == "PW-2" })
        XCTAssertEqual(pw2.acceptanceCriteria.count, 1, "the list under the Acceptance criteria heading")
        XCTAssertEqual(Collated.tableRows(collated.section("Traceability")).dropFirst().map { $0[0].prefix(5) + " " + $0[4] }, [
            "PW-2  3 of 3 done", "PW-4  0 of 1 done", "PW-3  Not covered", "PW-11 0 of 1 done", "PW-12 Not covered", "PW-14 Not covered",
        ])
        XCTAssertEqual(collated.codes("collate.issue-without-requirement").map(\.location?.path), ["PW-6"])
    }

    func testCollatedDocumentReadsBackAsTheSameRequirementsThroughASTJSON() throws {
        let collated = try Collated(try read("password-reset.ast.json", as: "ast"))
        let written = try Spine.write(collated.document, to: "ast")
        let back = try Spine.read(written.bytes, from: "ast")
        let original = collated.requirements
        let readBack = Collator.requirements(in: back.document)
        XCTAssertEqual(readBack.map(\.key), original.map(\.key))
        for (left, right) in zip(readBack, original) where left != right {
            XCTFail("\(left.key ?? "?") differs after the round trip:\n\(ASTFormat.dump([.requirement(left)]))\n\(ASTFormat.dump([.requirement(right)]))")
        }
        // And collating the read-back requirements again gives the same document.
        XCTAssertEqual(ASTFormat.dump(try Collated(Collator.requirements(in: back.document)).document), ASTFormat.dump(collated.document))
    }

    // MARK: - Jira CSV

    func testPasswordResetFromJiraCSV() throws { try check("password-reset", try read("password-reset.csv", as: "jira-csv")) }
    func testBillingFromJiraCSV() throws { try check("billing", try read("billing.csv", as: "jira-csv")) }
    func testOnboardingFromJiraCSV() throws { try check("onboarding", try read("onboarding.csv", as: "jira-csv")) }

    func testCSVAndASTShapesCollateToTheSameOutline() throws {
        let fromCSV = try Collated(try read("password-reset.csv", as: "jira-csv"))
        let fromAST = try Collated(try read("password-reset.ast.json", as: "ast"))
        XCTAssertEqual(fromCSV.keys, fromAST.keys)
        // CSV names a missing parent by Issue id only, so PW-14's parent key is unknown there.
        XCTAssertEqual(fromCSV.requirements.map { $0.parent ?? "-" }, fromAST.requirements.map { $0.key == "PW-14" ? "-" : $0.parent ?? "-" })
        XCTAssertEqual(Collated.tableRows(fromCSV.section("Traceability")), Collated.tableRows(fromAST.section("Traceability")))
    }
}

// MARK: - Back to Jira CSV

extension FixtureTests {
    /// A collated document turns into Jira CSV again: the same issues, parents, summaries and statuses.
    func testCollatedDocumentWritesBackToJiraCSV() throws {
        let input = try read("billing.csv", as: "jira-csv")
        let collated = try Collated(input)
        let csv = try Spine.write(collated.document, to: "jira-csv")
        let back = Collator.requirements(in: try Spine.read(csv.bytes, from: "jira-csv").document)
        XCTAssertEqual(back.map(\.key), collated.requirements.map(\.key))
        XCTAssertEqual(back.map(\.parent), collated.requirements.map(\.parent))
        XCTAssertEqual(back.map(\.summary), collated.requirements.map(\.summary))
        XCTAssertEqual(back.map(\.status), collated.requirements.map(\.status))
        XCTAssertEqual(back.map(\.links), collated.requirements.map(\.links))
    }
}
