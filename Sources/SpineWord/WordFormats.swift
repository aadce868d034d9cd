// Registry entries for the Word (.docx, Flat OPC) format(s) of this module.

import SpineCore

/// The formats this module provides, for the registry.
public enum WordFormats {
    /// Descriptors registered by `Spine.registry`.
    public static var descriptors: [FormatDescriptor] { [] }
}
