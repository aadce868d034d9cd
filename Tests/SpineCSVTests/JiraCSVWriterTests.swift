// Requirements → Jira CSV: importer layout, hierarchy by Issue id, dates, and what survives a trip.

import SpineCore
@testable import SpineCSV
import SpineJiraWiki
import XCTest

final class JiraCSVWriterTests: XCTestCase {
    private func write(_ document: Document, settings: [String: String] = [:]) throws -> (text: String, result: WriteResult) {
        let result = try JiraCSVWriter().write(document, options: ConversionOptions(settings: settings))
        return (String(decoding: result.bytes, as: UTF8.self), result)
    }

    private func requirements(_ document: Document) -> [Requirement] {
        document.blocks.compactMap { block in
            if case .requirement(let requirement) = block { return requirement }
            return nil
        }
    }

    private func wiki(_ text: String) -> [Block] { [.raw(Raw(format: "jira-wiki", content: text))] }

    // MARK: - Layout for the importer

    func testANestedDocumentIsFlattenedParentsFirstWithParentByIssueId() throws {
        var epic = Requirement(summary: "Checkout", type: "Epic", labels: ["shop", "web"])
        var story = Requirement(summary: "Pay by card", type: "Story", labels: ["payments"])
        story.children = [Requirement(summary: "Call the PSP", type: "Sub-task")]
        epic.children = [story]
        let output = try write(Document(blocks: [.heading(Heading(level: 1, content: [.text("PRD")])), .requirement(epic)]))
        XCTAssertEqual(output.text, """
            Summary,Issue id,Issue Type,Labels,Labels,Parent\r
            Checkout,1,Epic,shop,web,\r
            Pay by card,2,Story,payments,,1\r
            Call the PSP,3,Sub-task,,,2\r

            """)
        XCTAssertEqual(Set(output.result.diagnostics.map(\.code)), ["jira-csv.content-dropped", "jira-csv.issue-ids-generated"])
    }

    func testKeyedParentsAreReferencedByTheirIssueId() throws {
        let epic = Requirement(key: "REQ-1", summary: "Epic", type: "Epic", fields: [Field("Issue id", .string("10040"))])
        let story = Requirement(key: "REQ-2", summary: "Story", parent: "REQ-1", fields: [Field("Issue id", .string("10041"))])
        let outside = Requirement(key: "REQ-3", summary: "Orphan", parent: "OTHER-9")
        let text = try write(Document(blocks: [.requirement(epic), .requirement(story), .requirement(outside)])).text
        XCTAssertEqual(text, """
            Summary,Issue key,Issue id,Issue Type,Parent\r
            Epic,REQ-1,10040,Epic,\r
            Story,REQ-2,10041,,10040\r
            Orphan,REQ-3,10042,,OTHER-9\r

            """)
    }

    func testISODatesAreWrittenInTheImporterDefaultFormat() throws {
        let requirement = Requirement(summary: "A", fields: [
            Field("Created", .string("2024-03-05T14:15:30.000+0100")), Field("Due date", .string("2024-03-20")),
            Field("Updated", .string("yesterday")),
        ])
        let output = try write(Document(blocks: [.requirement(requirement)]))
        XCTAssertTrue(output.text.hasSuffix("A,1,05/Mar/24 2:15 PM,20/Mar/24 12:00 AM,yesterday\r\n"), output.text)
        XCTAssertTrue(output.result.diagnostics.contains { $0.code == "jira-csv.date-reformatted" })
        let kept = try write(Document(blocks: [.requirement(requirement)]), settings: ["csv.date-format": "keep"]).text
        XCTAssertTrue(kept.contains("2024-03-05T14:15:30.000+0100"))
    }

    func testADocumentWithoutRequirementsBecomesOneIssue() throws {
        let document = Document(metadata: Metadata(title: "Billing PRD"), blocks: wiki("h1. Goals\nFewer invoices."))
        let output = try write(document)
        XCTAssertEqual(output.text, "Summary,Issue id,Description\r\nBilling PRD,1,\"h1. Goals\nFewer invoices.\"\r\n")
        XCTAssertTrue(output.result.diagnostics.contains { $0.code == "jira-csv.document-as-issue" })
    }

    func testDelimiterBOMAndFormulaSettings() throws {
        let document = Document(blocks: [.requirement(Requirement(summary: "=1+2;x"))])
        XCTAssertEqual(try write(document).text, "Summary,Issue id\r\n\"=1+2;x\",1\r\n", "jira-csv does not neutralise by default; `;` is quoted so the delimiter is never in doubt")
        let text = try write(document, settings: ["csv.delimiter": ";", "csv.safe-formulas": "on", "csv.bom": "yes"]).text
        XCTAssertEqual(text, "\u{FEFF}Summary;Issue id\r\n\"'=1+2;x\";1\r\n")
    }

    // MARK: - Round trips

    func testARowThatGainsValuesWidensTheOriginalColumnsInPlace() throws {
        let input = "Summary,Labels,Labels,Status\r\nA,x,y,Open\r\n"
        var document = try JiraCSVReader().read(Array(input.utf8), options: ConversionOptions()).document
        guard case .requirement(var requirement) = document.blocks[0] else { return XCTFail("no requirement") }
        requirement.labels.append("z")
        requirement.priority = "High"
        document.blocks[0] = .requirement(requirement)
        XCTAssertEqual(try write(document).text, "Summary,Labels,Labels,Labels,Status,Priority\r\nA,x,y,z,Open,High\r\n")
    }

    func testAWikiSourceIsWrittenBackOnlyWhileTheBlocksStillSayTheSame() throws {
        let source = "h2. Kept\r\nexactly  "
        let parsed = JiraWikiReader().blocks(from: source).document.blocks
        var requirement = Requirement(summary: "A")
        requirement.description = [.division(Division(attributes: [Attribute(JiraRowMapper.wikiSourceAttribute, source)], blocks: parsed))]
        XCTAssertTrue(try write(Document(blocks: [.requirement(requirement)])).text.contains("\"h2. Kept\r\nexactly  \""))
        requirement.description = [.division(Division(attributes: [Attribute(JiraRowMapper.wikiSourceAttribute, source)],
                                                      blocks: wiki("edited")))]
        let edited = try write(Document(blocks: [.requirement(requirement)])).text
        XCTAssertTrue(edited.contains(",edited\r\n"), edited)
        XCTAssertFalse(edited.contains("Kept"))
    }

    /// A requirement list shaped like the Jira JSON reader's output → CSV → AST keeps every
    /// field a Jira CSV can carry; what it cannot carry is reported.
    func testJiraJSONLikeRequirementsKeepEveryFieldCSVCanCarry() throws {
        var epic = Requirement(
            key: "REQ-1", summary: "Export to Word", type: "Epic", status: "In Progress", statusCategory: .inProgress,
            priority: "High", assignee: Person(displayName: "Ada", accountID: "5b10ac8d82e05b22cc7d4ef5"),
            reporter: Person(accountID: "557058:f58131cb", email: "grace@example.com"),
            labels: ["spine", "export"], components: ["Core"], fixVersions: ["1.0", "1.1"],
            links: [IssueLink(type: "Blocks", direction: .outward, description: "blocks", key: "REQ-8", summary: "Later", status: "To Do")],
            description: wiki("h2. Context\nLine with \"quotes\", and a comma"),
            acceptanceCriteria: wiki("# opens in Word"),
            sourceURL: "https://example.atlassian.net/browse/REQ-1",
            fields: [
                Field("Issue id", .string("10040")),
                Field("Created", .string("2024-03-05T10:15:30.000+0100")),
                Field("Story Points", .number("5")),
                Field("Sprint", .array([.object(JSONObject([.init("id", .int(37)), .init("name", .string("Sprint 4"))]))])),
                Field("Epic Name", .string("Word")),
                Field("Team", .string("Blue")),
                Field("Watchers", .array([.string("ada")])),
            ])
        let story = Requirement(key: "REQ-2", summary: "Tables", type: "Story", status: "Done", statusCategory: .done,
                                labels: ["tables"], parent: "REQ-1",
                                links: [IssueLink(type: "Implements", direction: .outward, key: "REQ-1")],
                                fields: [Field("Issue id", .string("10041")), Field("Due date", .string("2024-03-20"))])
        epic.children = []
        let written = try write(Document(blocks: [.requirement(epic), .requirement(story)]))
        let back = requirements(try JiraCSVReader().read(Array(written.text.utf8), options: ConversionOptions()).document)
        XCTAssertEqual(back.count, 2)
        let (a, b) = (back[0], back[1])
        XCTAssertEqual(a.key, "REQ-1")
        XCTAssertEqual(a.summary, epic.summary)
        XCTAssertEqual(a.type, epic.type)
        XCTAssertEqual(a.status, epic.status)
        XCTAssertEqual(a.statusCategory, .inProgress)
        XCTAssertEqual(a.priority, epic.priority)
        XCTAssertEqual(a.assignee, epic.assignee)
        XCTAssertEqual(a.reporter, epic.reporter)
        XCTAssertEqual(a.labels, epic.labels)
        XCTAssertEqual(a.components, epic.components)
        XCTAssertEqual(a.fixVersions, epic.fixVersions)
        XCTAssertEqual(a.links.map { [$0.type, $0.direction.rawValue, $0.key] }, [["Blocks", "outward", "REQ-8"]])
        XCTAssertEqual(JiraCellRenderer.wikiText(a.description, options: ConversionOptions()).text, "h2. Context\nLine with \"quotes\", and a comma")
        XCTAssertEqual(JiraCellRenderer.wikiText(a.acceptanceCriteria, options: ConversionOptions()).text, "# opens in Word")
        XCTAssertEqual(a[field: "Issue id"], .string("10040"))
        XCTAssertEqual(a[field: "Created"], .string("05/Mar/24 10:15 AM"), "one documented date format")
        XCTAssertEqual(a[field: "Story Points"], .number("5"))
        XCTAssertEqual(a[field: "Sprint"], .array([.string("Sprint 4")]), "a sprint object is written by name")
        XCTAssertEqual(a[field: "Epic Name"], .string("Word"))
        XCTAssertEqual(a[field: "Team"], .string("Blue"))
        XCTAssertEqual(a[field: "Watchers"], .array([.string("ada")]), "a one-element list stays a list")
        XCTAssertEqual(b.parent, "REQ-1")
        XCTAssertEqual(b.statusCategory, .done)
        XCTAssertEqual(b.links, [IssueLink(type: "Implements", direction: .outward, key: "REQ-1")])
        XCTAssertEqual(b[field: "Due date"], .string("20/Mar/24 12:00 AM"))
        // What a Jira CSV cannot carry is reported, not dropped silently.
        let codes = Set(written.result.diagnostics.map(\.code))
        XCTAssertTrue(codes.isSuperset(of: ["jira-csv.source-url-dropped", "jira-csv.link-details-dropped", "jira-csv.date-reformatted"]), "\(codes)")
    }
}
