// Both directions: a collated document written as Markdown or Confluence storage reads back
// as the same requirements (keys, fields, parents, order).

import Foundation
import Spine
import SpineCollate
import SpineCore
import SpineTestSupport
import XCTest

final class ReadBackTests: XCTestCase {
    private func collated(_ file: String, as format: String) throws -> Collated {
        let bytes = Array(try Data(contentsOf: Fixtures.root.appendingPathComponent("collate/" + file)))
        return try Collated(Collator.requirements(in: try Spine.read(bytes, from: format).document),
                            options: CollateOptions(siteURL: "https://example.atlassian.net"))
    }

    private func assertReadBack(_ file: String, as input: String, through format: String,
                                file testFile: StaticString = #filePath, line: UInt = #line) throws {
        let collated = try collated(file, as: input)
        let options = ConversionOptions(siteURL: "https://example.atlassian.net")
        let written = try Spine.write(collated.document, to: format, options: options)
        let back = Collator.requirements(in: try Spine.read(written.bytes, from: format, options: options).document)
        let original = collated.requirements
        XCTAssertEqual(back.map { $0.key ?? "?" }, original.map { $0.key ?? "?" }, file: testFile, line: line)
        for (left, right) in zip(back, original) where left != right {
            XCTFail("\(format): \(right.key ?? "?") differs after the round trip\nwritten+read: \(ASTFormat.dump([.requirement(left)]))\ncollated: \(ASTFormat.dump([.requirement(right)]))",
                    file: testFile, line: line)
        }
        // Writing the same collation twice gives the same bytes.
        XCTAssertEqual(try Spine.write(collated.document, to: format, options: options).bytes, written.bytes, file: testFile, line: line)
    }

    func testMarkdownFromV3() throws { try assertReadBack("password-reset.v3.json", as: "jira", through: "markdown") }
    func testMarkdownFromV2() throws { try assertReadBack("billing.v2.json", as: "jira", through: "markdown") }
    func testMarkdownFromCSV() throws { try assertReadBack("onboarding.csv", as: "jira-csv", through: "markdown") }
    func testStorageFromV3() throws { try assertReadBack("billing.v3.json", as: "jira", through: "confluence") }
    func testStorageFromV2() throws { try assertReadBack("onboarding.v2.json", as: "jira", through: "confluence") }
    func testWordFromV3() throws { try assertReadBack("billing.v3.json", as: "jira", through: "docx") }
    func testStorageFromCSV() throws { try assertReadBack("onboarding.csv", as: "jira-csv", through: "confluence") }
    func testStorageFromAST() throws { try assertReadBack("password-reset.ast.json", as: "ast", through: "confluence") }
}
