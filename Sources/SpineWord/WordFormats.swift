// Registry entries for the Word (.docx, Flat OPC) formats of this module.

import SpineCore

/// The formats this module provides, for the registry.
public enum WordFormats {
    /// Descriptors registered by `Spine.registry`.
    public static var descriptors: [FormatDescriptor] {
        [
            FormatDescriptor(name: "docx", aliases: ["word"], summary: "Word document (.docx, WordprocessingML in a ZIP package)",
                             extensions: [".docx"], reader: DocxReader(), writer: DocxWriter(), isBinary: true,
                             normalize: { WordLossiness.normalize($0) }),
            FormatDescriptor(name: "flat-opc", aliases: ["flatopc", "word-xml"],
                             summary: "Word single-file XML package (Flat OPC, opens in Word)",
                             ambiguousExtensions: [".xml"], reader: FlatOPCReader(), writer: FlatOPCWriter(),
                             normalize: { WordLossiness.normalize($0) }),
        ]
    }
}
