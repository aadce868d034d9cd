// Writer tests: escaping keeps text text, each AST case has a rendering, lossy cases report
// the documented diagnostic codes, and requirements render as heading + field table.

import SpineCore
import SpineJiraWiki
import XCTest

final class WikiWriterTests: XCTestCase {
    private let reader = JiraWikiReader()
    private let writer = JiraWikiWriter()

    private func write(_ blocks: [Block]) -> (text: String, codes: [String]) {
        let result = writer.text(for: blocks)
        return (result.text, result.diagnostics.map(\.code))
    }

    private func readBack(_ text: String) -> [Block] { reader.blocks(from: text).document.blocks }

    // MARK: - Escaping

    /// Text full of markup characters reads back as the same text.
    func testPlainTextWithMarkupCharactersRoundTrips() {
        let samples = [
            "a*b*c and *not bold* or _not em_", "-not struck- 2-3-4 well-known -> arrows",
            "{code} {{mono}} {color:red} {*}", "[not a link|http://x] [PROJ-1] [~user]",
            "a | b || c", "Hi!there! and !image.png!", "(/) (x) (i) :) ;) :D f(x)", "??cite?? ???",
            "+plus+ ^sup^ ~sub~", "C:\\Users\\dev\\ and a\\*b and trailing \\", "&amp; &copy; &#169; & alone",
            "see http://example.com/a_b and mailto:x@y.z", "a -- b --- c", "*", "_", "-", "!", "\\\\",
            "x ** y __ z", "tab\there", "ends with ?", "日本*語* and *größer*",
        ]
        for sample in samples {
            let text = write([.paragraph([.text(sample)])]).text
            XCTAssertEqual(readBack(text), [.paragraph([.text(sample)])], "sample \(sample) written as \(text)")
        }
    }

    /// Block markers at the start of a line are neutralised.
    func testLineStartMarkersAreEscaped() {
        let samples = ["* not a list", "# not numbered", "- not a dash item", "h1. not a heading",
                       "bq. not a quote", "----", "| not a table", "{quote}"]
        for sample in samples {
            let blocks: [Block] = [.paragraph([.text("first"), .lineBreak, .text(sample)])]
            let text = write(blocks).text
            XCTAssertEqual(readBack(text), blocks, "sample \(sample) written as \(text)")
            XCTAssertEqual(readBack(write([.paragraph([.text(sample)])]).text), [.paragraph([.text(sample)])], sample)
        }
    }

    /// Effects next to letters use the forced form; elsewhere the plain form.
    func testEffectForms() {
        XCTAssertEqual(write([.paragraph([.text("pre"), .strong([.text("fix")]), .text("ed")])]).text, "pre{*}fix{*}ed")
        XCTAssertEqual(write([.paragraph([.text("a "), .emphasis([.text("b")]), .text(" c")])]).text, "a _b_ c")
        XCTAssertEqual(write([.paragraph([.strong([.text(" padded ")])])]).text, "{*} padded {*}")
        XCTAssertEqual(write([.paragraph([.strong([.strong([.text("x")])])])]).text, "*x*")
        let nested: [Block] = [.paragraph([.strong([.text("a "), .emphasis([.text("b")]), .text(" c")])])]
        XCTAssertEqual(write(nested).text, "*a _b_ c*")
        XCTAssertEqual(readBack(write(nested).text), nested)
    }

    /// Soft breaks are spaces; hard breaks are newlines in paragraphs and `\\` elsewhere.
    func testBreaks() {
        XCTAssertEqual(write([.paragraph([.text("a"), .softBreak, .text("b")])]).text, "a b")
        XCTAssertEqual(write([.paragraph([.text("a"), .lineBreak, .text("b")])]).text, "a\nb")
        XCTAssertEqual(write([.heading(Heading(level: 2, content: [.text("a"), .lineBreak, .text("b")]))]).text, "h2. a\\\\b")
        XCTAssertEqual(write([.paragraph([.strong([.text("a"), .lineBreak, .text("b")])])]).text, "*a\\\\b*")
        let trailing: [Block] = [.paragraph([.text("a"), .lineBreak])]
        XCTAssertEqual(readBack(write(trailing).text), trailing)
        let doubled: [Block] = [.paragraph([.text("a"), .lineBreak, .lineBreak, .text("b")])]
        XCTAssertEqual(readBack(write(doubled).text), doubled)
    }

    // MARK: - Every block

    /// Each block case renders as documented.
    func testBlockRenderings() {
        XCTAssertEqual(write([.code(CodeBlock(language: "swift", text: "let x = 1", title: "A.swift"))]).text,
                       "{code:swift|title=A.swift}\nlet x = 1\n{code}")
        XCTAssertEqual(write([.code(CodeBlock(text: "plain"))]).text, "{noformat}\nplain\n{noformat}")
        XCTAssertEqual(write([.code(CodeBlock(text: "has {noformat} inside"))]).text, "{code}\nhas {noformat} inside\n{code}")
        XCTAssertEqual(write([.quote([.paragraph([.text("q")])])]).text, "bq. q")
        XCTAssertEqual(write([.quote([.paragraph([.text("a")]), .paragraph([.text("b")])])]).text, "{quote}\na\n\nb\n{quote}")
        XCTAssertEqual(write([.rule]).text, "----")
        XCTAssertEqual(write([.panel(Panel(kind: .warning, title: "T", blocks: [.paragraph([.text("w")])]))]).text,
                       "{panel:title=T|bgColor=#fffae6}\nw\n{panel}")
        XCTAssertEqual(write([.division(Division(attributes: [Attribute("color", "red")], blocks: [.paragraph([.text("r")])]))]).text,
                       "{color:red}\nr\n{color}")
        XCTAssertEqual(write([.image(Image(source: .attachment(AttachmentLink(fileName: "a b.png")), alt: "A, B", width: "300"))]).text,
                       "!a b.png|width=300,alt=\"A, B\"!")
        XCTAssertEqual(write([.raw(Raw(format: "jira-wiki", content: "{toc}"))]).text, "{toc}")
        let list = ListBlock(kind: .ordered(start: 1), items: [
            ListItem(blocks: [.paragraph([.text("one")]), .list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("sub")])])]))]),
            ListItem(blocks: [.paragraph([.text("two")])]),
        ])
        XCTAssertEqual(write([.list(list)]).text, "# one\n#* sub\n# two")
        let table = Table(rows: [
            TableRow(section: .head, cells: [TableCell(header: true, blocks: [.paragraph([.text("H")])]),
                                             TableCell(header: true, blocks: [.paragraph([.text("I")])])]),
            TableRow(cells: [TableCell(blocks: [.paragraph([.text("a|b")])]),
                             TableCell(blocks: [.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("x")])]),
                                                                                      ListItem(blocks: [.paragraph([.text("y")])])]))])]),
        ])
        XCTAssertEqual(write([.table(table)]).text, "||H||I||\n|a\\|b|* x\n* y|")
        XCTAssertEqual(readBack(write([.table(table)]).text), [.table(table)])
    }

    /// Constructs wiki markup cannot express get their closest form and a diagnostic.
    func testLossyBlocksReportDiagnostics() {
        let cases: [(Block, String, String)] = [
            (.expand(Expand(title: "More", blocks: [.paragraph([.text("x")])])), "{panel:title=More}\nx\n{panel}", "jira-wiki.expand-as-panel"),
            (.tableOfContents(TableOfContents()), "", "jira-wiki.toc-dropped"),
            (.layout(Layout(sections: [LayoutSection(columns: [LayoutColumn(blocks: [.paragraph([.text("l")])]),
                                                               LayoutColumn(blocks: [.paragraph([.text("r")])])])])),
             "l\n\nr", "jira-wiki.layout-flattened"),
            (.issueQuery(IssueQuery(jql: "project = X")), "[Issues: project = X|/issues/?jql=project%20%3D%20X]", "jira-wiki.issue-query-as-link"),
            (.footnote(Footnote(label: "1", blocks: [.paragraph([.text("note")])])), "\\[1\\] note", "jira-wiki.footnote-as-text"),
            (.raw(Raw(format: "html", content: "<b>x</b>")), "{noformat}\n<b>x</b>\n{noformat}", "jira-wiki.raw-as-text"),
            (.list(ListBlock(kind: .bullet, items: [ListItem(task: .done, blocks: [.paragraph([.text("t")])])])), "* (/) t", "jira-wiki.task-as-emoticon"),
            (.panel(Panel(kind: .info, blocks: [.panel(Panel(kind: .note, blocks: [.paragraph([.text("n")])]))])),
             "{panel:bgColor=#deebff}\nn\n{panel}", "jira-wiki.nested-macro"),
            (.table(Table(rows: [TableRow(cells: [TableCell(colspan: 2, blocks: [.paragraph([.text("wide")])])])])), "|wide| |", "jira-wiki.cell-span-dropped"),
        ]
        for (block, expected, code) in cases {
            let result = write([block])
            XCTAssertEqual(result.text, expected, code)
            XCTAssertTrue(result.codes.contains(code), "\(code) missing from \(result.codes)")
        }
    }

    // MARK: - Every inline

    /// Each inline case renders as documented.
    func testInlineRenderings() {
        func inline(_ node: Inline) -> [String] {
            let result = write([.paragraph([.text("x "), node, .text(" y")])])
            return [result.text] + result.codes
        }
        XCTAssertEqual(inline(.code("a}b"))[0], "x {{a&#125;b}} y")
        XCTAssertEqual(inline(.link(Link(target: .url("https://e.com/a b"), content: [.text("E")])))[0], "x [E|https://e.com/a%20b] y")
        XCTAssertEqual(inline(.link(Link(target: .anchor("top"), content: [])))[0], "x [#top] y")
        XCTAssertEqual(inline(.link(Link(target: .attachment(AttachmentLink(fileName: "f.pdf")), content: [])))[0], "x [^f.pdf] y")
        XCTAssertEqual(inline(.mention(Mention(accountID: "5b10ac8d82e05b22cc7d4ef5", displayName: "Ann")))[0],
                       "x [Ann|~accountid:5b10ac8d82e05b22cc7d4ef5] y")
        XCTAssertEqual(inline(.mention(Mention(accountID: "5b10ac8d82e05b22cc7d4ef5"))).dropFirst().map { $0 }, ["jira-wiki.mention-without-name"])
        XCTAssertEqual(inline(.issue(IssueReference(key: "PROJ-1")))[0], "x [PROJ-1] y")
        XCTAssertEqual(inline(.emoji(Emoji(shortName: ":check_mark:")))[0], "x (/) y")
        XCTAssertEqual(inline(.emoji(Emoji(shortName: "rocket", fallback: "🚀")))[0], "x 🚀 y")
        XCTAssertEqual(inline(.emoji(Emoji(shortName: "rocket", fallback: "🚀"))).dropFirst().map { $0 }, ["jira-wiki.emoji-as-text"])
        XCTAssertEqual(inline(.anchor("here"))[0], "x {anchor:here} y")
        XCTAssertEqual(inline(.span(Span(attributes: [Attribute("color", "#ff0000")], content: [.text("red")])))[0],
                       "x {color:#ff0000}red{color} y")
        XCTAssertEqual(inline(.span(Span(attributes: [Attribute("class", "citation")], content: [.text("Doe")])))[0], "x ??Doe?? y")
        XCTAssertEqual(inline(.superscript([.text("2")]))[0], "x ^2^ y")
        XCTAssertEqual(inline(.subscript([.text("2")]))[0], "x ~2~ y")
        XCTAssertEqual(inline(.underline([.text("u")]))[0], "x +u+ y")
        XCTAssertEqual(inline(.strikethrough([.text("s")]))[0], "x -s- y")
        XCTAssertEqual(inline(.image(Image(source: .url("https://e.com/i.png"))))[0], "x !https://e.com/i.png! y")
        XCTAssertEqual(inline(.raw(Raw(format: "jira-wiki", content: "{jira:X-1}")))[0], "x {jira:X-1} y")
        XCTAssertEqual(inline(.status(Status(text: "Done", colour: "Green"))),
                       ["x {color:#00875a}*\\[DONE\\]*{color} y", "jira-wiki.status-approximated"])
        XCTAssertEqual(inline(.date("2024-05-01")), ["x 2024-05-01 y", "jira-wiki.date-as-text"])
        XCTAssertEqual(inline(.placeholder("type here")), ["x  y", "jira-wiki.placeholder-dropped"])
        XCTAssertEqual(inline(.footnoteReference("1")).dropFirst().map { $0 }, ["jira-wiki.footnote-as-text"])
        XCTAssertEqual(inline(.link(Link(target: .page(PageLink(spaceKey: "S", title: "Home")), content: [.text("Home")]))),
                       ["x Home y", "jira-wiki.page-link-as-text"])
        XCTAssertEqual(inline(.raw(Raw(format: "html", content: "<br>"))), ["x {{<br>}} y", "jira-wiki.raw-as-text"])
    }

    // MARK: - Requirements

    /// A requirement renders as heading, field table, description and acceptance criteria.
    func testRequirementRendering() {
        let requirement = Requirement(
            key: "PROJ-12", summary: "Export invoices", type: "Story", status: "In Progress", statusCategory: .inProgress,
            priority: "High", assignee: Person(displayName: "Ann Lee"), labels: ["billing", "export"], parent: "PROJ-1",
            links: [IssueLink(type: "Blocks", direction: .outward, description: "blocks", key: "PROJ-13")],
            description: [.paragraph([.text("As a clerk I want CSV.")])],
            acceptanceCriteria: [.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("CSV has headers")])])]))],
            children: [Requirement(key: "PROJ-14", summary: "Sub-task")],
            fields: [Field("Story Points", .number("5"))])
        let result = write([.requirement(requirement)])
        XCTAssertEqual(result.text, """
            h2. [PROJ-12] Export invoices

            ||Type|Story|
            ||Status|In Progress (inProgress)|
            ||Priority|High|
            ||Assignee|Ann Lee|
            ||Labels|billing, export|
            ||Parent|[PROJ-1]|
            ||Links|blocks [PROJ-13]|
            ||Story Points|5|

            As a clerk I want CSV.

            h3. Acceptance criteria

            * CSV has headers

            h3. [PROJ-14] Sub-task
            """)
        XCTAssertEqual(result.codes, ["jira-wiki.requirement-rendered"])
    }

    /// The document writer ends with a newline; the registry entry is complete.
    func testDocumentWriterAndRegistry() throws {
        let bytes = try writer.write(Document(blocks: [.paragraph([.text("x")])]), options: ConversionOptions()).bytes
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "x\n")
        let descriptor = try XCTUnwrap(JiraWikiFormats.descriptors.first)
        XCTAssertEqual(descriptor.name, "jira-wiki")
        XCTAssertEqual(descriptor.extensions, [".jira", ".wiki"])
        XCTAssertNotNil(descriptor.reader)
        XCTAssertNotNil(descriptor.writer)
    }

    /// Fuzz finding f040…: a `{quote}` tag read inline in a list item is raw markup; when the list
    /// is flattened into a table cell the tag would open a quote there, so it is written as text.
    func testBlockMacroTagFlattenedIntoACellIsWrittenAsText() {
        let source = "|{quote}\n* item {quote} end\n{quote}|\n"
        let first = readBack(source)
        let written = write(first)
        XCTAssertTrue(written.text.contains("\\{quote}"), written.text)
        XCTAssertTrue(written.codes.contains("jira-wiki.macro-tag-as-text"), "\(written.codes)")
        let second = readBack(written.text)
        XCTAssertEqual(write(second).text, written.text, "not a fixed point")
    }

    /// Fuzz finding 0fdd…: a title ending in a brace became a trailing blank, which the reader
    /// trims, so the second pass wrote different bytes. Titles are written trimmed.
    func testMacroTitleWithBraceAtItsEndIsWrittenTrimmed() {
        let panel = Block.panel(Panel(kind: .info, title: "Status{", blocks: [.paragraph([.text("x")])]))
        let written = write([panel])
        XCTAssertTrue(written.text.contains("title=Status|") || written.text.contains("title=Status}"), written.text)
        XCTAssertEqual(write(readBack(written.text)).text, written.text, "not a fixed point")
    }

    /// Fuzz finding 357e…: an empty heading in a cell after a list wrote a line break, so the
    /// next cell's `|` began a line and read back as a new row. Blocks that flatten to nothing
    /// are left out of the cell.
    func testEmptyHeadingInACellAfterAListWritesNothing() {
        let source = "|a\n# item\nh1.|b|\n"
        let first = readBack(source)
        let written = write(first)
        XCTAssertEqual(written.text, "|a\n# item|b|")
        guard case .table(let table)? = readBack(written.text).first else { return XCTFail(written.text) }
        XCTAssertEqual(table.rows.count, 1)
        XCTAssertEqual(table.rows.first?.cells.count, 2)
    }

    /// Fuzz finding 8cdf…: `{{quote}` reads the tag as raw inline markup; written after an escaped
    /// `\{` the same tag opened a quote. Raw block macro tags are written as escaped text.
    func testRawBlockMacroTagIsWrittenAsText() {
        let first = readBack("a {{quote} b\n")
        let written = write(first)
        XCTAssertFalse(written.text.contains("\\{{quote}"), written.text)
        XCTAssertTrue(written.codes.contains("jira-wiki.macro-tag-as-text"), "\(written.codes)")
        XCTAssertEqual(write(readBack(written.text)).text, written.text, "not a fixed point")
    }

    /// Fuzz finding a35a…: a line break before a raw macro tag was written as a newline, so the
    /// tag stood alone at a line start and read back as a block. Such a break is written `\\`.
    func testBreakBeforeARawMacroTagStaysOnTheLine() {
        let blocks: [Block] = [.paragraph([.text("a"), .lineBreak, .raw(Raw(format: "jira-wiki", content: "{widget:x=1}"))])]
        let written = write(blocks)
        XCTAssertEqual(written.text, "a\\\\{widget:x=1}")
        XCTAssertEqual(readBack(written.text), blocks)
    }

    /// Fuzz finding b4fc…: text `h1.` at a line start was escaped even when the next inline
    /// continues the word (`h1.{quote}` is no heading), so the second pass wrote other bytes.
    func testHeadingMarkerIsEscapedOnlyWhenItWouldStartAHeading() {
        XCTAssertEqual(write([.paragraph([.text("h1."), .code("x")])]).text, "h1.{{x}}")
        XCTAssertEqual(write([.paragraph([.text("h1."), .text(" x")])]).text, "&#104;1. x")
        XCTAssertEqual(write([.paragraph([.text("h1.")])]).text, "&#104;1.")
    }
}
