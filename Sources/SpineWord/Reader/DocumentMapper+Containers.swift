// WordprocessingML → AST: Spine's content controls (quote, code, panel, expand, layout) and TOCs.

import SpineCore

extension DocumentMapper {
    /// Reads a content control the reader recognises (see `flatten`).
    func readStructured(_ sdt: XElement, _ assembler: inout BlockAssembler, depth: Int) {
        let properties = sdt.childW("sdtPr")
        let content = sdt.childW("sdtContent")?.children ?? []
        let level = assembler.continuationLevel(indent: Self.firstIndent(sdt), listStyled: false)
        guard let tag = properties?.childW("tag")?.w("val"), tag.hasPrefix("spine:") else {
            // A table of contents: its instruction gives the levels.
            let instruction = sdt.descendant("instrText", XNS.w)?.textContent ?? (sdt.descendant("fldSimple", XNS.w)?.w("instr") ?? "TOC")
            assembler.add(.tableOfContents(Self.tableOfContents(instruction)), continuing: level)
            return
        }
        let words = tag.dropFirst("spine:".count).split(separator: " ", maxSplits: 1)
        let kind = words.first.map(String.init) ?? ""
        let argument = words.count > 1 ? String(words[1]) : nil
        switch kind {
        case "quote":
            assembler.add(.quote(readBlocks(content, depth: depth + 1, inQuote: true)), continuing: level)
        case "code":
            assembler.add(.code(readCode(content, language: argument)), continuing: level)
        case "panel", "expand":
            let (title, blocks) = readBox(sdt, depth: depth)
            if kind == "panel" {
                assembler.add(.panel(Panel(kind: PanelStyle.kind(argument ?? "info"), title: title, blocks: blocks)), continuing: level)
            } else {
                assembler.add(.expand(Expand(title: title, blocks: blocks)), continuing: level)
            }
        case "layout":
            var sections: [LayoutSection] = []
            for table in Self.unwrapped(sdt.childW("sdtContent") ?? sdt, "tbl") {
                let row = Self.unwrapped(table, "tr").first
                let columns = (row.map { Self.unwrapped($0, "tc") } ?? []).map { cell in
                    LayoutColumn(blocks: readBlocks(cell.children.filter { if case .element(let e) = $0 { return !e.isW("tcPr") }; return false }, depth: depth + 2))
                }
                sections.append(LayoutSection(type: table.childW("tblPr")?.childW("tblCaption")?.w("val"), columns: columns))
            }
            assembler.add(.layout(Layout(sections: sections)), continuing: level)
        case "requirement":
            assembler.add(.requirement(readRequirement(sdt, depth: depth)), continuing: level)
        default:
            for block in readBlocks(content, depth: depth + 1) { assembler.add(block, continuing: level) }
        }
    }

    /// The explicit left indentation (`w:ind`) of the first paragraph, or the `w:tblInd` of the
    /// first table, inside a content control. Only the first one counts: an indented paragraph
    /// deep inside says nothing about where the control itself sits, and a numbered paragraph's
    /// list indent alone is the same at top level and inside an item.
    static func firstIndent(_ element: XElement) -> Int? {
        var stack = [element]
        var visited = 0
        while let next = stack.popLast(), visited < 200 {
            visited += 1
            if next.isW("p") {
                guard let ind = next.childW("pPr")?.childW("ind") else { return nil }
                return (ind.w("left") ?? ind.w("start")).flatMap(Int.init) ?? 0
            }
            if next.isW("tbl") { return next.childW("tblPr")?.childW("tblInd")?.w("w").flatMap(Int.init) }
            if next.isW("sdtPr") { continue }
            stack.append(contentsOf: next.elements.reversed())
        }
        return nil
    }

    /// A Spine code container: an optional Code Title paragraph, then the code paragraph(s).
    private func readCode(_ nodes: [XNode], language: String?) -> CodeBlock {
        var title: String?
        var lines: [String] = []
        for case .element(let element) in nodes where element.isW("p") {
            let text = InlineGrouping.text(readParagraphContent(element).atoms)
            if styles.role(element.childW("pPr")?.childW("pStyle")?.w("val")) == .codeTitle {
                title = text
            } else {
                lines.append(text)
            }
        }
        return CodeBlock(language: language, text: lines.joined(separator: "\n"), title: title)
    }

    /// A shaded box: the single cell's Panel Title paragraph and the blocks after it.
    private func readBox(_ sdt: XElement, depth: Int) -> (String?, [Block]) {
        guard let table = Self.unwrapped(sdt.childW("sdtContent") ?? sdt, "tbl").first,
              let cell = Self.unwrapped(table, "tr").first.flatMap({ Self.unwrapped($0, "tc").first }) else { return (nil, []) }
        var nodes = cell.children.filter { if case .element(let e) = $0 { return !e.isW("tcPr") }; return false }
        var title: String?
        if case .element(let first)? = nodes.first, first.isW("p"),
           styles.role(first.childW("pPr")?.childW("pStyle")?.w("val")) == .panelTitle {
            title = InlineGrouping.text(readParagraphContent(first).atoms)
            nodes.removeFirst()
        }
        return (title, readBlocks(nodes, depth: depth + 2))
    }
}
