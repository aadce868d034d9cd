// Requirements written as ADF (heading + field table + sections) read back as requirements.

import SpineADF
import SpineCore
import XCTest

final class ADFRequirementTests: XCTestCase {
    private let site = ConversionOptions(siteURL: "https://acme.atlassian.net")

    private var requirement: Requirement {
        Requirement(key: "SHOP-7", summary: "Pay with saved card", type: "Story", status: "In Progress", statusCategory: .inProgress,
                    priority: "High", assignee: Person(displayName: "Ada Lovelace"), reporter: Person(accountID: "5b10ac8d"),
                    labels: ["checkout", "payments"], components: ["Web"], fixVersions: ["2024.07"], parent: "SHOP-1",
                    links: [IssueLink(type: "blocks", direction: .outward, description: "blocks", key: "SHOP-9")],
                    description: [.paragraph([.text("As a shopper, I want to pay fast.")]), .heading(Heading(level: 4, content: [.text("Notes")]))],
                    acceptanceCriteria: [.paragraph([.text("Given a saved card, checkout takes one click.")])],
                    children: [Requirement(key: "SHOP-8", summary: "Token endpoint", type: "Sub-task", description: [.paragraph([.text("Backend")])])],
                    sourceURL: "https://acme.atlassian.net/browse/SHOP-7",
                    fields: [Field("Story Points", 5), Field("Team", "Payments"), Field("Odd", ["a": [1, 2]])])
    }

    func testRequirementRoundTripsThroughADF() throws {
        let written = ADFTest.writeValid([.requirement(requirement), .paragraph([.text("after")])], options: site)
        let read = try ADFReader().blocks(from: written.value, path: "$")
        XCTAssertEqual(read.blocks.count, 2)
        guard case .requirement(let back)? = read.blocks.first else { return XCTFail(ASTFormat.dump(read.blocks)) }
        XCTAssertEqual(back, requirement, ASTFormat.dump([.requirement(back)]))
        XCTAssertEqual(read.blocks.last, .paragraph([.text("after")]))
    }

    func testOrdinaryTablesAreNotRequirements() throws {
        let table = Table(rows: [TableRow(section: .head, cells: [TableCell(header: true, blocks: [.paragraph([.text("Name")])]),
                                                                   TableCell(header: true, blocks: [.paragraph([.text("Value")])])])])
        let blocks: [Block] = [.heading(Heading(level: 2, content: [.text("Settings")])), .table(table)]
        let written = ADFWriter().document(for: blocks).value
        XCTAssertEqual(try ADFReader().blocks(from: written, path: "$").blocks, blocks)
    }
}
