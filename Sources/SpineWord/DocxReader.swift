// The `docx` reader: a Word package (ZIP) to the AST.

import SpineCore

/// Reads a `.docx` written by Word, LibreOffice, Google Docs or Spine (see
/// Formats/wordprocessingml.md). A Flat OPC file given as docx is read as Flat OPC.
/// Damaged, truncated or oversized archives are located errors.
public struct DocxReader: FormatReader {
    public init() {}

    public func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
        if !ZipReader.looksLikeZip(input) {
            if FlatOPCReader.looksLikeXML(input) { return try FlatOPCReader().read(input, options: options) }
            throw SpineError.malformed("docx.not-a-package", "The input is not a .docx (no ZIP signature)",
                                       at: SourceLocation(path: "byte offset 0"))
        }
        return try PackageMapper.read(try PartSource(zip: input), options: options)
    }
}
