// Registry entries for the Jira wiki markup format of this module.

import SpineCore

/// The formats this module provides, for the registry.
public enum JiraWikiFormats {
    /// The `jira-wiki` format: Jira wiki markup, read and written.
    public static let jiraWiki = FormatDescriptor(
        name: "jira-wiki", aliases: ["wiki", "jira-wiki-markup"],
        summary: "Jira wiki markup (Jira Data Center, REST v2 rich-text fields)",
        extensions: [".jira", ".wiki"], reader: JiraWikiReader(), writer: JiraWikiWriter(),
        normalize: { WikiLossiness.normalize($0) })

    /// Descriptors registered by `Spine.registry`.
    public static var descriptors: [FormatDescriptor] { [jiraWiki] }
}
