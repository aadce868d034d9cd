// The `docx` writer: a document as a Word package in a ZIP file.

import SpineCore

/// Writes a `.docx`: WordprocessingML parts (document, styles, numbering, settings, footnotes,
/// properties, media) in a ZIP archive. Output is deterministic: entry timestamps are fixed
/// (1980-01-01) unless the metadata gives a modification or creation date.
///
/// Settings: `docx.compression` (`store`, `fast`, `default`, `best`), `docx.page-size`
/// (`a4`, `letter`), `docx.title-paragraph` (write the metadata title as a Title paragraph,
/// default true), `docx.jira-url`, `docx.confluence-url`, `docx.space-key`.
public struct DocxWriter: FormatWriter {
    public init() {}

    public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
        let package = WordPackage.build(document, options: options)
        let compression = options[setting: "docx.compression"]?.lowercased()
        let level: Int32
        switch compression {
        case "fast": level = 1
        case "best": level = 9
        default: level = 6
        }
        let bytes = try DocxContainer.zip(package.parts, timestamp: package.timestamp, level: level, store: compression == "store")
        return WriteResult(bytes: bytes, diagnostics: package.diagnostics)
    }
}
