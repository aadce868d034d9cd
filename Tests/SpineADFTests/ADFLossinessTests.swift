// The adf format's documented lossiness (Formats/adf.md, "Lossiness"): hand-checked cases, each
// also checked against what writing as ADF and reading back really gives.

import SpineADF
import SpineCore
import XCTest

final class ADFLossinessTests: XCTestCase {
    private func normalize(_ blocks: [Block], title: String? = nil) throws -> Document {
        let descriptor = try XCTUnwrap(ADFFormats.descriptors.first { $0.name == "adf" })
        let normalize = try XCTUnwrap(descriptor.normalize, "adf declares its lossiness")
        var metadata = Metadata()
        metadata.title = title
        let document = Document(metadata: metadata, blocks: blocks)
        let expected = normalize(document)
        let written = try ADFWriter().write(document, options: ConversionOptions())
        let read = try ADFReader().read(written.bytes, options: ConversionOptions()).document
        XCTAssertEqual(normalize(read), expected, "read(write(d)) differs from normalize(d)\n\(ASTFormat.dump(read))")
        return expected
    }

    func testMetadataIsDroppedWithADiagnostic() throws {
        let normal = try normalize([.paragraph([.text("body")])], title: "Title")
        XCTAssertEqual(normal.metadata, Metadata(source: SourceInfo(format: "adf")))
        XCTAssertEqual(normal.blocks, [.paragraph([.text("body")])])
        var metadata = Metadata()
        metadata.title = "Title"
        let written = try ADFWriter().write(Document(metadata: metadata, blocks: []), options: ConversionOptions())
        XCTAssertTrue(written.diagnostics.contains { $0.code == "adf.metadata-dropped" })
    }

    func testWriterReportsWhatItDropsOrChanges() throws {
        var table = Table(rows: [])
        table.caption = [.text("Totals")]
        let blocks: [Block] = [
            .paragraph([.status(Status(text: "OK", colour: "Orange")), .status(Status(text: "Fine", colour: "Grey"))]),
            .table(table),
            .table(Table(rows: [TableRow(cells: [TableCell(blocks: [])]), TableRow(section: .foot, cells: [TableCell(blocks: [])])])),
        ]
        let diagnostics = try ADFWriter().write(Document(blocks: blocks), options: ConversionOptions()).diagnostics.map(\.code)
        XCTAssertEqual(diagnostics.filter { $0 == "adf.status-colour" }.count, 1, "\(diagnostics)")
        XCTAssertTrue(diagnostics.contains("adf.table-caption"), "\(diagnostics)")
        XCTAssertTrue(diagnostics.contains("adf.table-footer"), "\(diagnostics)")
        let normal = try normalize(blocks)
        XCTAssertEqual(normal.blocks.count, 2)
    }

    func testTaskListInAQuoteBecomesCheckboxText() throws {
        let list = ListBlock(kind: .bullet, items: [
            ListItem(task: .todo, blocks: [.paragraph([.text("buy milk")])]),
            ListItem(task: .done, blocks: [.paragraph([.text("pay")])]),
        ])
        let normal = try normalize([.quote([.list(list)])])
        XCTAssertEqual(normal.blocks, [.quote([.list(ListBlock(kind: .bullet, items: [
            ListItem(blocks: [.paragraph([.text("☐ buy milk")])]),
            ListItem(blocks: [.paragraph([.text("☑ pay")])]),
        ]))])])
    }

    func testTopLevelTaskListGetsGeneratedIDs() throws {
        let list = ListBlock(kind: .ordered(start: 1), items: [ListItem(task: .done, blocks: [.paragraph([.text("a")]), .paragraph([.text("b")])])])
        let normal = try normalize([.list(list)])
        XCTAssertEqual(normal.blocks, [.division(Division(attributes: [
            Attribute("adf.node", "taskList"),
            Attribute("adf.attrs", #"{"localId":"00000000-0000-4000-8000-000000000002"}"#),
            Attribute("adf.items", #"[{"localId":"00000000-0000-4000-8000-000000000001"}]"#),
        ], blocks: [.list(ListBlock(kind: .bullet, items: [ListItem(task: .done, blocks: [.paragraph([.text("a"), .lineBreak, .text("b")])])]))]))])
    }

    func testTableInAListItemBecomesOneParagraphPerRow() throws {
        let table = Table(rows: [
            TableRow(section: .head, cells: [TableCell(header: true, blocks: [.paragraph([.text("H1")])]), TableCell(header: true, blocks: [.paragraph([.text("H2")])])]),
            TableRow(cells: [TableCell(blocks: [.paragraph([.emphasis([.text("a")])])]), TableCell(blocks: [.paragraph([.text("b")])])]),
        ])
        let normal = try normalize([.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("x")]), .table(table)])]))])
        XCTAssertEqual(normal.blocks, [.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [
            .paragraph([.text("x")]),
            .paragraph([.strong([.text("H1")]), .text(" | "), .strong([.text("H2")])]),
            .paragraph([.text("a | b")]),
        ])]))])
    }

    func testPanelTitleAndKind() throws {
        let normal = try normalize([.panel(Panel(kind: .custom("Caution"), title: "Careful", blocks: [.rule, .quote([.paragraph([.text("q")])])]))])
        XCTAssertEqual(normal.blocks, [.panel(Panel(kind: .warning, blocks: [.paragraph([.strong([.text("Careful")])]), .rule, .paragraph([.text("q")])]))])
    }

    func testInlineFormattingBecomesMarksAndRegroups() throws {
        let content: [Inline] = [
            .strong([.text("a")]), .strong([.text("b"), .code("c")]),
            .emphasis([.mention(Mention(accountID: "42", displayName: "Ada"))]),
            .superscript([.subscript([.text("x")])]),
            .softBreak, .anchor("gone"),
            .link(Link(target: .page(PageLink(spaceKey: "ENG", title: "Home")), content: [.text("home")])),
            .span(Span(attributes: [Attribute("color", "red")], content: [.text("!")])),
        ]
        let normal = try normalize([.paragraph(content)])
        XCTAssertEqual(normal.blocks, [.paragraph([
            .strong([.text("ab")]), .code("c"), .mention(Mention(accountID: "42", displayName: "Ada")),
            .subscript([.text("x")]), .text(" home!"),
        ])])
    }
}

final class ADFRequirementLossinessTests: XCTestCase {
    func testRequirementKeepsWhatTheFieldTableCarries() throws {
        let descriptor = try XCTUnwrap(ADFFormats.descriptors.first { $0.name == "adf" })
        let normalize = try XCTUnwrap(descriptor.normalize)
        var requirement = Requirement(key: "SHOP-1", summary: "Checkout", type: "Story", status: "Open")
        requirement.assignee = Person(displayName: "Ada", accountID: "5b10")
        requirement.reporter = Person(accountID: "77")
        requirement.labels = ["a, b", "c"]
        requirement.links = [IssueLink(type: "blocks", direction: .outward, key: "SHOP-9")]
        requirement.fields = [Field("Points", .number("3")), Field("Team", .object(JSONObject(["name": "Web"])))]
        requirement.description = [.paragraph([.emphasis([.text("why")])])]
        let document = Document(blocks: [.requirement(requirement)])
        var expected = Requirement(key: "SHOP-1", summary: "Checkout", type: "Story", status: "Open", statusCategory: .todo)
        expected.assignee = Person(displayName: "Ada")
        expected.reporter = Person(accountID: "77")
        expected.labels = ["a", "b", "c"]
        expected.fields = [Field("Points", .number("3")), Field("Team", .string("Web"))]
        expected.description = [.paragraph([.emphasis([.text("why")])])]
        XCTAssertEqual(normalize(document).blocks, [.requirement(expected)])
        let written = try ADFWriter().write(document, options: ConversionOptions())
        let read = try ADFReader().read(written.bytes, options: ConversionOptions()).document
        XCTAssertEqual(normalize(read), normalize(document), ASTFormat.dump(read))
    }
}
