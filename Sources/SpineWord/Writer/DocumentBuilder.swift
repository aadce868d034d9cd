// AST → WordprocessingML: the builder's state and the block-level mapping.

import SpineCore

/// Builds `word/document.xml` and collects what the other parts need (relationships,
/// list instances, media, diagnostics). One builder writes one document.
final class DocumentBuilder {
    /// Where block-level content is being written and how it must look there.
    struct Context {
        /// The paragraph style for plain paragraphs here (`Quote` inside a quote, `TableHeading` in a header cell).
        var paragraphStyle: String?
        /// Left indentation for paragraphs continuing a list item.
        var indent: Int?
        /// List nesting level (0 at top level of a list) for nested lists.
        var listLevel = 0
        /// The level of the innermost heading seen, so requirements nest below it.
        var headingLevel = 0
        /// Cell or column alignment for paragraphs inside table cells.
        var alignment: Alignment?
        /// Nesting depth of containers, bounded so hostile ASTs cannot exhaust the stack.
        var depth = 0
    }

    static let maxDepth = 64

    let options: ConversionOptions
    var body = XMLBytes(capacity: 1 << 16)
    var diagnostics: [Diagnostic] = []
    var relationships: [Relationship] = []
    var hyperlinkIDs: [String: String] = [:]
    var media: [PackagePart] = []
    var mediaByPath: [String: (relationshipID: String, width: Int, height: Int)] = [:]
    /// One `w:num` per list written: (abstractNumId, start value, level of the list).
    var listInstances: [(abstract: Int, start: Int, level: Int)] = []
    var usesTableOfContents = false
    var nextBookmarkID = 1
    var nextDrawingID = 1
    /// `$.blocks[i]` of the top-level block being written, for diagnostic locations.
    var location = SourceLocation(path: "$.blocks")
    /// Footnote definitions by label, collected before writing (references need their ids).
    var footnotes: [String: Footnote] = [:]
    /// Footnote ids assigned by first reference, in order.
    var footnoteOrder: [(label: String, id: Int)] = []
    var footnoteIDs: [String: Int] = [:]
    /// Footnote labels referenced anywhere in the document.
    var referencedFootnoteLabels: Set<String> = []
    /// Body offsets just after the last table and code block, to separate adjacent ones.
    var lastTableEnd = -1
    var lastCodeEnd = -1
    var lastQuoteEnd = -1

    init(options: ConversionOptions) {
        self.options = options
    }

    /// Writes the whole body of `document`.
    func build(_ document: Document) {
        collectFootnotes(document.blocks)
        body.raw(DocumentPart.opening)
        if let title = document.metadata.title, !title.isEmpty, options.flag("docx.title-paragraph", default: true) {
            body.raw("<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>")
            run(title, format: RunFormat())
            body.raw("</w:p>")
        }
        for (index, block) in document.blocks.enumerated() {
            location = SourceLocation(path: "$.blocks[\(index)]")
            write(block, Context())
        }
        body.raw(DocumentPart.sectionProperties(pageSize: options[setting: "docx.page-size"]))
        body.raw(DocumentPart.closing)
        if body.droppedCharacters > 0 {
            warn("docx.invalid-character", "Dropped \(body.droppedCharacters) control character(s) that XML cannot carry", at: SourceLocation(path: "$"))
        }
    }

    // MARK: - Diagnostics

    func warn(_ code: String, _ message: String, at where_: SourceLocation? = nil) {
        diagnostics.append(.warning(code, message, at: where_ ?? location))
    }

    func note(_ code: String, _ message: String) {
        diagnostics.append(.info(code, message, at: location))
    }

    // MARK: - Blocks

    /// Writes a sequence of blocks in `context`, tracking headings for requirement levels.
    func write(_ blocks: [Block], _ context: Context) {
        var context = context
        for block in blocks {
            if case .heading(let heading) = block { context.headingLevel = heading.level }
            write(block, context)
        }
    }

    /// Writes one block. Every case is handled; what Word cannot carry is reported.
    func write(_ block: Block, _ context: Context) {
        guard context.depth < Self.maxDepth else {
            warn("docx.too-deep", "Content nested deeper than \(Self.maxDepth) levels was written as plain text")
            paragraph([.text(PlainText.of(block))], ParagraphProperties(style: context.paragraphStyle, indent: context.indent))
            return
        }
        var inner = context
        inner.depth += 1
        switch block {
        case .paragraph(let inlines):
            paragraph(inlines, properties(context, style: context.paragraphStyle))
        case .heading(let heading):
            writeHeading(heading, context)
        case .list(let list):
            writeList(list, inner)
        case .code(let code):
            writeCode(code, context)
        case .quote(let blocks):
            var quoted = inner
            quoted.paragraphStyle = "Quote"
            // Plain quoted paragraphs need no marker (consecutive Quote paragraphs read as one
            // quote), and LibreOffice shows one-paragraph content controls inline.
            separate(after: lastQuoteEnd)
            // A quote inside a quote needs its own control, or its paragraphs join the outer quote.
            if context.paragraphStyle != "Quote", blocks.allSatisfy({ if case .paragraph = $0 { return true }; return false }) {
                write(blocks, quoted)
            } else {
                container(tag: "spine:quote", alias: "Quote") { write(blocks, quoted) }
            }
            lastQuoteEnd = body.bytes.count
        case .rule:
            body.raw("<w:p>")
            properties(context, style: "HorizontalLine").write(into: &body)
            body.raw("</w:p>")
        case .table(let table):
            writeTable(table, inner)
        case .panel(let panel):
            writePanel(panel, inner)
        case .expand(let expand):
            note("docx.expand-static", "An expand section is written open (Word cannot collapse it)")
            writeBox(tag: "spine:expand", title: expand.title, fill: "FAFAFA", border: "BFBFBF", blocks: expand.blocks, inner)
            if !expand.attributes.isEmpty { note("docx.attributes-dropped", "Expand attributes are not kept in Word") }
        case .tableOfContents(let toc):
            writeTableOfContents(toc, context)
        case .image(let image):
            var props = properties(context, style: context.paragraphStyle)
            let embedded = embed(image)
            // A figure is centred; the placeholder of an image that is not embedded is plain text.
            if embedded != nil { props.alignment = props.alignment ?? "center" }
            body.raw("<w:p>")
            props.write(into: &body)
            writeImage(image, embedded: embedded, format: RunFormat())
            body.raw("</w:p>")
            if let title = image.title, !title.isEmpty {
                paragraph([.text(title)], properties(context, style: "Caption"))
            }
        case .issueQuery(let query):
            writeIssueQuery(query, context)
        case .requirement(let requirement):
            writeRequirement(requirement, level: min(6, context.headingLevel + 1), inner)
        case .layout(let layout):
            writeLayout(layout, inner)
        case .footnote(let footnote):
            // Definitions are written into footnotes.xml when referenced; an unreferenced one stays in the body.
            if !referencedFootnoteLabels.contains(footnote.label) {
                warn("docx.footnote-unreferenced", "Footnote [^\(footnote.label)] is never referenced; written as a paragraph")
                var blocks = footnote.blocks
                if case .paragraph(let inlines)? = blocks.first {
                    blocks[0] = .paragraph([.text("[\(footnote.label)] ")] + inlines)
                } else {
                    blocks.insert(.paragraph([.text("[\(footnote.label)]")]), at: 0)
                }
                write(blocks, inner)
            }
        case .division(let division):
            if !division.attributes.isEmpty {
                note("docx.attributes-dropped", "A division's attributes are not kept in Word")
            }
            write(division.blocks, inner)
        case .raw(let raw):
            writeRawBlock(raw, context)
        }
    }

    /// Paragraph properties for plain content in `context`.
    func properties(_ context: Context, style: String?) -> ParagraphProperties {
        var props = ParagraphProperties(style: style, indent: context.indent)
        if let alignment = context.alignment { props.alignment = Self.justification(alignment) }
        return props
    }

    static func justification(_ alignment: Alignment) -> String {
        switch alignment {
        case .left: return "left"
        case .center: return "center"
        case .right: return "right"
        }
    }

    /// Writes `<w:p>` with `props` and `inlines`.
    func paragraph(_ inlines: [Inline], _ props: ParagraphProperties) {
        body.raw("<w:p>")
        props.write(into: &body)
        write(inlines, RunFormat(), depth: 0)
        body.raw("</w:p>")
    }

    /// A block-level content control marking a construct's extent so the reader finds it again.
    func container(tag: String, alias: String, _ content: () -> Void) {
        body.raw("<w:sdt><w:sdtPr><w:alias w:val=\"")
        body.attribute(alias)
        body.raw("\"/><w:tag w:val=\"")
        body.attribute(tag)
        body.raw("\"/></w:sdtPr><w:sdtContent>")
        content()
        body.raw("</w:sdtContent></w:sdt>")
    }

    private func writeHeading(_ heading: Heading, _ context: Context) {
        let level = max(1, min(6, heading.level))
        if level != heading.level { warn("docx.heading-level", "Heading level \(heading.level) written as level \(level)") }
        body.raw("<w:p>")
        var props = ParagraphProperties(style: "Heading\(level)")
        props.indent = context.indent
        props.write(into: &body)
        if let anchor = heading.anchor { bookmarkStart(anchor) }
        write(heading.content, RunFormat(), depth: 0)
        if heading.anchor != nil { bookmarkEnd() }
        body.raw("</w:p>")
    }

    private var openBookmarks: [Int] = []

    func bookmarkStart(_ name: String) {
        let id = nextBookmarkID
        nextBookmarkID += 1
        openBookmarks.append(id)
        body.raw("<w:bookmarkStart w:id=\"\(id)\" w:name=\"")
        body.attribute(name)
        body.raw("\"/>")
    }

    func bookmarkEnd() {
        guard let id = openBookmarks.popLast() else { return }
        body.raw("<w:bookmarkEnd w:id=\"\(id)\"/>")
    }

    // MARK: - Code

    /// Adjacent tables (and adjacent code blocks) melt into one in Word; an empty paragraph keeps them apart.
    func separate(after end: Int) {
        if body.bytes.count == end { body.raw("<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:p>") }
    }

    private func writeCode(_ code: CodeBlock, _ context: Context) {
        separate(after: lastCodeEnd)
        defer { lastCodeEnd = body.bytes.count }
        let tag = "spine:code" + (code.language.map { " " + $0 } ?? "")
        container(tag: tag, alias: code.language.map { "Code (\($0))" } ?? "Code") {
            if let title = code.title {
                body.raw("<w:p>")
                ParagraphProperties(style: "CodeTitle", indent: context.indent).write(into: &body)
                run(title, format: RunFormat())
                body.raw("</w:p>")
            }
            // One paragraph per line: LibreOffice turns a one-paragraph content control into an
            // inline one and loses its line breaks; Word users also write code this way.
            for line in code.text.split(separator: "\n", omittingEmptySubsequences: false) {
                body.raw("<w:p>")
                ParagraphProperties(style: "SourceCode", indent: context.indent).write(into: &body)
                var text = Substring(line)
                if text.last == "\r" { text = text.dropLast() }
                if !text.isEmpty {
                    body.raw("<w:r>")
                    textElements(text, preserve: true)
                    body.raw("</w:r>")
                }
                body.raw("</w:p>")
            }
        }
        if !code.attributes.isEmpty {
            note("docx.attributes-dropped", "Code block attributes (\(code.attributes.map(\.name).joined(separator: ", "))) are not kept in Word")
        }
    }

    // MARK: - Panels, boxes and layouts

    private func writePanel(_ panel: Panel, _ context: Context) {
        let (name, fill, border) = PanelStyle.look(panel.kind)
        writeBox(tag: "spine:panel " + name, title: panel.title, fill: fill, border: border, blocks: panel.blocks, context)
        if !panel.attributes.isEmpty { note("docx.attributes-dropped", "Panel attributes (colours, icons) are not kept in Word") }
    }

    /// A shaded single-cell table holding an optional bold title and `blocks`.
    func writeBox(tag: String, title: String?, fill: String, border: String, blocks: [Block], _ context: Context) {
        separate(after: lastTableEnd)
        defer { lastTableEnd = body.bytes.count }
        container(tag: tag, alias: PanelStyle.alias(tag)) {
            body.raw("<w:tbl><w:tblPr><w:tblStyle w:val=\"PanelTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>")
            if let indent = context.indent { body.raw("<w:tblInd w:w=\"\(indent)\" w:type=\"dxa\"/>") }
            body.raw("<w:tblBorders><w:left w:val=\"single\" w:sz=\"24\" w:space=\"0\" w:color=\"\(border)\"/></w:tblBorders>")
            body.raw("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(fill)\"/><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>")
            body.raw("<w:tblGrid><w:gridCol w:w=\"\(DocumentPart.textWidth(options) - (context.indent ?? 0))\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"5000\" w:type=\"pct\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(fill)\"/></w:tcPr>")
            if let title {
                paragraph([.text(title)], ParagraphProperties(style: "PanelTitle"))
            }
            var inside = context
            inside.indent = nil
            inside.paragraphStyle = nil
            write(blocks, inside)
            if !Self.endsWithParagraph(blocks) || (title == nil && blocks.isEmpty) { body.raw("<w:p/>") }
            body.raw("</w:tc></w:tr></w:tbl>")
        }
    }

    /// True when writing `blocks` ends with a `w:p` (a cell must end with one).
    static func endsWithParagraph(_ blocks: [Block]) -> Bool {
        guard let last = blocks.last else { return false }
        switch last {
        case .paragraph, .heading, .rule, .image, .issueQuery, .tableOfContents: return true
        case .list(let list):
            // Every item starts with its numbered paragraph; what follows it decides.
            guard let item = list.items.last else { return false }
            if case .paragraph? = item.blocks.first { return item.blocks.count == 1 || endsWithParagraph(Array(item.blocks.dropFirst())) }
            return item.blocks.isEmpty || endsWithParagraph(item.blocks)
        case .division(let division): return endsWithParagraph(division.blocks)
        case .table, .panel, .expand, .code, .quote, .requirement, .layout, .footnote, .raw: return false
        }
    }

    private func writeLayout(_ layout: Layout, _ context: Context) {
        note("docx.layout-as-table", "A page layout is written as borderless tables, one column per cell")
        container(tag: "spine:layout", alias: "Layout") {
            for section in layout.sections {
                let columns = max(1, section.columns.count)
                let width = DocumentPart.textWidth(options) / columns
                body.raw("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>")
                // Inside a list item the indent keeps the layout with its item when read back.
                if let indent = context.indent { body.raw("<w:tblInd w:w=\"\(indent)\" w:type=\"dxa\"/>") }
                body.raw("<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>")
                if let type = section.type {
                    body.raw("<w:tblCaption w:val=\"")
                    body.attribute(type)
                    body.raw("\"/>")
                }
                body.raw("</w:tblPr><w:tblGrid>")
                for _ in 0..<columns { body.raw("<w:gridCol w:w=\"\(width)\"/>") }
                body.raw("</w:tblGrid><w:tr>")
                for column in section.columns {
                    body.raw("<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr>")
                    var inside = context
                    inside.indent = nil
                    inside.paragraphStyle = nil   // as in boxes: the cell is not part of a quote's or list's flow
                    write(column.blocks, inside)
                    if !Self.endsWithParagraph(column.blocks) { body.raw("<w:p/>") }
                    body.raw("</w:tc>")
                }
                if section.columns.isEmpty { body.raw("<w:tc><w:p/></w:tc>") }
                body.raw("</w:tr></w:tbl>")
            }
        }
    }

    // MARK: - Table of contents, issue queries, raw

    private func writeTableOfContents(_ toc: TableOfContents, _ context: Context) {
        usesTableOfContents = true
        let maxLevel = toc.attributes[named: "maxLevel"].flatMap(Int.init).map { max(1, min(9, $0)) } ?? 3
        let minLevel = toc.attributes[named: "minLevel"].flatMap(Int.init).map { max(1, min(maxLevel, $0)) } ?? 1
        let others = toc.attributes.filter { $0.name != "maxLevel" && $0.name != "minLevel" }
        if !others.isEmpty { note("docx.attributes-dropped", "Table-of-contents parameters (\(others.map(\.name).joined(separator: ", "))) are not kept in Word") }
        body.raw("<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>")
        // Inside a list item the indent keeps the TOC with its item when read back.
        body.raw("<w:p>")
        if let indent = context.indent { body.raw("<w:pPr><w:ind w:left=\"\(indent)\"/></w:pPr>") }
        body.raw("<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"\(minLevel)-\(maxLevel)\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>")
        body.raw("<w:r><w:t>Update this field to build the table of contents.</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>")
        body.raw("</w:sdtContent></w:sdt>")
    }

    private func writeIssueQuery(_ query: IssueQuery, _ context: Context) {
        warn("docx.issue-query-static", "A live Jira issue list cannot be live in Word; written as its JQL")
        var inlines: [Inline] = [.text("Jira issues: ")]
        if let base = LinkResolver.jiraBase(options) {
            inlines.append(.link(Link(target: .url(base + "/issues/?jql=" + URLText.queryEscaped(query.jql)), content: [.code(query.jql)])))
        } else {
            inlines.append(.code(query.jql))
        }
        paragraph(inlines, properties(context, style: context.paragraphStyle))
    }

    private func writeRawBlock(_ raw: Raw, _ context: Context) {
        if raw.format == "docx" || raw.format == "flat-opc" {
            body.raw(raw.content)
            return
        }
        warn("docx.raw-as-code", "Raw \(raw.format) content cannot be rendered in Word; written as code text")
        writeCode(CodeBlock(language: raw.format, text: raw.content), context)
    }
}
