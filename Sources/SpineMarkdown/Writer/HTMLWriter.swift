// The HTML writer: the CommonMark reference rendering (cmark/cmark-gfm), XHTML-clean.

import SpineCore

/// Writes a document as an HTML fragment the way the CommonMark reference implementation
/// does (what the spec examples compare against), with `<br />`-style empty elements.
/// Nodes HTML has no element for get a documented rendering and a diagnostic.
public struct HTMLWriter: FormatWriter {
    public init() {}

    /// Settings: `html.tagfilter` (GFM's disallowed-raw-HTML filter, default false).
    public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
        var renderer = HTMLRenderer(options: options)
        renderer.collectFootnotes(document.blocks)
        renderer.headings = document.blocks.compactMap { if case .heading(let h) = $0 { return h } else { return nil } }
        renderer.blocks(document.blocks, tight: false)
        renderer.footnoteSection()
        return WriteResult(bytes: renderer.out, diagnostics: renderer.diagnostics)
    }
}

struct HTMLRenderer {
    var out: [UInt8] = []
    var diagnostics: [Diagnostic] = []
    let siteURL: String?
    let tagFilter: Bool
    /// Footnote definitions by label, and labels in order of first reference.
    var footnotes: [String: Footnote] = [:]
    var footnoteOrder: [String] = []
    var headings: [Heading] = []
    var reported: Set<String> = []

    init(options: ConversionOptions) {
        siteURL = options.siteURL
        tagFilter = options.flag("html.tagfilter", default: false)
        out.reserveCapacity(1 << 16)
    }

    mutating func note(_ code: String, _ message: String) {
        guard reported.insert(code).inserted else { return }
        diagnostics.append(.info(code, message))
    }

    /// A newline unless the output already ends with one.
    mutating func cr() {
        if let last = out.last, last != ASCII.newline { out.append(ASCII.newline) }
    }

    mutating func text(_ s: String) { HTMLText.append(s, to: &out) }
    mutating func raw(_ s: StaticString) { out.append(s) }
    mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }

    // MARK: - Blocks

    mutating func blocks(_ blocks: [Block], tight: Bool) {
        for block in blocks { self.block(block, tight: tight) }
    }

    mutating func block(_ block: Block, tight: Bool) {
        switch block {
        case .paragraph(let inlines):
            if tight {
                self.inlines(inlines)
            } else {
                cr()
                raw("<p>")
                self.inlines(inlines)
                raw("</p>\n")
            }
        case .heading(let heading):
            let level = String(min(max(heading.level, 1), 6))
            cr()
            raw("<h" + level)
            if let anchor = heading.anchor { attribute("id", anchor) }
            raw(">")
            inlines(heading.content)
            raw("</h" + level + ">\n")
        case .list(let list):
            self.list(list)
        case .code(let code):
            cr()
            raw("<pre><code")
            if let language = code.language, !language.isEmpty { attribute("class", "language-" + language) }
            raw(">")
            if !code.text.isEmpty {
                text(code.text)
                raw("\n")
            }
            raw("</code></pre>\n")
        case .quote(let content):
            cr()
            raw("<blockquote>\n")
            blocks(content, tight: false)
            cr()
            raw("</blockquote>\n")
        case .rule:
            cr()
            raw("<hr />\n")
        case .table(let table):
            self.table(table)
        case .panel(let panel):
            let kind = BlockConventions.panelKindName(panel.kind)
            cr()
            raw("<div")
            attribute("class", "markdown-alert markdown-alert-" + kind)
            raw(">\n<p class=\"markdown-alert-title\">")
            text(panel.title ?? kind.prefix(1).uppercased() + kind.dropFirst())
            raw("</p>\n")
            blocks(panel.blocks, tight: false)
            cr()
            raw("</div>\n")
        case .expand(let expand):
            cr()
            raw("<details>\n")
            if let title = expand.title {
                raw("<summary>")
                text(title)
                raw("</summary>\n")
            }
            blocks(expand.blocks, tight: false)
            cr()
            raw("</details>\n")
        case .tableOfContents:
            tableOfContents()
        case .image(let image):
            cr()
            raw("<p>")
            self.image(image)
            raw("</p>\n")
        case .issueQuery(let query):
            note("html.issue-query", "Jira issue queries are rendered as their JQL")
            cr()
            raw("<pre class=\"jira-issues\"><code>")
            text(query.jql)
            raw("</code></pre>\n")
        case .requirement(let requirement):
            self.requirement(requirement, depth: 0)
        case .layout(let layout):
            cr()
            raw("<div class=\"layout\">\n")
            for section in layout.sections {
                raw("<div class=\"layout-section\"")
                if let type = section.type { attribute("data-type", type) }
                raw(">\n")
                for column in section.columns {
                    raw("<div class=\"layout-column\"")
                    if let width = column.width { attribute("data-width", width) }
                    raw(">\n")
                    blocks(column.blocks, tight: false)
                    cr()
                    raw("</div>\n")
                }
                raw("</div>\n")
            }
            raw("</div>\n")
        case .footnote:
            break // rendered in the footnote section at the end
        case .division(let division):
            cr()
            raw("<div")
            for a in division.attributes where InlineConventions.isAttributeName(a.name) { attribute(a.name, a.value) }
            raw(">\n")
            blocks(division.blocks, tight: false)
            cr()
            raw("</div>\n")
        case .raw(let content):
            cr()
            rawContent(content)
            cr()
        }
    }

    mutating func attribute(_ name: String, _ value: String) {
        raw(" " + name + "=\"")
        text(value)
        raw("\"")
    }

    mutating func rawContent(_ content: Raw) {
        if content.format == "html" {
            raw(tagFilter ? TagFilter.apply(content.content) : content.content)
        } else {
            note("html.raw-" + content.format, "raw \(content.format) content is shown as preformatted text in HTML")
            raw("<pre")
            attribute("data-format", content.format)
            raw("><code>")
            text(content.content)
            raw("</code></pre>")
        }
    }

    mutating func list(_ list: ListBlock) {
        cr()
        switch list.kind {
        case .bullet:
            raw("<ul>\n")
        case .ordered(let start):
            raw(start == 1 ? "<ol>\n" : "<ol start=\"" + String(start) + "\">\n")
        }
        for item in list.items {
            cr()
            raw("<li>")
            if let task = item.task {
                raw(task == .done ? "<input checked=\"\" disabled=\"\" type=\"checkbox\" /> " : "<input disabled=\"\" type=\"checkbox\" /> ")
            }
            blocks(item.blocks, tight: list.tight)
            raw("</li>\n")
        }
        cr()
        if case .bullet = list.kind { raw("</ul>\n") } else { raw("</ol>\n") }
    }

    mutating func table(_ table: Table) {
        cr()
        raw("<table>\n")
        let head = table.rows.filter { $0.section == .head }
        let body = table.rows.filter { $0.section == .body }
        let foot = table.rows.filter { $0.section == .foot }
        for (rows, tag) in [(head, "thead"), (body, "tbody"), (foot, "tfoot")] where !rows.isEmpty {
            raw("<" + tag + ">\n")
            for row in rows {
                raw("<tr>\n")
                for (index, cell) in row.cells.enumerated() {
                    let name = cell.header ? "th" : "td"
                    raw("<" + name)
                    let alignment = cell.alignment ?? (index < table.columns.count ? table.columns[index].alignment : nil)
                    if let alignment { attribute("align", alignment.rawValue) }
                    if cell.colspan > 1 { attribute("colspan", String(cell.colspan)) }
                    if cell.rowspan > 1 { attribute("rowspan", String(cell.rowspan)) }
                    raw(">")
                    if cell.blocks.count == 1, case .paragraph(let inlines) = cell.blocks[0] {
                        self.inlines(inlines)
                    } else {
                        blocks(cell.blocks, tight: false)
                    }
                    raw("</" + name + ">\n")
                }
                raw("</tr>\n")
            }
            raw("</" + tag + ">\n")
        }
        raw("</table>\n")
    }

    mutating func tableOfContents() {
        cr()
        raw("<nav class=\"toc\">\n<ul>\n")
        for heading in headings {
            raw("<li>")
            text(PlainText.of(heading.content))
            raw("</li>\n")
        }
        raw("</ul>\n</nav>\n")
    }
}
