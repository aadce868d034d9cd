// The fixed pieces of word/document.xml, footnotes.xml and settings.xml.

import SpineCore

/// Root elements, section properties and settings Spine writes around the body.
enum DocumentPart {
    /// Namespaces declared on every root, so raw `docx` content with Word's usual prefixes stays valid.
    static let namespaces = """
xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" \
xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" \
xmlns:v="urn:schemas-microsoft-com:vml" \
xmlns:o="urn:schemas-microsoft-com:office:office" \
xmlns:w10="urn:schemas-microsoft-com:office:word" \
xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"
"""

    static let opening = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " + namespaces + "><w:body>"
    static let closing = "</w:body></w:document>\n"
    static let footnotesOpening = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:footnotes " + namespaces + ">"
        + "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
        + "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"

    /// Relationship ids below this are reserved for styles, numbering, settings and footnotes.
    static let firstFreeRelationship = 10

    /// Page width and height in twips for `docx.page-size` (`a4`, the default, or `letter`).
    static func pageSize(_ setting: String?) -> (width: Int, height: Int) {
        setting?.lowercased() == "letter" ? (12240, 15840) : (11906, 16838)
    }

    /// The text width in twips (page width minus one-inch margins).
    static func textWidth(_ options: ConversionOptions) -> Int {
        pageSize(options[setting: "docx.page-size"]).width - 2880
    }

    /// The final `w:sectPr`.
    static func sectionProperties(pageSize setting: String?) -> String {
        let size = pageSize(setting)
        return "<w:sectPr><w:pgSz w:w=\"\(size.width)\" w:h=\"\(size.height)\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/><w:cols w:space=\"708\"/></w:sectPr>"
    }

    /// `word/settings.xml`; children in CT_Settings order.
    static func settings(updateFields: Bool, footnotes: Bool) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"\(OPC.wordNS)\">"
        xml += "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
        if updateFields { xml += "<w:updateFields w:val=\"true\"/>" }
        if footnotes { xml += "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>" }
        xml += "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
        xml += "</w:settings>\n"
        return xml
    }
}
