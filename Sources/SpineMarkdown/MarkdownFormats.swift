// Registry entries for the Markdown and HTML formats of this module.

import SpineCore

/// The formats this module provides, for the registry.
public enum MarkdownFormats {
    /// Descriptors registered by `Spine.registry`: `markdown` (read/write) and `html` (write).
    public static var descriptors: [FormatDescriptor] {
        [
            FormatDescriptor(name: "markdown", aliases: ["md", "gfm"],
                             summary: "CommonMark 0.31.2 + GitHub Flavored Markdown, with front matter",
                             extensions: [".md", ".markdown"], reader: MarkdownReader(), writer: MarkdownWriter(),
                             normalize: { MarkdownLossiness.normalize($0) }),
            FormatDescriptor(name: "html", summary: "HTML fragment (CommonMark reference rendering, XHTML-clean; write only)",
                             extensions: [".html", ".htm"], writer: HTMLWriter()),
        ]
    }
}
