// A deterministic PRD-style corpus: headings, paragraphs with inline markup, nested lists,
// tables, code, links, requirements. The same seed always gives the same document.

import SpineCore
import SpineRobustness

/// Builds PRD-like documents of a requested number of sections.
struct CorpusGenerator {
    private var random = SeededRandom(seed: 0x5B1E)
    private let words = ["user", "password", "reset", "email", "token", "expires", "account", "billing", "invoice",
                         "onboarding", "requirement", "must", "should", "latency", "p99", "API", "Confluence", "Jira",
                         "export", "migrate", "page", "space", "epic", "story", "acceptance", "criteria", "日本語",
                         "Übersicht", "naïve", "café", "😀", "résumé", "metrics", "audit", "log", "retry"]

    mutating func document(sections: Int) -> Document {
        var blocks: [Block] = []
        for index in 0..<sections { blocks += section(index) }
        return Document(metadata: Metadata(title: "Generated PRD", spaceKey: "BENCH", labels: ["prd"]), blocks: blocks)
    }

    private mutating func section(_ index: Int) -> [Block] {
        var blocks: [Block] = [.heading(Heading(level: 2, content: [.text("Feature \(index): " + sentence(4))]))]
        blocks.append(.paragraph(inlines()))
        blocks.append(.paragraph(inlines()))
        blocks.append(.list(ListBlock(kind: .bullet, items: (0..<4).map { item in
            var itemBlocks: [Block] = [.paragraph(inlines())]
            if item == 1 {
                itemBlocks.append(.list(ListBlock(kind: .ordered(start: 1), items: (0..<3).map { _ in
                    ListItem(blocks: [.paragraph([.text(sentence(6))])])
                })))
            }
            return ListItem(task: item == 3 ? .todo : nil, blocks: itemBlocks)
        })))
        if index % 2 == 0 {
            let header = TableRow(section: .head, cells: ["Metric", "Target", "Owner"].map {
                TableCell(header: true, blocks: [.paragraph([.text($0)])])
            })
            let rows = (0..<4).map { _ in
                TableRow(cells: (0..<3).map { _ in TableCell(blocks: [.paragraph([.text(sentence(3))])]) })
            }
            blocks.append(.table(Table(columns: [TableColumn(), TableColumn(alignment: .right), TableColumn()], rows: [header] + rows)))
        }
        if index % 3 == 0 {
            blocks.append(.code(CodeBlock(language: "swift", text: "func reset(_ user: User) async throws {\n    let token = try await tokens.issue(for: user, ttl: .hours(1))\n    try await mailer.send(.reset(token), to: user.email)\n}")))
        }
        if index % 4 == 0 {
            blocks.append(.quote([.paragraph([.text(sentence(12))])]))
        }
        return blocks
    }

    private mutating func inlines() -> [Inline] {
        var result: [Inline] = [.text(sentence(8) + " ")]
        switch random.below(4) {
        case 0: result.append(.strong([.text(sentence(2))]))
        case 1: result.append(.emphasis([.text(sentence(2))]))
        case 2: result.append(.code("config.retry = 3"))
        default: result.append(.link(Link(target: .url("https://example.com/docs/\(random.below(1000))"), content: [.text(sentence(2))])))
        }
        result.append(.text(" " + sentence(10) + "."))
        return result
    }

    private mutating func sentence(_ count: Int) -> String {
        var text = ""
        for index in 0..<count {
            if index > 0 { text += " " }
            text += random.pick(words)
        }
        return text
    }
}
