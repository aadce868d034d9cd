// The Jira writer: create payloads, single and bulk, v3 ADF or v2 wiki, parents.

import SpineCore
import SpineJira
import XCTest

final class JiraWriterTests: XCTestCase {
    private func write(_ blocks: [Block], _ settings: [String: String] = [:]) throws -> (JSONValue, [Diagnostic]) {
        let result = try JiraWriter().write(Document(blocks: blocks), options: ConversionOptions(settings: settings))
        return (try JSONParser.parse(result.bytes), result.diagnostics)
    }

    private let story = Requirement(summary: "Pay with saved card", type: "Story", priority: "High", labels: ["checkout", "two words"],
                                    components: ["Web"], fixVersions: ["1.0"],
                                    description: [.paragraph([.text("As a shopper…")])],
                                    acceptanceCriteria: [.list(ListBlock(kind: .bullet, items: [ListItem(task: .todo, blocks: [.paragraph([.text("works")])])]))])

    func testSingleRequirementGivesOneCreatePayload() throws {
        let (value, diagnostics) = try write([.requirement(story)], ["jira.project": "SHOP", "jira.parent": "SHOP-1"])
        let fields = try XCTUnwrap(value["fields"])
        XCTAssertEqual(fields["project"], ["key": "SHOP"])
        XCTAssertEqual(fields["issuetype"], ["name": "Story"])
        XCTAssertEqual(fields["summary"], "Pay with saved card")
        XCTAssertEqual(fields["priority"], ["name": "High"])
        XCTAssertEqual(fields["labels"], ["checkout", "two-words"])
        XCTAssertEqual(fields["components"], [["name": "Web"]])
        XCTAssertEqual(fields["parent"], ["key": "SHOP-1"])
        XCTAssertEqual(fields["description"]?["type"], "doc")
        let types = fields["description"]?["content"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
        XCTAssertEqual(types, ["paragraph", "heading", "taskList"], "acceptance criteria appended under a heading")
        XCTAssertTrue(diagnostics.contains { $0.code == "jira.label-spaces" })
    }

    func testSeveralRequirementsGiveABulkPayloadWithChildrenUnderTheirParent() throws {
        var epic = Requirement(key: "SHOP-1", summary: "Checkout", type: "Epic")
        epic.children = [Requirement(summary: "Child A"), Requirement(summary: "Child B", type: "Task")]
        let keyless = Requirement(summary: "New story", children: [Requirement(summary: "Orphan sub-task")])
        let (value, diagnostics) = try write([.heading(Heading(level: 1, content: [.text("PRD")])), .requirement(epic),
                                              .division(Division(blocks: [.requirement(keyless)]))], ["jira.project": "SHOP"])
        let updates = try XCTUnwrap(value["issueUpdates"]?.arrayValue)
        XCTAssertEqual(updates.compactMap { $0["fields"]?["summary"]?.stringValue }, ["Checkout", "Child A", "Child B", "New story", "Orphan sub-task"])
        XCTAssertEqual(updates[1]["fields"]?["parent"], ["key": "SHOP-1"])
        XCTAssertEqual(updates[1]["fields"]?["issuetype"], ["name": "Story"])
        XCTAssertEqual(updates[2]["fields"]?["issuetype"], ["name": "Task"])
        XCTAssertNil(updates[4]["fields"]?["parent"])
        XCTAssertEqual(updates[4]["fields"]?["issuetype"], ["name": "Sub-task"])
        XCTAssertTrue(diagnostics.contains { $0.code == "jira.parent-unknown" })
    }

    func testVersion2WritesWikiText() throws {
        let requirement = Requirement(key: "SHOP-9", summary: "Wiki", description: [.raw(Raw(format: "jira-wiki", content: "h3. Notes\n* one"))])
        let (value, _) = try write([.requirement(requirement)], ["jira.api": "2"])
        XCTAssertEqual(value["fields"]?["description"], "h3. Notes\n* one")
        XCTAssertEqual(value["fields"]?["project"], ["key": "SHOP"], "project inferred from the key")
    }

    func testNoRequirementsAndNoProjectAreReported() throws {
        let (_, none) = try write([.paragraph([.text("x")])])
        XCTAssertTrue(none.contains { $0.code == "jira.no-requirements" })
        let (_, noProject) = try write([.requirement(Requirement(summary: "x"))])
        XCTAssertTrue(noProject.contains { $0.code == "jira.no-project" })
    }

    func testReadThenWriteKeepsTheEssentials() throws {
        let document = try JiraTest.read("epic-v3").document
        let result = try JiraWriter().write(document, options: ConversionOptions(settings: ["jira.project": "SHOP"]))
        let updates = try XCTUnwrap(try JSONParser.parse(result.bytes)["issueUpdates"]?.arrayValue)
        XCTAssertEqual(updates.count, 25)
        XCTAssertEqual(updates[1]["fields"]?["parent"], ["key": "SHOP-1"])
        XCTAssertEqual(updates[0]["fields"]?["issuetype"], ["name": "Epic"])
    }
}
