// Core and custom document properties → AST metadata.

import SpineCore

/// Maps `docProps/core.xml` and `docProps/custom.xml` to `Metadata`.
enum MetadataMapper {
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dcterms = "http://purl.org/dc/terms/"
    static let cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

    static func metadata(core: XElement?, custom: XElement?, isSpine: Bool, diagnostics: inout [Diagnostic]) -> Metadata {
        var metadata = Metadata()
        func coreValue(_ name: String, _ namespace: String) -> String? {
            guard let text = core?.child(name, namespace)?.textContent.trimmingCharactersSpaces(), !text.isEmpty else { return nil }
            return text
        }
        metadata.title = coreValue("title", dc)
        var customFields: [Field] = []
        for property in custom?.elements ?? [] where property.name == "property" {
            guard let name = property.attribute("name"), let value = property.elements.first else { continue }
            if name == PropertiesParts.spineMetadataName, isSpine {
                let wrapped = "{\"blocks\":[],\"metadata\":" + value.textContent + "}"
                do {
                    let decoded = try ASTDecoder.decodeDocument(try JSONParser.parse(Array(wrapped.utf8))).metadata
                    var exact = decoded
                    exact.title = metadata.title
                    return exact
                } catch {
                    diagnostics.append(.warning("docx.metadata-invalid", "The spine.metadata property is not valid AST JSON; using the visible properties",
                                                at: SourceLocation(line: property.line, path: "docProps/custom.xml")))
                }
                continue
            }
            let text = value.textContent
            switch value.name {
            case "bool": customFields.append(Field(name, .bool(text == "true" || text == "1")))
            case "i1", "i2", "i4", "i8", "int", "ui1", "ui2", "ui4", "ui8", "uint", "r4", "r8", "decimal":
                customFields.append(Field(name, Double(text) != nil ? .number(text) : .string(text)))
            default: customFields.append(Field(name, .string(text)))
            }
        }
        for (key, name, namespace) in [("author", "creator", dc), ("created", "created", dcterms), ("modified", "modified", dcterms),
                                       ("description", "description", dc), ("subject", "subject", dc), ("category", "category", cp)] {
            if let value = coreValue(name, namespace) { metadata.extra.append(Field(key, .string(value))) }
        }
        if let keywords = coreValue("keywords", cp) {
            metadata.labels = keywords.split(whereSeparator: { $0 == "," || $0 == ";" }).map { String($0).trimmingCharactersSpaces() }.filter { !$0.isEmpty }
        }
        metadata.extra += customFields
        return metadata
    }
}
