// AST → Jira wiki markup: the public entry point of the wiki writer.

import SpineCore

/// Writes Jira wiki markup. Anything wiki markup cannot express is written in its closest
/// form and reported with a `jira-wiki.*` diagnostic (see Formats/jira-wiki.md).
public struct JiraWikiWriter: FormatWriter {
    public init() {}

    /// Writes a whole document (blocks separated by blank lines, with a final newline).
    public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
        var emitter = WikiEmitter(options: options)
        emitter.writeBlocks(document.blocks)
        if !emitter.out.isEmpty { emitter.out.append(Byte.newline) }
        return WriteResult(bytes: emitter.out, diagnostics: emitter.diagnostics)
    }

    /// Renders blocks as a wiki-markup string (for a description field), with diagnostics.
    public func text(for blocks: [Block], options: ConversionOptions = ConversionOptions()) -> (text: String, diagnostics: [Diagnostic]) {
        var emitter = WikiEmitter(options: options)
        emitter.writeBlocks(blocks)
        return (String(decoding: emitter.out, as: UTF8.self), emitter.diagnostics)
    }
}
