// Reads a whole package: finds the parts through relationships and maps them to a document.

import SpineCore

/// Package-level reading shared by the docx and Flat OPC readers.
enum PackageMapper {
    private static func type(_ relationship: Relationship, _ suffix: String) -> Bool {
        relationship.type.hasSuffix("/" + suffix)
    }

    /// Reads the document in `source`.
    static func read(_ source: PartSource, options: ConversionOptions) throws(SpineError) -> ReadResult {
        var source = source
        let packageRelationships = try source.relationships(of: "")
        let main = packageRelationships.values.first { type($0, "officeDocument") }?.target ?? "word/document.xml"
        guard let document = try source.xml(main) else {
            throw SpineError.malformed("docx.no-document", "The package has no main document part (\(main))", at: SourceLocation(path: main))
        }
        guard document.isW("document"), let body = document.childW("body") else {
            throw SpineError.malformed("docx.not-wordprocessingml", "\(main) is not a WordprocessingML document (root <\(document.name)>)",
                                       at: SourceLocation(line: document.line, path: main))
        }
        let relationships = try source.relationships(of: main)
        func part(_ suffix: String) throws(SpineError) -> (String, XElement)? {
            guard let relationship = relationships.values.first(where: { type($0, suffix) }), !relationship.external,
                  let root = try source.xml(relationship.target) else { return nil }
            return (relationship.target, root)
        }
        let styles = StyleSheet(try part("styles")?.1)
        let numbering = NumberingModel(try part("numbering")?.1)
        let footnotes = try part("footnotes")
        let endnotes = try part("endnotes")

        // Properties: Spine's own packages carry the exact metadata in a custom property.
        var core: XElement?
        var custom: XElement?
        var app: XElement?
        for relationship in packageRelationships.values.sorted(by: { $0.id < $1.id }) where !relationship.external {
            if type(relationship, "core-properties") { core = try source.xml(relationship.target) }
            if type(relationship, "extended-properties") { app = try source.xml(relationship.target) }
            if type(relationship, "custom-properties") { custom = try source.xml(relationship.target) }
        }
        let isSpine = app?.elements.first { $0.name == "Application" }?.textContent == PropertiesParts.applicationName
        var diagnostics: [Diagnostic] = []
        var metadata = MetadataMapper.metadata(core: core, custom: custom, isSpine: isSpine, diagnostics: &diagnostics)

        let mapper = DocumentMapper(styles: styles, numbering: numbering, relationships: relationships, source: source, isSpine: isSpine,
                                    links: LinkResolver.Sites(options))
        mapper.diagnostics = diagnostics
        mapper.documentTitle = metadata.title
        mapper.documentMetadataValues = Set(metadata.extra.compactMap { $0.value.stringValue })
        var noteRelationships: [String: Relationship] = [:]
        for (name, root) in [footnotes, endnotes].compactMap({ $0 }) {
            let prefix = name == endnotes?.0 ? "e" : ""
            for note in root.elements where note.isW("footnote") || note.isW("endnote") {
                guard let id = note.w("id"), note.w("type") == nil || note.w("type") == "normal" else { continue }
                mapper.footnoteBodies[prefix + id] = note
            }
            for (id, relationship) in try source.relationships(of: name) { noteRelationships[id] = relationship }
        }
        mapper.noteRelationships = noteRelationships
        var blocks = mapper.readBlocks(body.children, depth: 0)
        blocks += mapper.footnoteBlocks()
        if metadata.title == nil { metadata.title = mapper.documentTitle }
        if body.elements.last(where: { $0.isW("sectPr") })?.childW("headerReference") != nil {
            mapper.report("docx.headers-dropped", "Page headers and footers are not carried into the AST", at: nil, severity: .info)
        }
        return ReadResult(document: Document(metadata: metadata, blocks: blocks), diagnostics: mapper.diagnostics)
    }
}
