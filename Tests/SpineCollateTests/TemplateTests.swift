// The PRD template's parts: overview, acceptance criteria, queries, dependencies, status, resources.

import SpineCollate
import SpineCore
import XCTest

final class TemplateTests: XCTestCase {
    private let feature = "Summary of E-1 (E-1)"

    private func heading(_ level: Int, _ text: String) -> Block { .heading(Heading(level: level, content: [.text(text)])) }
    private func paragraph(_ text: String) -> Block { .paragraph([.text(text)]) }
    private func list(_ items: String...) -> Block {
        .list(ListBlock(kind: .bullet, items: items.map { ListItem(blocks: [.paragraph([.text($0)])]) }))
    }

    // MARK: - Acceptance criteria

    func testAcceptanceCriteriaComeFromAHeadingInTheDescription() throws {
        let story = issue("E-2", "Story", parent: "E-1", description: [
            paragraph("As a user, I want it."), heading(3, "Acceptance criteria"), list("one", "two"),
            heading(4, "Sub-note"), paragraph("still criteria"), heading(3, "Notes"), paragraph("kept"),
        ])
        let collated = try Collated([issue("E-1", "Epic"), story])
        let result = try XCTUnwrap(collated.requirements.first { $0.key == "E-2" })
        // Headings move down together so the shallowest left (h3) becomes h5.
        XCTAssertEqual(result.acceptanceCriteria, [list("one", "two"), heading(6, "Sub-note"), paragraph("still criteria")])
        XCTAssertEqual(result.description, [paragraph("As a user, I want it."), heading(5, "Notes"), paragraph("kept")])
    }

    func testDescriptionHeadingsMoveBelowTheDocumentsOwnHeadingsUnlessDisabled() throws {
        let epic = issue("E-1", "Epic", description: [heading(1, "Goal"), heading(2, "Detail"), heading(3, "Deeper")])
        let moved = try XCTUnwrap(try Collated([epic]).requirements.first)
        XCTAssertEqual(moved.description, [heading(5, "Goal"), heading(6, "Detail"), heading(6, "Deeper")])
        let kept = try XCTUnwrap(try Collated([epic], options: CollateOptions(descriptionHeadingLevel: nil)).requirements.first)
        XCTAssertEqual(kept.description, epic.description)
        let deep = issue("E-1", "Epic", description: [heading(6, "Small")])
        XCTAssertEqual(try Collated([deep]).requirements.first?.description, deep.description)
    }

    func testAcceptanceCriteriaComeFromALabelParagraphAndItsLists() throws {
        let label = Block.paragraph([.strong([.text("Acceptance Criteria:")])])
        let story = issue("E-2", "Story", parent: "E-1", description: [paragraph("Intro"), label, list("a"), list("b"), paragraph("After")])
        let result = try XCTUnwrap(try Collated([issue("E-1", "Epic"), story]).requirements.first { $0.key == "E-2" })
        XCTAssertEqual(result.acceptanceCriteria, [list("a"), list("b")])
        XCTAssertEqual(result.description, [paragraph("Intro"), paragraph("After")])
    }

    func testTheAcceptanceCriteriaFieldWinsAndTheDescriptionStays() throws {
        let description = [heading(2, "Acceptance criteria"), list("from description")]
        let story = issue("E-2", "Story", parent: "E-1", description: description, acceptance: [list("from field")])
        let options = CollateOptions(descriptionHeadingLevel: nil)
        let result = try XCTUnwrap(try Collated([issue("E-1", "Epic"), story], options: options).requirements.first { $0.key == "E-2" })
        XCTAssertEqual(result.acceptanceCriteria, [list("from field")])
        XCTAssertEqual(result.description, description)
    }

    func testStoriesWithoutAcceptanceCriteriaAreNoted() throws {
        let collated = try Collated([issue("E-1", "Epic"), issue("E-2", "Story", parent: "E-1"), issue("E-3", "Task", parent: "E-1")])
        XCTAssertEqual(collated.codes("collate.no-acceptance-criteria").map(\.location?.path), ["E-2"])
    }

    // MARK: - Overview and user stories

    func testOverviewNamesTheMissingParts() throws {
        let epic = issue("E-1", "Epic", description: [heading(2, "Business goal"), paragraph("Grow"),
                                                      .paragraph([.strong([.text("Success metrics:")]), .text(" NPS +5")])])
        let collated = try Collated([epic])
        let overview = Collated.text(collated.subsection("Overview", of: feature))
        XCTAssertTrue(overview.hasSuffix("Not stated in the description of E-1: problem statement."), overview)
        XCTAssertEqual(collated.codes("collate.overview-incomplete").count, 1)
        let complete = issue("E-1", "Epic", description: [heading(2, "Goals"), heading(2, "Problem"), heading(2, "KPIs")])
        XCTAssertTrue(try Collated([complete]).codes("collate.overview-incomplete").isEmpty)
    }

    func testUserStoriesUseTheAsASentence() throws {
        let story = issue("E-2", "Story", parent: "E-1", description: [paragraph("Context first."),
                                                                       paragraph("As an admin, I want exports, so that I can audit.")])
        let collated = try Collated([issue("E-1", "Epic"), story, issue("E-3", "Task", parent: "E-1")])
        XCTAssertEqual(Collated.text(collated.subsection("User stories", of: feature)),
                       "E-2 As an admin, I want exports, so that I can audit. To Do")
    }

    // MARK: - Jira issues

    func testIssueQueryAndSearchLink() throws {
        let collated = try Collated([issue("E-1", "Epic")], options: CollateOptions(siteURL: "https://example.atlassian.net/"))
        let blocks = collated.subsection("Jira issues", of: feature)
        XCTAssertEqual(blocks.first, .issueQuery(IssueQuery(jql: "parent = E-1 OR \"Epic Link\" = E-1",
                                                             columns: ["key", "summary", "status", "assignee", "priority"])))
        guard case .paragraph(let content) = blocks.last, case .link(let link) = content.first else {
            return XCTFail("no search link: \(blocks)")
        }
        XCTAssertEqual(link.target, .url("https://example.atlassian.net/issues/?jql=parent%20%3D%20E-1%20OR%20%22Epic%20Link%22%20%3D%20E-1"))
        let custom = try Collated([issue("E-1", "Epic")], options: CollateOptions(jqlBase: "https://jira.example.com/issues/?jql="))
        XCTAssertEqual(Collated.text(custom.subsection("Jira issues", of: feature)), "Open this list in Jira")
        XCTAssertEqual(try Collated([issue("E-1", "Epic")]).subsection("Jira issues", of: feature).count, 1, "no link without a site")
    }

    // MARK: - Dependencies

    func testDependenciesShowEachLinkOnceWithTheOtherIssuesStatusAndOpenBlockersFirst() throws {
        let requirements = [
            issue("E-1", "Epic"),
            issue("E-2", "Story", parent: "E-1", links: [IssueLink(type: "Relates", direction: .outward, key: "E-3")]),
            issue("E-3", "Story", parent: "E-1", links: [
                IssueLink(type: "Relates", direction: .inward, key: "E-2"),
                IssueLink(type: "Blocks", direction: .inward, description: "is blocked by", key: "X-9",
                          summary: "Vendor API", status: "In Progress", statusCategory: .inProgress),
            ]),
            issue("E-4", "Task", parent: "E-1", status: "Done", category: .done,
                  links: [IssueLink(type: "Blocks", direction: .inward, key: "X-10", status: "Open")]),
        ]
        let rows = Collated.tableRows(try Collated(requirements).subsection("Dependencies & risks", of: feature))
        XCTAssertEqual(rows, [
            ["Issue", "Relationship", "Other issue", "Other issue's status", "Risk / note"],
            ["E-3", "is blocked by", "X-9 Vendor API", "In Progress", "Open blocker; Not in this document"],
            ["E-2", "relates to", "E-3 Summary of E-3", "To Do", ""],
            ["E-4", "is blocked by", "X-10", "Open", "Not in this document"],
        ])
    }

    // MARK: - Status summary

    func testStatusSummaryCountsCategoriesAndPercentages() throws {
        let requirements = [
            issue("E-1", "Epic"),
            issue("E-2", "Story", parent: "E-1", status: "Done", category: .done, points: 5),
            issue("E-3", "Story", parent: "E-1", status: "In Review", category: .inProgress, points: 8),
            issue("E-4", "Story", parent: "E-1", status: "Closed", category: nil, points: 3),
            issue("E-5", "Bug", parent: "E-1", status: "Triage", category: nil),
            issue("E-6", "Sub-task", parent: "E-3", status: "Done", category: .done),
            issue("E-7", "Sub-task", parent: "E-3"),
        ]
        let blocks = try Collated(requirements).subsection("Status summary", of: feature)
        XCTAssertEqual(Collated.tableRows(blocks), [
            ["Status category", "Issues", "Story points", "Statuses"],
            ["To do", "0", "0", ""],
            ["In progress", "1", "8", "In Review (1)"],
            ["Done", "2", "8", "Closed (1), Done (1)"],
            ["No status category", "1", "0", "Triage (1)"],
            ["Total", "4", "16", ""],
        ])
        XCTAssertTrue(Collated.text(blocks).hasSuffix(
            "Done: 2 of 4 issues (50%); 8 of 16 story points (50%), 1 issue unestimated. Sub-tasks: 1 of 2 done."),
            Collated.text(blocks))
    }

    func testStatusSummaryWithoutPointsAndRounding() throws {
        let requirements = [issue("E-1", "Epic")] + (2...4).map { number in
            issue("E-\(number)", "Task", parent: "E-1", status: number == 2 ? "Done" : "To Do", category: number == 2 ? .done : .todo)
        }
        let blocks = try Collated(requirements).subsection("Status summary", of: feature)
        XCTAssertEqual(Collated.tableRows(blocks).first, ["Status category", "Issues", "Statuses"])
        XCTAssertTrue(Collated.text(blocks).hasSuffix("Done: 1 of 3 issues (33%)."), Collated.text(blocks))
    }

    // MARK: - Linked resources

    func testLinkedResourcesFromRemoteLinksAndDescriptionsOnce() throws {
        let remote: JSONValue = [["object": ["url": "https://docs.example.com/a", "title": "Spec"]], "https://example.com/b"]
        let link = Inline.link(Link(target: .url("https://docs.example.com/a"), content: [.text("again")]))
        let page = Inline.link(Link(target: .page(PageLink(spaceKey: "ENG", title: "Design")), content: [.text("Design")]))
        let requirements = [
            issue("E-1", "Epic", fields: [Field(Requirement.FieldName.remoteLinks, remote)]),
            issue("E-2", "Story", parent: "E-1", description: [.paragraph([link, .text(" "), page,
                .link(Link(target: .url("mailto:x@example.com"), content: [.text("mail")]))])]),
        ]
        let text = Collated.text(try Collated(requirements).subsection("Linked resources", of: feature))
        XCTAssertEqual(text, "Spec — from E-1\nhttps://example.com/b — from E-1\nDesign — from E-2")
    }
}

extension TemplateTests {
    func testSettingsSetTheHeadingLevel() throws {
        var options = CollateOptions()
        try options.apply(settings: ["collate.heading-level": "keep", "csv.delimiter": ";"])
        XCTAssertNil(options.descriptionHeadingLevel)
        try options.apply(settings: ["collate.heading-level": "3"])
        XCTAssertEqual(options.descriptionHeadingLevel, 3)
        XCTAssertThrowsError(try options.apply(settings: ["collate.heading-level": "9"]))
        XCTAssertThrowsError(try options.apply(settings: ["collate.colour": "red"]))
    }
}
