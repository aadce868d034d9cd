// Hand-built documents that use every AST case, for round-trip and writer tests.

import SpineCore

/// Documents built in code, covering every node kind with awkward strings.
public enum SampleDocuments {
    /// Every inline case once, with text that needs escaping in most formats.
    public static let everyInline: [Inline] = [
        .text("Plain *not emphasis* _x_ | pipe { brace } \\ back ]]> <tag> & amp — ünïcödé 日本語 עברית 😀"),
        .emphasis([.text("em")]), .strong([.text("strong")]), .strikethrough([.text("gone")]),
        .underline([.text("under")]), .superscript([.text("2")]), .subscript([.text("i")]),
        .code("let x = `tick`"),
        .link(Link(target: .url("https://example.com/a?b=1&c=2"), content: [.text("site")], title: "Title")),
        .link(Link(target: .page(PageLink(spaceKey: "ENG", title: "Design", anchor: "goals", contentID: "123")), content: [])),
        .link(Link(target: .attachment(AttachmentLink(page: PageLink(title: "Other"), fileName: "spec.pdf")), content: [.text("pdf")])),
        .link(Link(target: .anchor("top"), content: [.text("top")])),
        .link(Link(target: .issue("PROJ-1"), content: [.text("issue")])),
        .link(Link(target: .user("5b10ac8d82e05b22cc7d4ef5"), content: [])),
        .link(Link(target: .space("ENG"), content: [.text("space")])),
        .image(Image(source: .url("https://example.com/i.png"), alt: "alt", title: "t", width: "300", height: "200",
                     attributes: [Attribute("align", "center")])),
        .lineBreak, .softBreak,
        .mention(Mention(accountID: "5b10ac8d82e05b22cc7d4ef5", displayName: "Ada Lovelace")),
        .issue(IssueReference(key: "PROJ-2", attributes: [Attribute("serverId", "abc")])),
        .status(Status(text: "IN PROGRESS", colour: "Yellow", subtle: true)),
        .date("2024-03-05"),
        .emoji(Emoji(shortName: "smile", fallback: "😄", id: "1f604")),
        .footnoteReference("1"),
        .anchor("here"),
        .placeholder("Type here"),
        .span(Span(attributes: [Attribute("color", "#ff0000")], content: [.text("red")])),
        .raw(Raw(format: "html", content: "<kbd>Ctrl</kbd>")),
    ]

    /// A requirement with every field set and one child.
    public static let requirement = Requirement(
        key: "PROJ-10", summary: "Reset password by email", type: "Story", status: "In Progress",
        statusCategory: .inProgress, priority: "High",
        assignee: Person(displayName: "Ada Lovelace", accountID: "5b10a", email: "ada@example.com"),
        reporter: Person(displayName: "Grace Hopper"), labels: ["auth", "security"], components: ["Accounts"],
        fixVersions: ["1.0"], parent: "PROJ-1",
        links: [IssueLink(type: "Blocks", direction: .outward, description: "blocks", key: "PROJ-11",
                          summary: "Email templates", status: "To Do", statusCategory: .todo)],
        description: [.paragraph([.text("As a user I want to reset my password.")])],
        acceptanceCriteria: [.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("Link expires in 1 h")])])]))],
        children: [Requirement(key: "PROJ-12", summary: "Send the email", type: "Sub-task", parent: "PROJ-10")],
        sourceURL: "https://example.atlassian.net/browse/PROJ-10",
        fields: [Field(Requirement.FieldName.storyPoints, .number("5")), Field("Custom", ["a", 1, true, nil])])

    /// A document with every block case and every inline case.
    public static let everyNodeKind: Document = {
        let paragraph = Block.paragraph(everyInline)
        let blocks: [Block] = [
            .heading(Heading(level: 1, content: [.text("Title")], anchor: "title")),
            paragraph,
            .list(ListBlock(kind: .bullet, tight: true, items: [
                ListItem(blocks: [.paragraph([.text("one")]),
                                  .list(ListBlock(kind: .ordered(start: 3), tight: false, items: [ListItem(blocks: [.paragraph([.text("nested")])])]))]),
                ListItem(task: .done, blocks: [.paragraph([.text("done task")])]),
                ListItem(task: .todo, blocks: [.paragraph([.text("open task")])]),
            ])),
            .code(CodeBlock(language: "swift", text: "let a = \"]]>\"\n  indented", title: "Example", attributes: [Attribute("linenumbers", "true")])),
            .quote([.paragraph([.text("quoted")])]),
            .rule,
            .table(Table(caption: [.text("Caption")], columns: [TableColumn(alignment: .left, width: "120"), TableColumn(alignment: .right)],
                         rows: [
                            TableRow(section: .head, cells: [TableCell(header: true, blocks: [.paragraph([.text("H1")])]),
                                                             TableCell(header: true, blocks: [.paragraph([.text("H2")])])]),
                            TableRow(cells: [TableCell(colspan: 2, rowspan: 1, alignment: .center, blocks: [.paragraph([.text("wide")])],
                                                       attributes: [Attribute("background", "#eeeeee")])]),
                         ], attributes: [Attribute("data-layout", "wide")])),
            .panel(Panel(kind: .warning, title: "Careful", blocks: [.paragraph([.text("warn")])], attributes: [Attribute("bgColor", "#fff")])),
            .panel(Panel(kind: .custom("important"), blocks: [.paragraph([.text("custom")])])),
            .expand(Expand(title: "More", blocks: [.paragraph([.text("hidden")])])),
            .tableOfContents(TableOfContents(attributes: [Attribute("maxLevel", "3")])),
            .image(Image(source: .attachment(AttachmentLink(fileName: "diagram.png")), alt: "Diagram")),
            .issueQuery(IssueQuery(jql: "parent = PROJ-1 OR \"Epic Link\" = PROJ-1", columns: ["key", "summary", "status"], maxResults: 50)),
            .requirement(requirement),
            .layout(Layout(sections: [LayoutSection(type: "two_equal", columns: [
                LayoutColumn(width: "50", blocks: [.paragraph([.text("left")])]),
                LayoutColumn(blocks: [.paragraph([.text("right")])]),
            ])])),
            .footnote(Footnote(label: "1", blocks: [.paragraph([.text("A note.")])])),
            .division(Division(attributes: [Attribute("class", "excerpt")], blocks: [.paragraph([.text("inside")])])),
            .raw(Raw(format: "confluence", content: "<ac:structured-macro ac:name=\"children\"/>")),
        ]
        let metadata = Metadata(title: "PRD: Password reset", spaceKey: "ENG", parent: PageReference(id: "42", title: "Specs"),
                                labels: ["prd", "auth"], source: SourceInfo(format: "confluence", id: "123", url: "https://x/wiki/1", version: 7),
                                extra: [Field("owner", "Ada"), Field("reviewers", ["Grace", "Alan"])])
        return Document(metadata: metadata, blocks: blocks)
    }()
}
