// Assembles the parts of a WordprocessingML package from a document.

import SpineCore

/// The parts of a Spine-written package, before they go into a container.
struct WordPackage {
    var parts: [PackagePart]
    var diagnostics: [Diagnostic]
    var timestamp: ZipWriter.DOSTimestamp

    /// Builds every part for `document`.
    static func build(_ document: Document, options: ConversionOptions) -> WordPackage {
        let builder = DocumentBuilder(options: options)
        builder.build(document)
        let numbering = builder.numberingPart()
        let footnotes = builder.footnotesPart()
        var documentRelationships = [
            Relationship(id: "rId1", type: "styles", target: "styles.xml", external: false),
            Relationship(id: "rId2", type: "settings", target: "settings.xml", external: false),
        ]
        if numbering != nil { documentRelationships.append(Relationship(id: "rId3", type: "numbering", target: "numbering.xml", external: false)) }
        if footnotes != nil { documentRelationships.append(Relationship(id: "rId4", type: "footnotes", target: "footnotes.xml", external: false)) }
        documentRelationships += builder.relationships

        let metadata = document.metadata
        let custom = PropertiesParts.custom(metadata)
        var packageRelationships = [
            Relationship(id: "rId1", type: "officeDocument", target: "word/document.xml", external: false),
            Relationship(id: "rId2", type: OPC.corePropertiesType, target: "docProps/core.xml", external: false),
            Relationship(id: "rId3", type: "extended-properties", target: "docProps/app.xml", external: false),
        ]
        if custom != nil { packageRelationships.append(Relationship(id: "rId4", type: "custom-properties", target: "docProps/custom.xml", external: false)) }

        var parts = [
            PackagePart(name: "_rels/.rels", contentType: OPC.relationshipsContentType, bytes: Relationship.part(packageRelationships), isXML: true),
            PackagePart(name: "docProps/core.xml", contentType: OPC.coreContentType, bytes: PropertiesParts.core(metadata), isXML: true),
            PackagePart(name: "docProps/app.xml", contentType: OPC.appContentType, bytes: PropertiesParts.app(), isXML: true),
        ]
        if let custom { parts.append(PackagePart(name: "docProps/custom.xml", contentType: OPC.customContentType, bytes: custom, isXML: true)) }
        parts.append(PackagePart(name: "word/document.xml", contentType: OPC.documentContentType, bytes: builder.body.bytes, isXML: true))
        parts.append(PackagePart(name: "word/_rels/document.xml.rels", contentType: OPC.relationshipsContentType,
                                 bytes: Relationship.part(documentRelationships), isXML: true))
        parts.append(PackagePart(name: "word/styles.xml", contentType: OPC.stylesContentType, bytes: Array(StylesPart.xml.utf8), isXML: true))
        parts.append(PackagePart(name: "word/settings.xml", contentType: OPC.settingsContentType,
                                 bytes: Array(DocumentPart.settings(updateFields: builder.usesTableOfContents, footnotes: footnotes != nil).utf8), isXML: true))
        if let numbering { parts.append(PackagePart(name: "word/numbering.xml", contentType: OPC.numberingContentType, bytes: numbering, isXML: true)) }
        if let footnotes {
            parts.append(PackagePart(name: "word/footnotes.xml", contentType: OPC.footnotesContentType, bytes: footnotes, isXML: true))
            // Hyperlinks and images inside footnotes resolve through the footnotes part's own
            // relationships; it shares the document's ids (one list, so ids never clash).
            if !builder.relationships.isEmpty {
                parts.append(PackagePart(name: "word/_rels/footnotes.xml.rels", contentType: OPC.relationshipsContentType,
                                         bytes: Relationship.part(builder.relationships), isXML: true))
            }
        }
        parts += builder.media
        return WordPackage(parts: parts, diagnostics: builder.diagnostics, timestamp: PropertiesParts.timestamp(metadata))
    }
}
