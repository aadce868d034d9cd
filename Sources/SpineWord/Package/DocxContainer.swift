// Packs parts into a .docx ZIP (with [Content_Types].xml) and unpacks a .docx into parts.

import SpineCore

/// The ZIP container of a .docx.
enum DocxContainer {
    /// Content types by extension written as `Default` entries; other parts get an `Override`.
    private static let defaults: [(String, String)] = [
        ("rels", OPC.relationshipsContentType), ("xml", "application/xml"),
        ("png", "image/png"), ("jpeg", "image/jpeg"), ("jpg", "image/jpeg"), ("gif", "image/gif"),
        ("bmp", "image/bmp"), ("tiff", "image/tiff"), ("svg", "image/svg+xml"), ("emf", "image/x-emf"), ("wmf", "image/x-wmf"),
    ]

    /// `[Content_Types].xml` for `parts`.
    static func contentTypes(for parts: [PackagePart]) -> [UInt8] {
        var xml = XMLBytes()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"\(OPC.contentTypesNS)\">")
        for (ext, type) in defaults {
            xml.raw("<Default Extension=\"\(ext)\" ContentType=\"\(type)\"/>")
        }
        for part in parts {
            let ext = part.name.split(separator: ".").last.map { String($0).lowercased() } ?? ""
            if let match = defaults.first(where: { $0.0 == ext }), match.1 == part.contentType { continue }
            xml.raw("<Override PartName=\"/")
            xml.attribute(part.name)
            xml.raw("\" ContentType=\"")
            xml.attribute(part.contentType)
            xml.raw("\"/>")
        }
        xml.raw("</Types>\n")
        return xml.bytes
    }

    /// The ZIP bytes of a package: `[Content_Types].xml` first, then the parts in order.
    static func zip(_ parts: [PackagePart], timestamp: ZipWriter.DOSTimestamp, level: Int32, store: Bool) throws(SpineError) -> [UInt8] {
        var writer = ZipWriter()
        writer.timestamp = timestamp
        writer.level = level
        try writer.add(name: "[Content_Types].xml", data: contentTypes(for: parts), method: store ? .store : .deflate)
        for part in parts {
            // Images are already compressed; deflating them again only costs time.
            let method: ZipWriter.Method = store || !part.isXML ? .store : .deflate
            try writer.add(name: part.name, data: part.bytes, method: method)
        }
        return writer.finish()
    }
}
