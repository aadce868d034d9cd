// The `flat-opc` reader: a single-file Word XML package to the AST.

import SpineCore

/// Reads a Flat OPC package (`pkg:package`).
public struct FlatOPCReader: FormatReader {
    public init() {}

    public func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
        throw SpineError(.unsupported, code: "docx.todo", "not yet")
    }
}
