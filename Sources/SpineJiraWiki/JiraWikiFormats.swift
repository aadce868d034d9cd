// Registry entries for the Jira wiki markup format(s) of this module.

import SpineCore

/// The formats this module provides, for the registry.
public enum JiraWikiFormats {
    /// Descriptors registered by `Spine.registry`.
    public static var descriptors: [FormatDescriptor] { [] }
}
