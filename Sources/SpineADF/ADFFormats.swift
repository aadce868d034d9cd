// Registry entries for the Atlassian Document Format format(s) of this module.

import SpineCore

/// The formats this module provides, for the registry.
public enum ADFFormats {
    /// Descriptors registered by `Spine.registry`.
    public static var descriptors: [FormatDescriptor] {
        [FormatDescriptor(name: "adf", summary: "Atlassian Document Format (Jira Cloud v3, Confluence Cloud) JSON",
                          extensions: [".adf.json"], ambiguousExtensions: [".json"],
                          reader: ADFReader(), writer: ADFWriter(),
                          normalize: { ADFLossiness.normalize($0) })]
    }
}
