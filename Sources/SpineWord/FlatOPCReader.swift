// The `flat-opc` reader: a single-file Word XML package to the AST.

import SpineCore

/// Reads a Flat OPC package (`pkg:package`, Word's "Word XML Document"); the mapping is the docx reader's.
public struct FlatOPCReader: FormatReader {
    public init() {}

    public func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
        if ZipReader.looksLikeZip(input) { return try DocxReader().read(input, options: options) }
        return try PackageMapper.read(try PartSource(flat: input), options: options)
    }

    /// True when `bytes` starts like XML (after an optional BOM and whitespace).
    static func looksLikeXML(_ bytes: [UInt8]) -> Bool {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "<")
    }
}
