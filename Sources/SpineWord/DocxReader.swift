// The `docx` reader: a Word package (ZIP) to the AST.

import SpineCore

/// Reads a `.docx` (see Formats/wordprocessingml.md for the mapping).
public struct DocxReader: FormatReader {
    public init() {}

    public func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
        throw SpineError(.unsupported, code: "docx.todo", "not yet")
    }
}
