// AST → WordprocessingML: inline content as runs, hyperlinks, bookmarks and footnote references.

import SpineCore

extension DocumentBuilder {
    /// Writes inlines as runs under `format`. `depth` bounds recursion on hostile ASTs.
    func write(_ inlines: [Inline], _ format: RunFormat, depth: Int) {
        for inline in inlines { write(inline, format, depth: depth) }
    }

    func write(_ inline: Inline, _ format: RunFormat, depth: Int) {
        guard depth < Self.maxDepth else {
            run(PlainText.of([inline]), format: format)
            warn("docx.too-deep", "Inline content nested deeper than \(Self.maxDepth) levels was flattened")
            return
        }
        let next = depth + 1
        var inner = format
        switch inline {
        case .text(let text):
            run(text, format: format)
        case .emphasis(let children):
            inner.italic = true
            write(children, inner, depth: next)
        case .strong(let children):
            inner.bold = true
            write(children, inner, depth: next)
        case .strikethrough(let children):
            inner.strike = true
            write(children, inner, depth: next)
        case .underline(let children):
            inner.underline = true
            write(children, inner, depth: next)
        case .superscript(let children):
            // Word has one vertical alignment per run: the innermost wins.
            inner.superscript = true
            inner.subscript = false
            write(children, inner, depth: next)
        case .subscript(let children):
            inner.subscript = true
            inner.superscript = false
            write(children, inner, depth: next)
        case .code(let text):
            inner.code = true
            run(text, format: inner, preserve: true)
        case .link(let link):
            writeLink(link, format, depth: next)
        case .image(let image):
            writeImage(image, format: format)
        case .lineBreak:
            body.raw("<w:r><w:br/></w:r>")
        case .softBreak:
            run(" ", format: format)
        case .mention(let mention):
            note("docx.mention-as-text", "A user mention is written as plain text")
            run("@" + (mention.displayName ?? mention.accountID), format: format)
        case .issue(let issue):
            writeIssue(issue, format)
        case .status(let status):
            note("docx.status-as-text", "A status lozenge is written as highlighted capitals")
            inner.bold = true
            inner.highlight = PanelStyle.highlight(forStatusColour: status.colour)
            run(status.text.uppercased(), format: inner)
        case .date(let date):
            run(date, format: format)
        case .emoji(let emoji):
            if let fallback = emoji.fallback {
                note("docx.emoji-as-text", "Emoji :\(emoji.shortName): is written as its Unicode character")
                run(fallback, format: format)
            } else {
                note("docx.emoji-as-text", "Emoji :\(emoji.shortName): has no Unicode fallback; written as its short name")
                run(":" + emoji.shortName + ":", format: format)
            }
        case .footnoteReference(let label):
            writeFootnoteReference(label, format)
        case .anchor(let name):
            bookmarkStart(name)
            bookmarkEnd()
        case .placeholder(let text):
            note("docx.placeholder-as-text", "Placeholder text is written as grey italic text")
            inner.italic = true
            inner.color = "808080"
            run(text, format: inner)
        case .span(let span):
            if let colour = span.attributes[named: "color"].flatMap(Colour.hex) {
                inner.color = colour
            }
            if span.attributes.contains(where: { $0.name != "color" }) {
                note("docx.attributes-dropped", "Span attributes (\(span.attributes.map(\.name).joined(separator: ", "))) are not kept in Word")
            }
            write(span.content, inner, depth: next)
        case .raw(let raw):
            if raw.format == "docx" || raw.format == "flat-opc" {
                body.raw(raw.content)
            } else {
                warn("docx.raw-as-code", "Raw \(raw.format) content cannot be rendered in Word; written as code text")
                inner.code = true
                run(raw.content, format: inner, preserve: true)
            }
        }
    }

    // MARK: - Runs

    /// Writes `text` as one run: tabs become `w:tab`, newlines `w:br`.
    func run(_ text: String, format: RunFormat, preserve: Bool = false) {
        if text.isEmpty { return }
        body.raw("<w:r>")
        format.write(into: &body)
        textElements(Substring(text), preserve: preserve)
        body.raw("</w:r>")
    }

    /// The `w:t`/`w:tab`/`w:br` elements of one run's text.
    func textElements(_ text: Substring, preserve: Bool) {
        var segmentStart = text.startIndex
        var index = text.startIndex
        func flush(_ end: Substring.Index) {
            guard segmentStart < end else { return }
            let segment = text[segmentStart..<end]
            let needsPreserve = preserve || segment.first == " " || segment.last == " " || segment.contains("  ")
            body.raw(needsPreserve ? "<w:t xml:space=\"preserve\">" : "<w:t>")
            body.text(String(segment))
            body.raw("</w:t>")
        }
        let utf8 = text.utf8
        var byteIndex = utf8.startIndex
        while byteIndex < utf8.endIndex {
            let byte = utf8[byteIndex]
            if byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index = byteIndex
                flush(index)
                if byte == 0x09 { body.raw("<w:tab/>") } else if byte == 0x0A { body.raw("<w:br/>") }
                segmentStart = utf8.index(after: byteIndex)
            }
            byteIndex = utf8.index(after: byteIndex)
        }
        flush(text.endIndex)
    }

    // MARK: - Links

    private func writeLink(_ link: Link, _ format: RunFormat, depth: Int) {
        guard !format.hyperlink else {
            warn("docx.nested-link", "A link inside a link was written as its text (Word cannot nest hyperlinks)")
            write(link.content, format, depth: depth)
            return
        }
        var inner = format
        inner.hyperlink = true
        let content = link.content.isEmpty ? [Inline.text(LinkResolver.displayText(link.target))] : link.content
        switch LinkResolver.resolve(link.target, options) {
        case .external(let url):
            openHyperlink(relationshipID: hyperlinkRelationship(url), anchor: nil, tooltip: link.title)
        case .internal(let anchor):
            openHyperlink(relationshipID: nil, anchor: anchor, tooltip: link.title)
        case .unresolved(let reason):
            warn("docx.link-unresolved", reason + "; written as text")
            write(content, format, depth: depth)
            return
        }
        write(content, inner, depth: depth)
        body.raw("</w:hyperlink>")
    }

    private func writeIssue(_ issue: IssueReference, _ format: RunFormat) {
        if !issue.attributes.isEmpty {
            note("docx.attributes-dropped", "Jira macro parameters of \(issue.key) are not kept in Word")
        }
        guard let base = LinkResolver.jiraBase(options) else {
            note("docx.issue-as-text", "Issue \(issue.key) is written as text (no site URL to link to)")
            run(issue.key, format: format)
            return
        }
        var inner = format
        inner.hyperlink = !format.hyperlink
        if !format.hyperlink {
            openHyperlink(relationshipID: hyperlinkRelationship(base + "/browse/" + issue.key), anchor: nil, tooltip: nil)
        }
        run(issue.key, format: inner)
        if !format.hyperlink { body.raw("</w:hyperlink>") }
    }

    func openHyperlink(relationshipID: String?, anchor: String?, tooltip: String?) {
        body.raw("<w:hyperlink")
        if let relationshipID { body.raw(" r:id=\"\(relationshipID)\"") }
        if let anchor {
            body.raw(" w:anchor=\"")
            body.attribute(anchor)
            body.raw("\"")
        }
        if let tooltip {
            body.raw(" w:tooltip=\"")
            body.attribute(tooltip)
            body.raw("\"")
        }
        body.raw(" w:history=\"1\">")
    }

    /// The relationship id for an external URL (one relationship per distinct URL).
    func hyperlinkRelationship(_ url: String) -> String {
        if let id = hyperlinkIDs[url] { return id }
        let id = "rId\(relationships.count + DocumentPart.firstFreeRelationship)"
        relationships.append(Relationship(id: id, type: "hyperlink", target: url, external: true))
        hyperlinkIDs[url] = id
        return id
    }

    // MARK: - Footnotes

    private func writeFootnoteReference(_ label: String, _ format: RunFormat) {
        guard footnotes[label] != nil, referencedFootnoteLabels.contains(label) else {
            if footnotes[label] == nil {
                warn("docx.footnote-missing", "Footnote [^\(label)] has no definition; written as text")
            } else {
                warn("docx.footnote-unreachable", "Footnote [^\(label)] is referenced only from footnotes the text never reaches; written as text")
            }
            var inner = format
            inner.superscript = true
            inner.subscript = false
            run("[" + label + "]", format: inner)
            return
        }
        let id: Int
        if let existing = footnoteIDs[label] {
            id = existing
        } else {
            id = footnoteOrder.count + 1
            footnoteOrder.append((label, id))
            footnoteIDs[label] = id
            if label != String(id) {
                note("docx.footnote-renumbered", "Footnote [^\(label)] becomes Word footnote \(id) (Word numbers footnotes itself)")
            }
        }
        body.raw("<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"\(id)\"/></w:r>")
    }

    /// Collects footnote definitions and the labels that become Word footnotes (`FootnoteReach`).
    func collectFootnotes(_ blocks: [Block]) {
        footnotes = FootnoteReach.definitions(blocks)
        referencedFootnoteLabels = FootnoteReach.reached(blocks, definitions: footnotes)
    }

    /// `word/footnotes.xml`, or nil when no footnote was referenced.
    func footnotesPart() -> [UInt8]? {
        guard !footnoteOrder.isEmpty else { return nil }
        let saved = body
        body = XMLBytes()
        body.raw(DocumentPart.footnotesOpening)
        var index = 0
        while index < footnoteOrder.count {   // footnotes may reference further footnotes
            let (label, id) = footnoteOrder[index]
            index += 1
            body.raw("<w:footnote w:id=\"\(id)\">")
            var blocks = footnotes[label]?.blocks ?? []
            var firstInlines: [Inline] = []
            if case .paragraph(let inlines)? = blocks.first {
                firstInlines = inlines
                blocks.removeFirst()
            }
            body.raw("<w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>")
            write(firstInlines, RunFormat(), depth: 0)
            body.raw("</w:p>")
            var context = Context()
            context.paragraphStyle = "FootnoteText"
            write(blocks, context)
            body.raw("</w:footnote>")
        }
        body.raw("</w:footnotes>\n")
        let part = body.bytes
        body = saved
        return part
    }
}
