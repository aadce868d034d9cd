// manifest.json of an export: page id → path, version, content hash, attachments, links.

import SpineCore

/// What an export wrote, so a re-run fetches only what changed and an interrupted run resumes.
struct ExportManifest {
    /// One exported page.
    struct Entry: Equatable {
        var path: String
        var title: String
        var version: Int
        /// SHA-256 of the written file.
        var hash: String
        /// Attachment file name → (version, path relative to the export root).
        var attachments: [String: (version: Int, path: String)]
        /// Ids of exported pages this page links to (re-render when their path changes).
        var linksTo: [String]
        /// Titles this page links to that were not exported (re-render when such a page appears).
        var unresolved: [String]

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.path == rhs.path && lhs.version == rhs.version && lhs.hash == rhs.hash
        }
    }

    var space: String
    var format: String
    var pages: [String: Entry] = [:]

    static let fileName = "manifest.json"

    /// Reads a manifest; nil when absent, unreadable, or written for another space or format.
    static func load(directory: String, space: String, format: String) -> ExportManifest? {
        guard let bytes = Files.read(directory + "/" + fileName), let value = try? JSONParser.parse(bytes),
              value["space"]?.stringValue == space, value["format"]?.stringValue == format else { return nil }
        var manifest = ExportManifest(space: space, format: format)
        for member in value["pages"]?.objectValue ?? JSONObject() {
            let page = member.value
            guard let path = page["path"]?.stringValue, let version = page["version"]?.intValue,
                  let hash = page["hash"]?.stringValue else { continue }
            var attachments: [String: (Int, String)] = [:]
            for attachment in page["attachments"]?.objectValue ?? JSONObject() {
                if let version = attachment.value["version"]?.intValue, let path = attachment.value["path"]?.stringValue {
                    attachments[attachment.key] = (version, path)
                }
            }
            manifest.pages[member.key] = Entry(
                path: path, title: page["title"]?.stringValue ?? "", version: version, hash: hash, attachments: attachments,
                linksTo: page["linksTo"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                unresolved: page["unresolved"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
        return manifest
    }

    /// Writes the manifest atomically, pages sorted by id, in Spine's stable JSON form.
    func save(directory: String) throws(SpineError) {
        var pagesObject = JSONObject()
        for id in pages.keys.sorted(by: ExportManifest.idOrder) {
            guard let entry = pages[id] else { continue }
            var attachments = JSONObject()
            for name in entry.attachments.keys.sorted() {
                if let attachment = entry.attachments[name] {
                    attachments[name] = ["version": .int(attachment.version), "path": .string(attachment.path)]
                }
            }
            pagesObject[id] = ["path": .string(entry.path), "title": .string(entry.title), "version": .int(entry.version),
                               "hash": .string(entry.hash), "attachments": .object(attachments),
                               "linksTo": .array(entry.linksTo.map(JSONValue.string)),
                               "unresolved": .array(entry.unresolved.map(JSONValue.string))]
        }
        let value: JSONValue = ["spine": "export-manifest", "manifestVersion": 1, "space": .string(space),
                                "format": .string(format), "pages": .object(pagesObject)]
        try Files.writeAtomically(JSONWriter.stable.write(value), to: directory + "/" + ExportManifest.fileName)
    }

    /// Numeric ids in numeric order, others after them by text.
    static func idOrder(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil): return a < b
        }
    }
}
