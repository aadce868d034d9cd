// Registry entries for the Markdown and HTML format(s) of this module.

import SpineCore

/// The formats this module provides, for the registry.
public enum MarkdownFormats {
    /// Descriptors registered by `Spine.registry`.
    public static var descriptors: [FormatDescriptor] { [] }
}
