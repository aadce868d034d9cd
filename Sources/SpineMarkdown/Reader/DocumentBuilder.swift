// Converts the block tree into AST blocks: runs the inline pass on leaves and recognises
// GitHub alerts, task items, raw fences and Spine's block conventions.

import SpineCore

struct DocumentBuilder {
    let parser: BlockParser
    let extendedAutolinks: Bool
    /// The Jira site whose `<site>/browse/KEY` links read as issue links (`ConversionOptions.siteURL`).
    var siteURL: String?
    var diagnostics: [Diagnostic] = []
    var flattenedInlines = false

    init(_ parser: BlockParser, extendedAutolinks: Bool) {
        self.parser = parser
        self.extendedAutolinks = extendedAutolinks
    }

    // MARK: - Blocks

    mutating func blocks(of node: BlockNode) -> [Block] {
        var out: [Block] = []
        out.reserveCapacity(node.children.count)
        for child in node.children { out.append(block(child)) }
        return BlockConventions.collapse(out, diagnostics: &diagnostics)
    }

    mutating func block(_ node: BlockNode) -> Block {
        switch node.kind {
        case .paragraph:
            return .paragraph(inlines(node.content))
        case .heading:
            return .heading(Heading(level: node.level, content: inlines(node.content)))
        case .fencedCode:
            return fencedCode(node)
        case .indentedCode:
            return .code(CodeBlock(text: codeText(node.content)))
        case .html:
            return .raw(Raw(format: "html", content: string(node.content)))
        case .rule:
            return .rule
        case .quote:
            if let panel = alert(node) { return panel }
            return .quote(blocks(of: node))
        case .list:
            let items = node.children.map { item(of: $0) }
            return .list(ListBlock(kind: node.ordered ? .ordered(start: node.start) : .bullet, tight: node.tight, items: items))
        case .table:
            return table(node)
        case .footnote:
            return .footnote(Footnote(label: string(node.label), blocks: blocks(of: node)))
        case .item, .document:
            return .division(Division(blocks: blocks(of: node)))
        }
    }

    mutating func inlines(_ content: [UInt8]) -> [Inline] {
        var inlineParser = InlineParser(content, references: parser.references, footnotes: parser.footnoteLabels,
                                        extendedAutolinks: extendedAutolinks)
        inlineParser.parse()
        var builder = InlineBuilder(inlineParser)
        builder.siteURL = siteURL
        let result = builder.build()
        if builder.flattened && !flattenedInlines {
            flattenedInlines = true
            diagnostics.append(.warning("markdown.nesting-too-deep",
                "inline nesting deeper than \(InlineBuilder.maxDepth) levels was flattened"))
        }
        return result
    }

    /// Code text without the final line ending.
    func codeText(_ content: [UInt8]) -> String {
        var bytes = content[...]
        if bytes.last == ASCII.newline { bytes = bytes.dropLast() }
        return string(bytes)
    }

    // MARK: - Code and raw fences

    mutating func fencedCode(_ node: BlockNode) -> Block {
        let info = node.info
        let text = codeText(node.content)
        if info.count > 3, info.first == 0x7B, info[1] == ASCII.equals, info.last == 0x7D {
            let format = string(info[2..<(info.count - 1)])
            if !format.isEmpty, !format.contains(" ") { return .raw(Raw(format: format, content: text)) }
        }
        guard !info.isEmpty else { return .code(CodeBlock(text: text)) }
        var split = 0
        while split < info.count, !isSpaceOrTab(info[split]) { split += 1 }
        let language = string(info[..<split])
        var restStart = split
        while restStart < info.count, isSpaceOrTab(info[restStart]) { restStart += 1 }
        var code = CodeBlock(language: language, text: text)
        if restStart < info.count {
            let rest = string(info[restStart...])
            if let attributes = BlockConventions.parseAttributes(rest, inComment: false), !attributes.isEmpty {
                for attribute in attributes {
                    if attribute.name == "title", code.title == nil { code.title = attribute.value } else { code.attributes.append(attribute) }
                }
            } else {
                code.attributes = [Attribute("info", rest)]
            }
        }
        return .code(code)
    }

    // MARK: - GFM: alerts, task items, tables

    static let alertKinds: [String: Panel.Kind] = [
        "NOTE": .info, "TIP": .tip, "IMPORTANT": .custom("important"), "WARNING": .warning, "CAUTION": .error,
    ]

    /// A block quote whose first line is `[!NOTE]` (etc.) alone is a GitHub alert.
    mutating func alert(_ node: BlockNode) -> Block? {
        guard let first = node.children.first, first.kind == .paragraph, first.content.count > 3,
              first.content[0] == ASCII.lbracket, first.content[1] == ASCII.bang else { return nil }
        var i = 2
        while i < first.content.count, isLetter(first.content[i]) { i += 1 }
        guard i < first.content.count, first.content[i] == ASCII.rbracket else { return nil }
        let name = string(first.content[2..<i]).uppercased()
        guard let kind = DocumentBuilder.alertKinds[name] else { return nil }
        var j = i + 1
        while j < first.content.count, isSpaceOrTab(first.content[j]) { j += 1 }
        guard j == first.content.count || first.content[j] == ASCII.newline else { return nil }
        let rest = j < first.content.count ? Array(first.content[(j + 1)...]) : []
        var content: [Block] = []
        if !rest.isEmpty { content.append(.paragraph(inlines(rest))) }
        var remaining = node.children
        remaining.removeFirst()
        for child in remaining { content.append(block(child)) }
        return .panel(Panel(kind: kind, blocks: BlockConventions.collapse(content, diagnostics: &diagnostics)))
    }

    mutating func item(of node: BlockNode) -> ListItem {
        var task: TaskState?
        if let first = node.children.first, first.kind == .paragraph, first.content.count >= 3,
           first.content[0] == ASCII.lbracket, first.content[2] == ASCII.rbracket {
            let mark = first.content[1]
            let after: UInt8? = first.content.count > 3 ? first.content[3] : nil
            if mark == ASCII.space || mark == 0x78 || mark == 0x58, let after, isWhitespaceByte(after) {
                task = mark == ASCII.space ? .todo : .done
                var k = 3
                while k < first.content.count, isWhitespaceByte(first.content[k]) { k += 1 }
                first.content.removeSubrange(0..<k)
            }
        }
        var blocks = node.children.filter { !($0.kind == .paragraph && $0.content.isEmpty) }.map { block($0) }
        blocks = BlockConventions.collapse(blocks, diagnostics: &diagnostics)
        return ListItem(task: task, blocks: blocks)
    }

    mutating func table(_ node: BlockNode) -> Block {
        var rows: [TableRow] = []
        for (index, row) in node.rows.enumerated() {
            let header = index == 0
            var cells: [TableCell] = []
            for cell in row {
                let content = cell.isEmpty ? [] : inlines(cell)
                cells.append(TableCell(header: header, blocks: content.isEmpty ? [] : [.paragraph(content)]))
            }
            rows.append(TableRow(section: header ? .head : .body, cells: cells))
        }
        return .table(Table(columns: node.alignments.map { TableColumn(alignment: $0) }, rows: rows))
    }
}
