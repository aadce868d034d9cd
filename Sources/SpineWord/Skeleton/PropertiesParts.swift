// docProps/core.xml, app.xml and custom.xml: document metadata in and out of the package.

import SpineCore

/// The document-property parts. Core properties carry what Word shows (title, author, dates,
/// keywords); the custom property `spine.metadata` carries the whole metadata as AST JSON so a
/// Spine round trip is exact.
enum PropertiesParts {
    static let spineMetadataName = "spine.metadata"
    static let applicationName = "Spine"

    /// Metadata keys read for core properties, first match wins.
    static let creatorKeys = ["author", "creator"]
    static let createdKeys = ["created", "date"]
    static let modifiedKeys = ["modified", "updated", "lastUpdated"]
    static let descriptionKeys = ["description", "summary"]

    /// The first string value among `keys` in the metadata's extra fields.
    static func string(_ metadata: Metadata, _ keys: [String]) -> String? {
        for key in keys {
            if let value = metadata[extra: key] {
                if let text = value.stringValue { return text }
                if case .number(let text) = value { return text }
                if let first = value.arrayValue?.first?.stringValue { return first }
            }
        }
        return nil
    }

    /// A W3CDTF timestamp for a date as metadata gives it; nil when it does not look like a date.
    static func w3cdtf(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[0..<4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if bytes.count == 10 { return value + "T00:00:00Z" }
        return value
    }

    /// `docProps/core.xml`.
    static func core(_ metadata: Metadata) -> [UInt8] {
        var xml = XMLBytes()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
        func element(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            xml.raw("<" + name + ">")
            xml.text(value)
            xml.raw("</" + name + ">")
        }
        element("dc:title", metadata.title)
        element("dc:creator", string(metadata, creatorKeys))
        element("cp:keywords", metadata.labels.isEmpty ? nil : metadata.labels.joined(separator: ", "))
        element("dc:description", string(metadata, descriptionKeys))
        if let created = string(metadata, createdKeys).flatMap(w3cdtf) {
            xml.raw("<dcterms:created xsi:type=\"dcterms:W3CDTF\">")
            xml.text(created)
            xml.raw("</dcterms:created>")
        }
        if let modified = (string(metadata, modifiedKeys) ?? string(metadata, createdKeys)).flatMap(w3cdtf) {
            xml.raw("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">")
            xml.text(modified)
            xml.raw("</dcterms:modified>")
        }
        xml.raw("</cp:coreProperties>\n")
        return xml.bytes
    }

    /// `docProps/app.xml`, naming Spine as the producer (the reader trusts Spine's conventions only then).
    static func app() -> [UInt8] {
        Array("""
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>\(applicationName)</Application><DocSecurity>0</DocSecurity></Properties>

""".utf8)
    }

    /// `docProps/custom.xml` holding the metadata as AST JSON, or nil when there is nothing beyond the title.
    static func custom(_ metadata: Metadata) -> [UInt8]? {
        var rest = metadata
        rest.title = nil
        guard !rest.isEmpty else { return nil }
        let json = JSONWriter.compact.string(ASTEncoder.encode(rest))
        var xml = XMLBytes()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">")
        xml.raw("<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"\(spineMetadataName)\"><vt:lpwstr>")
        xml.text(json)
        xml.raw("</vt:lpwstr></property></Properties>\n")
        return xml.bytes
    }

    /// The ZIP timestamp: the metadata's modification or creation date, else 1980-01-01.
    static func timestamp(_ metadata: Metadata) -> ZipWriter.DOSTimestamp {
        guard let text = string(metadata, modifiedKeys) ?? string(metadata, createdKeys), w3cdtf(text) != nil else { return .epoch }
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              year >= 1980, year < 2108, (1...12).contains(month), (1...31).contains(day) else { return .epoch }
        return ZipWriter.DOSTimestamp(year: year, month: month, day: day,
                                      hour: number(11..<13) ?? 0, minute: number(14..<16) ?? 0, second: number(17..<19) ?? 0)
    }
}
