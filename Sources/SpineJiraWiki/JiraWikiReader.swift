// Jira wiki markup → AST. (Stub: keeps the text as plain paragraphs until the wiki reader lands.)

import SpineCore

/// Reads Jira wiki markup (the v2 REST API's rich-text form).
public struct JiraWikiReader: FormatReader {
    public init() {}

    public func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
        let text = String(decoding: input, as: UTF8.self)
        let blocks: [Block] = text.isEmpty ? [] : [.raw(Raw(format: "jira-wiki", content: text))]
        return ReadResult(document: Document(blocks: blocks))
    }

    /// Reads a wiki-markup string (a description field) into blocks.
    public func blocks(from text: String, options: ConversionOptions = ConversionOptions()) -> ReadResult {
        (try? read(Array(text.utf8), options: options)) ?? ReadResult(document: Document())
    }
}
