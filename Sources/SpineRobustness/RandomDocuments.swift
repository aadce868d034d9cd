// Seeded random ASTs covering every node kind, for the round-trip property tests.

import SpineCore

/// A small deterministic pseudo-random generator (SplitMix64): the same seed always gives
/// the same sequence, so every property-test failure can be replayed.
public struct SeededRandom: Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// Generates random documents that use every block and inline kind, with the strings that
/// break converters: markup characters, XML specials, CDATA terminators, non-Latin text.
public struct RandomDocuments {
    private var random: SeededRandom
    /// Edge-case words mixed into text.
    public static let awkwardWords = [
        "]]>", "*_", "|", "{", "}", "\\", "`", "<b>", "&amp;", "&", "<", ">", "\"", "'", "#", "-", "+", "!", "~", "^",
        "[x]", "[link](x)", "{{m}}", "??", "1.", "---", "日本語", "עברית", "Ünïcödé", "😀", "👩‍💻", "a\u{00A0}b",
        String(repeating: "long", count: 60), "word", "text", "plain", "requirement", "PROJ-12",
    ]

    public init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// A document of `blocks` top-level blocks, nesting at most `depth` levels.
    public mutating func document(blocks count: Int = 8, depth: Int = 3) -> Document {
        var metadata = Metadata()
        if random.chance(50) { metadata.title = words(3) }
        if random.chance(30) { metadata.labels = ["alpha", "beta"] }
        return Document(metadata: metadata, blocks: (0..<count).map { _ in block(depth: depth) })
    }

    public mutating func words(_ count: Int) -> String {
        (0..<max(1, count)).map { _ in random.pick(Self.awkwardWords) }.joined(separator: " ")
    }

    // MARK: - Blocks

    public mutating func block(depth: Int) -> Block {
        let leafKinds = 8
        let kind = depth <= 0 ? random.below(leafKinds) : random.below(18)
        switch kind {
        case 0: return .paragraph(inlines(depth: 2))
        case 1: return .heading(Heading(level: 1 + random.below(6), content: inlines(depth: 1)))
        case 2: return .code(CodeBlock(language: random.chance(60) ? random.pick(["swift", "json", "sql", "bash"]) : nil,
                                       text: words(4) + "\n  " + words(3) + (random.chance(30) ? "\n```\n~~~" : "")))
        case 3: return .rule
        case 4: return .image(Image(source: .url("https://example.com/" + String(random.below(100)) + ".png"), alt: "alt " + String(random.below(9))))
        case 5: return .issueQuery(IssueQuery(jql: "project = PROJ AND status = \"In Progress\"", columns: ["key", "summary", "status"], maxResults: 20))
        case 6: return .tableOfContents(TableOfContents())
        case 7: return .raw(Raw(format: random.pick(["confluence", "html", "adf"]), content: "<x>" + words(1) + "</x>"))
        case 8, 9:
            let ordered = random.chance(50)
            return .list(ListBlock(kind: ordered ? .ordered(start: 1 + random.below(3)) : .bullet, tight: random.chance(70),
                                   items: (0..<(1 + random.below(3))).map { _ in
                                       ListItem(task: random.chance(20) ? random.pick(TaskState.allCases) : nil,
                                                blocks: [.paragraph(inlines(depth: 1))] + (random.chance(30) ? [block(depth: depth - 1)] : []))
                                   }))
        case 10: return .quote([block(depth: depth - 1)])
        case 11: return .table(table(depth: depth))
        case 12: return .panel(Panel(kind: random.pick([.info, .note, .warning, .tip, .success, .error]),
                                     title: random.chance(50) ? words(2) : nil, blocks: [block(depth: depth - 1)]))
        case 13: return .expand(Expand(title: words(2), blocks: [block(depth: depth - 1)]))
        case 14: return .requirement(requirement(depth: depth))
        case 15: return .layout(Layout(sections: [LayoutSection(type: "two_equal", columns: [
            LayoutColumn(blocks: [block(depth: depth - 1)]), LayoutColumn(blocks: [block(depth: depth - 1)]),
        ])]))
        case 16: return .footnote(Footnote(label: String(1 + random.below(9)), blocks: [.paragraph(inlines(depth: 1))]))
        default: return .division(Division(attributes: [Attribute("class", "x")], blocks: [block(depth: depth - 1)]))
        }
    }

    private mutating func table(depth: Int) -> Table {
        let columns = 1 + random.below(4)
        let header = TableRow(section: .head, cells: (0..<columns).map { _ in TableCell(header: true, blocks: [.paragraph(inlines(depth: 1))]) })
        let rows = (0..<(1 + random.below(3))).map { _ in
            TableRow(cells: (0..<columns).map { _ in TableCell(blocks: [.paragraph(inlines(depth: 1))]) })
        }
        return Table(columns: (0..<columns).map { _ in TableColumn(alignment: random.chance(50) ? random.pick(Alignment.allCases) : nil) },
                     rows: [header] + rows)
    }

    public mutating func requirement(depth: Int) -> Requirement {
        Requirement(key: "PROJ-" + String(1 + random.below(500)), summary: words(4),
                    type: random.pick(["Story", "Epic", "Task", "Bug", "Sub-task"]), status: random.pick(["To Do", "In Progress", "Done"]),
                    statusCategory: random.pick(StatusCategory.allCases), priority: random.chance(50) ? "High" : nil,
                    assignee: random.chance(50) ? Person(displayName: "Ada Lovelace", accountID: "5b10ac8d") : nil,
                    labels: random.chance(50) ? ["auth", "ui"] : [], parent: random.chance(50) ? "PROJ-1" : nil,
                    description: [.paragraph(inlines(depth: 1))],
                    acceptanceCriteria: random.chance(60) ? [.list(ListBlock(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text(words(3))])])]))] : [],
                    children: depth > 1 && random.chance(30) ? [requirement(depth: depth - 2)] : [])
    }

    // MARK: - Inlines

    public mutating func inlines(depth: Int) -> [Inline] {
        (0..<(1 + random.below(4))).map { _ in inline(depth: depth) }
    }

    public mutating func inline(depth: Int) -> Inline {
        let kind = depth <= 0 ? random.below(10) : random.below(23)
        switch kind {
        case 0, 1, 2: return .text(words(1 + random.below(4)))
        case 3: return .code(words(2))
        case 4: return .lineBreak
        case 5: return .mention(Mention(accountID: "5b10ac8d82e05b22cc7d4ef5", displayName: "Ada Lovelace"))
        case 6: return .issue(IssueReference(key: "PROJ-" + String(1 + random.below(99))))
        case 7: return .status(Status(text: random.pick(["DONE", "IN PROGRESS"]), colour: random.pick(["Green", "Yellow"])))
        case 8: return .emoji(Emoji(shortName: "smile", fallback: "😄"))
        case 9: return .date("2024-0" + String(1 + random.below(9)) + "-1" + String(random.below(10)))
        case 10: return .emphasis(inlines(depth: depth - 1))
        case 11: return .strong(inlines(depth: depth - 1))
        case 12: return .strikethrough(inlines(depth: depth - 1))
        case 13: return .underline(inlines(depth: depth - 1))
        case 14: return random.chance(50) ? .superscript(inlines(depth: depth - 1)) : .subscript(inlines(depth: depth - 1))
        case 15: return .link(Link(target: .url("https://example.com/p?q=" + String(random.below(99))), content: inlines(depth: depth - 1)))
        case 16: return .link(Link(target: .page(PageLink(spaceKey: "ENG", title: words(2))), content: [.text(words(1))]))
        case 17: return .image(Image(source: .url("https://example.com/i.png"), alt: "icon"))
        case 18: return .span(Span(attributes: [Attribute("color", "#ff0000")], content: inlines(depth: depth - 1)))
        case 19: return .anchor("anchor-" + String(random.below(20)))
        case 20: return random.chance(50) ? .softBreak : .placeholder("Type " + words(1))
        case 21: return .footnoteReference(String(1 + random.below(9)))
        default: return .raw(Raw(format: random.pick(["html", "confluence"]), content: "<kbd>" + words(1) + "</kbd>"))
        }
    }
}
