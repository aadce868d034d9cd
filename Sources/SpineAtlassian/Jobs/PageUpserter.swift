// Create-or-update by title with a content hash, shared by `publish` and `prd`.

import SpineCore

/// The content property holding the hash of what Spine last published to a page.
let publishHashKey = "spine-publish-hash"

/// What an upsert did.
public enum UpsertAction: String, Sendable {
    case create, update, unchanged
}

/// Creates or updates one page by title under a parent, skipping the write when the stored
/// content hash equals the new one. Refuses to take over a same-titled page elsewhere that
/// Spine did not publish.
struct PageUpserter: Sendable {
    let client: AtlassianClient
    let space: String
    let dryRun: Bool
    /// Storage goes through REST v1; ADF (`--body adf`) through the v2 pages API.
    var bodyFormat: PageBodyFormat = .storage

    struct Outcome: Sendable {
        var action: UpsertAction
        var pageID: String?
    }

    /// `attachments` are uploaded before the body is written (after creation for new pages).
    func upsert(title: String, parentID: String?, body storage: String, labels: [String],
                attachments: [(name: String, mediaType: String, data: [UInt8])] = []) async throws -> Outcome {
        var hashInput = bodyFormat.rawValue + "\u{0}" + storage + "\u{0}" + title + "\u{0}" + (parentID ?? "") + "\u{0}" + labels.sorted().joined(separator: ",")
        for attachment in attachments.sorted(by: { $0.name < $1.name }) { hashInput += "\u{0}" + attachment.name + ":" + SHA256.hex(attachment.data) }
        let hash = SHA256.hex(hashInput)
        let existing = try await client.confluence.page(space: space, title: title, expand: "version,ancestors,metadata.labels")
        if let existing {
            let stored = try await client.confluence.property(pageID: existing.id, key: publishHashKey)
            if stored?.value["sha256"]?.stringValue == hash { return Outcome(action: .unchanged, pageID: existing.id) }
            if stored == nil, let parentID, existing.parentID != parentID {
                throw AtlassianError(status: nil, code: "publish.title-taken",
                                     "a page titled '\(title)' already exists in \(space) under another parent and was not published by Spine; rename the document or move that page")
            }
            if dryRun { return Outcome(action: .update, pageID: existing.id) }
            for attachment in attachments {
                try await client.confluence.upload(pageID: existing.id, fileName: attachment.name, mediaType: attachment.mediaType, data: attachment.data)
            }
            if bodyFormat == .storage {
                _ = try await client.confluence.updatePage(id: existing.id, title: title, version: existing.version + 1, storage: storage,
                                                           parentID: parentID, message: "spine publish")
            } else {
                _ = try await client.confluenceV2.updatePage(id: existing.id, title: title, version: existing.version + 1, body: storage,
                                                             format: bodyFormat, message: "spine publish")
            }
            try await client.confluence.addLabels(pageID: existing.id, labels: labels.filter { !existing.labels.contains($0) })
            try await client.confluence.setProperty(pageID: existing.id, key: publishHashKey, value: ["sha256": .string(hash)])
            return Outcome(action: .update, pageID: existing.id)
        }
        if dryRun { return Outcome(action: .create, pageID: nil) }
        let createdID: String
        if bodyFormat == .storage {
            createdID = try await client.confluence.createPage(space: space, title: title, parentID: parentID, storage: storage, labels: labels).id
        } else {
            let spaceID = try await client.confluenceV2.spaceID(key: space)
            createdID = try await client.confluenceV2.createPage(spaceID: spaceID, title: title, parentID: parentID, body: storage, format: bodyFormat).id
            try await client.confluence.addLabels(pageID: createdID, labels: labels)
        }
        for attachment in attachments {
            try await client.confluence.upload(pageID: createdID, fileName: attachment.name, mediaType: attachment.mediaType, data: attachment.data)
        }
        try await client.confluence.setProperty(pageID: createdID, key: publishHashKey, value: ["sha256": .string(hash)])
        return Outcome(action: .create, pageID: createdID)
    }

    /// A parent given as an id (digits) or a title.
    func resolveParent(_ reference: String?) async throws -> String? {
        guard let reference, !reference.isEmpty else { return nil }
        if reference.allSatisfy(\.isNumber) { return reference }
        guard let page = try await client.confluence.page(space: space, title: reference, expand: "version") else {
            throw AtlassianError(status: 404, code: "publish.no-parent", "no page titled '\(reference)' in space \(space)")
        }
        return page.id
    }
}
