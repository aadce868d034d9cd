// Hand-built ASTs that exercise every construct the Word writer maps.

import SpineCore

/// Sample documents shared by the round-trip, package and rendering tests.
enum SampleDocuments {
    /// A PRD-like document using everything Word can carry (so it must round-trip exactly).
    static let carried: Document = {
        let requirement = Requirement(
            key: "PRD-12", summary: "Export the backlog as Word", type: "Story", status: "In Progress",
            statusCategory: .inProgress, priority: "High",
            assignee: Person(displayName: "Ada Lovelace", accountID: "557058:abc", email: "ada@example.com"),
            reporter: Person(displayName: "Grace Hopper"),
            labels: ["export", "word"], components: ["Converter"], fixVersions: ["1.0", "1.1, beta"],
            parent: "PRD-1",
            links: [IssueLink(type: "Blocks", direction: .outward, description: "blocks", key: "PRD-13", summary: "Publish to Confluence", status: "To Do")],
            description: [.paragraph([.text("As a product manager I want a "), .strong([.text("Word")]), .text(" copy.")])],
            acceptanceCriteria: [.list(ListBlock(kind: .bullet, items: [
                ListItem(blocks: [.paragraph([.text("Headings keep their levels")])]),
                ListItem(blocks: [.paragraph([.text("Tables keep merged cells")])]),
            ]))],
            children: [Requirement(key: "PRD-14", summary: "Sub-task: numbering", type: "Sub-task",
                                   description: [.paragraph([.text("Lists restart per list.")])])],
            sourceURL: "https://example.atlassian.net/browse/PRD-12",
            fields: [Field("Story Points", .number("5")), Field("Team", .string("Platform")),
                     Field("Sprint", .array([.string("Sprint 7")])), Field("Flagged", .bool(false))])
        let table = Table(
            caption: [.text("Table 1: Release plan")],
            columns: [TableColumn(alignment: .left), TableColumn(alignment: .center), TableColumn(alignment: .right)],
            rows: [
                TableRow(section: .head, cells: [
                    TableCell(header: true, blocks: [.paragraph([.text("Feature")])]),
                    TableCell(header: true, colspan: 2, blocks: [.paragraph([.text("Schedule")])]),
                ]),
                TableRow(cells: [
                    TableCell(rowspan: 2, blocks: [.paragraph([.text("Export")])]),
                    TableCell(blocks: [.paragraph([.text("Q1")])]),
                    TableCell(blocks: [.paragraph([.code("1.0")])]),
                ]),
                TableRow(cells: [
                    TableCell(blocks: [.paragraph([.text("Q2")])]),
                    TableCell(blocks: []),
                ]),
                TableRow(cells: [
                    TableCell(header: true, blocks: [.paragraph([.text("Total")])]),
                    TableCell(colspan: 2, blocks: [.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("two releases")])])]))]),
                ]),
            ])
        return Document(
            metadata: Metadata(title: "Spine PRD", spaceKey: "PRD", parent: PageReference(id: "42", title: "Products"),
                               labels: ["prd", "word"], source: SourceInfo(format: "markdown", url: "https://example.com/prd.md"),
                               extra: [Field("author", .string("Ada Lovelace")), Field("created", .string("2024-05-01")),
                                       Field("reviewers", .array([.string("Grace"), .string("Linus")]))]),
            blocks: [
                .heading(Heading(level: 1, content: [.text("Overview")], anchor: "overview")),
                .paragraph([.text("Plain, "), .emphasis([.text("italic")]), .text(", "), .strong([.text("bold")]), .text(", "),
                            .underline([.text("underlined")]), .text(", "), .strikethrough([.text("struck")]), .text(", H"),
                            .subscript([.text("2")]), .text("O, x"), .superscript([.text("2")]), .text(", "), .code("let x = 1"),
                            .text(" and "), .strong([.emphasis([.text("both")])]), .text(".")]),
                .paragraph([.text("Links: "), .link(Link(target: .url("https://example.com/a?b=c&d=e"), content: [.text("external")], title: "Example")),
                            .text(", "), .link(Link(target: .anchor("overview"), content: [.text("back to the overview")])),
                            .text(", "), .issue(IssueReference(key: "PRD-7")),
                            .text(", "), .link(Link(target: .page(PageLink(spaceKey: "PRD", title: "Roadmap 2024")), content: [.text("the roadmap")])),
                            .text("."), .lineBreak, .text("Second line with a footnote"), .footnoteReference("1"), .text(".")]),
                .paragraph([.text("Unicode: 日本語のテキスト, עברית, emoji 🚀 and tabs\tinside.")]),
                .heading(Heading(level: 2, content: [.text("Lists")])),
                .list(ListBlock(kind: .ordered(start: 1), items: [
                    ListItem(blocks: [.paragraph([.text("First")]),
                                      .list(ListBlock(kind: .bullet, items: [
                                          ListItem(blocks: [.paragraph([.text("Nested bullet")])]),
                                          ListItem(blocks: [.paragraph([.text("Another")]),
                                                            .list(ListBlock(kind: .ordered(start: 1), items: [
                                                                ListItem(blocks: [.paragraph([.text("Deep one")])])]))]),
                                      ]))]),
                    ListItem(blocks: [.paragraph([.text("Second")]), .paragraph([.text("A continuation paragraph.")])]),
                ])),
                .list(ListBlock(kind: .ordered(start: 4), items: [ListItem(blocks: [.paragraph([.text("Restarts at four")])])])),
                .list(ListBlock(kind: .bullet, items: [
                    ListItem(task: .done, blocks: [.paragraph([.text("Write the writer")])]),
                    ListItem(task: .todo, blocks: [.paragraph([.text("Write the reader")])]),
                ])),
                .list(ListBlock(kind: .bullet, tight: false, items: [
                    ListItem(blocks: [.paragraph([.text("Loose item one")])]),
                    ListItem(blocks: [.paragraph([.text("Loose item two")])]),
                ])),
                .heading(Heading(level: 2, content: [.text("Code and quotes")])),
                .code(CodeBlock(language: "swift", text: "func greet() {\n    print(\"hi  there\")\n}\n\n// done", title: "Greeting.swift")),
                .code(CodeBlock(text: "plain text block")),
                .quote([.paragraph([.text("A quoted paragraph.")]), .paragraph([.text("And a second one.")])]),
                .panel(Panel(kind: .warning, title: "Careful", blocks: [.paragraph([.text("Panels become shaded boxes.")])])),
                .panel(Panel(kind: .info, blocks: [.paragraph([.text("An untitled info panel.")])])),
                .rule,
                .table(table),
                .image(Image(source: .url("images/diagram.png"), alt: "A diagram", title: "Figure 1: Diagram")),
                .paragraph([.text("Inline "), .image(Image(source: .url("images/diagram.png"), alt: "icon", width: "24")), .text(" image.")]),
                .tableOfContents(TableOfContents(attributes: [Attribute("maxLevel", "2")])),
                .requirement(requirement),
                .footnote(Footnote(label: "1", blocks: [.paragraph([.text("The footnote text.")])])),
            ])
    }()

    /// Constructs Word cannot carry exactly: each must produce a diagnostic.
    static let lossy: [(name: String, block: Block, code: String)] = [
        ("mention", .paragraph([.mention(Mention(accountID: "abc", displayName: "Ada"))]), "docx.mention-as-text"),
        ("status", .paragraph([.status(Status(text: "Done", colour: "Green"))]), "docx.status-as-text"),
        ("issue query", .issueQuery(IssueQuery(jql: "project = PRD")), "docx.issue-query-static"),
        ("remote image", .image(Image(source: .url("https://example.com/x.png"), alt: "remote")), "docx.image-remote"),
        ("missing image", .image(Image(source: .url("nope/missing.png"), alt: "missing")), "docx.image-missing"),
        ("raw html", .raw(Raw(format: "html", content: "<b>x</b>")), "docx.raw-as-code"),
        ("expand", .expand(Expand(title: "More", blocks: [.paragraph([.text("hidden")])])), "docx.expand-static"),
        ("layout", .layout(Layout(sections: [LayoutSection(columns: [LayoutColumn(blocks: [.paragraph([.text("a")])])])])), "docx.layout-as-table"),
        ("placeholder", .paragraph([.placeholder("type here")]), "docx.placeholder-as-text"),
        ("emoji without fallback", .paragraph([.emoji(Emoji(shortName: "party"))]), "docx.emoji-as-text"),
        ("unresolved issue link", .paragraph([.link(Link(target: .issue("X-1"), content: [.text("x")]))]), "docx.link-unresolved"),
        ("control character", .paragraph([.text("bell\u{7}")]), "docx.invalid-character"),
        ("table footer", .table(Table(rows: [TableRow(section: .foot, cells: [TableCell(blocks: [])])])), "docx.table-footer"),
        ("code attributes", .code(CodeBlock(text: "x", attributes: [Attribute("linenumbers", "true")])), "docx.attributes-dropped"),
    ]
}
