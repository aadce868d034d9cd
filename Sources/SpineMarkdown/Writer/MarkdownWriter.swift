// The Markdown writer: canonical GFM that reads back to the same AST.

import SpineCore

/// Writes canonical GitHub Flavored Markdown: ATX headings (setext for multi-line ones), `-`
/// bullets, fenced code with a fence longer than any run inside, pipe tables, minimal escaping.
/// Nodes Markdown has no syntax for use Spine's documented conventions (see Formats/markdown.md)
/// and read back to the same AST; what cannot travel is reported in a diagnostic.
public struct MarkdownWriter: FormatWriter {
    public init() {}

    public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
        var renderer = MarkdownRenderer()
        renderer.siteURL = InlineConventions.site(options.siteURL)
        renderer.collectFootnoteLabels(document.blocks)
        var out = FrontMatterWriter.write(document.metadata, diagnostics: &renderer.diagnostics)
        var body = renderer.blocks(document.blocks, tight: false)
        // without front matter, a rule on line 1 written `---` could open front matter
        if out.isEmpty, case .rule? = MarkdownLossiness.writtenBlocks(document.blocks).first, body.starts(with: Array("---".utf8)) {
            body.replaceSubrange(0..<3, with: Array("***".utf8))
        }
        out += body
        if !body.isEmpty { out.append(ASCII.newline) }
        return WriteResult(bytes: out, diagnostics: renderer.diagnostics)
    }
}

struct MarkdownRenderer {
    var diagnostics: [Diagnostic] = []
    var reported: Set<String> = []
    var footnoteLabels: Set<String> = []
    /// The level of the last heading written outside requirements: a requirement's heading goes
    /// one level below it, so collated sections read as an outline.
    var sectionLevel = 1
    /// True while the next paragraph written continues a line (after a task checkbox or an
    /// alert marker), so a tag alone on its first line cannot open an HTML block.
    var paragraphContinuesLine = false
    /// The bullet for a bullet list opening the next block sequence (nil: `-`).
    var firstListBullet: UInt8?
    /// True while writing the content of emphasis delimited by `*`.
    var insideStarEmphasis = false
    /// Writes emphasis, strong emphasis and strikethrough as `<em>`, `<strong>`, `<del>` tags:
    /// the fallback for the rare inline sequences whose delimiter runs would pair differently.
    var delimitersAsTags = false
    /// True while writing a link's text (links cannot nest in Markdown).
    var insideLink = false
    /// The Jira site (`ConversionOptions.siteURL`, no trailing slash) issue links point to.
    var siteURL: String?
    /// Footnote labels as the inline parser matches them, for checking written inlines.
    var normalizedFootnoteLabels: Set<String> = []

    mutating func note(_ severity: Severity, _ code: String, _ message: String) {
        guard reported.insert(code).inserted else { return }
        diagnostics.append(Diagnostic(severity, code: code, message))
    }

    mutating func collectFootnoteLabels(_ blocks: [Block]) {
        for block in blocks {
            switch block {
            case .footnote(let note):
                footnoteLabels.insert(note.label.lowercased())
                normalizedFootnoteLabels.insert(LinkScanners.normalize(Array(note.label.utf8)[...]))
            case .quote(let b): collectFootnoteLabels(b)
            case .list(let list): for item in list.items { collectFootnoteLabels(item.blocks) }
            case .division(let d): collectFootnoteLabels(d.blocks)
            default: break
            }
        }
    }

    // MARK: - Block sequences

    /// Blocks separated by blank lines, or (tight list items) by single newlines where that is safe.
    mutating func blocks(_ blocks: [Block], tight: Bool) -> [UInt8] {
        var out: [UInt8] = []
        var previous: Block?
        var lastBullet: UInt8 = 0
        var lastDelimiter: UInt8 = 0
        for block in blocks {
            var rendered: [UInt8]
            if case .list(let list) = block {
                // adjacent lists alternate markers so they stay separate lists
                let isAdjacentList: Bool = { if case .list = previous { return true } else { return false } }()
                if case .bullet = list.kind {
                    lastBullet = isAdjacentList && lastBullet == ASCII.minus ? ASCII.star : ASCII.minus
                    if let first = firstListBullet, previous == nil { lastBullet = first }
                    firstListBullet = nil
                } else {
                    lastDelimiter = isAdjacentList && lastDelimiter == ASCII.dot ? ASCII.rparen : ASCII.dot
                }
                rendered = self.list(list, bullet: lastBullet, delimiter: lastDelimiter)
            } else {
                rendered = self.block(block, afterParagraphInTightList: tight && isParagraph(previous))
                // a paragraph with nothing to write (only breaks, empty text) leaves no trace
                if rendered.isEmpty, isParagraph(block) { continue }
            }
            if let previous {
                out.append(ASCII.newline)
                if !(tight && canFollowTightly(previous, block)) { out.append(ASCII.newline) }
            }
            out += rendered
            previous = block
        }
        return out
    }

    func isParagraph(_ block: Block?) -> Bool {
        if case .paragraph = block { return true }
        return false
    }

    /// Whether `next` can follow `previous` on the next line without a blank line and without
    /// being absorbed (lazy continuation, table rows, HTML blocks).
    func canFollowTightly(_ previous: Block, _ next: Block) -> Bool {
        Self.canFollowTightly(previous, next)
    }

    /// Whether a raw block is written as a ```` ```{=format} ```` fence (else verbatim HTML).
    static func isFenced(_ raw: Raw) -> Bool {
        raw.format != "html" || !isSafeHTMLBlock(raw.content)
    }

    static func isQuoteLike(_ block: Block) -> Bool {
        switch block {
        case .quote, .panel: return true
        default: return false
        }
    }

    /// Headings of level 1–2 with an inner line break are written as setext headings.
    static func isSetext(_ heading: Heading) -> Bool {
        heading.level <= 2 && containsBreak(withoutEdgeBreaks(heading.content))
    }

    /// The CommonMark HTML block type (1–7) of a raw block written verbatim; 0 when fenced.
    static func htmlBlockType(_ raw: Raw) -> Int {
        guard !isFenced(raw) else { return 0 }
        let bytes = Array(raw.content.utf8)
        let lineEnd = bytes.firstIndex(of: ASCII.newline) ?? bytes.count
        return HTMLScanners.blockStart(bytes, at: 0, end: lineEnd, canInterruptParagraph: true)
    }

    static func canFollowTightly(_ previous: Block, _ next: Block) -> Bool {
        // Lines that start a block are never lazy continuations; anything else may be absorbed
        // by an open paragraph, table or HTML block above it.
        let nextStartsBlock: Bool
        switch next {
        // an issue query or table of contents opens with its marker comment (an HTML block
        // of type 2, which may interrupt a paragraph)
        case .heading, .code, .quote, .rule, .list, .panel, .footnote, .issueQuery, .tableOfContents: nextStartsBlock = true
        case .raw(let raw): nextStartsBlock = isFenced(raw) || (1...6).contains(htmlBlockType(raw))
        default: nextStartsBlock = false
        }
        switch previous {
        case .heading, .code, .rule, .issueQuery, .tableOfContents:
            // an issue query ends with its closing fence, a table of contents is one comment line
            return true
        case .raw(let raw) where isFenced(raw) || (1...5).contains(htmlBlockType(raw)):
            // fences and HTML blocks of types 1–5 end on their own last line
            return true
        case .paragraph:
            switch next {
            case .heading(let heading): return !isSetext(heading)
            case .code, .quote, .rule, .table, .panel, .footnote, .issueQuery, .tableOfContents: return true
            case .raw(let raw) where isFenced(raw) || (1...6).contains(htmlBlockType(raw)): return true
            case .list(let list):
                // an empty first item (`-` alone) would underline the paragraph as a setext heading
                guard let first = list.items.first, !MarkdownLossiness.writtenBlocks(first.blocks).isEmpty || first.task != nil else { return false }
                if case .ordered(let start) = list.kind { return start == 1 }
                return true
            default: return false
            }
        case .table(let table) where !fitsPipeTable(effectiveTable(table)):
            // an HTML table ends with an HTML block that runs to the next blank line
            return false
        case .list, .quote, .table, .footnote, .panel:
            if case .list = previous, case .list = next { return true }
            // a paragraph line after a list is lazy text of the list's last paragraph; when the
            // list ends in another block, the nested item simply closes
            if case .paragraph = next, case .list = previous, !mayEndWithParagraph(previous) { return true }
            // quote lines after quote lines (an alert is a quote too) would join one quote
            if isQuoteLike(previous) && isQuoteLike(next) { return false }
            return nextStartsBlock
        default:
            return false
        }
    }

    /// Whether the last line written for `block` may belong to a paragraph (which would take a
    /// following paragraph line as lazy continuation); true when unsure.
    static func mayEndWithParagraph(_ block: Block) -> Bool {
        switch block {
        case .heading, .code, .rule, .raw, .issueQuery, .tableOfContents:
            return false
        case .list(let list):
            guard let last = list.items.last else { return false }
            // an empty task item's checkbox line is a paragraph
            guard let block = MarkdownLossiness.writtenBlocks(last.blocks).last else { return last.task != nil }
            return mayEndWithParagraph(block)
        case .quote(let blocks):
            guard let block = MarkdownLossiness.writtenBlocks(blocks).last else { return false }
            return mayEndWithParagraph(block)
        default:
            return true
        }
    }

    // MARK: - One block

    /// An inline that leaves nothing to see in a paragraph of its own.
    static func isBreakOrNothing(_ inline: Inline) -> Bool {
        switch inline {
        case .lineBreak, .softBreak: return true
        case .text(let text): return text.isEmpty
        default: return false
        }
    }

    mutating func block(_ block: Block, afterParagraphInTightList: Bool) -> [UInt8] {
        switch block {
        case .paragraph(let content):
            if content.allSatisfy(Self.isBreakOrNothing) {
                // Confluence shows an empty paragraph as a blank line; Markdown has no such block.
                note(.info, "markdown.empty-paragraph", "empty paragraphs have no Markdown form and were left out")
            }
            return paragraph(content)
        case .heading(let heading):
            sectionLevel = heading.level
            return self.heading(heading)
        case .list(let list):
            return self.list(list, bullet: ASCII.minus, delimiter: ASCII.dot)
        case .code(let code):
            return codeBlock(code)
        case .quote(let content):
            return prefixLines(blocks(content, tight: false), first: "> ", rest: "> ", blank: ">")
        case .rule:
            return Array((afterParagraphInTightList ? "***" : "---").utf8)
        case .table(let table):
            return self.table(table)
        case .panel(let panel):
            return self.panel(panel)
        case .expand(let expand):
            var out: [UInt8] = Array("<details>".utf8)
            if let title = expand.title {
                if title.contains("\n") { note(.warning, "markdown.expand-title", "a line break in an expand title was written as a space") }
                out += Array(("\n<summary>" + HTMLText.escape(title.replacingAll("\n", " ")) + "</summary>").utf8)
            }
            if !expand.attributes.isEmpty { note(.warning, "markdown.expand-attributes", "expand attributes cannot be written in Markdown and were dropped") }
            let inner = blocks(expand.blocks, tight: false)
            if !inner.isEmpty { out += [ASCII.newline, ASCII.newline] + inner }
            out += Array("\n\n</details>".utf8)
            return out
        case .tableOfContents(let toc):
            return Array(BlockConventions.comment("toc", toc.attributes).utf8)
        case .image(let image):
            note(.info, "markdown.block-image", "a block image is written as a paragraph holding the image")
            var out: [UInt8] = []
            self.image(image, into: &out, inTable: false)
            return out
        case .issueQuery(let query):
            var attributes = [Attribute]()
            if !query.columns.isEmpty { attributes.append(Attribute("columns", query.columns.joined(separator: ","))) }
            if let max = query.maxResults { attributes.append(Attribute("max-results", String(max))) }
            attributes += query.attributes
            return Array(BlockConventions.comment("issue-query", attributes).utf8) + [ASCII.newline]
                + codeBlock(CodeBlock(language: "jql", text: query.jql))
        case .requirement(let requirement):
            return self.requirement(requirement)
        case .layout(let layout):
            var parts: [Block] = [.raw(Raw(format: "html", content: BlockConventions.comment("layout")))]
            for section in layout.sections {
                parts.append(.raw(Raw(format: "html", content: BlockConventions.comment("section", section.type.map { [Attribute("type", $0)] } ?? []))))
                for column in section.columns {
                    parts.append(.raw(Raw(format: "html", content: BlockConventions.comment("column", column.width.map { [Attribute("width", $0)] } ?? []))))
                    parts += column.blocks
                }
            }
            parts.append(.raw(Raw(format: "html", content: BlockConventions.comment("/layout"))))
            return blocks(parts, tight: false)
        case .footnote(let note):
            return footnote(note)
        case .division(let division):
            let parts: [Block] = [.raw(Raw(format: "html", content: BlockConventions.comment("division", division.attributes)))]
                + division.blocks + [.raw(Raw(format: "html", content: BlockConventions.comment("/division")))]
            return blocks(parts, tight: false)
        case .raw(let raw):
            return rawBlock(raw)
        }
    }

    /// Prefixes every line: `first` on the first, `rest` on the others, `blank` on empty lines.
    func prefixLines(_ text: [UInt8], first: String, rest: String, blank: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + 16)
        var atLineStart = true
        var isFirst = true
        var i = 0
        while i <= text.count {
            if atLineStart {
                let empty = i == text.count || text[i] == ASCII.newline
                out.append(contentsOf: (empty ? (isFirst ? first.trimmingTrailingSpaces : blank) : (isFirst ? first : rest)).utf8)
                isFirst = false
                atLineStart = false
            }
            guard i < text.count else { break }
            out.append(text[i])
            if text[i] == ASCII.newline { atLineStart = true }
            i += 1
        }
        return out
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
