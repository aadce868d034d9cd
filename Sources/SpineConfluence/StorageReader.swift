// Reads a Confluence storage body (or a REST page JSON holding one) into a Spine document.

import SpineCore
import SpineXML

/// Reads Confluence storage XHTML as the REST API returns it, or a page JSON envelope
/// (`{"id","title","space","version","ancestors","body":{"storage":{"value"}}}`, REST v1 or v2)
/// whose body it reads and whose fields become `Metadata`. Input starting with `{` (after
/// whitespace) is taken as JSON.
///
/// Settings: `confluence.recover=true` continues after well-formedness errors (closing open
/// elements, each error reported as a `xml.recovered` warning) instead of failing.
public struct StorageReader: FormatReader {
    public init() {}

    public func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
        if let first = input.first(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }), first == UInt8(ascii: "{") {
            return try readEnvelope(input, options: options)
        }
        return try readBody(input, options: options)
    }

    /// The body as a standalone well-formed XML document, exactly what libxml2 parses: wrapped in
    /// a root element that declares the `ac`, `ri` and `at` prefixes, HTML entities as numeric
    /// references (for strict XML tools such as `xmllint`).
    public static func wellFormedDocument(_ body: [UInt8]) throws(SpineError) -> [UInt8] {
        try StorageInput(body).prepared
    }

    // MARK: - Body

    /// Reads a bare storage body.
    func readBody(_ bytes: [UInt8], options: ConversionOptions, metadata: Metadata = Metadata()) throws(SpineError) -> ReadResult {
        let input = try StorageInput(bytes)
        let parsed: XMLParseResult
        do {
            parsed = try XMLTreeParser.parse(input.prepared,
                                             options: XMLParseOptions(maxDepth: 200, recover: options.flag("confluence.recover", default: false)),
                                             locate: { input.location(ofOriginal: input.originalOffset(ofPrepared: $0)) })
        } catch {
            throw SpineError(error.kind, code: error.code == "xml.malformed" ? "storage.malformed" : error.code,
                             error.message, at: error.location)
        }
        let recovered = parsed.diagnostics.contains { $0.code == "xml.recovered" }
        let mapper = StorageMapper(input: input, exactSource: !recovered)
        let blocks = mapper.blocks(parsed.document.root.children)
        mapper.finishDiagnostics()
        var metadata = metadata
        if metadata.source == nil { metadata.source = SourceInfo(format: "confluence") }
        if let properties = mapper.pageProperties { metadata.extra += properties }
        var diagnostics = input.diagnostics
        for diagnostic in parsed.diagnostics {
            var renamed = diagnostic
            if renamed.code == "xml.namespace" {
                renamed.code = "storage.undeclared-prefix"
                renamed.message += "; the element keeps its prefixed name"
            }
            diagnostics.append(renamed)
        }
        return ReadResult(document: Document(metadata: metadata, blocks: blocks), diagnostics: diagnostics + mapper.diagnostics)
    }

    // MARK: - Page JSON

    private func readEnvelope(_ bytes: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
        let json = try JSONParser.parse(bytes)
        guard let page = json.objectValue else {
            throw .malformed("storage.envelope", "expected a page JSON object", at: SourceLocation(path: "$"))
        }
        guard let body = page["body"]?["storage"]?["value"]?.stringValue else {
            throw .malformed("storage.envelope", "the page JSON has no body.storage.value (request it with expand=body.storage or body-format=storage)",
                             at: SourceLocation(path: "$.body.storage.value"))
        }
        var metadata = Metadata()
        metadata.title = page["title"]?.stringValue
        metadata.spaceKey = page["space"]?["key"]?.stringValue ?? page["spaceKey"]?.stringValue
        var source = SourceInfo(format: "confluence", id: page["id"]?.stringValue ?? page["id"]?.intValue.map(String.init))
        source.version = page["version"]?["number"]?.intValue
        if let base = page["_links"]?["base"]?.stringValue, let web = page["_links"]?["webui"]?.stringValue {
            source.url = base + web
        }
        metadata.source = source
        if let ancestors = page["ancestors"]?.arrayValue, let parent = ancestors.last {
            metadata.parent = PageReference(id: parent["id"]?.stringValue, title: parent["title"]?.stringValue)
        } else if let parentID = page["parentId"]?.stringValue {
            metadata.parent = PageReference(id: parentID)
        }
        if let labels = page["metadata"]?["labels"]?["results"]?.arrayValue ?? page["labels"]?["results"]?.arrayValue {
            metadata.labels = labels.compactMap { $0["name"]?.stringValue }
        }
        if let spaceID = page["spaceId"]?.stringValue ?? page["spaceId"]?.intValue.map(String.init), metadata.spaceKey == nil {
            metadata.extra.append(Field("spaceId", .string(spaceID)))
        }
        if let status = page["status"]?.stringValue { metadata.extra.append(Field("status", .string(status))) }
        do {
            var result = try readBody(Array(body.utf8), options: options, metadata: metadata)
            for index in result.diagnostics.indices { result.diagnostics[index].location?.path = "$.body.storage.value" }
            return result
        } catch {
            var located = error
            located.location = SourceLocation(line: error.location?.line, column: error.location?.column, path: "$.body.storage.value")
            located.message += " (in the page's body.storage.value)"
            throw located
        }
    }
}
