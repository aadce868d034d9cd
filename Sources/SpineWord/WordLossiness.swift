// The Word formats' documented lossiness as a function: what writing a document as .docx (or
// Flat OPC) and reading it back yields (FormatDescriptor.normalize, used by the property tests).

import SpineCore

/// Maps a document to what `DocxReader().read(DocxWriter().write(d))` gives with default
/// options — no site URL and no image files — following Formats/wordprocessingml.md §3.
/// Inline content goes through the reader's own run model (`Atom` → `InlineGrouping`), so the
/// canonical nesting of formatting is by construction the one the reader produces.
struct WordLossiness {
    /// Labels that become Word footnotes (`FootnoteReach`): their definitions move to the end;
    /// other definitions stay as paragraphs, and references to other labels become `[label]` text.
    let reached: Set<String>

    static func normalize(_ document: Document) -> Document {
        var metadata = Metadata(source: SourceInfo(format: "docx"))
        metadata.title = document.metadata.title
        metadata.labels = document.metadata.labels
        let definitions = FootnoteReach.definitions(document.blocks)
        let references = FootnoteReach.order(document.blocks, definitions: definitions)
        let lossiness = WordLossiness(reached: Set(references))
        var body = lossiness.blocks(document.blocks)
        // Reached definitions are read back from footnotes.xml, after the body, numbered 1, 2, …
        // in Word's order (`references` holds each label once).
        for (index, label) in references.enumerated() {
            guard let note = definitions[label] else { continue }
            body.append(.footnote(Footnote(label: String(index + 1), blocks: lossiness.blocks(note.blocks))))
        }
        let numbers = Dictionary(uniqueKeysWithValues: references.enumerated().map { ($1, String($0 + 1)) })
        return Document(metadata: metadata, blocks: renumber(body, labels: numbers))
    }

    // MARK: - Blocks

    func blocks(_ blocks: [Block]) -> [Block] {
        blocks.flatMap { block($0) }
    }

    func block(_ block: Block) -> [Block] {
        switch block {
        case .paragraph(let content):
            let normal = inlines(content)
            return normal.isEmpty ? [] : [.paragraph(normal)]
        case .heading(let heading):
            // The heading's first bookmark is its anchor; further ones lead its content.
            let (anchors, content) = anchorsAndContent(heading.content)
            let names = (heading.anchor.map { [$0] } ?? []) + anchors
            if names.isEmpty && content.isEmpty { return [] }   // an empty heading is not read back
            return [.heading(Heading(level: max(1, min(6, heading.level)), content: names.dropFirst().map(Inline.anchor) + content,
                                     anchor: names.first))]
        case .list(let list):
            return [.list(ListBlock(kind: list.kind, tight: list.tight, items: list.items.map { item in
                ListItem(task: item.task, blocks: blocks(item.blocks))
            }))]
        case .code(let code):
            return [.code(CodeBlock(language: code.language, text: code.text, title: code.title))]
        case .quote(let content):
            return [.quote(blocks(content))]
        case .rule:
            return [.rule]
        case .table(let table):
            return [.table(self.table(table))]
        case .panel(let panel):
            return [.panel(Panel(kind: panel.kind, title: panel.title, blocks: blocks(panel.blocks)))]
        case .expand(let expand):
            return [.expand(Expand(title: expand.title, blocks: blocks(expand.blocks)))]
        case .tableOfContents(let toc):
            // Only the levels are kept, in a TOC field's `\o "min-max"`; 1 and 3 are the defaults.
            let maxLevel = toc.attributes[named: "maxLevel"].flatMap(Int.init).map { max(1, min(9, $0)) } ?? 3
            let minLevel = toc.attributes[named: "minLevel"].flatMap(Int.init).map { max(1, min(maxLevel, $0)) } ?? 1
            var attributes: [Attribute] = []
            if minLevel != 1 { attributes.append(Attribute("minLevel", String(minLevel))) }
            if maxLevel != 3 { attributes.append(Attribute("maxLevel", String(maxLevel))) }
            return [.tableOfContents(TableOfContents(attributes: attributes))]
        case .image(let image):
            // Without a local file the image is an italic placeholder (`docx.image-remote`/`-missing`);
            // a title is a caption paragraph after it.
            let caption = image.title.map { $0.isEmpty ? [] : [Block.paragraph(inlines([.text($0)]))] } ?? []
            return [.paragraph(inlines([.image(image)]))] + caption
        case .issueQuery(let query):
            return [.paragraph([.text("Jira issues: "), .code(query.jql)])]
        case .requirement(let requirement):
            return [.requirement(self.requirement(requirement))]
        case .layout(let layout):
            return [.layout(Layout(sections: layout.sections.map { section in
                LayoutSection(type: section.type, columns: section.columns.map { LayoutColumn(blocks: blocks($0.blocks)) })
            }))]
        case .footnote(let footnote):
            guard !reached.contains(footnote.label) else { return [] }
            var content = footnote.blocks
            if case .paragraph(let first)? = content.first { content[0] = .paragraph([.text("[\(footnote.label)] ")] + first) }
            else { content.insert(.paragraph([.text("[\(footnote.label)]")]), at: 0) }
            return blocks(content)
        case .division(let division):
            return blocks(division.blocks)
        case .raw(let raw):
            return raw.format == "docx" || raw.format == "flat-opc" ? [.raw(raw)] : [.code(CodeBlock(language: raw.format, text: raw.content))]
        }
    }

    /// A table as the reader rebuilds it from the grid the writer lays out: head rows make
    /// header cells, footers become body rows, row spans stop where the writer's merge stops,
    /// alignment comes from each cell's first paragraph and is lifted to the column when every
    /// one-column cell in it shares it, and only the background colour of cell attributes stays.
    func table(_ table: Table) -> Table {
        let layout = DocumentBuilder.layout(table)
        var rows: [TableRow] = []
        var placed: [[(column: Int, span: Int, alignment: Alignment?)]] = []
        var alignmentsByColumn: [Int: [Alignment?]] = [:]
        for (rowIndex, slots) in layout.rows.enumerated() {
            let row = table.rows[rowIndex]
            var cells: [TableCell] = []
            var aligned: [(column: Int, span: Int, alignment: Alignment?)] = []
            for case .cell(let cell, let start) in slots {
                let span = max(1, cell.colspan)
                let header = cell.header || row.section == .head
                let effective = cell.alignment ?? (start < table.columns.count ? table.columns[start].alignment : nil)
                let alignment = firstParagraphAlignment(cell.blocks, effective)
                var attributes: [Attribute] = []
                if let fill = DocumentBuilder.cellFill(cell.attributes)?.uppercased(), fill != "FFFFFF" {
                    attributes.append(Attribute("background", "#" + fill))
                }
                cells.append(TableCell(header: header, colspan: span, rowspan: rowspan(of: start, row: rowIndex, in: layout.rows),
                                       alignment: alignment, blocks: blocks(cell.blocks), attributes: attributes))
                aligned.append((start, span, alignment))
                if span == 1 { alignmentsByColumn[start, default: []].append(alignment) }
            }
            placed.append(aligned)
            rows.append(TableRow(section: row.section == .head ? .head : .body, cells: cells))
        }
        let columns = (0..<layout.width).map { column -> TableColumn in
            let values = alignmentsByColumn[column] ?? []
            return TableColumn(alignment: values.first.flatMap { first in values.allSatisfy { $0 == first } ? first : nil })
        }
        for rowIndex in rows.indices {
            for cellIndex in rows[rowIndex].cells.indices {
                let start = placed[rowIndex][cellIndex].column
                if start < columns.count, rows[rowIndex].cells[cellIndex].alignment == columns[start].alignment {
                    rows[rowIndex].cells[cellIndex].alignment = nil
                }
            }
        }
        if rows.isEmpty {   // `docx.table-empty`: one empty cell
            return Table(caption: table.caption.map(inlines), columns: [TableColumn()], rows: [TableRow(cells: [TableCell(blocks: [])])])
        }
        return Table(caption: table.caption.map(inlines), columns: columns, rows: rows)
    }

    /// How many rows the cell starting at `column` in `row` covers: itself plus the
    /// continuation slots the writer placed below it.
    private func rowspan(of column: Int, row: Int, in rows: [[DocumentBuilder.Slot]]) -> Int {
        var span = 1
        var below = row + 1
        while below < rows.count {
            var position = 0
            var continues = false
            for slot in rows[below] {
                switch slot {
                case .continuation(let width):
                    if position == column { continues = true }
                    position += width
                case .cell(let cell, let start):
                    position = start + max(1, cell.colspan)
                }
            }
            guard continues else { break }
            span += 1
            below += 1
        }
        return span
    }

    /// The alignment the reader finds on a cell's first direct paragraph: headings carry none,
    /// block images are centred by default, containers (code, panels, tables…) are skipped to
    /// the next paragraph, and an empty remainder is the writer's closing paragraph.
    private func firstParagraphAlignment(_ blocks: [Block], _ effective: Alignment?) -> Alignment? {
        for block in blocks {
            switch block {
            case .paragraph, .list, .rule, .issueQuery: return effective
            case .heading: return nil
            case .image: return effective   // not embedded (no files here): a plain placeholder paragraph
            case .quote(let content):
                if !content.isEmpty, content.allSatisfy({ if case .paragraph = $0 { return true }; return false }) { return effective }
            case .division(let division):
                if !division.blocks.isEmpty { return firstParagraphAlignment(division.blocks, effective) }
            case .footnote: return effective
            case .code, .table, .panel, .expand, .tableOfContents, .requirement, .layout, .raw:
                continue
            }
        }
        return effective
    }

    func requirement(_ requirement: Requirement) -> Requirement {
        var normal = requirement
        normal.description = blocks(requirement.description)
        normal.acceptanceCriteria = blocks(requirement.acceptanceCriteria)
        normal.children = requirement.children.map { self.requirement($0) }
        return normal
    }

    // MARK: - Inlines

    /// Inline content as the reader rebuilds it: formatting flattened to runs, regrouped.
    /// Bookmarks carry no position the reader keeps: a paragraph's anchors come first.
    func inlines(_ content: [Inline]) -> [Inline] {
        let (anchors, grouped) = anchorsAndContent(content)
        return anchors.map(Inline.anchor) + grouped
    }

    /// The anchor names in `content` (document order) and the rest, regrouped.
    func anchorsAndContent(_ content: [Inline]) -> ([String], [Inline]) {
        var atoms: [Atom] = []
        atomize(content, RunStyle(), inLink: false, into: &atoms)
        var anchors: [String] = []
        atoms.removeAll { atom in
            guard case .inline(.anchor(let name)) = atom.content else { return false }
            anchors.append(name)
            return true
        }
        return (anchors, InlineGrouping.group(atoms[...]))
    }

    private func atomize(_ content: [Inline], _ style: RunStyle, inLink: Bool, into atoms: inout [Atom]) {
        for inline in content { atomize(inline, style, inLink: inLink, into: &atoms) }
    }

    private func text(_ value: String, _ style: RunStyle, code: Bool = false, into atoms: inout [Atom]) {
        // Tabs stay text, newlines become breaks, other control characters are dropped.
        var current = ""
        for scalar in value.unicodeScalars {
            if scalar == "\n" {
                if !current.isEmpty { atoms.append(Atom(style: style, content: code ? .code(current) : .text(current))); current = "" }
                atoms.append(Atom(style: style, content: .inline(.lineBreak)))
            } else if scalar.value < 0x20 && scalar != "\t" {
                continue
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { atoms.append(Atom(style: style, content: code ? .code(current) : .text(current))) }
    }

    private func atomize(_ inline: Inline, _ style: RunStyle, inLink: Bool, into atoms: inout [Atom]) {
        var inner = style
        switch inline {
        case .text(let value): text(value, style, into: &atoms)
        case .emphasis(let children): inner.italic = true; atomize(children, inner, inLink: inLink, into: &atoms)
        case .strong(let children): inner.bold = true; atomize(children, inner, inLink: inLink, into: &atoms)
        case .strikethrough(let children): inner.strike = true; atomize(children, inner, inLink: inLink, into: &atoms)
        case .underline(let children): inner.underline = true; atomize(children, inner, inLink: inLink, into: &atoms)
        case .superscript(let children):
            inner.superscript = true; inner.subscript = false
            atomize(children, inner, inLink: inLink, into: &atoms)
        case .subscript(let children):
            inner.subscript = true; inner.superscript = false
            atomize(children, inner, inLink: inLink, into: &atoms)
        case .code(let value): text(value, style, code: true, into: &atoms)
        case .link(let link): self.link(link, style, inLink: inLink, into: &atoms)
        case .image(let image):
            inner.italic = true
            text(image.alt.isEmpty ? "[image: \(DocumentBuilder.describe(image.source))]" : "[image: \(image.alt)]", inner, into: &atoms)
        case .lineBreak: atoms.append(Atom(style: RunStyle(), content: .inline(.lineBreak)))   // written as a bare `<w:r><w:br/></w:r>`
        case .softBreak: text(" ", style, into: &atoms)
        case .mention(let mention): text("@" + (mention.displayName ?? mention.accountID), style, into: &atoms)
        case .issue(let issue): text(issue.key, style, into: &atoms)
        case .status(let status): inner.bold = true; text(status.text.uppercased(), inner, into: &atoms)
        case .date(let date): text(date, style, into: &atoms)
        case .emoji(let emoji): text(emoji.fallback ?? ":" + emoji.shortName + ":", style, into: &atoms)
        case .footnoteReference(let label):
            guard reached.contains(label) else {   // `docx.footnote-missing`/`-unreachable`: superscript `[label]`
                inner.superscript = true
                inner.subscript = false
                text("[" + label + "]", inner, into: &atoms)
                return
            }
            atoms.append(Atom(style: RunStyle(), content: .inline(.footnoteReference(label))))
        case .anchor(let name): atoms.append(Atom(style: style, content: .inline(.anchor(name))))
        case .placeholder(let value): inner.italic = true; text(value, inner, into: &atoms)
        case .span(let span): atomize(span.content, style, inLink: inLink, into: &atoms)
        case .raw(let raw):
            if raw.format == "docx" || raw.format == "flat-opc" { atoms.append(Atom(style: style, content: .inline(inline))) }
            else { text(raw.content, style, code: true, into: &atoms) }
        }
    }

    /// A link the writer can resolve becomes one atom carrying the flags all its runs share;
    /// an unresolvable one (page, user, space, issue without a site) or a nested one is its text.
    private func link(_ link: Link, _ style: RunStyle, inLink: Bool, into atoms: inout [Atom]) {
        let content = link.content.isEmpty ? [Inline.text(LinkResolver.displayText(link.target))] : link.content
        let target: LinkTarget
        switch LinkResolver.resolve(link.target, ConversionOptions()) {
        case .external(let url) where !inLink: target = LinkResolver.Sites(ConversionOptions()).target(forURL: url)
        case .internal(let anchor) where !inLink: target = .anchor(anchor)
        default:
            atomize(content, style, inLink: inLink, into: &atoms)
            return
        }
        var inner: [Atom] = []
        atomize(content, style, inLink: true, into: &inner)
        for index in inner.indices { inner[index].style.underline = false }   // underline in a link reads as its look
        // Bookmarks inside the link belong to the paragraph (which lists them first).
        inner.removeAll { atom in
            guard case .inline(.anchor) = atom.content else { return false }
            atoms.append(atom)
            return true
        }
        if inner.isEmpty {
            guard !link.content.isEmpty else { return }
            inner = [Atom(style: style, content: .text(LinkResolver.displayText(target)))]   // a link with no text shows its target
        }
        let common = InlineGrouping.commonStyle(inner)
        let grouped = InlineGrouping.group(InlineGrouping.removing(common, from: inner)[...])
        if case .issue(let key) = target, grouped == [.text(key)], link.title == nil {
            atoms.append(Atom(style: common, content: .inline(.issue(IssueReference(key: key)))))
        } else {
            atoms.append(Atom(style: common, content: .inline(.link(Link(target: target, content: grouped, title: link.title)))))
        }
    }

    // MARK: - Footnote numbering

    private static func renumber(_ blocks: [Block], labels: [String: String]) -> [Block] {
        guard !labels.isEmpty else { return blocks }
        return ASTTransform(inline: { inline in
            if case .footnoteReference(let label) = inline { return [.footnoteReference(labels[label] ?? label)] }
            return [inline]
        }).apply(blocks)
    }
}
