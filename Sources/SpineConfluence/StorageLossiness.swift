// The storage format's documented lossiness as a function: what writing a document as storage
// and reading it back yields (FormatDescriptor.normalize, used by the round-trip property tests).

import SpineCore
import SpineXML

/// Maps a document to what `StorageReader().read(StorageWriter().write(d))` gives, following
/// the rules in Formats/confluence-storage.md (whitespace collapse, panel kinds, footnotes,
/// dropped metadata and presentation details, raw content re-read as storage).
enum StorageLossiness {
    static func normalize(_ document: Document) -> Document {
        Document(metadata: Metadata(source: SourceInfo(format: "confluence")), blocks: RequirementLayout.group(blocks(document.blocks)))
    }

    // MARK: - Blocks

    /// Blocks in a container whose paragraphs are written with `<p>`.
    static func blocks(_ blocks: [Block]) -> [Block] {
        RequirementLayout.group(blocks.flatMap(block))
    }

    /// Blocks in a tight item or bare cell: paragraphs are written without `<p>` unless two are adjacent.
    static func bareBlocks(_ blocks: [Block]) -> [Block] {
        guard !StorageOutput.needsParagraphElements(blocks) else { return self.blocks(blocks) }
        var result: [Block] = []
        for block in blocks {
            guard case .paragraph(let content) = block else { result += self.block(block); continue }
            let normal = inlines(content, trim: true)
            if normal.isEmpty { continue }
            let standalone: [Block] = normal.compactMap { inline in
                if case .image(let image) = inline { return .image(image) }
                if case .raw(let raw) = inline, raw.content.hasPrefix("<") { return .raw(raw) }
                return nil
            }
            result += standalone.count == normal.count ? standalone : [.paragraph(normal)]
        }
        return RequirementLayout.group(result)
    }

    static func block(_ block: Block) -> [Block] {
        switch block {
        case .paragraph(let content):
            return [.paragraph(inlines(content, trim: true))]
        case .heading(let heading):
            let content = (heading.anchor.map { [Inline.anchor($0)] } ?? []) + heading.content
            return [.heading(Heading(level: min(6, max(1, heading.level)), content: inlines(content, trim: true)))]
        case .list(let list):
            return [self.list(list)]
        case .code(let code):
            return [.code(self.code(code))]
        case .quote(let content):
            return [.quote(blocks(content))]
        case .rule:
            return [.rule]
        case .table(let table):
            return [.table(self.table(table))]
        case .panel(let panel):
            return [.panel(Panel(kind: panelKind(panel.kind), title: panel.title, blocks: blocks(panel.blocks), attributes: real(panel.attributes)))]
        case .expand(let expand):
            return [.expand(Expand(title: expand.title, blocks: blocks(expand.blocks), attributes: real(expand.attributes)))]
        case .tableOfContents(let toc):
            return [.tableOfContents(TableOfContents(attributes: real(toc.attributes)))]
        case .image(let image):
            return [.image(image)]
        case .issueQuery(let query):
            var normal = query
            normal.columns = query.columns.joined(separator: ",").split(separator: ",").map(String.init)
            normal.attributes = real(query.attributes)
            return [.issueQuery(normal)]
        case .requirement(let requirement):
            let written = RequirementLayout.depth(of: requirement) > 6 ? flattenedBelowSixthLevel(requirement, level: 1) : requirement
            return [.requirement(self.requirement(written))]
        case .layout(let layout):
            let types = ["single", "two_equal", "three_equal", "four_equal", "five_equal"]
            return [.layout(Layout(sections: layout.sections.map { section in
                LayoutSection(type: section.type ?? types[max(0, min(4, section.columns.count - 1))],
                              columns: section.columns.map { LayoutColumn(blocks: blocks($0.blocks)) })
            }))]
        case .footnote(let footnote):
            return [.paragraph([.anchor("fn-" + footnote.label), .superscript([.text("[" + footnote.label + "]")])])] + blocks(footnote.blocks)
        case .division(let division):
            let first = division.attributes.first?.name
            if first == StorageConvention.attributesOf || first == StorageConvention.element || division.attributes[named: StorageConvention.macro] != nil {
                return [block]
            }
            return division.blocks.flatMap(self.block)
        case .raw(let raw):
            if raw.format == "html" && StorageText.isWhitespace(raw.content) { return [] }
            guard raw.format == "confluence" || (raw.format == "html" && StorageOutput.isWellFormedStorage(raw.content)) else {
                return [.code(CodeBlock(language: raw.format == "html" ? "html" : "none", text: clean(raw.content), title: "Raw \(raw.format) content"))]
            }
            guard let read = try? StorageReader().read(Array(raw.content.utf8), options: ConversionOptions()) else {
                return [.code(CodeBlock(text: clean(raw.content), attributes: [Attribute(StorageConvention.codeForm, "noformat")]))]
            }
            return read.document.blocks
        }
    }

    private static func list(_ list: ListBlock) -> Block {
        let allTasks = !list.items.isEmpty && list.items.allSatisfy { $0.task != nil }
        if allTasks && StorageOutput.isTaskList(list) {
            return .list(ListBlock(kind: .bullet, tight: true, items: list.items.map { item in
                var rest = item.blocks[...]
                var body: [Inline] = []
                if case .paragraph(let content)? = rest.first {
                    body = content
                    rest = rest.dropFirst()
                }
                return ListItem(task: item.task, blocks: [.paragraph(inlines(body, trim: true))] + rest.flatMap(block))
            }))
        }
        let source = list.items.contains { $0.task != nil } ? StorageOutput.markedList(list) : list
        var items: [ListItem] = []
        var wrapped = false
        for item in source.items {
            let adjacent = StorageOutput.needsParagraphElements(item.blocks)
            let usesP = item.blocks.contains { emitsParagraphElement($0, wrapped: !source.tight || adjacent) }
            if usesP { wrapped = true }
            items.append(ListItem(blocks: source.tight ? bareBlocks(item.blocks) : blocks(item.blocks)))
        }
        return .list(ListBlock(kind: source.kind, tight: !wrapped, items: items))
    }

    /// True when writing `block` as a list item's child puts a `<p>` element there.
    private static func emitsParagraphElement(_ block: Block, wrapped: Bool) -> Bool {
        switch block {
        case .paragraph: return wrapped
        case .footnote: return true
        case .division(let division):
            switch division.attributes.first?.name {
            case StorageConvention.attributesOf?:
                if case .paragraph? = division.blocks.first { return true }
                return false
            case StorageConvention.element?: return division.attributes.first?.value == "p"
            default:
                if division.attributes[named: StorageConvention.macro] != nil { return false }
                return division.blocks.contains { emitsParagraphElement($0, wrapped: true) }
            }
        case .raw(let raw): return raw.format == "confluence" && (raw.content.hasPrefix("<p>") || raw.content.hasPrefix("<p "))
        default: return false
        }
    }

    private static let languageAliases = [
        "sh": "bash", "shell": "bash", "zsh": "bash", "console": "bash", "js": "javascript", "ts": "typescript", "py": "python",
        "rb": "ruby", "cs": "csharp", "c#": "csharp", "c++": "cpp", "yml": "yaml", "ps1": "powershell", "kt": "kotlin",
        "golang": "go", "md": "markdown", "objc": "objectivec",
    ]

    private static func code(_ code: CodeBlock) -> CodeBlock {
        var normal = code
        normal.text = clean(code.text.replacingLineEnds())
        normal.attributes = real(code.attributes) + code.attributes.filter { $0.name == StorageConvention.codeForm }
        if let language = code.language, !code.attributes.contains(where: { $0.name.hasPrefix(StorageConvention.elementAttribute) }) {
            normal.language = languageAliases[language.lowercased()] ?? language
        }
        switch code.attributes[named: StorageConvention.codeForm] {
        case "pre":
            normal = CodeBlock(text: clean(code.text), attributes: [Attribute(StorageConvention.codeForm, "pre")]
                               + code.attributes.filter { $0.name.hasPrefix(StorageConvention.elementAttribute) })
        case "pre-code":
            normal = CodeBlock(language: code.language.flatMap { $0.isEmpty ? nil : $0 }, text: clean(code.text),
                               attributes: [Attribute(StorageConvention.codeForm, "pre-code")])
        case "noformat":
            normal = CodeBlock(text: normal.text, attributes: [Attribute(StorageConvention.codeForm, "noformat")] + real(code.attributes))
        default:
            let attributes = real(code.attributes)
            normal.attributes = attributes.filter { $0.name.hasPrefix(StorageConvention.elementAttribute) } + attributes.filter { !$0.name.hasPrefix(StorageConvention.elementAttribute) }
        }
        return normal
    }

    private static func table(_ table: Table) -> Table {
        var normal = Table(rows: [], attributes: table.attributes.filter { !$0.name.hasPrefix("storage.") || $0.name == StorageConvention.colgroup || $0.name == StorageConvention.bareRows })
        if table.columns.contains(where: { $0.width != nil }) && table.attributes[named: StorageConvention.colgroup] == nil {
            normal.columns = table.columns.map { TableColumn(width: $0.width) }
        }
        normal.rows = table.rows.map { row in
            TableRow(section: table.attributes[named: StorageConvention.bareRows] == "true" ? .body : row.section, cells: row.cells.map { cell in
                var attributes = cell.attributes.filter { !$0.name.hasPrefix("storage.") || $0.name == StorageConvention.bareCell }
                if let alignment = cell.alignment, !attributes.contains(where: { $0.name == "style" }) {
                    attributes.append(Attribute("style", "text-align: " + alignment.rawValue + ";"))
                }
                let bare = cell.attributes[named: StorageConvention.bareCell] == "true"
                return TableCell(header: cell.header, colspan: cell.colspan, rowspan: cell.rowspan,
                                 blocks: bare ? bareBlocks(cell.blocks) : blocks(cell.blocks), attributes: attributes)
            })
        }
        return normal
    }

    // MARK: - Requirements

    /// A requirement nested deeper than six levels starts at `h1`; everything below its sixth level
    /// is written at `h6` after its ancestor there and reads back as that ancestor's siblings.
    private static func flattenedBelowSixthLevel(_ requirement: Requirement, level: Int) -> Requirement {
        var normal = requirement
        if level >= 5 {
            normal.children = requirement.children.flatMap(preorderWithoutChildren)
        } else {
            normal.children = requirement.children.map { flattenedBelowSixthLevel($0, level: level + 1) }
        }
        return normal
    }

    private static func preorderWithoutChildren(_ requirement: Requirement) -> [Requirement] {
        var leaf = requirement
        leaf.children = []
        return [leaf] + requirement.children.flatMap(preorderWithoutChildren)
    }

    private static func requirement(_ requirement: Requirement) -> Requirement {
        var normal = requirement
        let heading = inlines([.text(requirement.summary)], trim: true)
        normal.summary = heading.map(\.plainText).joined()
        normal.type = requirement.type.map(cellText)
        normal.priority = requirement.priority.map(cellText)
        if requirement.status == nil { normal.statusCategory = nil }
        normal.assignee = requirement.assignee.flatMap(person)
        normal.reporter = requirement.reporter.flatMap(person)
        normal.labels = splitList(requirement.labels)
        normal.components = splitList(requirement.components)
        normal.fixVersions = splitList(requirement.fixVersions)
        normal.description = blocks(requirement.description)
        normal.acceptanceCriteria = blocks(requirement.acceptanceCriteria)
        normal.children = requirement.children.map(self.requirement)
        normal.fields = requirement.fields.map { field in
            guard case .string(let text) = field.value else { return field }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { cellText(String($0)) }
            return Field(cellText(field.key), .string(lines.joined(separator: "\n")))
        }
        return normal
    }

    private static func cellText(_ text: String) -> String {
        inlines([.text(text)], trim: true).map(\.plainText).joined()
    }

    private static func splitList(_ items: [String]) -> [String] {
        let text = cellText(items.joined(separator: ", "))
        return text.isEmpty ? [] : text.split(separator: ", ", omittingEmptySubsequences: false).map(String.init)
    }

    private static func person(_ person: Person) -> Person? {
        var normal = Person()
        if let id = person.accountID {
            normal.accountID = clean(id)
            normal.displayName = person.displayName.map(clean).flatMap { $0.isEmpty ? nil : $0 }
        } else if let name = person.displayName {
            let text = cellText(name)
            normal.displayName = text.isEmpty ? nil : text
        }
        normal.email = person.email
        return normal == Person() ? nil : normal
    }

    // MARK: - Inlines

    static func inlines(_ content: [Inline], trim: Bool) -> [Inline] {
        var result: [Inline] = []
        for item in content.flatMap(inline) {
            if case .text(let text) = item {
                if text.isEmpty { continue }
                if case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(previous + text)
                    continue
                }
            }
            result.append(item)
        }
        result = result.compactMap { item in
            guard case .text(let text) = item else { return item }
            return .text(StorageText.collapse(text))
        }
        // The reader drops space at the start of a line, right after a line break.
        var index = 1
        while index < result.count {
            if case .text(let text) = result[index], text.utf8.first == 32, StorageMapper.isLineBreak(result[index - 1]) {
                let rest = String(text.dropFirst())
                if rest.isEmpty { result.remove(at: index); continue }
                result[index] = .text(rest)
            }
            index += 1
        }
        if trim {
            if case .text(let text)? = result.first, text.utf8.first == 32 {
                let rest = String(text.dropFirst())
                if rest.isEmpty { result.removeFirst() } else { result[0] = .text(rest) }
            }
            if case .text(let text)? = result.last, text.utf8.last == 32 {
                let rest = String(text.dropLast())
                if rest.isEmpty { result.removeLast() } else { result[result.count - 1] = .text(rest) }
            }
        }
        return result
    }

    private static func inline(_ inline: Inline) -> [Inline] {
        switch inline {
        case .text(let text): return [.text(clean(text))]
        case .softBreak: return [.text(" ")]
        case .emphasis(let content): return [.emphasis(inlines(content, trim: false))]
        case .strong(let content): return [.strong(inlines(content, trim: false))]
        case .strikethrough(let content): return [.strikethrough(inlines(content, trim: false))]
        case .underline(let content): return [.underline(inlines(content, trim: false))]
        case .superscript(let content): return [.superscript(inlines(content, trim: false))]
        case .subscript(let content): return [.subscript(inlines(content, trim: false))]
        case .code(let text): return [.code(clean(text))]
        case .link(let link): return [self.link(link)]
        case .image, .lineBreak, .status, .date, .emoji, .anchor: return [inline]
        case .mention(let mention):
            return [.mention(Mention(accountID: clean(mention.accountID), displayName: mention.displayName.map(clean).flatMap { $0.isEmpty ? nil : $0 }))]
        case .issue(let issue): return [.issue(IssueReference(key: issue.key, attributes: real(issue.attributes)))]
        case .footnoteReference(let label):
            return [.superscript([.link(Link(target: .anchor("fn-" + label), content: [.text("[" + label + "]")]))])]
        case .placeholder(let text): return [.placeholder(clean(text))]
        case .span(let span):
            let first = span.attributes.first?.name
            if first == StorageConvention.attributesOf || first == StorageConvention.element { return [inline] }
            var attributes: [Attribute] = []
            for attribute in span.attributes where !attribute.name.hasPrefix("storage.") {
                switch attribute.name {
                case "color", "colour", "textColor":
                    let style = Span.style(forColour: attribute.value)
                    attributes.append(Span.colour(fromStyle: style).map { Attribute("color", $0) } ?? Attribute("style", style))
                case "style":
                    attributes.append(Span.colour(fromStyle: attribute.value).map { Attribute("color", $0) } ?? attribute)
                default: if StorageOutput.isXMLName(attribute.name) { attributes.append(attribute) }
                }
            }
            return [.span(Span(attributes: attributes, content: inlines(span.content, trim: false)))]
        case .raw(let raw):
            guard raw.format == "confluence" || (raw.format == "html" && StorageOutput.isWellFormedStorage(raw.content)),
                  let read = try? StorageReader().read(Array(("<p>" + raw.content + "</p>").utf8), options: ConversionOptions()),
                  read.document.blocks.count == 1, case .paragraph(let content) = read.document.blocks[0] else {
                return [.code(clean(raw.content))]
            }
            return content
        }
    }

    private static func link(_ link: Link) -> Inline {
        switch link.target {
        case .url(let url):
            return .link(Link(target: .url(url), content: link.content.isEmpty ? [.text(url)] : inlines(link.content, trim: false), title: link.title))
        case .issue(let key):
            return .issue(IssueReference(key: key))
        case .user(let id):
            let name = link.content.map(\.plainText).joined()
            return .mention(Mention(accountID: id, displayName: name.isEmpty ? nil : name))
        case .page, .attachment, .anchor, .space:
            switch StorageWriter.defaultLinkBody(link.content) {
            case "none":
                return .link(Link(target: link.target, content: []))
            case "plain":
                let text = clean(link.content.map(\.plainText).joined())
                return .link(Link(target: link.target, content: [.text(text)]))
            default:
                let content = inlines(link.content, trim: false)
                let normal = Inline.link(Link(target: link.target, content: content))
                if StorageWriter.defaultLinkBody(content) == "rich" { return normal }
                return .span(Span(attributes: [Attribute(StorageConvention.attributesOf, "ac:link"), Attribute(StorageConvention.linkBody, "rich")],
                                  content: [normal]))
            }
        }
    }

    private static func panelKind(_ kind: Panel.Kind) -> Panel.Kind {
        switch kind {
        case .info, .note, .warning, .tip: return kind
        case .success: return .tip
        case .error: return .warning
        case .custom(let name):
            switch name.lowercased() {
            case "important": return .note
            case "caution", "danger": return .warning
            default: return .custom("panel")
            }
        }
    }

    /// Attributes the writer writes as XML (pseudo `storage.*` ones are consumed).
    static func real(_ attributes: [Attribute]) -> [Attribute] {
        attributes.filter { !$0.name.hasPrefix("storage.") }
    }

    static func clean(_ text: String) -> String {
        StorageOutput(options: ConversionOptions()).clean(text)
    }
}

extension String {
    /// CR LF and lone CR as LF, as XML parsers report line ends.
    func replacingLineEnds() -> String {
        guard utf8.contains(13) else { return self }
        var out: [UInt8] = []
        var previousCR = false
        for byte in utf8 {
            if byte == 13 { out.append(10); previousCR = true; continue }
            if byte == 10 && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
