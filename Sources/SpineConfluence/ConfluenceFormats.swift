// Registry entries for the Confluence storage format(s) of this module.

import SpineCore

/// The formats this module provides, for the registry.
public enum ConfluenceFormats {
    /// Descriptors registered by `Spine.registry`.
    public static var descriptors: [FormatDescriptor] { [] }
}
