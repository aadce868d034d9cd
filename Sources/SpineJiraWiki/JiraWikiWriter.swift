// AST → Jira wiki markup. (Stub until the wiki writer lands: writes raw wiki blocks back, nothing else.)

import SpineCore

/// Writes Jira wiki markup.
public struct JiraWikiWriter: FormatWriter {
    public init() {}

    public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
        WriteResult(bytes: Array(text(for: document.blocks, options: options).text.utf8))
    }

    /// Renders blocks as a wiki-markup string (for a description field), with diagnostics.
    public func text(for blocks: [Block], options: ConversionOptions = ConversionOptions()) -> (text: String, diagnostics: [Diagnostic]) {
        var parts: [String] = []
        for block in blocks {
            if case .raw(let raw) = block, raw.format == "jira-wiki" { parts.append(raw.content) }
        }
        return (parts.joined(separator: "\n\n"), [])
    }
}
