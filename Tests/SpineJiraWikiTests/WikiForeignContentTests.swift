// Content that other formats give the wiki writer (Confluence page links, attachments with
// spaces, newlines inside Jira/ADF text, ADF JSON attributes): what is written, what reads
// back, and that `normalize` predicts the read-back exactly.

import SpineCore
import SpineJiraWiki
import XCTest

final class WikiForeignContentTests: XCTestCase {
    private let reader = JiraWikiReader()
    private let writer = JiraWikiWriter()
    private let normalize = JiraWikiFormats.jiraWiki.normalize

    /// Writes blocks, reads them back, and checks `normalize` predicts the result.
    private func roundTrip(_ blocks: [Block], file: StaticString = #filePath, line: UInt = #line)
        -> (text: String, codes: [String], back: [Block]) {
        let result = writer.text(for: blocks)
        let back = reader.blocks(from: result.text).document.blocks
        if let normalize {
            let expected = normalize(Document(blocks: blocks))
            let actual = normalize(Document(blocks: back))
            XCTAssertEqual(actual, expected, "written as \(result.text)\nexpected \(ASTFormat.dump(expected))\nread back \(ASTFormat.dump(actual))",
                           file: file, line: line)
        } else {
            XCTFail("jira-wiki has no normalize", file: file, line: line)
        }
        return (result.text, result.diagnostics.map(\.code), back)
    }

    /// A page link without text is written as the page title, as Confluence shows it.
    func testPageLinkWithoutTextKeepsTheTitle() {
        let blocks: [Block] = [.paragraph([.text("Read the "), .link(Link(target: .page(PageLink(title: "Architecture")), content: [])),
                                           .text("; space "), .link(Link(target: .space("REQ"), content: []))])]
        let result = roundTrip(blocks)
        XCTAssertEqual(result.text, "Read the Architecture; space REQ")
        XCTAssertEqual(result.back, [.paragraph([.text("Read the Architecture; space REQ")])])
        XCTAssertEqual(result.codes, ["jira-wiki.page-link-as-text"])
    }

    /// Attachment names keep their spaces; a page the attachment belongs to is reported and dropped.
    func testAttachmentNamesKeepSpaces() {
        let attachment = AttachmentLink(page: PageLink(spaceKey: "ARCH", title: "Export"), fileName: "export-spec v2.pdf")
        let blocks: [Block] = [.paragraph([.link(Link(target: .attachment(attachment), content: [.text("the spec")]))])]
        let result = roundTrip(blocks)
        XCTAssertEqual(result.text, "[the spec|^export-spec v2.pdf]")
        XCTAssertEqual(result.back, [.paragraph([.link(Link(target: .attachment(AttachmentLink(fileName: "export-spec v2.pdf")),
                                                            content: [.text("the spec")]))])])
        XCTAssertEqual(result.codes, ["jira-wiki.attachment-page"])
        let image: [Block] = [.image(Image(source: .attachment(attachment)))]
        XCTAssertEqual(roundTrip(image).back, [.image(Image(source: .attachment(AttachmentLink(fileName: "export-spec v2.pdf"))))])
    }

    /// A newline inside a text node is content, written as `&#10;` and read back as itself.
    func testNewlineInsideTextIsKept() {
        let blocks: [Block] = [
            .paragraph([.text("* Given a shopper\n* Analytics *event* sent")]),
            .table(Table(rows: [TableRow(cells: [TableCell(blocks: [.paragraph([.text("Aurora\nBerlin"), .code("a\nb")])])])])),
        ]
        let result = roundTrip(blocks)
        XCTAssertEqual(result.text, "\\* Given a shopper&#10;\\* Analytics \\*event\\* sent\n\n|Aurora&#10;Berlin{{a&#10;b}}|")
        XCTAssertEqual(result.back, blocks)
        XCTAssertEqual(result.codes, [])
    }

    /// JSON attributes (ADF's `adf.attrs`) cannot be macro or image parameters: dropped and reported, never mangled.
    func testJSONAttributesAreDroppedWithADiagnostic() {
        let json = ##"{"panelIcon":":star:","panelColor":"#E6FCFF"}"##
        let panel: [Block] = [.panel(Panel(kind: .custom("custom"), blocks: [.paragraph([.text("x")])],
                                           attributes: [Attribute("adf.attrs", json), Attribute("borderStyle", "dashed")]))]
        let result = roundTrip(panel)
        XCTAssertEqual(result.text, "{panel:borderStyle=dashed}\nx\n{panel}")
        XCTAssertEqual(result.codes, ["jira-wiki.panel-kind", "jira-wiki.attribute-dropped"])
        let image: [Block] = [.image(Image(source: .attachment(AttachmentLink(fileName: "a.png")),
                                           attributes: [Attribute("adf.attrs", #"{"layout":"wide"}"#), Attribute("align", "right")]))]
        let imageResult = roundTrip(image)
        XCTAssertEqual(imageResult.text, "!a.png|align=right!")
        XCTAssertEqual(imageResult.codes, ["jira-wiki.attribute-dropped"])
    }

    /// A plain panel whose background is a kind colour reads back as that kind (the reader's rule).
    func testPanelWithKindColourReadsAsKind() {
        let blocks: [Block] = [.panel(Panel(kind: .custom("panel"), blocks: [.paragraph([.text("x")])],
                                            attributes: [Attribute("bgColor", "#DEEBFF")]))]
        let result = roundTrip(blocks)
        XCTAssertEqual(result.back, [.panel(Panel(kind: .info, blocks: [.paragraph([.text("x")])]))])
    }

    /// An anchor starting a heading reads back as the heading's anchor; a `#x` URL as an anchor link.
    func testHeadingAnchorAndHashURL() {
        let blocks: [Block] = [
            .heading(Heading(level: 2, content: [.anchor("top"), .text("Top")])),
            .paragraph([.link(Link(target: .url("#page"), content: [.text("page")]))]),
        ]
        let result = roundTrip(blocks)
        XCTAssertEqual(result.back, [
            .heading(Heading(level: 2, content: [.text("Top")], anchor: "top")),
            .paragraph([.link(Link(target: .anchor("page"), content: [.text("page")]))]),
        ])
    }

    /// Image names and option values are reduced to what fits between `!`, reported, and predicted by `normalize`.
    func testImageTextIsEncodedAndReported() {
        let blocks: [Block] = [.image(Image(source: .attachment(AttachmentLink(fileName: " wow!|x.png")), alt: #"say "hi", ok"#,
                                            title: "a!b", width: "300"))]
        let result = roundTrip(blocks)
        XCTAssertEqual(result.text, #"!wow%21%7Cx.png|width=300,alt="say 'hi', ok",title=a'b!"#)
        XCTAssertEqual(result.back, [.image(Image(source: .attachment(AttachmentLink(fileName: "wow%21%7Cx.png")), alt: "say 'hi', ok",
                                                  title: "a'b", width: "300"))])
        XCTAssertEqual(result.codes, ["jira-wiki.image-text-changed"])
        let url: [Block] = [.image(Image(source: .attachment(AttachmentLink(fileName: "https://h/x.png"))))]
        XCTAssertEqual(roundTrip(url).back, [.image(Image(source: .url("https://h/x.png")))])
    }

    /// Titles and tooltips lose characters that would end the parameter; reported as such.
    func testParameterTextChangesAreReported() {
        let blocks: [Block] = [
            .panel(Panel(kind: .info, title: "A | B {x}", blocks: [.paragraph([.text("x")])])),
            .paragraph([.link(Link(target: .url("https://h"), content: [.text("h")], title: "see [1]"))]),
        ]
        let result = roundTrip(blocks)
        XCTAssertEqual(result.text, "{panel:title=A   B  x|bgColor=#deebff}\nx\n{panel}\n\n[h|https://h|see [1)]")
        XCTAssertEqual(result.codes, ["jira-wiki.parameter-text-changed"])
    }

    /// A link without text whose target the bare `[target]` form cannot carry is written with itself as text.
    func testLinksWithoutTextStayLinks() {
        let blocks: [Block] = [.paragraph([
            .link(Link(target: .url("docs/a b.html"), content: [])), .text(" "),
            .link(Link(target: .url("https://h/x"), content: [])), .text(" "),
            .link(Link(target: .issue("PROJ-7"), content: [])),
        ])]
        let result = roundTrip(blocks)
        XCTAssertEqual(result.text, "[docs/a%20b.html|docs/a%20b.html] [https://h/x] [PROJ-7]")
        XCTAssertEqual(result.back, [.paragraph([
            .link(Link(target: .url("docs/a%20b.html"), content: [.text("docs/a%20b.html")])), .text(" "),
            .link(Link(target: .url("https://h/x"), content: [])), .text(" "),
            .issue(IssueReference(key: "PROJ-7")),
        ])])
    }
}
