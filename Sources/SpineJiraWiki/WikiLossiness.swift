// The wiki writer's documented lossiness as a function (FormatDescriptor.normalize): what
// writing a document as Jira wiki markup and reading it back yields, rule by rule as listed in
// Formats/jira-wiki.md ("Writer" table). The structural rules reuse the writer's own helpers.

import SpineCore

/// Maps a document to what `JiraWikiReader().read(JiraWikiWriter().write(d))` gives.
enum WikiLossiness {
    static func normalize(_ document: Document) -> Document {
        Document(metadata: Metadata(), blocks: blocks(document.blocks, open: []))
    }

    // MARK: - Blocks

    /// `open` holds the container macros around (a container inside one of its name is written flat).
    static func blocks(_ blocks: [Block], open: Set<String>) -> [Block] {
        blocks.flatMap { block($0, open: open) }
    }

    static func block(_ block: Block, open: Set<String>) -> [Block] {
        switch block {
        case .paragraph(let content):
            let normal = inlines(content)
            return normal.isEmpty ? [] : [.paragraph(normal)]
        case .heading(let heading):
            var content = inlines(heading.content)
            var anchor = heading.anchor.map(WikiVocabulary.anchorName)
            // The reader takes an anchor that starts a heading line as the heading's anchor.
            if anchor == nil, case .anchor(let name)? = content.first {
                anchor = name
                content.removeFirst()
                if case .text(let rest)? = content.first, rest.hasPrefix(" ") {
                    let kept = String(rest.drop(while: { $0 == " " }))
                    if kept.isEmpty { content.removeFirst() } else { content[0] = .text(kept) }
                }
            }
            return [.heading(Heading(level: min(max(heading.level, 1), 6), content: content, anchor: anchor))]
        case .list(let list):
            return [.list(self.list(list))]
        case .code(let code):
            return [.code(self.code(code))]
        case .quote(let content):
            if content.count == 1, case .paragraph(let paragraph) = content[0] {
                let normal = inlines(paragraph)
                return [.quote(normal.isEmpty ? [] : [.paragraph(normal)])]
            }
            return container("quote", content, open: open) { .quote($0) }
        case .rule:
            return [.rule]
        case .table(let table):
            return self.table(table)
        case .panel(let panel):
            return self.panel(kind: panel.kind, title: panel.title, blocks: panel.blocks, attributes: panel.attributes, open: open)
        case .expand(let expand):
            return self.panel(kind: .custom("panel"), title: expand.title, blocks: expand.blocks, attributes: [], open: open)
        case .tableOfContents:
            return []
        case .image(let image):
            return [.paragraph(inlines([.image(image)]))]
        case .issueQuery(let query):
            let url = "/issues/?jql=" + WikiEmitter.percentEncode(query.jql)
            return [.paragraph(inlines([.link(Link(target: .url(url), content: [.text("Issues: " + query.jql)]))]))]
        case .requirement(let requirement):
            return blocks(WikiEmitter.requirementBlocks(requirement, level: 2), open: open)
        case .layout(let layout):
            return blocks(layout.sections.flatMap { $0.columns.flatMap(\.blocks) }, open: open)
        case .footnote(let footnote):
            var content = footnote.blocks
            if case .paragraph(let first)? = content.first {
                content[0] = .paragraph([.text("[" + footnote.label + "] ")] + first)
            } else {
                content.insert(.paragraph([.text("[" + footnote.label + "]")]), at: 0)
            }
            return blocks(content, open: open)
        case .division(let division):
            guard let colour = division.attributes[named: "color"] ?? division.attributes[named: "textColor"] else {
                return blocks(division.blocks, open: open)
            }
            return container("color", division.blocks, open: open) {
                .division(Division(attributes: [Attribute("color", WikiEmitter.macroValue(colour).trimmingSpaces())], blocks: $0))
            }
        case .raw(let raw):
            if raw.format == "jira-wiki" { return JiraWikiReader().blocks(from: raw.content, options: ConversionOptions()).document.blocks }
            return [.code(self.code(CodeBlock(text: raw.content)))]
        }
    }

    /// A container macro's blocks, or the blocks alone when the same macro is already open.
    private static func container(_ name: String, _ content: [Block], open: Set<String>, wrap: ([Block]) -> Block) -> [Block] {
        if open.contains(name) { return blocks(content, open: open) }
        return [wrap(blocks(content, open: open.union([name])))]
    }

    private static func panel(kind: Panel.Kind, title: String?, blocks content: [Block], attributes: [Attribute], open: Set<String>) -> [Block] {
        var normalKind = kind
        if case .custom = kind { normalKind = .custom("panel") }
        if WikiVocabulary.background(for: kind) == nil, case .custom = kind {} else if WikiVocabulary.background(for: kind) == nil {
            normalKind = .custom("panel")
        }
        let normalTitle = title.map { WikiEmitter.macroValue($0).trimmingSpaces() }
        // Unwritable attributes are dropped; valueless ones are written as positional
        // parameters, which the reader lists after the named ones.
        let writable = attributes.filter(WikiEmitter.isWritableParameter)
        var normalAttributes = writable.filter { !$0.value.isEmpty } + writable.filter { $0.value.isEmpty }
        // A plain panel's `bgColor` of a kind colour reads back as that kind.
        if normalKind == .custom("panel"), let index = normalAttributes.firstIndex(where: {
            !$0.value.isEmpty && $0.name.lowercased() == "bgcolor" && WikiVocabulary.panelKind(forBackground: $0.value) != nil
        }), let named = WikiVocabulary.panelKind(forBackground: normalAttributes[index].value) {
            normalKind = named
            normalAttributes.remove(at: index)
        }
        return container("panel", content, open: open) {
            .panel(Panel(kind: normalKind, title: normalTitle, blocks: $0, attributes: normalAttributes))
        }
    }

    private static func code(_ code: CodeBlock) -> CodeBlock {
        var name = (code.language == nil && code.title == nil) ? "noformat" : "code"
        let body = code.text.lowercased()
        if body.contains("{" + name + "}"), !body.contains("{" + (name == "code" ? "noformat" : "code") + "}") {
            name = name == "code" ? "noformat" : "code"
        }
        let attributes = code.attributes.filter(WikiEmitter.isWritableParameter)
        guard name == "code" else { return CodeBlock(text: code.text, attributes: attributes) }
        return CodeBlock(language: code.language.map { WikiEmitter.macroValue($0).trimmingSpaces() }, text: code.text,
                         title: code.title.map { WikiEmitter.macroValue($0).trimmingSpaces() }, attributes: attributes)
    }

    // MARK: - Lists and tables

    private static func list(_ list: ListBlock) -> ListBlock {
        let kind: ListBlock.Kind
        switch list.kind {
        case .bullet: kind = .bullet
        case .ordered: kind = .ordered(start: 1)
        }
        var items: [ListItem] = []
        for item in list.items {
            var line: [Inline] = []
            if let task = item.task, let emoticon = WikiVocabulary.emoticonsByMarkup[task == .done ? "(/)" : "(x)"] {
                line += [.emoji(Emoji(shortName: emoticon.shortName, fallback: emoticon.fallback, id: emoticon.id)), .text(" ")]
            }
            var rest = item.blocks[...]
            switch rest.first {
            case .paragraph(let content)?: line += content; rest = rest.dropFirst()
            case .image(let image)?: line.append(.image(image)); rest = rest.dropFirst()
            default: break
            }
            // Further blocks are written on lines of their own, and the reader trims every line:
            // each line is normalised (and trimmed) by itself, then the lines are joined by breaks.
            // A `\\` at the end of a line that another follows is kept as a break.
            var nested: [Block] = []
            var lines: [[Inline]] = [line]
            for block in rest {
                if case .list(let inner) = block { nested.append(.list(self.list(inner))); continue }
                let flat = WikiEmitter.flatten(block)
                if !flat.isEmpty { lines.append(flat) }
            }
            var normal: [Inline] = []
            for (index, line) in lines.enumerated() {
                let trimmed = inlines(line, keepingTrailingBreaks: index < lines.count - 1)
                if trimmed.isEmpty { continue }
                if !normal.isEmpty { normal.append(.lineBreak) }
                normal += trimmed
            }
            items.append(ListItem(blocks: (normal.isEmpty ? [] : [.paragraph(normal)]) + nested))
        }
        return ListBlock(kind: kind, tight: true, items: items)
    }

    private static func table(_ table: Table) -> [Block] {
        var result: [Block] = []
        if let caption = table.caption, !caption.isEmpty { result.append(.paragraph(inlines([.strong(caption)]))) }
        var rows: [TableRow] = []
        for row in table.rows where !row.cells.isEmpty {
            var cells: [TableCell] = []
            for cell in row.cells {
                cells.append(TableCell(header: cell.header, blocks: self.cell(cell.blocks)))
                for _ in 1..<max(cell.colspan, 1) { cells.append(TableCell(header: cell.header, blocks: [])) }
            }
            rows.append(TableRow(cells: cells))
        }
        if !rows.isEmpty { result.append(.table(Table(rows: rows))) }
        return result
    }

    /// A cell's blocks: paragraphs (and flattened blocks, headings too) joined by line breaks, lists kept.
    private static func cell(_ content: [Block]) -> [Block] {
        var result: [Block] = []
        var line: [Inline] = []
        func flush() {
            let normal = inlines(line)
            if !normal.isEmpty { result.append(.paragraph(normal)) }
            line = []
        }
        for block in content {
            switch block {
            case .list(let list): flush(); result.append(.list(self.list(list)))
            case .paragraph(let content): if !line.isEmpty { line.append(.lineBreak) }; line += content
            case .image(let image): if !line.isEmpty { line.append(.lineBreak) }; line.append(.image(image))
            default: if !line.isEmpty { line.append(.lineBreak) }; line += WikiEmitter.flatten(block)
            }
        }
        flush()
        return result
    }

    // MARK: - Inlines

    /// Inlines as the reader gives them back: renderings of what wiki cannot express, text
    /// runs merged, blanks at the ends trimmed.
    static func inlines(_ content: [Inline], open: Set<String> = [], keepingTrailingBreaks: Bool = false) -> [Inline] {
        var result: [Inline] = []
        append(content, to: &result, open: open)
        return trim(result, keepingTrailingBreaks: keepingTrailingBreaks)
    }

    /// `open` holds the effects being written around (`*`, `_`, …, `color`, `link`): an effect
    /// inside itself is written once, links and colours do not nest.
    private static func append(_ content: [Inline], to result: inout [Inline], open: Set<String>) {
        for (index, inline) in content.enumerated() {
            append(inline, following: WikiEmitter.firstByte(of: content, after: index, multiLine: false), to: &result, open: open)
        }
    }

    private static func append(_ inline: Inline, following: UInt8?, to result: inout [Inline], open: Set<String>) {
        let inLink = open.contains("link")
        let inColour = open.contains("color")
        func add(_ node: Inline) {
            if case .text(let text) = node {
                if text.isEmpty { return }
                if case .text(let previous)? = result.last { result[result.count - 1] = .text(previous + text); return }
            }
            result.append(node)
        }
        func wrapped(_ delimiter: String, _ content: [Inline], _ make: ([Inline]) -> Inline) {
            if open.contains(delimiter) { append(content, to: &result, open: open); return }
            var inner: [Inline] = []
            append(content, to: &inner, open: open.union([delimiter]))
            if !inner.isEmpty { add(make(inner)) }
        }
        switch inline {
        case .text(let text): add(.text(text))
        case .softBreak: add(.text(" "))
        case .lineBreak: add(.lineBreak)
        case .emphasis(let content): wrapped("_", content) { .emphasis($0) }
        case .strong(let content): wrapped("*", content) { .strong($0) }
        case .strikethrough(let content): wrapped("-", content) { .strikethrough($0) }
        case .underline(let content): wrapped("+", content) { .underline($0) }
        case .superscript(let content): wrapped("^", content) { .superscript($0) }
        case .subscript(let content): wrapped("~", content) { .subscript($0) }
        case .code(let text): if !text.isEmpty { add(.code(text)) }
        case .date(let date): add(.text(date))
        case .placeholder: break
        case .footnoteReference(let label): wrapped("^", [.text("[" + label + "]")]) { .superscript($0) }
        case .anchor(let name): add(.anchor(WikiVocabulary.anchorName(name)))
        case .status(let status):
            let bold: Inline = .strong([.text("[" + status.text.uppercased() + "]")])
            if let colour = WikiVocabulary.statusTextColour(status.colour) {
                append(.span(Span(attributes: [Attribute("color", colour)], content: [bold])), following: following, to: &result, open: open)
            } else {
                append(bold, following: following, to: &result, open: open)
            }
        case .link(let link):
            if inLink || isTextOnly(link.target) {
                append(link.content.isEmpty ? [.text(WikiEmitter.targetText(link.target))] : link.content, to: &result, open: open)
                return
            }
            var inner: [Inline] = []
            append(WikiEmitter.plainLinkText(link.content).content, to: &inner, open: open.union(["link"]))
            var content = trim(inner)
            var target = link.target
            if let written = WikiEmitter.writtenTarget(link.target)?.trimmingSpaces() {
                target = readBack(written)
                if link.content.isEmpty, link.title == nil, WikiEmitter.isBareLinkTarget(written), case .issue(let key) = target {
                    add(.issue(IssueReference(key: key)))
                    return
                }
                // The writer shows the target as text when the bare `[target]` form cannot be used.
                if link.content.isEmpty, link.title != nil || !WikiEmitter.isBareLinkTarget(written) { content = [.text(written)] }
            }
            add(.link(Link(target: target, content: content, title: link.title.map { WikiEmitter.macroValue(WikiEmitter.linkTitle($0)).trimmingSpaces() })))
        case .mention(let mention):
            if inLink { add(.text(mention.displayName ?? mention.accountID)); return }
            add(.mention(Mention(accountID: mention.accountID, displayName: mention.displayName.flatMap { $0.isEmpty ? nil : $0 })))
        case .issue(let issue):
            if inLink { add(.text(issue.key)); return }
            add(WikiVocabulary.isIssueKey(issue.key[...]) ? .issue(IssueReference(key: issue.key)) : .text(issue.key))
        case .span(let span):
            let colour = span.attributes[named: "color"] ?? span.attributes[named: "textColor"]
            var content = span.content
            if span.attributes[named: "class"] == "citation" {
                content = [.span(Span(attributes: [Attribute("class", "citation")], content: content))]
                if colour == nil {
                    wrapped("??", span.content) { .span(Span(attributes: [Attribute("class", "citation")], content: $0)) }
                    return
                }
            }
            guard let colour, !inColour else {
                append(content, to: &result, open: open)
                return
            }
            var inner: [Inline] = []
            append(content, to: &inner, open: open.union(["color"]))
            if !inner.isEmpty { add(.span(Span(attributes: [Attribute("color", WikiEmitter.macroValue(colour).trimmingSpaces())], content: inner))) }
        case .emoji(let emoji):
            let name = emoji.shortName.hasPrefix(":") && emoji.shortName.hasSuffix(":") && emoji.shortName.count > 1
                ? String(emoji.shortName.dropFirst().dropLast()) : emoji.shortName
            if let markup = WikiVocabulary.markupByShortName[name]
                ?? emoji.id.flatMap({ id in WikiVocabulary.emoticons.first(where: { $0.id == id })?.markup }),
               let emoticon = WikiVocabulary.emoticonsByMarkup[markup], !(following.map(Byte.isASCIIAlnum) ?? false) {
                add(.emoji(Emoji(shortName: emoticon.shortName, fallback: emoticon.fallback, id: emoticon.id)))
            } else {
                add(.text(emoji.fallback ?? ":" + name + ":"))
            }
        case .raw(let raw):
            if raw.format == "jira-wiki" {
                let read = JiraWikiReader().blocks(from: raw.content).document.blocks
                for block in read { append(WikiEmitter.flatten(block), to: &result, open: open) }
            } else {
                add(.code(raw.content))
            }
        case .image(var image):
            image.source = WikiEmitter.imageSourceReadBack(WikiEmitter.imageSource(image.source))
            image.attributes = image.attributes.filter(WikiEmitter.isWritableImageOption)
            image.width = image.width.map(WikiEmitter.imageValueReadBack)
            image.height = image.height.map(WikiEmitter.imageValueReadBack)
            image.alt = image.alt.isEmpty ? "" : WikiEmitter.imageValueReadBack(image.alt)
            image.title = image.title.map(WikiEmitter.imageValueReadBack)
            add(.image(image))
        }
    }

    /// The target the reader makes of a written (trimmed) link target: `#x` is an anchor (so
    /// a `#x` URL reads back as one), `^x` an attachment of this page, an issue-key shape
    /// without a scheme an issue, anything else a URL.
    private static func readBack(_ written: String) -> LinkTarget {
        if written.hasPrefix("#") { return .anchor(String(written.dropFirst())) }
        if written.hasPrefix("^") { return .attachment(AttachmentLink(fileName: String(written.dropFirst()))) }
        if !WikiParser.hasScheme(written), WikiVocabulary.isIssueKey(written[...]) { return .issue(written) }
        return .url(written)
    }

    /// Link targets the wiki writer renders as their text (Confluence pages and spaces).
    private static func isTextOnly(_ target: LinkTarget) -> Bool {
        switch target {
        case .page, .space: return true
        case .url, .anchor, .attachment, .issue, .user: return false
        }
    }

    /// Leading and trailing blanks of a line are not kept, nor line breaks at the end.
    private static func trim(_ content: [Inline], keepingTrailingBreaks: Bool = false) -> [Inline] {
        var result = content
        while !keepingTrailingBreaks, case .lineBreak? = result.last { result.removeLast() }
        if case .text(let first)? = result.first {
            let trimmed = String(first.drop(while: { $0 == " " || $0 == "\t" }))
            if trimmed.isEmpty { result.removeFirst() } else { result[0] = .text(trimmed) }
        }
        // blanks then breaks, then blanks again: `\\ ` at the end of a line is nothing
        while case .text(let last)? = result.last {
            var trimmed = last
            while trimmed.hasSuffix(" ") || trimmed.hasSuffix("\t") { trimmed.removeLast() }
            if trimmed == last { break }
            if trimmed.isEmpty { result.removeLast() } else { result[result.count - 1] = .text(trimmed) }
            while !keepingTrailingBreaks, case .lineBreak? = result.last { result.removeLast() }
        }
        return result
    }
}
