// ADF JSON → AST: the public reader of the `adf` format.

import SpineCore

/// Reads an Atlassian Document Format document (`{"version":1,"type":"doc","content":[…]}`).
/// Two stages: `ADFNode` checks each node's shape, `ADFToAST` maps it. Unknown nodes and
/// marks are kept as `.raw(format: "adf")` / Span attributes and written back unchanged.
public struct ADFReader: FormatReader {
    public init() {}

    public func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
        let value = try JSONParser.parse(input)
        let result = try blocks(from: value, path: "$")
        return ReadResult(document: Document(metadata: Metadata(source: SourceInfo(format: "adf")), blocks: result.blocks),
                          diagnostics: result.diagnostics)
    }

    /// Maps an already parsed ADF document (a Jira v3 rich-text field) at JSON path `path` to blocks.
    public func blocks(from value: JSONValue, path: String) throws(SpineError) -> (blocks: [Block], diagnostics: [Diagnostic]) {
        let doc = try ADFNode(value, path: path)
        guard doc.type == "doc" else {
            throw SpineError.malformed("adf.not-a-document", "expected an ADF document (type \"doc\"), found type \"\(doc.type)\"",
                                       at: SourceLocation(path: JSONPath.appending(path, "type")))
        }
        var mapping = ADFToAST()
        let blocks = RequirementReading.fold(try mapping.children(doc))
        return (blocks, mapping.diagnostics)
    }
}
