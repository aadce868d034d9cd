// The jira format's normalisation: exactly what a create payload keeps, checked by hand on one
// document and against the real round trip on the property tests' random documents.

import SpineCore
@testable import SpineJira
import SpineRobustness
import XCTest

final class JiraLossinessTests: XCTestCase {
    private func roundTrip(_ document: Document) throws -> Document {
        let written = try JiraWriter().write(document, options: ConversionOptions()).bytes
        return try JiraReader().read(written, options: ConversionOptions()).document
    }

    func testWhatAPayloadKeeps() throws {
        var epic = Requirement(key: "SHOP-7", summary: "Checkout\nredesign", type: "Epic", status: "Done", priority: "High",
                               assignee: Person(displayName: "Ada", accountID: "5b10ac8d", email: "ada@example.com"),
                               reporter: Person(displayName: "Grace"), labels: ["two words", "q3"], components: ["Web"],
                               fixVersions: ["2024.07"], parent: "SHOP-1",
                               links: [IssueLink(type: "Blocks", direction: .outward, key: "SHOP-9")],
                               description: [.paragraph([.text("Goal")])],
                               acceptanceCriteria: [.paragraph([.text("works")])], sourceURL: "https://acme.example/browse/SHOP-7")
        epic.fields = [Field(Requirement.FieldName.dueDate, "2024-08-30T10:00:00.000+0200"), Field("Story Points", 3)]
        epic.children = [Requirement(summary: "Child"), Requirement(key: "SHOP-8", summary: String(repeating: "x", count: 300), type: "Bug")]
        let document = Document(metadata: Metadata(title: "PRD"),
                                blocks: [.heading(Heading(level: 1, content: [.text("PRD")])), .paragraph([.text("intro")]),
                                         .quote([.requirement(epic)]),
                                         .table(Table(rows: [TableRow(cells: [TableCell(blocks: [.requirement(Requirement(summary: "in a table"))])])]))])
        let normalized = JiraLossiness.normalize(document)

        var expectedEpic = Requirement(summary: "Checkout redesign", type: "Epic", priority: "High", assignee: Person(accountID: "5b10ac8d"),
                                       labels: ["two-words", "q3"], components: ["Web"], fixVersions: ["2024.07"], parent: "SHOP-1")
        expectedEpic.description = [.paragraph([.text("Goal")]), .heading(Heading(level: 3, content: [.text("Acceptance criteria")])),
                                    .paragraph([.text("works")])]
        expectedEpic.fields = [Field("Project", ["key": "SHOP"]), Field(Requirement.FieldName.dueDate, "2024-08-30")]
        // The keyless child of an epic is a Story under the epic's key; a table's requirement is not written.
        var child = Requirement(summary: "Child", type: "Story", parent: "SHOP-7")
        child.fields = []
        var bug = Requirement(summary: String(repeating: "x", count: 255), type: "Bug", parent: "SHOP-7")
        bug.fields = [Field("Project", ["key": "SHOP"])]
        XCTAssertEqual(normalized, Document(metadata: Metadata(source: SourceInfo(format: "jira")),
                                            blocks: [.requirement(expectedEpic), .requirement(child), .requirement(bug)]),
                       ASTFormat.dump(normalized))
        XCTAssertEqual(try roundTrip(document), normalized)
    }

    func testOnePayloadNamesTheDocument() throws {
        let document = Document(blocks: [.requirement(Requirement(key: "A-1", summary: "Only one", type: "Task"))])
        let normalized = JiraLossiness.normalize(document)
        XCTAssertEqual(normalized.metadata.title, "Only one")
        XCTAssertEqual(try roundTrip(document), normalized)
        XCTAssertEqual(JiraLossiness.normalize(Document(blocks: [.paragraph([.text("no requirement")])])),
                       Document(metadata: Metadata(source: SourceInfo(format: "jira"))))
    }

    func testRandomDocumentsRoundTripAsNormalised() throws {
        var withRequirements = 0
        for seed in UInt64(1)...80 {
            var generator = RandomDocuments(seed: seed)
            let document = generator.document()
            let normalized = JiraLossiness.normalize(document)
            if !normalized.blocks.isEmpty { withRequirements += 1 }
            XCTAssertEqual(JiraLossiness.normalize(try roundTrip(document)), normalized, "seed \(seed)")
        }
        // The property test only means something when the documents hold requirements.
        XCTAssertGreaterThan(withRequirements, 10)
    }
}
