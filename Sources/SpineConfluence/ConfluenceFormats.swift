// Registry entries for the Confluence storage format of this module.

import SpineCore

/// The formats this module provides, for the registry.
public enum ConfluenceFormats {
    /// The storage format: reads bodies and page JSON envelopes, writes bodies (or envelopes with `confluence.envelope`).
    public static let storage = FormatDescriptor(
        name: "confluence", aliases: ["storage"],
        summary: "Confluence storage XHTML (page body, or REST page JSON when reading)",
        extensions: [".storage.xml", ".xhtml", ".storage"], reader: StorageReader(), writer: StorageWriter(),
        normalize: { StorageLossiness.normalize($0) })

    /// Descriptors registered by `Spine.registry`.
    public static var descriptors: [FormatDescriptor] { [storage] }
}
