// The Markdown writer: canonical GFM that reads back to the same AST.

import SpineCore

/// Writes canonical GitHub Flavored Markdown.
public struct MarkdownWriter: FormatWriter {
    public init() {}

    public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
        WriteResult(bytes: [])
    }
}
