// Writer tests: escaping, CDATA, requirements that read back equal, issue queries, envelopes, raw content.

import SpineConfluence
import SpineCore
import SpineXML
import XCTest

final class StorageWriterTests: XCTestCase {
    private func write(_ blocks: [Block], settings: [String: String] = [:], metadata: Metadata = Metadata()) throws -> (String, [Diagnostic]) {
        let result = try StorageWriter().write(Document(metadata: metadata, blocks: blocks), options: ConversionOptions(settings: settings))
        return (String(decoding: result.bytes, as: UTF8.self), result.diagnostics)
    }

    private func roundTrip(_ blocks: [Block]) throws -> [Block] {
        let bytes = try StorageWriter().write(Document(blocks: blocks), options: ConversionOptions()).bytes
        return try StorageReader().read(bytes, options: ConversionOptions()).document.blocks
    }

    // MARK: - Escaping and CDATA

    func testTextAndAttributesAreEscaped() throws {
        let (text, _) = try write([.paragraph([.text("a < b & c > d \"q\""),
                                               .link(Link(target: .url("https://x.org/?a=1&b=\"2\""), content: [.text("x")]))])])
        XCTAssertEqual(text, "<p>a &lt; b &amp; c &gt; d \"q\"<a href=\"https://x.org/?a=1&amp;b=&quot;2&quot;\">x</a></p>\n")
    }

    func testCodeUsesCDATAAndSplitsTheTerminator() throws {
        let code = "if a[b[0]]> 1 { print(\"]]>\") }"
        let (text, _) = try write([.code(CodeBlock(language: "swift", text: code))])
        XCTAssertEqual(text, "<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">swift</ac:parameter>"
                       + "<ac:plain-text-body><![CDATA[if a[b[0]]]]><![CDATA[> 1 { print(\"]]]]><![CDATA[>\") }]]></ac:plain-text-body></ac:structured-macro>\n")
        XCTAssertEqual(try roundTrip([.code(CodeBlock(language: "swift", text: code))]), [.code(CodeBlock(language: "swift", text: code))])
    }

    func testControlCharactersAreRemovedWithAWarning() throws {
        let (text, diagnostics) = try write([.paragraph([.text("bell\u{7}here")])])
        XCTAssertEqual(text, "<p>bellhere</p>\n")
        XCTAssertTrue(diagnostics.contains { $0.code == "storage.invalid-character" })
    }

    func testInvalidAttributeNamesAreDroppedNotWritten() throws {
        let (text, diagnostics) = try write([.paragraph([.span(Span(attributes: [Attribute("bad name", "1"), Attribute("class", "ok")], content: [.text("x")]))])])
        XCTAssertEqual(text, "<p><span class=\"ok\">x</span></p>\n")
        XCTAssertTrue(diagnostics.contains { $0.code == "storage.attribute-dropped" })
    }

    // MARK: - Raw content

    func testRawStorageIsWrittenVerbatimWithEntitiesMadeNumeric() throws {
        let raw = "<ac:structured-macro ac:name=\"drawio\"><ac:parameter ac:name=\"n\">a&nbsp;b</ac:parameter></ac:structured-macro>"
        let (text, diagnostics) = try write([.raw(Raw(format: "confluence", content: raw))])
        XCTAssertEqual(text, raw.replacingOccurrences(of: "&nbsp;", with: "&#xA0;") + "\n")
        XCTAssertTrue(diagnostics.isEmpty)
    }

    func testMalformedRawStorageBecomesText() throws {
        let (text, diagnostics) = try write([.raw(Raw(format: "confluence", content: "<p>unclosed"))])
        XCTAssertTrue(text.contains("<![CDATA[<p>unclosed]]>"), text)
        XCTAssertTrue(diagnostics.contains { $0.code == "storage.raw-malformed" })
    }

    func testForeignRawIsShownAsCodeWithAWarning() throws {
        let (text, diagnostics) = try write([.raw(Raw(format: "adf", content: "{\"type\":\"extension\"}")),
                                             .raw(Raw(format: "html", content: "<details>x<br></details>"))])
        XCTAssertTrue(text.contains("<![CDATA[{\"type\":\"extension\"}]]>"), text)
        XCTAssertTrue(text.contains("<![CDATA[<details>x<br></details>]]>"), text)
        XCTAssertEqual(diagnostics.filter { $0.code == "storage.raw-foreign" }.count, 2)
    }

    func testWellFormedRawHTMLIsWrittenAsMarkup() throws {
        let (text, diagnostics) = try write([.raw(Raw(format: "html", content: "<table><tbody><tr><td>x</td></tr></tbody></table>"))])
        XCTAssertEqual(text, "<table><tbody><tr><td>x</td></tr></tbody></table>\n")
        XCTAssertTrue(diagnostics.contains { $0.code == "storage.raw-html" })
    }

    // MARK: - Jira

    func testIssueQueryBecomesTheJiraMacro() throws {
        let query = IssueQuery(jql: "project = EXP AND status != Done", columns: ["key", "summary", "status"], maxResults: 25)
        let (text, _) = try write([.issueQuery(query)])
        XCTAssertEqual(text, "<ac:structured-macro ac:name=\"jira\"><ac:parameter ac:name=\"jqlQuery\">project = EXP AND status != Done</ac:parameter>"
                       + "<ac:parameter ac:name=\"columns\">key,summary,status</ac:parameter><ac:parameter ac:name=\"maximumIssues\">25</ac:parameter>"
                       + "</ac:structured-macro>\n")
        XCTAssertEqual(try roundTrip([.issueQuery(query)]), [.issueQuery(query)])
    }

    // MARK: - Requirements

    private var sampleRequirement: Requirement {
        var child = Requirement(key: "EXP-2", summary: "Progress bar: shows %", type: "Story", status: "To Do", statusCategory: .todo,
                                parent: "EXP-1", description: [.paragraph([.text("Show progress.")])])
        child.children = [Requirement(key: "EXP-3", summary: "Sub-task", type: "Sub-task")]
        return Requirement(
            key: "EXP-1", summary: "Space export", type: "Epic", status: "In Progress", statusCategory: .inProgress, priority: "High",
            assignee: Person(displayName: "Ada Lovelace", accountID: "557058:aaaa", email: "ada@example.com"),
            reporter: Person(displayName: "Grace Hopper"), labels: ["export", "pdf"], components: ["Exporter"], fixVersions: ["3.2", "3.3"],
            links: [IssueLink(type: "Blocks", direction: .outward, description: "blocks", key: "EXP-9", summary: "Audit log", status: "Done", statusCategory: .done),
                    IssueLink(type: "Relates", direction: .inward, key: "OPS-4")],
            description: [.paragraph([.text("Admins export "), .strong([.text("a whole space")]), .text(".")]),
                          .code(CodeBlock(language: "bash", text: "spine export REQ"))],
            acceptanceCriteria: [.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("PDF has every page")])])]))],
            children: [child], sourceURL: "https://acme.atlassian.net/browse/EXP-1",
            fields: [Field("Story Points", .number("13")), Field("Team", .string("Aurora\nBerlin")), Field("Flags", .array([.bool(true), .null])),
                     Field("Empty", .string(""))])
    }

    func testRequirementReadsBackEqual() throws {
        let blocks: [Block] = [.heading(Heading(level: 1, content: [.text("Requirements")])), .requirement(sampleRequirement),
                               .paragraph([.text("After.")]), .requirement(Requirement(summary: "No key at all"))]
        let reread = try roundTrip(blocks)
        XCTAssertEqual(reread, blocks, "\n" + ASTFormat.dump(reread))
    }

    func testRequirementIsReadableConfluenceContent() throws {
        let (text, _) = try write([.requirement(Requirement(key: "EXP-7", summary: "Retry", status: "Done", statusCategory: .done))])
        XCTAssertTrue(text.hasPrefix("<h2>EXP-7: Retry</h2><ac:structured-macro ac:name=\"details\"><ac:parameter ac:name=\"id\">spine-requirement</ac:parameter>"), text)
        XCTAssertTrue(text.contains("<th><p>Status</p></th><td><p><ac:structured-macro ac:name=\"status\"><ac:parameter ac:name=\"title\">Done</ac:parameter><ac:parameter ac:name=\"colour\">Green</ac:parameter>"), text)
        XCTAssertTrue(StorageChecker().check(Array(text.utf8)).filter { $0.severity == .error }.isEmpty)
    }

    func testRequirementSurvivesConfluenceAddingMacroIDs() throws {
        let (text, _) = try write([.requirement(Requirement(key: "EXP-7", summary: "Retry", status: "Done", statusCategory: .done))])
        // What Confluence stores after an upload: ids and schema versions on every macro, server on jira macros.
        let saved = text.replacingOccurrences(of: "<ac:structured-macro ac:name=\"details\">",
                                              with: "<ac:structured-macro ac:name=\"details\" ac:schema-version=\"1\" ac:macro-id=\"m1\">")
            .replacingOccurrences(of: "<ac:structured-macro ac:name=\"jira\">",
                                  with: "<ac:structured-macro ac:name=\"jira\" ac:schema-version=\"1\" ac:macro-id=\"m2\"><ac:parameter ac:name=\"server\">Jira</ac:parameter>")
            .replacingOccurrences(of: "<ac:structured-macro ac:name=\"status\">",
                                  with: "<ac:structured-macro ac:name=\"status\" ac:schema-version=\"1\" ac:macro-id=\"m3\">")
        let blocks = try StorageReader().read(Array(saved.utf8), options: ConversionOptions()).document.blocks
        XCTAssertEqual(blocks, [.requirement(Requirement(key: "EXP-7", summary: "Retry", status: "Done", statusCategory: .done))])
    }

    // MARK: - Envelope

    func testEnvelopeForAnUpdate() throws {
        let metadata = Metadata(title: "Export spec", spaceKey: "REQ", parent: PageReference(id: "42"),
                                source: SourceInfo(format: "confluence", id: "98305", version: 7))
        let (text, _) = try write([.paragraph([.text("x")])], settings: ["confluence.envelope": "true"], metadata: metadata)
        let json = try JSONParser.parse(text)
        XCTAssertEqual(json["id"], "98305")
        XCTAssertEqual(json["type"], "page")
        XCTAssertEqual(json["title"], "Export spec")
        XCTAssertEqual(json["space"]?["key"], "REQ")
        XCTAssertEqual(json["ancestors"]?.arrayValue?.first?["id"], "42")
        XCTAssertEqual(json["version"]?["number"]?.intValue, 8)
        XCTAssertEqual(json["body"]?["storage"]?["value"], "<p>x</p>\n")
        XCTAssertEqual(json["body"]?["storage"]?["representation"], "storage")
    }

    func testEnvelopeV2AndTheCheckRuns() throws {
        let metadata = Metadata(title: "T", parent: PageReference(id: "5"), extra: [Field("spaceId", "65538")])
        let (text, diagnostics) = try write([.paragraph([.link(Link(target: .url(""), content: [.text("empty")]))])],
                                            settings: ["confluence.envelope": "v2"], metadata: metadata)
        let json = try JSONParser.parse(text)
        XCTAssertEqual(json["spaceId"], "65538")
        XCTAssertEqual(json["parentId"], "5")
        XCTAssertEqual(json["body"]?["representation"], "storage")
        XCTAssertTrue(diagnostics.contains { $0.code == "storage.check.empty-link" && $0.severity == .error })
    }

    // MARK: - Cross-format content

    func testMarkdownShapedDocumentWritesCleanStorage() throws {
        let blocks: [Block] = [
            .heading(Heading(level: 1, content: [.text("Title")], anchor: "title")),
            .list(ListBlock(kind: .ordered(start: 3), items: [ListItem(task: nil, blocks: [.paragraph([.text("three")])])])),
            .list(ListBlock(kind: .bullet, items: [ListItem(task: .done, blocks: [.paragraph([.text("done")])]),
                                                   ListItem(task: .todo, blocks: [.paragraph([.text("todo")])])])),
            .panel(Panel(kind: .success, blocks: [.paragraph([.text("ok")])])),
            .table(Table(columns: [TableColumn(alignment: .left), TableColumn(alignment: .right)],
                         rows: [TableRow(section: .head, cells: [TableCell(header: true, blocks: [.paragraph([.text("h")])]),
                                                                 TableCell(header: true, blocks: [.paragraph([.text("i")])])])])),
            .paragraph([.emoji(Emoji(shortName: "smile", fallback: "😄")), .softBreak, .footnoteReference("1")]),
            .footnote(Footnote(label: "1", blocks: [.paragraph([.text("note")])])),
        ]
        let (text, diagnostics) = try write(blocks)
        XCTAssertEqual(text, """
            <h1><ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">title</ac:parameter></ac:structured-macro>Title</h1>
            <ol start="3"><li>three</li></ol>
            <ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>done</ac:task-body></ac:task><ac:task><ac:task-id>2</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>todo</ac:task-body></ac:task></ac:task-list>
            <ac:structured-macro ac:name="tip"><ac:rich-text-body><p>ok</p></ac:rich-text-body></ac:structured-macro>
            <table><thead><tr><th><p>h</p></th><th><p>i</p></th></tr></thead></table>
            <p><ac:emoticon ac:name="blue-star" ac:emoji-shortname=":smile:" ac:emoji-fallback="😄"/> <sup><ac:link ac:anchor="fn-1"><ac:plain-text-link-body><![CDATA[[1]]]></ac:plain-text-link-body></ac:link></sup></p>
            <p><ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">fn-1</ac:parameter></ac:structured-macro><sup>[1]</sup></p><p>note</p>

            """)
        let codes = Set(diagnostics.map(\.code))
        XCTAssertTrue(codes.isSuperset(of: ["storage.heading-anchor", "storage.panel-kind", "storage.column-alignment", "storage.footnote"]), "\(codes)")
        // And the page reads back: tasks keep their states.
        let reread = try StorageReader().read(Array(text.utf8), options: ConversionOptions()).document.blocks
        XCTAssertEqual(reread[2], blocks[2])
    }
}
