// WordprocessingML → AST: body-level elements (paragraphs, tables, content controls) as blocks.

import SpineCore

extension DocumentMapper {
    /// Reads block-level content. `inQuote` is set inside Spine's quote containers, where the
    /// Quote style is the container's look rather than a quote of its own.
    func readBlocks(_ nodes: [XNode], depth: Int, inQuote: Bool = false) -> [Block] {
        var assembler = BlockAssembler()
        guard depth < Self.maxDepth else {
            report("docx.too-deep", "Content nested deeper than \(Self.maxDepth) levels was dropped", at: nil)
            return []
        }
        var skipFields = 0
        var captionIndex: Int?
        for element in flatten(nodes, depth: depth) {
            if skipFields > 0 {
                skipFields += Self.fieldBalance(element)
                continue
            }
            switch element.name {
            case "p":
                skipFields = readParagraph(element, &assembler, &captionIndex, depth: depth, inQuote: inQuote)
            case "tbl":
                var table = readTable(element, depth: depth + 1)
                if let index = captionIndex, index == assembler.count - 1, !assembler.hasOpenList,
                   case .paragraph(let caption)? = assembler.removeLastIf({ _ in true }) {
                    table.caption = caption
                }
                captionIndex = nil
                let level = assembler.continuationLevel(indent: element.childW("tblPr")?.childW("tblInd")?.w("w").flatMap(Int.init), listStyled: false)
                assembler.add(.table(table), continuing: level)
            case "sdt":
                captionIndex = nil
                readStructured(element, &assembler, depth: depth)
            case "altChunk":
                report("docx.alt-chunk", "Imported content (altChunk) is not read", at: element)
            default:
                break   // sectPr, bookmarks, permissions
            }
        }
        return assembler.finish()
    }

    /// Block elements with wrappers (custom XML, insertions, plain content controls) removed.
    private func flatten(_ nodes: [XNode], depth: Int) -> [XElement] {
        var result: [XElement] = []
        for case .element(let element) in nodes where element.namespace == XNS.w {
            switch element.name {
            case "customXml", "ins", "moveTo", "smartTag":
                if depth < Self.maxDepth { result += flatten(element.children, depth: depth + 1) }
            case "del", "moveFrom":
                report("docx.tracked-changes", "Tracked changes were accepted (insertions kept, deletions dropped)", at: element, severity: .info)
            case "sdt":
                if isContainer(element) { result.append(element) } else if let content = element.childW("sdtContent"), depth < Self.maxDepth {
                    result += flatten(content.children, depth: depth + 1)
                }
            default:
                result.append(element)
            }
        }
        return result
    }

    /// Content controls the reader maps itself: Spine's containers and tables of contents.
    private func isContainer(_ sdt: XElement) -> Bool {
        guard let properties = sdt.childW("sdtPr") else { return false }
        if let tag = properties.childW("tag")?.w("val"), tag.hasPrefix("spine:") { return true }
        return properties.descendant("docPartGallery", XNS.w)?.w("val") == "Table of Contents"
    }

    /// begin/end `w:fldChar` balance inside an element.
    static func fieldBalance(_ element: XElement) -> Int {
        var balance = 0
        var stack = [element]
        while let next = stack.popLast() {
            if next.isW("fldChar") {
                if next.w("fldCharType") == "begin" { balance += 1 } else if next.w("fldCharType") == "end" { balance -= 1 }
            }
            stack.append(contentsOf: next.elements)
        }
        return balance
    }

    // MARK: - Paragraphs

    /// Reads one paragraph into the assembler; returns how many fields stay open (a TOC's results to skip).
    private func readParagraph(_ paragraph: XElement, _ assembler: inout BlockAssembler, _ captionIndex: inout Int?, depth: Int, inQuote: Bool) -> Int {
        let properties = paragraph.childW("pPr")
        let styleID = properties?.childW("pStyle")?.w("val")
        var role = styles.role(styleID)
        if let outline = properties?.childW("outlineLvl")?.w("val").flatMap(Int.init), outline < 9 { role = .heading(min(outline + 1, 6)) }
        let indentElement = properties?.childW("ind")
        let indent = (indentElement?.w("left") ?? indentElement?.w("start")).flatMap(Int.init)
        pendingBlocks = []
        let content = readParagraphContent(paragraph)
        if let toc = content.tableOfContents {
            assembler.add(.tableOfContents(Self.tableOfContents(toc.instruction)), continuing: nil)
            return toc.closed ? 0 : content.openFields
        }
        var inlines = InlineGrouping.group(content.atoms[...])
        let continuing = assembler.continuationLevel(indent: indent, listStyled: role == .listParagraph)
        defer {
            if !pendingBlocks.isEmpty {
                let blocks = pendingBlocks
                pendingBlocks = []
                for block in blocks { assembler.add(block, continuing: continuing) }
            }
        }

        switch role {
        case .heading(let level):
            guard !inlines.isEmpty || !content.bookmarks.isEmpty else { return 0 }
            // The first bookmark names the heading; further ones stay as anchors leading its text.
            let extra = content.bookmarks.dropFirst().map(Inline.anchor)
            assembler.add(.heading(Heading(level: level, content: extra + inlines, anchor: content.bookmarks.first)), continuing: continuing)
            return 0
        case .title:
            let text = PlainText.of(inlines)
            if documentTitle == nil || documentTitle == text {
                if documentTitle == nil { documentTitle = text }
                return 0
            }
            assembler.add(.heading(Heading(level: 1, content: inlines)), continuing: nil)
            return 0
        case .code:
            var text = InlineGrouping.text(content.atoms)
            if text.hasSuffix("\n") { text.removeLast() }
            assembler.add(.code(CodeBlock(text: text)), continuing: continuing, merge: .code)
            return 0
        default:
            break
        }
        for name in content.bookmarks.reversed() { inlines.insert(.anchor(name), at: 0) }

        // Numbered paragraphs are list items (headings with outline numbering were handled above).
        let direct = properties?.childW("numPr")
        let numID = direct?.childW("numId")?.w("val").flatMap(Int.init) ?? (direct == nil ? styles.numbering(styleID)?.id : nil)
        let level = direct?.childW("ilvl")?.w("val").flatMap(Int.init) ?? styles.numbering(styleID)?.level ?? 0
        if let numID, numID != 0, numbering.contains(numID) {
            let ilvl = max(0, min(8, level))
            let kind = listKind(numID: numID, level: ilvl, assembler: assembler)
            var task: TaskState?
            // The check box is the first text; bookmarks (anchors) may come before it.
            let textIndex = inlines.firstIndex { if case .anchor = $0 { return false }; return true }
            if let textIndex, case .text(let first) = inlines[textIndex] {
                for (prefix, state) in [("☐", TaskState.todo), ("☑", .done), ("☒", .done)] where first.hasPrefix(prefix) {
                    task = state
                    var rest = first.dropFirst(prefix.count)
                    if rest.first == " " || rest.first == "\u{a0}" { rest = rest.dropFirst() }
                    if rest.isEmpty { inlines.remove(at: textIndex) } else { inlines[textIndex] = .text(String(rest)) }
                    break
                }
            }
            let loose = properties?.childW("contextualSpacing")?.w("val").map { $0 == "0" || $0 == "false" } ?? false
            let blocks: [Block] = inlines.isEmpty ? [] : [.paragraph(inlines)]
            let position = indent ?? numbering.level(numID, ilvl).indent ?? styles.indent(styleID) ?? NumberingPart.indent(level: ilvl)
            assembler.addItem(numID: numID, position: position, kind: kind, loose: loose, item: ListItem(task: task, blocks: blocks))
            return 0
        }

        if role == .metadataEcho, documentMetadataValues.contains(PlainText.of(inlines)) { return 0 }
        // Outside Spine's packages, a paragraph set entirely in a monospace font is code.
        if !isSpine, !content.atoms.isEmpty, content.atoms.allSatisfy({ if case .code = $0.content { return true }; if case .inline(.lineBreak) = $0.content { return true }; return false }) {
            assembler.add(.code(CodeBlock(text: InlineGrouping.text(content.atoms))), continuing: continuing, merge: .code)
            return 0
        }
        if inlines.isEmpty {
            if role == .horizontalLine || properties?.childW("pBdr")?.childW("bottom") != nil {
                assembler.add(.rule, continuing: continuing)
            }
            assembler.breakMerge()
            return 0
        }
        if role == .caption, case .image(var image)? = assembler.lastBlock, !assembler.hasOpenList,
           image.title == nil || image.title == PlainText.of(inlines) {
            image.title = PlainText.of(inlines)
            _ = assembler.removeLastIf { _ in true }
            assembler.add(.image(image), continuing: nil)
            return 0
        }
        if role == .quote, !inQuote {
            assembler.add(.quote([.paragraph(inlines)]), continuing: continuing, merge: .quote)
            return 0
        }
        // A paragraph holding only a picture is a block image.
        if inlines.count == 1, case .image(let image) = inlines[0] {
            assembler.add(.image(image), continuing: continuing)
            return 0
        }
        assembler.add(.paragraph(inlines), continuing: continuing)
        if role == .caption { captionIndex = assembler.hasOpenList ? nil : assembler.count - 1 }
        return 0
    }

    /// Bullet, or ordered with the number Word would show for the list's first item.
    private func listKind(numID: Int, level: Int, assembler: BlockAssembler) -> ListBlock.Kind {
        var counters = listCounters[numID] ?? [:]
        for deeper in counters.keys where deeper > level { counters[deeper] = nil }
        let number = counters[level].map { $0 + 1 } ?? numbering.startOverride(numID, level) ?? numbering.level(numID, level).start
        counters[level] = number
        listCounters[numID] = counters
        if numbering.isBullet(numID, level) { return .bullet }
        return .ordered(start: number)
    }

    /// A table of contents from a `TOC` field instruction (`\o "1-3"` gives the levels).
    static func tableOfContents(_ instruction: String) -> TableOfContents {
        let tokens = fieldTokens(instruction)
        var attributes: [Attribute] = []
        if let index = tokens.firstIndex(where: { $0.lowercased() == "\\o" }), index + 1 < tokens.count {
            let range = tokens[index + 1].split(separator: "-")
            if range.count == 2, let low = Int(range[0]), let high = Int(range[1]) {
                if low != 1 { attributes.append(Attribute("minLevel", String(low))) }
                if high != 3 { attributes.append(Attribute("maxLevel", String(high))) }
            }
        }
        return TableOfContents(attributes: attributes)
    }
}
