// Registry entries for the Jira CSV and traceability CSV format(s) of this module.

import SpineCore

/// The formats this module provides, for the registry.
public enum CSVFormats {
    /// Descriptors registered by `Spine.registry`.
    public static var descriptors: [FormatDescriptor] { [] }
}
