// Nodes Markdown has no syntax for: written with Spine's conventions and read back equal.

import SpineCore
import SpineMarkdown
import XCTest

final class ConventionTests: XCTestCase {
    func write(_ document: Document) throws -> WriteResult {
        try MarkdownWriter().write(document, options: ConversionOptions())
    }

    /// Writes, reads back, and checks equality and the fixed point.
    func assertRoundTrip(_ document: Document, file: StaticString = #filePath, line: UInt = #line) throws {
        let written = try write(document).bytes
        let text = String(decoding: written, as: UTF8.self)
        let read = try MarkdownReader().read(written, options: ConversionOptions()).document
        XCTAssertEqual(read, document, "written:\n\(text)\nread:\n\(ASTFormat.dump(read))\nexpected:\n\(ASTFormat.dump(document))", file: file, line: line)
        XCTAssertEqual(try write(read).bytes, written, "not a fixed point", file: file, line: line)
    }

    static let requirement = Requirement(
        key: "PRD-12", summary: "Users can reset their password: by *email* | SMS", type: "Story", status: "In Progress",
        statusCategory: .inProgress, priority: "High",
        assignee: Person(displayName: "Jane Doe", accountID: "557058:1a2b", email: "jane@example.com"),
        reporter: Person(displayName: "Ola Nordmann"), labels: ["auth", "self-service", "a, b"], components: ["Identity"],
        fixVersions: ["2.4"], parent: "PRD-1",
        links: [IssueLink(type: "Blocks", direction: .outward, description: "blocks", key: "PRD-13", summary: "Audit log", status: "To Do", statusCategory: .todo)],
        description: [
            .paragraph([.text("As a user I want to reset my password.")]),
            .heading(Heading(level: 3, content: [.text("Acceptance criteria")])),
            .list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("nested heading above is description")])])])),
            .table(Table(columns: [TableColumn(alignment: .left), TableColumn()], rows: [
                TableRow(section: .head, cells: [TableCell(header: true, blocks: [.paragraph([.text("Channel")])]), TableCell(header: true, blocks: [.paragraph([.text("Limit")])])]),
                TableRow(cells: [TableCell(blocks: [.paragraph([.text("SMS")])]), TableCell(blocks: [.paragraph([.code("3/h")])])]),
            ])),
            .code(CodeBlock(language: "json", text: "{\"reset\": true}")),
        ],
        acceptanceCriteria: [.list(ListBlock(kind: .bullet, items: [
            ListItem(task: .todo, blocks: [.paragraph([.text("Link expires after 15 minutes")])]),
            ListItem(task: .done, blocks: [.paragraph([.text("Rate limited")])]),
        ]))],
        children: [Requirement(key: "PRD-14", summary: "Send reset email", type: "Sub-task", description: [.paragraph([.text("Uses the mailer.")])])],
        sourceURL: "https://example.atlassian.net/browse/PRD-12",
        fields: [Field("Story Points", .number("5")), Field("Sprint", .array(["Sprint 7"])), Field("Team", .string("Identity")),
                 Field("Due date", .null), Field("Notes", .string("  two\nlines ")), Field("Flag", .bool(true))])

    func testRequirementRoundTrips() throws {
        try assertRoundTrip(Document(blocks: [.paragraph([.text("Intro")]), .requirement(Self.requirement), .paragraph([.text("Outro")])]))
    }

    func testMinimalAndOddRequirementsRoundTrip() throws {
        try assertRoundTrip(Document(blocks: [.requirement(Requirement(summary: "No key, no fields"))]))
        try assertRoundTrip(Document(blocks: [.requirement(Requirement(key: "X-1", summary: " padded summary\n", labels: ["[bracketed]"]))]))
        try assertRoundTrip(Document(blocks: [.requirement(Requirement(key: "X-2", summary: "", assignee: Person(accountID: "abc")))]))
    }

    func testRequirementLooksReadable() throws {
        let text = String(decoding: try write(Document(blocks: [.requirement(Self.requirement)])).bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("## PRD-12: Users can reset their password: by \\*email\\* | SMS\n"), text)
        XCTAssertTrue(text.contains("- **Type:** Story\n"), text)
        XCTAssertTrue(text.contains("- **Labels:** `auth`, `self-service`, `a, b`\n"), text)
        XCTAssertTrue(text.contains("**Acceptance criteria**\n\n- [ ] Link expires after 15 minutes\n- [x] Rate limited"), text)
        XCTAssertTrue(text.contains("### PRD-14: Send reset email"), text)
    }

    func testAlertsMapToPanelsAndBack() throws {
        let kinds: [(String, Panel.Kind)] = [("NOTE", .info), ("TIP", .tip), ("IMPORTANT", .custom("important")), ("WARNING", .warning), ("CAUTION", .error)]
        for (marker, kind) in kinds {
            let doc = try MarkdownReader().read(Array("> [!\(marker)]\n> Be careful.\n".utf8), options: ConversionOptions()).document
            XCTAssertEqual(doc.blocks, [.panel(Panel(kind: kind, blocks: [.paragraph([.text("Be careful.")])]))])
            XCTAssertEqual(String(decoding: try write(doc).bytes, as: UTF8.self), "> [!\(marker)]\n> Be careful.\n")
        }
        // not an alert: text after the marker, or an escaped marker
        let plain = try MarkdownReader().read(Array("> \\[!NOTE]\n> x\n".utf8), options: ConversionOptions()).document
        XCTAssertEqual(plain.blocks, [.quote([.paragraph([.text("[!NOTE]"), .softBreak, .text("x")])])])
        try assertRoundTrip(plain)
    }

    func testOtherPanelsExpandsLayoutsAndMore() throws {
        let doc = Document(blocks: [
            .panel(Panel(kind: .note, title: "Heads up -- really", blocks: [.paragraph([.text("Yellow note")])], attributes: [Attribute("bgColor", "#fff")])),
            .panel(Panel(kind: .success, blocks: [])),
            .panel(Panel(kind: .info, title: "Titled info", blocks: [.paragraph([.text("x")])])),
            .expand(Expand(title: "Details <more>", blocks: [.paragraph([.text("Hidden")]), .code(CodeBlock(text: "a\n\nb"))])),
            .tableOfContents(TableOfContents(attributes: [Attribute("maxLevel", "3")])),
            .issueQuery(IssueQuery(jql: "project = PRD AND type = Story", columns: ["key", "summary"], maxResults: 20, attributes: [Attribute("server", "Jira")])),
            .layout(Layout(sections: [LayoutSection(type: "two_equal", columns: [
                LayoutColumn(width: "50", blocks: [.paragraph([.text("Left")])]),
                LayoutColumn(width: "50", blocks: [.paragraph([.text("Right")])]),
            ])])),
            .division(Division(attributes: [Attribute("class", "box")], blocks: [.paragraph([.text("Boxed")])])),
            .raw(Raw(format: "confluence", content: "<ac:structured-macro ac:name=\"roadmap\"/>\n```")),
            .raw(Raw(format: "adf", content: "{\"type\":\"extension\"}")),
            .raw(Raw(format: "html", content: "<div class=\"x\">\n<p>raw</p>\n</div>")),
            .raw(Raw(format: "html", content: "<span>not a block start</span>")),
            .footnote(Footnote(label: "1", blocks: [.paragraph([.text("The note.")]), .paragraph([.text("Second paragraph.")])])),
            .paragraph([.text("See"), .footnoteReference("1"), .text(".")]),
            .code(CodeBlock(language: "swift", text: "let x = \"```\"", title: "Example.swift", attributes: [Attribute("linenumbers", "true")])),
            .code(CodeBlock(language: "ruby", text: "puts 1", attributes: [Attribute("info", "startline=3 {.x}")])),
        ])
        try assertRoundTrip(doc)
    }

    func testInlineConventionsRoundTrip() throws {
        let doc = Document(blocks: [.paragraph([
            .text("Owner "), .mention(Mention(accountID: "557058:abc", displayName: "Jane")), .text(", "),
            .mention(Mention(accountID: "anon-1")), .text(" status "), .status(Status(text: "IN PROGRESS", colour: "Yellow", subtle: true)),
            .text(" due "), .date("2025-03-01"), .text(" "), .issue(IssueReference(key: "PRD-7", attributes: [Attribute("server", "Jira")])),
            .text(" "), .emoji(Emoji(shortName: "smile", fallback: "😄", id: "1f604")), .emoji(Emoji(shortName: "custom")),
            .text(" "), .underline([.text("under")]), .superscript([.text("2")]), .subscript([.text("i")]),
            .anchor("top"), .placeholder("type here"), .span(Span(attributes: [Attribute("style", "color: red")], content: [.text("red")])),
            .text(" "), .link(Link(target: .page(PageLink(spaceKey: "ENG", title: "Design & Plan", anchor: "Goals")), content: [.text("design")])),
            .text(" "), .link(Link(target: .attachment(AttachmentLink(fileName: "spec v2.pdf")), content: [.text("spec")])),
            .text(" "), .link(Link(target: .issue("PRD-9"), content: [.text("PRD-9")])), .text(" "),
            .link(Link(target: .user("u1"), content: [.text("user")])), .text(" "), .link(Link(target: .space("ENG"), content: [.text("space")])),
            .text(" "), .link(Link(target: .anchor("top"), content: [.text("up")], title: "Back \"up\"")),
            .text(" "), .image(Image(source: .attachment(AttachmentLink(fileName: "diagram.png")), alt: "Flow [v2]")),
            .text(" "), .raw(Raw(format: "confluence", content: "<ac:emoticon ac:name=\"tick\"/>")),
            .text(" 日本語 and עברית text"),
        ])])
        try assertRoundTrip(doc)
    }

    func testTextThatLooksLikeMarkupStaysText() throws {
        let doc = Document(blocks: [
            .paragraph([.text("# not a heading *or* _emph_ [link](x) <b> &amp; www.example.org a@b.org http://x.org ~~s~~ `c` 1. 2) - + > |")]),
            .paragraph([.text("  leading and trailing spaces  "), .softBreak, .text("- dash"), .softBreak, .text("==="), .softBreak, .text("12. item")]),
            .heading(Heading(level: 2, content: [.text("Ends with #")])),
            .heading(Heading(level: 3, content: [.text("#")])),
            .table(Table(columns: [TableColumn(alignment: .center)], rows: [
                TableRow(section: .head, cells: [TableCell(header: true, blocks: [.paragraph([.text("a | b")])])]),
                TableRow(cells: [TableCell(blocks: [.paragraph([.code("x | y")])])]),
            ])),
        ])
        try assertRoundTrip(doc)
    }

    func testLossyNodesAreReported() throws {
        let doc = Document(blocks: [
            .table(Table(rows: [TableRow(cells: [TableCell(colspan: 2, blocks: [.paragraph([.text("merged")])])])])),
            .image(Image(source: .url("a.png"), alt: "A", width: "100")),
            .heading(Heading(level: 4, content: [.text("a"), .softBreak, .text("b")], anchor: "h")),
        ])
        let result = try write(doc)
        let codes = Set(result.diagnostics.map(\.code))
        XCTAssertTrue(codes.isSuperset(of: ["markdown.table-as-html", "markdown.image-attributes", "markdown.block-image",
                                            "markdown.break-dropped", "markdown.heading-anchor"]), "\(codes)")
        let text = String(decoding: result.bytes, as: UTF8.self)
        // the merged cell is an HTML skeleton around Markdown content, which reads back as the table
        XCTAssertTrue(text.contains("<tbody>\n<tr>\n<td colspan=\"2\">\n\nmerged\n\n</td>\n</tr>\n</tbody>\n</table>"), text)
        let back = try MarkdownReader().read(result.bytes, options: ConversionOptions()).document
        XCTAssertEqual(back.blocks.first, .table(Table(columns: [TableColumn()], rows: [
            TableRow(cells: [TableCell(colspan: 2, blocks: [.paragraph([.text("merged")])])]),
        ])))
    }
}
