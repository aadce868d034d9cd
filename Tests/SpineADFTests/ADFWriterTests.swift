// The ADF writer: every AST case is written as valid ADF, and lossy steps are reported.

import SpineADF
import SpineCore
import XCTest

final class ADFWriterTests: XCTestCase {
    /// One inline of every AST inline case.
    private let everyInline: [Inline] = [
        .text("plain "), .emphasis([.text("em")]), .strong([.text("strong "), .emphasis([.text("both")])]),
        .strikethrough([.text("gone")]), .underline([.text("under")]), .superscript([.text("sup")]), .subscript([.text("sub")]),
        .code("x = 1"), .strong([.code("bold code")]), .link(Link(target: .url("https://example.com"), content: [.code("api")], title: "API")),
        .link(Link(target: .url("https://example.com/card"), content: [])), .link(Link(target: .anchor("top"), content: [.text("top")])),
        .link(Link(target: .page(PageLink(spaceKey: "SHOP", title: "Checkout Flow")), content: [.text("page")])),
        .link(Link(target: .attachment(AttachmentLink(fileName: "a.pdf")), content: [.text("file")])),
        .link(Link(target: .issue("SHOP-1"), content: [.text("issue link")])), .link(Link(target: .user("abc"), content: [])),
        .link(Link(target: .space("SHOP"), content: [.text("space")])),
        .image(Image(source: .url("https://example.com/i.png"), alt: "icon")), .lineBreak, .softBreak,
        .mention(Mention(accountID: "5b10", displayName: "Ada")), .issue(IssueReference(key: "SHOP-2")),
        .status(Status(text: "Done", colour: "Green")), .status(Status(text: "", colour: nil)), .date("2024-06-01"), .date("next week"),
        .emoji(Emoji(shortName: "smile", fallback: "😄")), .footnoteReference("1"), .anchor("here"), .placeholder("Type"),
        .span(Span(attributes: [Attribute("color", "#00875a")], content: [.text("green")])),
        .span(Span(attributes: [Attribute("color", "red"), Attribute("class", "x")], content: [.text("named")])),
        .strong([.mention(Mention(accountID: "5b11"))]), .subscript([.superscript([.text("nested")])]),
        .raw(Raw(format: "adf", content: #"{"type":"emoji","attrs":{"shortName":":x:"}}"#)), .raw(Raw(format: "html", content: "<b>x</b>")),
        .text(""),
    ]

    /// One block of every AST block case, each holding further content.
    private var everyBlock: [Block] {
        let paragraph = Block.paragraph(everyInline)
        let table = Table(caption: [.text("Caption")], columns: [TableColumn(alignment: .center, width: "120"), TableColumn(alignment: .right)],
                          rows: [TableRow(section: .head, cells: [TableCell(blocks: [.paragraph([.text("A")])]), TableCell(blocks: [])]),
                                 TableRow(cells: [TableCell(colspan: 2, blocks: [paragraph, .table(Table(rows: [TableRow(cells: [TableCell(blocks: [.paragraph([.text("inner")])])])]))])])])
        let list = ListBlock(kind: .ordered(start: 0), items: [
            ListItem(blocks: [.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.heading(Heading(level: 2, content: [.text("h")]))])]))]),
            ListItem(blocks: []), ListItem(blocks: [.quote([.panel(Panel(kind: .tip, blocks: [.rule]))]), .table(table)]),
        ])
        let tasks = ListBlock(kind: .bullet, items: [ListItem(task: .done, blocks: [paragraph, .code(CodeBlock(text: "c")),
                                                     .list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("n")])])]))]),
                                                     ListItem(blocks: [.paragraph([.text("no box")])])])
        let requirement = Requirement(key: "SHOP-7", summary: "Pay with saved card", type: "Story", status: "In Progress",
                                      statusCategory: .inProgress, priority: "High", assignee: Person(displayName: "Ada"),
                                      reporter: Person(accountID: "5b10"), labels: ["checkout"], components: ["Web"], fixVersions: ["1.0"],
                                      parent: "SHOP-1", links: [IssueLink(type: "Blocks", direction: .outward, description: "blocks", key: "SHOP-9")],
                                      description: [paragraph], acceptanceCriteria: [.list(tasks)],
                                      children: [Requirement(key: "SHOP-8", summary: "Sub-task")], sourceURL: "https://example.atlassian.net/browse/SHOP-7",
                                      fields: [Field("Story Points", 5), Field("Sprint", [["name": "Sprint 4"]]), Field("Odd", ["a": [1, 2]])])
        return [
            paragraph, .heading(Heading(level: 9, content: [.text("deep")], anchor: "deep")), .list(list), .list(tasks),
            .code(CodeBlock(language: "swift", text: "let x = 1", title: "Example", attributes: [Attribute("theme", "dark")])),
            .quote([.heading(Heading(level: 1, content: [.text("quoted heading")])), .list(tasks), .expand(Expand(title: "e", blocks: []))]),
            .rule, .table(table),
            .panel(Panel(kind: .custom("important"), title: "Heads up", blocks: [.table(table), .quote([paragraph])])),
            .panel(Panel(kind: .custom("fancy"), blocks: [])),
            .expand(Expand(title: "Outer", blocks: [.expand(Expand(title: "Inner", blocks: [.expand(Expand(blocks: [paragraph]))])), .table(table)])),
            .tableOfContents(TableOfContents(attributes: [Attribute("maxLevel", "2")])),
            .image(Image(source: .url("https://example.com/a.png"), alt: "A", title: "Figure 1", width: "640px")),
            .image(Image(source: .attachment(AttachmentLink(fileName: "local.png")))),
            .issueQuery(IssueQuery(jql: "project = SHOP", columns: ["key", "summary"], maxResults: 20)),
            .requirement(requirement),
            .layout(Layout(sections: [LayoutSection(columns: [LayoutColumn(blocks: [paragraph, .layout(Layout(sections: [LayoutSection(columns: [LayoutColumn(blocks: [.rule]), LayoutColumn(blocks: [])])]))]),
                                                              LayoutColumn(width: "30", blocks: [])]),
                                      LayoutSection(columns: [LayoutColumn(blocks: [paragraph])])])),
            .footnote(Footnote(label: "1", blocks: [.paragraph([.text("Footnote text")])])),
            .division(Division(attributes: [Attribute("class", "note")], blocks: [paragraph])),
            .raw(Raw(format: "adf", content: #"{"type":"rule"}"#)), .raw(Raw(format: "confluence", content: "<ac:structured-macro/>")),
            .raw(Raw(format: "adf", content: "not json")),
        ]
    }

    func testEveryASTCaseIsWrittenAsValidADF() {
        let result = ADFTest.writeValid(everyBlock, options: ConversionOptions(siteURL: "https://example.atlassian.net/"))
        let codes = Set(result.diagnostics.map(\.code))
        for code in ["adf.code-marks", "adf.code-title", "adf.table-flattened", "adf.heading-flattened", "adf.footnote", "adf.raw-as-code",
                     "adf.requirement-rendered", "adf.inline-image", "adf.attachment-image", "adf.panel-title", "adf.anchor-dropped",
                     "adf.mixed-task-list", "adf.link-target", "adf.table-caption", "adf.expand-flattened", "adf.task-list-flattened"] {
            XCTAssertTrue(codes.contains(code), "missing diagnostic \(code); got \(codes.sorted())")
        }
    }

    func testEveryCaseValidInsideEveryContainer() {
        // The same content nested in each container kind, so each context's fallbacks are exercised.
        let blocks = everyBlock
        let containers: [Block] = [
            .quote(blocks), .panel(Panel(kind: .info, blocks: blocks)), .expand(Expand(title: "x", blocks: blocks)),
            .list(ListBlock(kind: .bullet, items: [ListItem(blocks: blocks)])),
            .table(Table(rows: [TableRow(cells: [TableCell(blocks: blocks)])])),
            .layout(Layout(sections: [LayoutSection(columns: [LayoutColumn(blocks: blocks), LayoutColumn(blocks: blocks)])])),
            .division(Division(attributes: [Attribute("adf.node", "bodiedExtension"),
                                            Attribute("adf.attrs", #"{"extensionType":"t","extensionKey":"k"}"#)], blocks: blocks)),
        ]
        ADFTest.writeValid(containers)
        ADFTest.writeValid([.table(Table(rows: [TableRow(cells: [TableCell(blocks: [.expand(Expand(blocks: blocks))])])]))])
    }

    func testStatusDateAndEmojiMapping() {
        let value = ADFWriter().document(for: [.paragraph([.status(Status(text: "Done", colour: "Green")), .date("2024-06-01"),
                                                            .emoji(Emoji(shortName: "smile", fallback: "😄", id: "1f604"))])]).value
        let nodes = value["content"]?.arrayValue?.first?["content"]?.arrayValue ?? []
        XCTAssertEqual(nodes.count, 3)
        XCTAssertEqual(nodes.first?["attrs"]?["color"], "green")
        XCTAssertEqual(nodes.dropFirst().first?["attrs"]?["timestamp"], "1717200000000")
        XCTAssertEqual(nodes.last?["attrs"]?["shortName"], ":smile:")
    }

    func testNoEmptyTextAndCodeOnlyWithLink() {
        let value = ADFWriter().document(for: [.paragraph([.text(""), .strong([.emphasis([.code("c")])]), .strong([])])]).value
        let nodes = value["content"]?.arrayValue?.first?["content"]?.arrayValue ?? []
        XCTAssertEqual(nodes, [.object(JSONObject([JSONObject.Member("type", "text"), JSONObject.Member("text", "c"),
                                                   JSONObject.Member("marks", [["type": "code"]])]))])
    }

    func testListItemNeverStartsWithAList() {
        let value = ADFTest.writeValid([.list(ListBlock(kind: .bullet, items: [
            ListItem(blocks: [.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("x")])])]))]),
        ]))]).value
        let item = value["content"]?.arrayValue?.first?["content"]?.arrayValue?.first
        XCTAssertEqual(item?["content"]?.arrayValue?.first?["type"], "paragraph")
    }
}

/// Colours in the form the Confluence editor writes into storage become ADF colour marks.
final class ADFColourTests: XCTestCase {
    private func textColour(_ colour: String) throws -> (String?, [String]) {
        let span = Span(attributes: [Attribute("color", colour)], content: [.text("x")])
        let written = try ADFWriter().write(Document(blocks: [.paragraph([.span(span)])]), options: ConversionOptions())
        let json = try JSONParser.parse(written.bytes)
        let mark = json["content"]?.arrayValue?.first?["content"]?.arrayValue?.first?["marks"]?.arrayValue?.first
        return (mark?["attrs"]?["color"]?.stringValue, written.diagnostics.map(\.code))
    }

    func testRGBColoursBecomeHexMarksAndOthersAreReported() throws {
        XCTAssertEqual(try textColour("rgb(255,86,48)").0, "#ff5630")
        XCTAssertEqual(try textColour("rgb(0, 82, 204)").0, "#0052cc")
        XCTAssertEqual(try textColour("#36B37E").0, "#36B37E")
        for unusable in ["rgb(256,0,0)", "red", "rgb(1,2)"] {
            let (colour, codes) = try textColour(unusable)
            XCTAssertNil(colour, unusable)
            XCTAssertTrue(codes.contains("adf.color"), unusable)
        }
    }
}
