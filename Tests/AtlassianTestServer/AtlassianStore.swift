// The server's state: spaces, pages with versions and ancestors, labels, attachments, issues.

import SpineCore

/// A page as the loopback server stores it.
public struct StoredPage: Sendable {
    public var id: Int
    public var spaceKey: String
    public var title: String
    public var parentID: Int?
    /// Sibling position (creation order unless moved).
    public var position: Int
    public var version: Int
    public var versionMessage: String?
    public var storage: String
    /// ADF JSON when the page was last written through v2 with `atlas_doc_format`.
    public var adf: String?
    public var labels: [String]
    /// Content properties: key → (value, version).
    public var properties: [String: (value: JSONValue, version: Int)]
    public var attachmentIDs: [Int]
}

/// An attachment as the server stores it.
public struct StoredAttachment: Sendable {
    public var id: Int
    public var pageID: Int
    public var fileName: String
    public var mediaType: String
    public var data: [UInt8]
    public var version: Int
}

/// A Jira issue as the server stores it.
public struct StoredIssue: Sendable {
    public var id: Int
    public var key: String
    public var fields: JSONObject
    public var comments: [JSONValue]
    public var remoteLinks: [JSONValue]
}

/// Everything the server knows. Only touched under the server's lock.
struct AtlassianStore {
    var spaces: [String: (id: Int, name: String)] = [:]
    var pages: [Int: StoredPage] = [:]
    var attachments: [Int: StoredAttachment] = [:]
    var issues: [String: StoredIssue] = [:]
    var issueOrder: [String] = []
    var nextID = 100_000
    var projectCounters: [String: Int] = [:]

    mutating func newID() -> Int {
        nextID += 1
        return nextID
    }

    /// Ancestors of a page, root first.
    func ancestors(of page: StoredPage) -> [StoredPage] {
        var chain: [StoredPage] = []
        var current = page.parentID
        for _ in 0..<1_000 {
            guard let id = current, let parent = pages[id] else { break }
            chain.append(parent)
            current = parent.parentID
        }
        return chain.reversed()
    }

    /// Children of a page in sibling order.
    func children(of id: Int) -> [StoredPage] {
        pages.values.filter { $0.parentID == id }.sorted { ($0.position, $0.id) < ($1.position, $1.id) }
    }

    /// Pages of a space in a stable order (by id).
    func pages(inSpace key: String) -> [StoredPage] {
        pages.values.filter { $0.spaceKey == key }.sorted { $0.id < $1.id }
    }

    func page(space: String, title: String) -> StoredPage? {
        pages.values.first { $0.spaceKey == space && $0.title == title }
    }

    mutating func addPage(space: String, title: String, parentID: Int?, storage: String, labels: [String]) -> Int {
        let id = newID()
        let position = pages.values.filter { $0.parentID == parentID && $0.spaceKey == space }.count
        pages[id] = StoredPage(id: id, spaceKey: space, title: title, parentID: parentID, position: position, version: 1,
                               versionMessage: nil, storage: storage, adf: nil, labels: labels, properties: [:], attachmentIDs: [])
        return id
    }

    mutating func putAttachment(pageID: Int, fileName: String, mediaType: String, data: [UInt8]) -> Int {
        if let existing = pages[pageID]?.attachmentIDs.first(where: { attachments[$0]?.fileName == fileName }) {
            attachments[existing]?.data = data
            attachments[existing]?.mediaType = mediaType
            attachments[existing]?.version += 1
            return existing
        }
        let id = newID()
        attachments[id] = StoredAttachment(id: id, pageID: pageID, fileName: fileName, mediaType: mediaType, data: data, version: 1)
        pages[pageID]?.attachmentIDs.append(id)
        return id
    }

    mutating func addIssue(project: String, fields: JSONObject) -> String {
        let number = (projectCounters[project] ?? 0) + 1
        projectCounters[project] = number
        let key = project + "-" + String(number)
        issues[key] = StoredIssue(id: newID(), key: key, fields: fields, comments: [], remoteLinks: [])
        issueOrder.append(key)
        return key
    }
}
