// Registry entries for the Jira REST JSON format(s) of this module.

import SpineCore

/// The formats this module provides, for the registry.
public enum JiraFormats {
    /// Descriptors registered by `Spine.registry`.
    public static var descriptors: [FormatDescriptor] {
        [FormatDescriptor(name: "jira", summary: "Jira REST JSON: issue, search page(s), array of issues; writes create payloads",
                          ambiguousExtensions: [".json"], reader: JiraReader(), writer: JiraWriter(),
                          normalize: { JiraLossiness.normalize($0) })]
    }
}
