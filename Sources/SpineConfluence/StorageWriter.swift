// Writes a Spine document as Confluence storage XHTML (or a REST page envelope holding it).

import SpineCore
import SpineXML

/// Writes storage XHTML that is always well-formed: text and attributes escaped, code in CDATA
/// (with `]]>` split), characters XML forbids removed (with a diagnostic), raw `confluence`
/// nodes written back verbatim after checking that they parse.
///
/// Settings:
/// - `confluence.envelope` = `true`/`v1` writes the REST v1 create/update JSON
///   (`type`, `title`, `space.key`, `ancestors`, `version.number` = source version + 1, `body.storage`);
///   `v2` writes the REST v2 shape (`spaceId`, `parentId`, `body.representation`). The pre-flight
///   check runs on the body and its findings are returned as diagnostics.
/// - `confluence.check=true` runs the pre-flight check on a bare body too.
/// - `confluence.jira-key-macro=false` writes requirement keys as text instead of `jira` macros.
public struct StorageWriter: FormatWriter {
    public init() {}

    public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
        let output = StorageOutput(options: options)
        output.writeTopLevel(document.blocks)
        var diagnostics = output.diagnostics
        let envelope = options.settings["confluence.envelope"]?.lowercased()
        let wantsEnvelope = envelope != nil && envelope != "false" && envelope != "no" && envelope != "0"
        if wantsEnvelope || options.flag("confluence.check", default: false) {
            diagnostics += StorageChecker().check(output.bytes)
        }
        diagnostics += StorageWriter.unwrittenMetadata(document.metadata, envelope: wantsEnvelope)
        guard wantsEnvelope else { return WriteResult(bytes: output.bytes, diagnostics: diagnostics) }
        let (json, notes) = StorageWriter.envelope(body: String(decoding: output.bytes, as: UTF8.self),
                                                   metadata: document.metadata, version2: envelope == "v2")
        return WriteResult(bytes: JSONWriter(indent: 2).write(json) + [10], diagnostics: diagnostics + notes)
    }

    // MARK: - Envelope

    static func envelope(body: String, metadata: Metadata, version2: Bool) -> (JSONValue, [Diagnostic]) {
        var notes: [Diagnostic] = []
        var object = JSONObject()
        let title = metadata.title ?? "Untitled"
        if metadata.title == nil { notes.append(.warning("storage.envelope-title", "the document has no title; wrote \"Untitled\"")) }
        if let id = metadata.source?.id, metadata.source?.format == "confluence" { object.append("id", .string(id)) }
        if version2 {
            if let spaceID = metadata[extra: "spaceId"] { object.append("spaceId", spaceID) }
            object.append("status", "current")
            object.append("title", .string(title))
            if let parent = metadata.parent?.id { object.append("parentId", .string(parent)) }
            object.append("body", .object(JSONObject(["representation": "storage", "value": .string(body)])))
        } else {
            object.append("type", "page")
            object.append("title", .string(title))
            if let space = metadata.spaceKey {
                object.append("space", .object(JSONObject(["key": .string(space)])))
            } else {
                notes.append(.warning("storage.envelope-space", "the document has no space key; set one before creating the page"))
            }
            if let parent = metadata.parent?.id { object.append("ancestors", .array([.object(JSONObject(["id": .string(parent)]))])) }
            object.append("body", .object(JSONObject(["storage": .object(JSONObject(["value": .string(body), "representation": "storage"]))])))
        }
        if let version = metadata.source?.version, metadata.source?.format == "confluence" {
            object.append("version", .object(JSONObject(["number": .int(version + 1)])))
        }
        return (.object(object), notes)
    }

    /// Says which document metadata the output cannot hold: a bare body holds none; the
    /// envelope holds the title, space and parent (and, in v2, the `spaceId` field).
    static func unwrittenMetadata(_ metadata: Metadata, envelope: Bool) -> [Diagnostic] {
        var names: [String] = []
        if !envelope {
            if metadata.title != nil { names.append("title") }
            if metadata.spaceKey != nil { names.append("space") }
            if metadata.parent != nil { names.append("parent") }
        }
        if !metadata.labels.isEmpty { names.append("labels") }
        names += metadata.extra.map(\.key).filter { !(envelope && $0 == "spaceId") }
        guard !names.isEmpty else { return [] }
        let hint = envelope ? "" : " (confluence.envelope=true keeps the title, space and parent)"
        return [Diagnostic(.info, code: "storage.metadata-dropped",
                           "a storage page body holds no document metadata; not written: " + names.joined(separator: ", ") + hint)]
    }

    // MARK: - Shared with the reader

    /// The body form the writer uses for link content: `none`, `plain` or `rich`.
    static func defaultLinkBody(_ content: [Inline]) -> String {
        if content.isEmpty { return "none" }
        if content.count == 1, case .text = content[0] { return "plain" }
        return "rich"
    }

    static let classicEmoticons: Set<String> = [
        "smile", "sad", "cheeky", "laugh", "wink", "thumbs-up", "thumbs-down", "information", "tick", "cross", "warning",
        "plus", "minus", "question", "light-on", "light-off", "yellow-star", "red-star", "green-star", "blue-star", "heart", "broken-heart",
    ]

    /// The attributes the writer gives `ac:emoticon` for `emoji`.
    static func emoticonAttributes(_ emoji: Emoji) -> [XMLAttribute] {
        if classicEmoticons.contains(emoji.shortName) && emoji.id == nil && emoji.fallback == nil {
            return [XMLAttribute("ac:name", emoji.shortName)]
        }
        var attributes = [XMLAttribute("ac:name", "blue-star"), XMLAttribute("ac:emoji-shortname", ":" + emoji.shortName + ":")]
        if let id = emoji.id { attributes.append(XMLAttribute("ac:emoji-id", id)) }
        if let fallback = emoji.fallback { attributes.append(XMLAttribute("ac:emoji-fallback", fallback)) }
        return attributes
    }
}
