// Paragraph and run properties, written in the schema order Word insists on.

/// The `w:pPr` children Spine writes, emitted in CT_PPr order.
struct ParagraphProperties {
    var style: String?
    var keepNext = false
    /// (numId, ilvl) for list paragraphs.
    var numbering: (id: Int, level: Int)?
    /// Left indentation in twips, overriding the style's.
    var indent: Int?
    /// Hanging indentation in twips (written only with `indent`).
    var hanging: Int?
    /// Explicit `w:contextualSpacing w:val="0"`: marks items of loose lists.
    var looseSpacing = false
    var alignment: String?

    /// Appends `<w:pPr>…</w:pPr>` (nothing when every property is unset).
    func write(into xml: inout XMLBytes) {
        if style == nil, !keepNext, numbering == nil, indent == nil, !looseSpacing, alignment == nil { return }
        xml.raw("<w:pPr>")
        if let style { xml.empty("w:pStyle", "w:val", style) }
        if keepNext { xml.raw("<w:keepNext/>") }
        if let numbering {
            xml.raw("<w:numPr><w:ilvl w:val=\"\(numbering.level)\"/><w:numId w:val=\"\(numbering.id)\"/></w:numPr>")
        }
        if looseSpacing { xml.raw("<w:spacing w:after=\"120\"/>") }
        if let indent { xml.raw(hanging.map { "<w:ind w:left=\"\(indent)\" w:hanging=\"\($0)\"/>" } ?? "<w:ind w:left=\"\(indent)\"/>") }
        if looseSpacing { xml.raw("<w:contextualSpacing w:val=\"0\"/>") }
        if let alignment { xml.raw("<w:jc w:val=\"\(alignment)\"/>") }
        xml.raw("</w:pPr>")
    }
}

/// Character formatting inherited down the inline tree, written as `w:rPr` in CT_RPr order.
struct RunFormat: Equatable {
    var bold = false
    var italic = false
    var strike = false
    var underline = false
    var superscript = false
    var `subscript` = false
    var code = false
    var hyperlink = false
    /// A character style that wins over code/hyperlink (`RequirementKey`).
    var style: String?
    /// A text colour as six hex digits.
    var color: String?
    var highlight: String?

    /// Appends `<w:rPr>…</w:rPr>` (nothing for plain text).
    func write(into xml: inout XMLBytes) {
        let runStyle = style ?? (code ? "VerbatimChar" : hyperlink ? "Hyperlink" : nil)
        let linkLook = hyperlink && runStyle != "Hyperlink"
        if runStyle == nil, !bold, !italic, !strike, !underline, !superscript, !`subscript`, color == nil, highlight == nil { return }
        xml.raw("<w:rPr>")
        if let runStyle { xml.empty("w:rStyle", "w:val", runStyle) }
        if bold { xml.raw("<w:b/><w:bCs/>") }
        if italic { xml.raw("<w:i/><w:iCs/>") }
        if strike { xml.raw("<w:strike/>") }
        if let color { xml.empty("w:color", "w:val", color) } else if linkLook { xml.raw("<w:color w:val=\"0563C1\"/>") }
        if let highlight { xml.empty("w:highlight", "w:val", highlight) }
        if underline || linkLook { xml.raw("<w:u w:val=\"single\"/>") }
        if superscript { xml.raw("<w:vertAlign w:val=\"superscript\"/>") } else if `subscript` { xml.raw("<w:vertAlign w:val=\"subscript\"/>") }
        xml.raw("</w:rPr>")
    }
}
