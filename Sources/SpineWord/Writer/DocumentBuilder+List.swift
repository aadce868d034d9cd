// AST → WordprocessingML: lists as numbered paragraphs, one `w:num` instance per list.

import SpineCore

extension DocumentBuilder {
    /// Writes a list. The first paragraph of each item carries the number; the item's other
    /// blocks are indented to the item's text so the reader attaches them to the item.
    func writeList(_ list: ListBlock, _ context: Context) {
        let level = min(context.listLevel, 8)
        if context.listLevel > 8 { warn("docx.list-too-deep", "Lists nested deeper than 9 levels are written at level 9") }
        let abstract: Int
        let start: Int
        switch list.kind {
        case .bullet:
            abstract = NumberingPart.bulletAbstractID
            start = 1
        case .ordered(let first):
            abstract = NumberingPart.orderedAbstractID
            start = first
        }
        listInstances.append((abstract, start, level))
        let numID = listInstances.count
        let textIndent = NumberingPart.indent(level: level)
        for item in list.items {
            var blocks = item.blocks[...]
            var firstInlines: [Inline] = []
            if case .paragraph(let inlines)? = blocks.first {
                firstInlines = inlines
                blocks = blocks.dropFirst()
            }
            if let task = item.task {
                firstInlines.insert(.text(task == .done ? "☑ " : "☐ "), at: 0)
            }
            var props = ParagraphProperties(style: "ListParagraph", numbering: (numID, level))
            if context.indent != nil {
                // A list inside an item's further content (possibly inside a quote or other
                // control) states its indent, so the reader keeps it with that item.
                props.indent = textIndent
                props.hanging = 360
            }
            props.looseSpacing = !list.tight
            if let alignment = context.alignment { props.alignment = Self.justification(alignment) }
            paragraph(firstInlines, props)
            var inner = context
            inner.indent = textIndent
            inner.listLevel = level + 1
            inner.paragraphStyle = context.paragraphStyle ?? "ListParagraph"
            write(Array(blocks), inner)
        }
    }

    /// `word/numbering.xml`, or nil when no list was written.
    func numberingPart() -> [UInt8]? {
        guard !listInstances.isEmpty else { return nil }
        var xml = XMLBytes(capacity: 4096 + listInstances.count * 160)
        xml.raw(NumberingPart.header)
        for (index, instance) in listInstances.enumerated() {
            xml.raw("<w:num w:numId=\"\(index + 1)\"><w:abstractNumId w:val=\"\(instance.abstract)\"/>")
            xml.raw("<w:lvlOverride w:ilvl=\"\(instance.level)\"><w:startOverride w:val=\"\(instance.start)\"/></w:lvlOverride></w:num>")
        }
        xml.raw(NumberingPart.footer)
        return xml.bytes
    }
}
