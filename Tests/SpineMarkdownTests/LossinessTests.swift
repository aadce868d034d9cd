// MarkdownLossiness (the markdown descriptor's `normalize`) predicts exactly what writing a
// document as Markdown and reading it back gives, for each lossy case in Formats/markdown.md.

import SpineCore
import SpineMarkdown
import XCTest

final class LossinessTests: XCTestCase {
    let options = ConversionOptions()

    func check(_ document: Document, file: StaticString = #filePath, line: UInt = #line) throws {
        guard let normalize = MarkdownFormats.descriptors.first(where: { $0.name == "markdown" })?.normalize else {
            return XCTFail("markdown has no normalize", file: file, line: line)
        }
        let written = try MarkdownWriter().write(document, options: options).bytes
        let read = try MarkdownReader().read(written, options: options).document
        let expected = normalize(document)
        XCTAssertEqual(read, expected, "written:\n\(String(decoding: written, as: UTF8.self))\nread:\n\(ASTFormat.dump(read))expected:\n\(ASTFormat.dump(expected))", file: file, line: line)
        XCTAssertEqual(normalize(read), read, "normalize is not the identity on what the reader gives", file: file, line: line)
    }

    func testLossyBlocks() throws {
        var heading = Heading(level: 9, content: [.text("Deep"), .lineBreak, .text("er")])
        heading.anchor = "deep"
        try check(Document(blocks: [
            .heading(heading),
            .heading(Heading(level: 1, content: [.text("Title"), .lineBreak])),
            .paragraph([.text("ends with a break"), .lineBreak]),
            .paragraph([.lineBreak]),
            .code(CodeBlock(language: "swift extra", text: "let x = 1", attributes: [Attribute("a", "1"), Attribute("b", "say \"hi\"")])),
            .image(Image(source: .url("https://example.com/a.png"), alt: "a", width: "40")),
            .code(CodeBlock(text: "plain", title: "say \"x\"", attributes: [Attribute("nopanel", "true")])),
            .code(CodeBlock(text: "titled", title: "T")),
            .list(ListBlock(kind: .bullet, tight: true, items: [ListItem(task: .todo, blocks: [.paragraph([])]), ListItem(blocks: [])])),
            .paragraph([.link(Link(target: .url("#page"), content: [.text("page")])), .emoji(Emoji(shortName: "ok", fallback: ":ok:"))]),
            .list(ListBlock(kind: .bullet, tight: true, items: [ListItem(task: .done, blocks: [.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("x")])])]))])])),
            .list(ListBlock(kind: .bullet, tight: false, items: [ListItem(blocks: [.paragraph([.text("only item")])])])),
            .list(ListBlock(kind: .bullet, tight: true, items: [ListItem(blocks: [.paragraph([.text("a")]), .paragraph([.text("b")])])])),
            .expand(Expand(title: "two\nlines", blocks: [.paragraph([.text("body")])], attributes: [Attribute("k", "v")])),
        ]))
    }

    func testTablesMarkdownCannotExpressBecomeHTML() throws {
        let merged = Table(rows: [
            TableRow(section: .head, cells: [TableCell(header: true, colspan: 2, blocks: [.paragraph([.text("wide")])])]),
            TableRow(cells: [TableCell(blocks: [.paragraph([.text("a")])]), TableCell(blocks: [.paragraph([.text("b")])])]),
        ])
        let broken = Table(rows: [
            TableRow(section: .head, cells: [TableCell(header: true, blocks: [.paragraph([.text("h")])])]),
            TableRow(cells: [TableCell(blocks: [.paragraph([.text("one"), .lineBreak, .text("two")])])]),
        ])
        let fine = Table(columns: [TableColumn(alignment: .right, width: "30%")], rows: [
            TableRow(section: .head, cells: [TableCell(header: true, blocks: [.paragraph([.text(" h ")])])]),
            TableRow(cells: [TableCell(blocks: [.paragraph([.strong([.text("x"), .lineBreak, .text("y")])])])]),
        ])
        try check(Document(blocks: [.table(merged), .table(broken), .table(fine)]))
    }

    func testLossyInlines() throws {
        try check(Document(blocks: [
            .paragraph([
                .link(Link(target: .url("https://a.example"), content: [.text("outer "), .link(Link(target: .url("https://b.example"), content: [.text("inner")]))])),
                .text(" "), .footnoteReference("missing"), .text(" "), .code(""), .code("two\nlines"),
                .span(Span(attributes: [], content: [.text("plain span")])),
                .span(Span(attributes: [Attribute("bad name", "x"), Attribute("class", "c")], content: [.text("span")])),
                .issue(IssueReference(key: "PW-1", attributes: [Attribute("ok", "1"), Attribute("no good", "2")])),
                .raw(Raw(format: "html", content: "<abbr\n   title=\"x\">")), .text("t"), .raw(Raw(format: "html", content: "</abbr>")),
            ]),
            .paragraph([.text("a "), .footnoteReference("1")]),
            .footnote(Footnote(label: "1", blocks: [.paragraph([.text("note")])])),
        ]))
    }

    func testMetadata() throws {
        var metadata = Metadata(title: "T")
        metadata.extra = [Field("team", .string("Identity")), Field("nested", .object(JSONObject(["a": .number("1")]))),
                          Field("bad key:", .string("x")), Field("title", .string("reserved"))]
        try check(Document(metadata: metadata, blocks: [.paragraph([.text("x")])]))
    }
}
