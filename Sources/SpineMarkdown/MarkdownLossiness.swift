// Markdown's documented lossiness as a function: what writing a document as Markdown and
// reading it back yields (FormatDescriptor.normalize, used by the round-trip property tests).

import SpineCore

/// Maps a document to what `MarkdownReader().read(MarkdownWriter().write(d))` gives, following
/// the "Lossy cases" table in Formats/markdown.md. Keep the two in sync.
enum MarkdownLossiness {
    static func normalize(_ document: Document) -> Document {
        var state = State()
        // footnote references read back as references only where the label is defined
        document.visit(block: { block in
            if case .footnote(let note) = block { state.footnotes.insert(LinkScanners.normalize(Array(note.label.utf8)[...])) }
        })
        return Document(metadata: metadata(document.metadata), blocks: state.blocks(document.blocks))
    }

    /// Front matter keeps title, space, parent, labels, source and extra keys that are words;
    /// extra values that are objects or nested arrays come back as their JSON text.
    static func metadata(_ metadata: Metadata) -> Metadata {
        var normal = metadata
        normal.extra = metadata.extra.compactMap { field in
            guard FrontMatterWriter.isWritableKey(field.key), !FrontMatterWriter.reservedKeys.contains(field.key) else { return nil }
            if case .array(let items) = field.value, items.allSatisfy(FrontMatterWriter.isScalar) { return field }
            if FrontMatterWriter.isScalar(field.value) { return field }
            return Field(field.key, .string(JSONWriter.compact.string(field.value)))
        }
        return normal
    }

    struct State {
        /// The level of the last heading outside requirements (requirement headings follow it).
        var sectionLevel = 1
        /// Defined footnote labels, normalised as the reader matches them.
        var footnotes: Set<String> = []
        /// True while the next written paragraph continues a line (task checkbox, alert marker).
        var paragraphContinuesLine = false

        // MARK: - Blocks

        mutating func blocks(_ blocks: [Block]) -> [Block] {
            blocks.flatMap { block($0) }
        }

        mutating func block(_ block: Block) -> [Block] {
            switch block {
            case .paragraph(let content):
                // an empty paragraph writes nothing
                let kept = MarkdownRenderer.withoutEdgeBreaks(content, startsLine: !paragraphContinuesLine)
                let normal = MarkdownLossiness.inlines(kept, breaks: true, footnotes: footnotes)
                if normal.isEmpty { return [] }
                paragraphContinuesLine = false
                return [.paragraph(normal)]
            case .heading(let heading):
                let level = min(max(heading.level, 1), 6)
                sectionLevel = heading.level
                let kept = MarkdownRenderer.withoutEdgeBreaks(heading.content)
                let setext = level <= 2 && MarkdownRenderer.containsBreak(kept)
                return [.heading(Heading(level: level, content: MarkdownLossiness.inlines(setext ? kept : heading.content, breaks: setext, footnotes: footnotes)))]
            case .list(var list):
                // loose means blank lines between items or between an item's blocks: a loose list
                // of one item holding one block reads back tight
                // (a task item not starting with a paragraph has its checkbox on a line of its own)
                // (a loose list of one task item holding one block writes it after a blank line too,
                // and requirements, divisions, layouts and expands hold blank lines of their own)
                let blankLines = list.items.count > 1 || list.items.contains { item in
                    MarkdownLossiness.writtenLines(item).count > 1 || (item.task != nil && !MarkdownLossiness.writtenBlocks(item).isEmpty)
                        || !MarkdownLossiness.staysTight(item)
                }
                list.tight = list.tight
                    ? list.items.enumerated().allSatisfy { index, item in
                        MarkdownLossiness.staysTight(item) && !MarkdownLossiness.emptyFootnoteLoosens(item, isLast: index == list.items.count - 1)
                    }
                    : !blankLines
                let original = list
                list.items = list.items.map { item in
                    var item = item
                    // a first paragraph after the checkbox continues its line
                    paragraphContinuesLine = item.task != nil && !MarkdownLossiness.checkboxAlone(item, in: original)
                        && MarkdownLossiness.startsWithParagraph(item.blocks)
                    item.blocks = blocks(item.blocks)
                    paragraphContinuesLine = false
                    return item
                }
                return [.list(list)]
            case .code(let code):
                return [.code(MarkdownLossiness.code(code))]
            case .quote(let content):
                return [.quote(blocks(content))]
            case .rule:
                return [.rule]
            case .table(let table):
                return [self.table(table)]
            case .panel(var panel):
                // a first paragraph continues an alert's marker line
                paragraphContinuesLine = MarkdownLossiness.isAlert(panel) && MarkdownLossiness.startsWithParagraph(panel.blocks)
                panel.blocks = blocks(panel.blocks)
                paragraphContinuesLine = false
                return [.panel(panel)]
            case .expand(var expand):
                expand.attributes = []
                expand.title = expand.title.map { $0.replacingAll("\n", " ") }
                expand.blocks = blocks(expand.blocks)
                return [.expand(expand)]
            case .tableOfContents:
                return [block]
            case .image(let image):
                return [.paragraph([.image(MarkdownLossiness.image(image))])]
            case .issueQuery:
                return [block]
            case .requirement(let requirement):
                return [.requirement(self.requirement(requirement))]
            case .layout(var layout):
                layout.sections = layout.sections.map { section in
                    var section = section
                    section.columns = section.columns.map { column in
                        var column = column
                        column.blocks = blocks(column.blocks)
                        return column
                    }
                    return section
                }
                return [.layout(layout)]
            case .footnote(var note):
                note.blocks = blocks(note.blocks)
                return [.footnote(note)]
            case .division(var division):
                division.blocks = blocks(division.blocks)
                return [.division(division)]
            case .raw:
                return [block]
            }
        }

        mutating func table(_ original: Table) -> Block {
            let table = MarkdownRenderer.effectiveTable(original)
            guard MarkdownRenderer.fitsPipeTable(table) else {
                if MarkdownRenderer.holdsSkeletonPiece(table) { return .raw(MarkdownRenderer.htmlTable(original)) }
                return .table(skeletonTable(table))
            }
            let width = table.rows.first?.cells.count ?? 0
            var normal = Table(columns: (0..<width).map { i in TableColumn(alignment: i < table.columns.count ? table.columns[i].alignment : nil) }, rows: [])
            normal.rows = table.rows.map { row in
                var row = row
                row.cells = row.cells.map { cell in
                    var cell = cell
                    cell.blocks = cell.blocks.map { block in
                        guard case .paragraph(let content) = block else { return block }
                        return .paragraph(MarkdownLossiness.inlines(content, breaks: false, footnotes: footnotes))
                    }
                    return cell
                }
                return row
            }
            return .table(normal)
        }

        /// A table written as an HTML skeleton around Markdown cells keeps its structure; cell
        /// and table attributes keep HTML names only; columns without alignment or width are
        /// one plain column per cell of the first row.
        mutating func skeletonTable(_ table: Table) -> Table {
            var normal = Table(rows: [], attributes: TableConventions.writableTableAttributes(table.attributes))
            normal.caption = table.caption.map { MarkdownLossiness.inlines(MarkdownRenderer.withoutEdgeBreaks($0), breaks: true, footnotes: footnotes) }
            normal.rows = table.rows.map { row in
                TableRow(section: row.section, cells: row.cells.map { cell in
                    TableCell(header: cell.header, colspan: max(cell.colspan, 1), rowspan: max(cell.rowspan, 1), alignment: cell.alignment,
                              blocks: blocks(cell.blocks), attributes: TableConventions.writableCellAttributes(cell.attributes))
                })
            }
            normal.columns = TableConventions.writesColumns(table)
                ? table.columns.map { TableColumn(alignment: $0.alignment, width: $0.width) } : TableConventions.plainColumns(normal.rows)
            return normal
        }

        mutating func requirement(_ requirement: Requirement) -> Requirement {
            var normal = requirement
            let saved = sectionLevel
            normal.description = blocks(requirement.description)
            normal.acceptanceCriteria = blocks(requirement.acceptanceCriteria)
            normal.children = requirement.children.map { self.requirement($0) }
            sectionLevel = saved
            return normal
        }
    }

    /// A tight item stays tight when its blocks can follow each other without a blank line and
    /// none of them is written with blank lines of its own (marker-delimited conventions).
    static func staysTight(_ item: ListItem) -> Bool {
        let written = writtenBlocks(item)
        if item.task != nil, let first = written.first, !startsWithParagraph(written), !MarkdownRenderer.checkboxLineCanPrecede(first) {
            return false
        }
        for (index, block) in written.enumerated() {
            switch block {
            case .division, .layout, .requirement, .expand: return false
            case .table(let table) where MarkdownRenderer.skeletonHasBlankLines(table) && !MarkdownRenderer.fitsPipeTable(MarkdownRenderer.effectiveTable(table)):
                return false
            default: break
            }
            if index > 0 && !MarkdownRenderer.canFollowTightly(written[index - 1], block) { return false }
        }
        return true
    }

    /// Whether an empty footnote definition loosens the list: its `[^label]:` line counts as a
    /// blank line (as in cmark-gfm), which separates it from a following block or item — also
    /// at the end of a nested list's last item.
    static func emptyFootnoteLoosens(_ item: ListItem, isLast: Bool) -> Bool {
        let written = writtenBlocks(item)
        for (index, block) in written.enumerated() where (!isLast || index + 1 < written.count) && endsWithEmptyFootnote(block) {
            return true
        }
        return false
    }

    static func endsWithEmptyFootnote(_ block: Block) -> Bool {
        switch block {
        case .footnote(let note): return writtenBlocks(note.blocks).isEmpty
        case .list(let list):
            guard let last = list.items.last?.blocks, let block = writtenBlocks(last).last else { return false }
            return endsWithEmptyFootnote(block)
        default: return false
        }
    }

    /// An item's written blocks, with a paragraph standing for the checkbox line of a task item
    /// that does not start with a paragraph (`- [ ] ` on a line of its own).
    static func writtenLines(_ item: ListItem) -> [Block] {
        let written = writtenBlocks(item)
        guard item.task != nil, let first = written.first else { return written }
        if case .paragraph = first { return written }
        return [.paragraph([.text("[ ]")])] + written
    }

    /// Whether a task item's checkbox is written on a line of its own with its blocks after it:
    /// when the item does not start with a paragraph, or when it is the only item of a loose
    /// list and holds one block (the blank line after the checkbox keeps the list loose).
    static func checkboxAlone(_ item: ListItem, in list: ListBlock) -> Bool {
        let written = writtenBlocks(item)
        guard let first = written.first else { return false }
        if case .paragraph = first { return !list.tight && list.items.count == 1 && written.count == 1 }
        return true
    }

    /// Whether the first block that writes something is a paragraph.
    static func startsWithParagraph(_ blocks: [Block]) -> Bool {
        if case .paragraph = writtenBlocks(blocks).first { return true }
        return false
    }

    /// Whether a panel is written as a GitHub alert (`> [!NOTE]`).
    static func isAlert(_ panel: Panel) -> Bool {
        guard panel.title == nil, panel.attributes.isEmpty else { return false }
        switch panel.kind {
        case .info, .tip, .warning, .error: return true
        case .custom(let name): return name == "important"
        default: return false
        }
    }

    /// An item's blocks without the paragraphs that write nothing.
    static func writtenBlocks(_ item: ListItem) -> [Block] {
        writtenBlocks(item.blocks)
    }

    /// Blocks without the paragraphs that write nothing.
    static func writtenBlocks(_ blocks: [Block]) -> [Block] {
        blocks.filter { block in
            guard case .paragraph(let content) = block else { return true }
            return !inlines(MarkdownRenderer.withoutEdgeBreaks(content), breaks: true).isEmpty
        }
    }

    // MARK: - Inlines

    /// Inlines as read back: adjacent text merged, empty text dropped; where `breaks` is false
    /// (table cells, level 3–6 headings) line breaks become spaces.
    /// `footnotes` (when given) are the defined labels; other references read back as text.
    static func inlines(_ content: [Inline], breaks: Bool, insideLink: Bool = false, footnotes: Set<String>? = nil) -> [Inline] {
        var result: [Inline] = []
        for item in content.flatMap({ inline($0, breaks: breaks, insideLink: insideLink, footnotes: footnotes) }) {
            if case .text(let text) = item {
                if text.isEmpty { continue }
                if case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(previous + text)
                    continue
                }
            }
            // a soft break right after another break is dropped (markdown.break-after-break)
            if breaks, item == .softBreak, let last = result.last, last == .softBreak || last == .lineBreak { continue }
            result.append(item)
        }
        return result
    }

    static func inline(_ inline: Inline, breaks: Bool, insideLink: Bool, footnotes: Set<String>?) -> [Inline] {
        func inlines(_ content: [Inline], breaks: Bool) -> [Inline] {
            MarkdownLossiness.inlines(content, breaks: breaks, insideLink: insideLink, footnotes: footnotes)
        }
        switch inline {
        case .text: return [inline]
        case .softBreak, .lineBreak: return breaks ? [inline] : [.text(" ")]
        case .emphasis(let c): return [.emphasis(inlines(c, breaks: breaks))]
        case .strong(let c): return [.strong(inlines(c, breaks: breaks))]
        case .strikethrough(let c): return [.strikethrough(inlines(c, breaks: breaks))]
        case .underline(let c): return [.underline(inlines(c, breaks: breaks))]
        case .superscript(let c): return [.superscript(inlines(c, breaks: breaks))]
        case .subscript(let c): return [.subscript(inlines(c, breaks: breaks))]
        case .link(var link):
            // a link inside a link keeps its text only (markdown.nested-link)
            if insideLink { return inlines(link.content, breaks: breaks) }
            // the target as its URL denotes it (`#a` is an anchor, `jira-issue:K` an issue, …)
            link.target = InlineConventions.target(for: InlineConventions.url(for: link.target))
            link.content = MarkdownLossiness.inlines(link.content, breaks: breaks, insideLink: true, footnotes: footnotes)
            return [.link(link)]
        case .span(var span):
            span.attributes = spanAttributes(span.attributes)
            span.content = inlines(span.content, breaks: breaks)
            return [.span(span)]
        case .issue(var issue):
            issue.attributes = issue.attributes.filter { InlineConventions.isAttributeName("data-a-" + $0.name) }
            return [.issue(issue)]
        case .raw(let raw) where raw.format == "html":
            // in headings of level 3–6 and cells, line breaks inside inline HTML become spaces
            let content = breaks ? rawHTML(raw.content) : raw.content.replacingAll("\n", " ")
            // Inline HTML is written verbatim and read tag by tag: `<kbd>x</kbd>` comes back as
            // the raw tags with the text between them read as Markdown (entities, emphasis…).
            // The writer escapes the text between the tags, so it reads back as that text.
            if let read = try? MarkdownReader().read(MarkdownRenderer.escapedRawHTML(content), options: ConversionOptions()).document.blocks,
               read.count == 1, case .paragraph(let parsed) = read[0] {
                // a single tag reads as itself (normalising it again would not end)
                return parsed.count == 1 ? parsed : inlines(parsed, breaks: breaks)
            }
            return [.raw(Raw(format: "html", content: content))]
        case .image(let image): return [.image(self.image(image))]
        case .code(let code):
            // empty inline code is dropped (markdown.empty-code); newlines become spaces
            return code.isEmpty ? [] : [.code(code.replacingAll("\n", " "))]
        case .footnoteReference(let label):
            // a reference without a definition is text (markdown.footnote-undefined)
            if let footnotes, !footnotes.contains(LinkScanners.normalize(Array(label.utf8)[...])) { return [.text("[^" + label + "]")] }
            return [inline]
        case .emoji(var emoji):
            // the fallback `:name:` is what is written without one
            if emoji.fallback == ":" + emoji.shortName + ":" { emoji.fallback = nil }
            return [.emoji(emoji)]
        case .mention, .status, .date, .anchor, .placeholder, .raw:
            return [inline]
        }
    }

    /// Images keep source, alt text and title; size and attributes are dropped.
    static func image(_ image: Image) -> Image {
        Image(source: InlineConventions.imageSource(InlineConventions.imageURL(image.source)), alt: image.alt, title: image.title)
    }
}

extension MarkdownLossiness {
    /// Code blocks keep the first word of the language; attributes whose value holds `"` or a
    /// line break are dropped (markdown.code-language, markdown.code-attributes).
    static func code(_ code: CodeBlock) -> CodeBlock {
        var normal = code
        if let language = code.language {
            let word = String(language.prefix { $0 != " " && $0 != "\t" && $0 != "\n" })
            normal.language = word.isEmpty ? nil : word
        }
        if !(code.attributes.count == 1 && code.attributes[0].name == "info" && code.title == nil) {
            func writable(_ a: Attribute) -> Bool { !a.value.contains("\"") && !a.value.contains("\n") && !a.name.contains(" ") && !a.name.contains("=") }
            normal.attributes = code.attributes.filter(writable)
            normal.title = code.title.flatMap { writable(Attribute("title", $0)) ? $0 : nil }
            // attributes need an info string word before them: `text` when there is no language
            if normal.language == nil && (!normal.attributes.isEmpty || normal.title != nil) { normal.language = "text" }
        }
        return normal
    }

    /// Span and issue attributes that are not HTML attribute names are dropped
    /// (markdown.attribute-dropped).
    static func spanAttributes(_ attributes: [Attribute]) -> [Attribute] {
        attributes.filter { InlineConventions.isAttributeName($0.name) && $0.name != "data-spine" }
    }

    /// Line breaks in inline raw HTML lose the indentation after them (paragraph continuation
    /// lines are stripped); a blank line would end the paragraph and is kept as one newline.
    static func rawHTML(_ content: String) -> String {
        guard content.contains("\n") else { return content }
        var out: [UInt8] = []
        var afterNewline = false
        for b in content.utf8 {
            if afterNewline && (b == ASCII.space || b == ASCII.tab || b == ASCII.newline) { continue }
            afterNewline = b == ASCII.newline
            out.append(b)
        }
        return string(out)
    }
}
