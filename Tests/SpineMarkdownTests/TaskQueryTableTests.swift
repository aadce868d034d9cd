// Shapes Confluence pages bring that Markdown once could not carry back: empty task items, an
// issue query in a tight list item, and tables written as an HTML skeleton around Markdown cells.

import SpineCore
import SpineMarkdown
import XCTest

final class TaskQueryTableTests: XCTestCase {
    let options = ConversionOptions()

    func read(_ text: String) throws -> [Block] {
        try MarkdownReader().read(Array(text.utf8), options: options).document.blocks
    }

    func write(_ blocks: [Block]) throws -> String {
        String(decoding: try MarkdownWriter().write(Document(blocks: blocks), options: options).bytes, as: UTF8.self)
    }

    /// Writes, reads back the same blocks, and writes the same text again.
    @discardableResult
    func assertRoundTrip(_ blocks: [Block], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let text = try write(blocks)
        let back = try read(text)
        XCTAssertEqual(back, blocks, "written:\n\(text)\nread:\n\(ASTFormat.dump(Document(blocks: back)))", file: file, line: line)
        XCTAssertEqual(try write(back), text, "not a fixed point", file: file, line: line)
        return text
    }

    // MARK: - Empty task items (tasks-nested)

    func testEmptyTaskItemIsCheckboxAndSpace() throws {
        // `- [ ] ` with its trailing space is a task item in cmark-gfm; without it, `[ ]` is text
        let list = ListBlock(kind: .bullet, items: [ListItem(task: .done, blocks: [.paragraph([.text("a")])]), ListItem(task: .todo, blocks: [])])
        XCTAssertEqual(try assertRoundTrip([.list(list)]), "- [x] a\n- [ ] \n")
        XCTAssertEqual(try read("- [ ]\n"), [.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("[ ]")])])]))])
        XCTAssertEqual(try read("1. [X]\t\n"), [.list(ListBlock(kind: .ordered(start: 1), items: [ListItem(task: .done, blocks: [])]))])
    }

    func testTaskItemNotStartingWithTextKeepsItsCheckbox() throws {
        // the checkbox is a line of its own; the blocks follow as they would follow a paragraph
        let nested = ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("sub")])])])
        XCTAssertEqual(try assertRoundTrip([.list(ListBlock(kind: .bullet, items: [ListItem(task: .todo, blocks: [.list(nested)])]))]),
                       "- [ ] \n  - sub\n")
        let code = CodeBlock(language: "sh", text: "make")
        XCTAssertEqual(try assertRoundTrip([.list(ListBlock(kind: .bullet, tight: false, items: [
            ListItem(task: .done, blocks: [.code(code)]), ListItem(blocks: [.paragraph([.text("b")])]),
        ]))]), "- [x] \n\n  ```sh\n  make\n  ```\n\n- b\n")
    }

    func testLooseListOfOneTaskHoldingOneParagraphStaysLoose() throws {
        let list = ListBlock(kind: .bullet, tight: false, items: [ListItem(task: .todo, blocks: [.paragraph([.text("para")])])])
        XCTAssertEqual(try assertRoundTrip([.list(list)]), "- [ ] \n\n  para\n")
    }

    // MARK: - Issue query in a tight item (onboarding-checklist)

    func testIssueQueryFollowsAParagraphInATightItem() throws {
        let query = IssueQuery(jql: "project = EXP", columns: ["key"], maxResults: 5)
        let list = ListBlock(kind: .ordered(start: 1), items: [
            ListItem(blocks: [.paragraph([.text("Pair on a bug from")]), .issueQuery(query)]),
            ListItem(blocks: [.paragraph([.text("next")])]),
        ])
        XCTAssertEqual(try assertRoundTrip([.list(list)]), """
            1. Pair on a bug from
               <!-- spine:issue-query columns="key" max-results="5" -->
               ```jql
               project = EXP
               ```
            2. next

            """)
    }

    // MARK: - Tables as an HTML skeleton around Markdown cells (retrospective, prd-blueprint)

    func testTableWithTaskItemsInACellReadsBackAsATable() throws {
        let tasks = ListBlock(kind: .bullet, items: [ListItem(task: .todo, blocks: [.paragraph([.text("Review within one day")])])])
        let table = Table(columns: [TableColumn(), TableColumn()], rows: [
            TableRow(section: .body, cells: [TableCell(header: true, blocks: [.paragraph([.text("Actions")])]),
                                             TableCell(blocks: [.list(tasks)], attributes: [Attribute("data-highlight-colour", "#fffae6")])]),
        ])
        XCTAssertEqual(try assertRoundTrip([.table(table)]), """
            <table>
            <tbody>
            <tr>
            <th>

            Actions

            </th>
            <td data-highlight-colour="#fffae6">

            - [ ] Review within one day

            </td>
            </tr>
            </tbody>
            </table>

            """)
    }

    func testHeaderColumnTableWithAnIssueReferenceReadsBackAsATable() throws {
        let table = Table(columns: [TableColumn(width: "30%"), TableColumn(alignment: .center)], rows: [
            TableRow(cells: [TableCell(header: true, blocks: [.paragraph([.text("Epic")])]),
                             TableCell(blocks: [.paragraph([.issue(IssueReference(key: "EXP-12"))])])]),
            TableRow(section: .foot, cells: [TableCell(colspan: 2, alignment: .right, blocks: [])]),
        ], attributes: [Attribute("class", "wrapped")])
        var captioned = table
        captioned.caption = [.emphasis([.text("Details")])]
        let text = try assertRoundTrip([.table(captioned)])
        XCTAssertTrue(text.hasPrefix("<table class=\"wrapped\">\n<caption>\n\n*Details*\n\n</caption>\n<colgroup>\n<col width=\"30%\" />\n<col align=\"center\" />\n</colgroup>\n<tbody>\n"), text)
        XCTAssertTrue(text.hasSuffix("<tfoot>\n<tr>\n<td align=\"right\" colspan=\"2\"></td>\n</tr>\n</tfoot>\n</table>\n"), text)
    }

    func testNestedTableAndTableInATightListItem() throws {
        let inner = Table(columns: [TableColumn()], rows: [TableRow(cells: [TableCell(header: true, blocks: [.paragraph([.text("in")])])])])
        let outer = Table(columns: [TableColumn()], rows: [TableRow(cells: [TableCell(blocks: [.table(inner), .paragraph([.text("after")])])])])
        try assertRoundTrip([.table(outer), .paragraph([.text("p")])])
        // the table's blank lines make the list loose; an empty one has none
        let empty = Table(columns: [TableColumn()], rows: [TableRow(cells: [TableCell(colspan: 2, blocks: [])])])
        try assertRoundTrip([.list(ListBlock(kind: .bullet, tight: false, items: [ListItem(blocks: [.paragraph([.text("a")]), .table(outer)])]))])
        XCTAssertEqual(try assertRoundTrip([.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("a")]), .table(empty)])]))]),
                       "- a\n  <table>\n  <tbody>\n  <tr>\n  <td colspan=\"2\"></td>\n  </tr>\n  </tbody>\n  </table>\n")
    }

    func testHandWrittenGitHubStyleTableReadsAsATable() throws {
        let text = "<table>\n<tr>\n<td>\n\n**bold** cell\n\n</td>\n</tr>\n</table>\n"
        // rows outside a section are not the writer's form: kept as raw HTML and Markdown
        XCTAssertEqual(try read(text).count, 3)
        let sectioned = "<table>\n<tbody>\n<tr>\n<td>\n\n**bold** cell\n\n</td>\n</tr>\n</tbody>\n</table>\n"
        XCTAssertEqual(try read(sectioned), [.table(Table(columns: [TableColumn()], rows: [
            TableRow(cells: [TableCell(blocks: [.paragraph([.strong([.text("bold")]), .text(" cell")])])]),
        ]))])
    }

    func testCellHoldingRawTableTagsKeepsTheWholeTableAsHTML() throws {
        // a raw `</td>` block in a cell would be read as skeleton: the table is one HTML block
        let table = Table(rows: [TableRow(cells: [TableCell(blocks: [.raw(Raw(format: "html", content: "</td>")), .paragraph([.text("x")])])])])
        let result = try MarkdownWriter().write(Document(blocks: [.table(table)]), options: options)
        XCTAssertTrue(result.diagnostics.contains { $0.code == "markdown.table-raw-html" })
        guard case .raw(let raw)? = try read(String(decoding: result.bytes, as: UTF8.self)).first else { return XCTFail("not raw") }
        XCTAssertTrue(raw.content.hasPrefix("<table>\n<tbody>\n<tr>\n<td>"), raw.content)
    }
}
