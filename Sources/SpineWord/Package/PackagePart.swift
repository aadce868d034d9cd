// The OPC package model shared by both containers: named parts with content types.

/// One part of an OPC package (`word/document.xml`, `word/media/image1.png`, …).
struct PackagePart {
    /// The part name without a leading slash, as a ZIP entry name.
    var name: String
    var contentType: String
    var bytes: [UInt8]
    /// True for XML parts (inlined as `pkg:xmlData` in Flat OPC).
    var isXML: Bool
}

/// Namespace URIs, relationship types and content types used by the package.
enum OPC {
    static let wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationshipsNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipsNS = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let contentTypesNS = "http://schemas.openxmlformats.org/package/2006/content-types"
    static let flatPackageNS = "http://schemas.microsoft.com/office/2006/xmlPackage"
    static let relationshipTypePrefix = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    static let officeDocumentType = relationshipTypePrefix + "officeDocument"
    static let corePropertiesType = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

    static let relationshipsContentType = "application/vnd.openxmlformats-package.relationships+xml"
    static let documentContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    static let stylesContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
    static let numberingContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
    static let settingsContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
    static let footnotesContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    static let coreContentType = "application/vnd.openxmlformats-package.core-properties+xml"
    static let appContentType = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
    static let customContentType = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
}

/// One relationship from a part to another part or to an external URL.
struct Relationship {
    var id: String
    /// The type's last path segment (`styles`, `hyperlink`) or a full type URI.
    var type: String
    var target: String
    var external: Bool

    /// The full relationship type URI.
    var typeURI: String {
        type.hasPrefix("http") ? type : OPC.relationshipTypePrefix + type
    }

    /// A relationships part listing `relationships`.
    static func part(_ relationships: [Relationship]) -> [UInt8] {
        var xml = XMLBytes()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"\(OPC.packageRelationshipsNS)\">")
        for relationship in relationships {
            xml.raw("<Relationship Id=\"")
            xml.attribute(relationship.id)
            xml.raw("\" Type=\"")
            xml.attribute(relationship.typeURI)
            xml.raw("\" Target=\"")
            xml.attribute(relationship.target)
            xml.raw(relationship.external ? "\" TargetMode=\"External\"/>" : "\"/>")
        }
        xml.raw("</Relationships>\n")
        return xml.bytes
    }
}
