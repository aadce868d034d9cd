// WordprocessingML → AST: runs, hyperlinks, fields, images and notes inside a paragraph.

import SpineCore

extension DocumentMapper {
    /// What a paragraph's content turned into.
    struct ParagraphContent {
        var atoms: [Atom] = []
        /// Bookmark names (not Word's hidden `_` ones) in order.
        var bookmarks: [String] = []
        /// A TOC field began here: (its instruction, whether it also ended in this paragraph).
        var tableOfContents: (instruction: String, closed: Bool)?
        /// Field nesting still open at the paragraph's end (TOC results span paragraphs).
        var openFields = 0
    }

    /// An open complex field (`w:fldChar` begin … separate … end).
    private struct OpenField {
        var instruction = ""
        var inResult = false
        var result: [Atom] = []
    }

    /// Reads a paragraph's children into atoms. `skipping` is true while inside a TOC's results.
    func readParagraphContent(_ paragraph: XElement) -> ParagraphContent {
        var content = ParagraphContent()
        var fields: [OpenField] = []
        collect(paragraph.children, style: RunStyle(), into: &content, fields: &fields, depth: 0)
        // Fields left open: keep what they showed.
        for field in fields.reversed() where field.inResult { content.atoms.append(contentsOf: field.result) }
        content.openFields = fields.count
        return content
    }

    private func append(_ atom: Atom, _ content: inout ParagraphContent, _ fields: inout [OpenField]) {
        if let last = fields.indices.last {
            if fields[last].inResult { fields[last].result.append(atom) }
            // Atoms inside a field's instruction part are not shown; drop them.
        } else {
            content.atoms.append(atom)
        }
    }

    private func collect(_ nodes: [XNode], style: RunStyle, into content: inout ParagraphContent, fields: inout [OpenField], depth: Int) {
        guard depth < Self.maxDepth else { return }
        for case .element(let element) in nodes {
            if element.namespace == XNS.m {
                appendMath(element, &content, &fields)
                continue
            }
            guard element.namespace == XNS.w else { continue }
            switch element.name {
            case "r":
                readRun(element, base: style, &content, &fields)
            case "hyperlink":
                var inner = ParagraphContent()
                var innerFields: [OpenField] = []
                collect(element.children, style: style, into: &inner, fields: &innerFields, depth: depth + 1)
                content.bookmarks += inner.bookmarks
                // Underlining inside a hyperlink is the link's look (Word's Hyperlink style,
                // LibreOffice's direct formatting), not emphasis of its own.
                for index in inner.atoms.indices { inner.atoms[index].style.underline = false }
                if let link = hyperlink(element, atoms: inner.atoms) { append(link, &content, &fields) }
            case "fldSimple":
                var inner = ParagraphContent()
                var innerFields: [OpenField] = []
                collect(element.children, style: style, into: &inner, fields: &innerFields, depth: depth + 1)
                let instruction = element.w("instr") ?? ""
                if Self.fieldName(instruction) == "TOC" {
                    content.tableOfContents = (instruction, true)
                } else if let link = fieldHyperlink(instruction, atoms: inner.atoms) {
                    append(link, &content, &fields)
                } else {
                    for atom in inner.atoms { append(atom, &content, &fields) }
                }
            case "bookmarkStart":
                if let name = element.w("name"), !name.hasPrefix("_") { content.bookmarks.append(name) }
            case "ins", "moveTo", "smartTag", "customXml", "dir", "bdo", "sdtContent":
                if element.name == "ins" || element.name == "moveTo" {
                    report("docx.tracked-changes", "Tracked changes were accepted (insertions kept, deletions dropped)", at: element, severity: .info)
                }
                collect(element.children, style: style, into: &content, fields: &fields, depth: depth + 1)
            case "sdt":
                if let body = element.childW("sdtContent") {
                    collect(body.children, style: style, into: &content, fields: &fields, depth: depth + 1)
                }
            case "del", "moveFrom":
                report("docx.tracked-changes", "Tracked changes were accepted (insertions kept, deletions dropped)", at: element, severity: .info)
            case "commentRangeStart":
                report("docx.comments-dropped", "Word comments are not carried into the AST", at: element, severity: .info)
            default:
                break   // pPr, proofErr, bookmarkEnd, permissions, rsid markers
            }
        }
        // Field characters are handled in readRun; `fields` carries them across runs.
        _ = fields
    }

    /// One `w:r`: formatting, then its text, breaks, drawings, notes and field characters.
    private func readRun(_ run: XElement, base: RunStyle, _ content: inout ParagraphContent, _ fields: inout [OpenField]) {
        var style = base
        var code = false
        if let rPr = run.childW("rPr") {
            if let styleID = rPr.childW("rStyle")?.w("val") {
                for characterStyle in styles.chain(styleID).reversed() {
                    if let bold = characterStyle.bold { style.bold = bold }
                    if let italic = characterStyle.italic { style.italic = italic }
                    if let underline = characterStyle.underline { style.underline = underline }
                    if let strike = characterStyle.strike { style.strike = strike }
                    if let align = characterStyle.verticalAlign { style.superscript = align == "superscript"; style.subscript = align == "subscript" }
                }
                code = styles.isCodeCharacterStyle(styleID)
                if styleID == "Hyperlink" || styles.chain(styleID).first?.name == "hyperlink" { style.underline = base.underline }
            }
            if let bold = RunProperties.toggle(rPr.childW("b")) { style.bold = bold }
            if let italic = RunProperties.toggle(rPr.childW("i")) { style.italic = italic }
            if let strike = RunProperties.toggle(rPr.childW("strike")) ?? RunProperties.toggle(rPr.childW("dstrike")) { style.strike = strike }
            if let u = rPr.childW("u") { style.underline = (u.w("val") ?? "single") != "none" }
            // LibreOffice writes raised/lowered text as a position shift rather than vertAlign.
            if rPr.childW("vertAlign") == nil, let shift = rPr.childW("position")?.w("val").flatMap(Int.init), shift != 0 {
                style.superscript = shift > 0
                style.subscript = shift < 0
            }
            if let align = rPr.childW("vertAlign")?.w("val") {
                style.superscript = align == "superscript"
                style.subscript = align == "subscript"
            }
            if RunProperties.isMonospace(rPr) { code = true }
            if RunProperties.toggle(rPr.childW("vanish")) == true { return }   // hidden text
        }
        for case .element(let element) in run.children {
            if element.namespace == XNS.mc || element.namespace == XNS.v { continue }
            guard element.namespace == XNS.w else { continue }
            switch element.name {
            case "t":
                let text = element.textContent
                append(Atom(style: style, content: code ? .code(text) : .text(text)), &content, &fields)
            case "tab", "ptab":
                append(Atom(style: style, content: code ? .code("\t") : .text("\t")), &content, &fields)
            case "br", "cr":
                let type = element.w("type")
                if type == "page" || type == "column" { continue }
                append(Atom(style: style, content: .inline(.lineBreak)), &content, &fields)
            case "noBreakHyphen":
                append(Atom(style: style, content: .text("\u{2011}")), &content, &fields)
            case "sym":
                if let text = SymbolFonts.text(font: element.w("font"), code: element.w("char")) {
                    append(Atom(style: style, content: .text(text)), &content, &fields)
                } else {
                    report("docx.symbol-font", "A symbol-font character (\(element.w("font") ?? "?") \(element.w("char") ?? "?")) has no Unicode equivalent Spine knows; kept as a private-use character", at: element)
                    if let value = element.w("char").flatMap({ UInt32($0, radix: 16) }), let scalar = Unicode.Scalar(value) {
                        append(Atom(style: style, content: .text(String(Character(scalar)))), &content, &fields)
                    }
                }
            case "drawing":
                if let image = drawingImage(element) { append(Atom(style: style, content: .inline(.image(image))), &content, &fields) }
                collectTextBoxes(element)
            case "pict", "object":
                if let image = vmlImage(element) {
                    append(Atom(style: style, content: .inline(.image(image))), &content, &fields)
                } else if element.name == "object" {
                    report("docx.embedded-object", "An embedded object (OLE) was dropped", at: element)
                }
                collectTextBoxes(element)
            case "footnoteReference", "endnoteReference":
                if let id = element.w("id") {
                    let key = element.name == "endnoteReference" ? "e" + id : id
                    if element.name == "endnoteReference" {
                        report("docx.endnote-as-footnote", "Endnotes are read as footnotes", at: element, severity: .info)
                    }
                    append(Atom(style: RunStyle(), content: .inline(.footnoteReference(footnoteLabel(key)))), &content, &fields)
                }
            case "fldChar":
                switch element.w("fldCharType") {
                case "begin": fields.append(OpenField())
                case "separate": if !fields.isEmpty { fields[fields.count - 1].inResult = true }
                case "end":
                    guard let field = fields.popLast() else { continue }
                    if Self.fieldName(field.instruction) == "TOC" {
                        content.tableOfContents = (field.instruction, true)
                    } else if let link = fieldHyperlink(field.instruction, atoms: field.result) {
                        append(link, &content, &fields)
                    } else {
                        for atom in field.result { append(atom, &content, &fields) }
                    }
                default: break
                }
            case "instrText":
                if !fields.isEmpty {
                    fields[fields.count - 1].instruction += element.textContent
                    if Self.fieldName(fields[fields.count - 1].instruction) == "TOC", content.tableOfContents == nil {
                        content.tableOfContents = (fields[fields.count - 1].instruction, false)
                    }
                }
            default:
                break   // rPr, lastRenderedPageBreak, softHyphen, footnoteRef, annotationRef, delText
            }
        }
    }

    // MARK: - Links and fields

    /// The first word of a field instruction, upper-cased (`HYPERLINK`, `TOC`, `PAGEREF`).
    static func fieldName(_ instruction: String) -> String {
        instruction.split(separator: " ", omittingEmptySubsequences: true).first.map { $0.uppercased() } ?? ""
    }

    private func hyperlink(_ element: XElement, atoms: [Atom]) -> Atom? {
        let destination: LinkTarget
        if let id = element.attribute("id", XNS.r), let relationship = target(id) {
            var url = relationship.target
            if let anchor = element.w("anchor") { url += "#" + anchor }
            destination = links.target(forURL: url)
        } else if let anchor = element.w("anchor") {
            destination = .anchor(anchor)
        } else {
            return atoms.isEmpty ? nil : Atom(style: RunStyle(), content: .inline(.span(Span(attributes: [], content: InlineGrouping.group(atoms[...])))))
        }
        return linkAtom(destination, atoms: atoms, title: element.w("tooltip"))
    }

    private func linkAtom(_ target: LinkTarget, atoms: [Atom], title: String?) -> Atom {
        let common = InlineGrouping.commonStyle(atoms)
        let content = InlineGrouping.group(InlineGrouping.removing(common, from: atoms)[...])
        if case .issue(let key) = target, content == [.text(key)], title == nil {
            return Atom(style: common, content: .inline(.issue(IssueReference(key: key))))
        }
        return Atom(style: common, content: .inline(.link(Link(target: target, content: content, title: title))))
    }

    /// A `HYPERLINK "url" [\l "anchor"] [\o "tip"]` field as a link atom.
    private func fieldHyperlink(_ instruction: String, atoms: [Atom]) -> Atom? {
        guard Self.fieldName(instruction) == "HYPERLINK" else { return nil }
        var url: String?
        var anchor: String?
        var tooltip: String?
        var pendingSwitch: String?
        for token in Self.fieldTokens(instruction).dropFirst() {
            if token.hasPrefix("\\") { pendingSwitch = token.lowercased(); continue }
            switch pendingSwitch {
            case "\\l": anchor = token
            case "\\o": tooltip = token
            case nil: if url == nil { url = token }
            default: break
            }
            pendingSwitch = nil
        }
        let target: LinkTarget
        if let url { target = links.target(forURL: anchor.map { url + "#" + $0 } ?? url) }
        else if let anchor { target = .anchor(anchor) }
        else { return nil }
        return linkAtom(target, atoms: atoms, title: tooltip)
    }

    /// Field instruction tokens: words, `"quoted strings"` and `\switches`.
    static func fieldTokens(_ instruction: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for character in instruction {
            if character == "\"" {
                if quoted { tokens.append(current); current = "" }
                quoted.toggle()
            } else if character == " " && !quoted {
                if !current.isEmpty { tokens.append(current); current = "" }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private func appendMath(_ element: XElement, _ content: inout ParagraphContent, _ fields: inout [OpenField]) {
        report("docx.math-as-text", "Equations (OMML) are read as their plain text", at: element)
        var text = ""
        var stack: [XElement] = [element]
        while let next = stack.popLast() {
            if next.name == "t", next.namespace == XNS.m { text += next.textContent }
            stack.append(contentsOf: next.elements.reversed())
        }
        if !text.isEmpty { append(Atom(style: RunStyle(), content: .code(text)), &content, &fields) }
    }

    /// Text boxes hold whole paragraphs; they are emitted as blocks after the paragraph.
    private func collectTextBoxes(_ element: XElement) {
        guard let box = element.descendant("txbxContent", XNS.w) else { return }
        report("docx.text-box", "Text-box content was moved after its paragraph", at: element, severity: .info)
        pendingBlocks.append(contentsOf: readBlocks(box.children, depth: 1))
    }
}
