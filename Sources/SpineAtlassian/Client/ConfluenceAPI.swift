// Confluence REST v1 (content, children, attachments, labels, properties) as typed calls.

import SpineCore

/// A Confluence page as the jobs need it.
public struct ConfluencePage: Sendable, Equatable {
    public var id: String
    public var title: String
    public var spaceKey: String?
    public var version: Int
    /// Ancestor ids, root first; the last one is the parent.
    public var ancestorIDs: [String]
    /// Storage XHTML, when the body was requested.
    public var storage: String?
    public var labels: [String]
    /// The first page of attachments, when `children.attachment` was expanded.
    public var attachments: [ConfluenceAttachment]?
    /// True when `attachments` is only the first page of a longer list.
    public var moreAttachments: Bool

    /// The parent page id.
    public var parentID: String? { ancestorIDs.last }
}

/// A file attached to a page.
public struct ConfluenceAttachment: Sendable, Equatable {
    public var id: String
    public var fileName: String
    public var mediaType: String
    public var version: Int
    public var fileSize: Int?
    /// The download link as the server gave it (relative to the wiki base).
    public var downloadLink: String
}

/// Confluence REST v1 calls (`/wiki/rest/api`).
public struct ConfluenceAPI: Sendable {
    let client: AtlassianClient

    /// What a page read expands by default.
    public static let pageExpand = "body.storage,version,ancestors,space,metadata.labels,children.attachment"

    // MARK: - Reading

    /// One page with body, version, ancestors, space, labels and its first attachments.
    public func page(id: String, expand: String = ConfluenceAPI.pageExpand) async throws -> ConfluencePage {
        let value = try await client.json("GET", client.site.confluenceV1("/content/" + percentEncode(id) + queryString([("expand", expand)])))
        return try ConfluenceAPI.parsePage(value)
    }

    /// Every current page of a space (no bodies unless expanded): id, title, version and ancestors.
    public func pages(space: String, expand: String = "version,ancestors", limit: Int = 100) async throws -> [ConfluencePage] {
        let url = client.site.confluenceV1("/content" + queryString([
            ("spaceKey", space), ("type", "page"), ("status", "current"), ("expand", expand),
            ("limit", String(limit)),
        ]))
        return try await client.pagedV1(url).map(ConfluenceAPI.parsePage)
    }

    /// The page titled `title` in `space`, if any.
    public func page(space: String, title: String, expand: String = "version,ancestors,body.storage,metadata.labels") async throws -> ConfluencePage? {
        let url = client.site.confluenceV1("/content" + queryString([
            ("spaceKey", space), ("title", title), ("type", "page"), ("status", "current"), ("expand", expand),
        ]))
        let value = try await client.json("GET", url)
        return try value["results"]?.arrayValue?.first.map(ConfluenceAPI.parsePage)
    }

    /// The child pages of `id` in their sibling order.
    public func children(of id: String, expand: String = "version,ancestors", limit: Int = 100) async throws -> [ConfluencePage] {
        let url = client.site.confluenceV1("/content/" + percentEncode(id) + "/child/page"
                                           + queryString([("expand", expand), ("limit", String(limit))]))
        return try await client.pagedV1(url).map(ConfluenceAPI.parsePage)
    }

    /// Every attachment of a page.
    public func attachments(of id: String) async throws -> [ConfluenceAttachment] {
        let url = client.site.confluenceV1("/content/" + percentEncode(id) + "/child/attachment" + queryString([("limit", "100")]))
        return try await client.pagedV1(url).map(ConfluenceAPI.parseAttachment)
    }

    /// The attachments of a page read with `children.attachment`, completing the list when it was cut.
    public func allAttachments(of page: ConfluencePage) async throws -> [ConfluenceAttachment] {
        if let first = page.attachments, !page.moreAttachments { return first }
        return try await attachments(of: page.id)
    }

    /// The bytes of an attachment.
    public func download(_ attachment: ConfluenceAttachment) async throws -> [UInt8] {
        let url = client.site.absolute(attachment.downloadLink, relativeToWiki: true)
        return try await client.send("GET", url, headers: ["Accept": "*/*"]).body
    }

    /// A content property's value and version, or nil when the page has none under `key`.
    public func property(pageID: String, key: String) async throws -> (value: JSONValue, version: Int)? {
        do {
            let value = try await client.json("GET", client.site.confluenceV1("/content/\(percentEncode(pageID))/property/\(percentEncode(key))"))
            return (value["value"] ?? .null, value["version"]?["number"]?.intValue ?? 1)
        } catch let error as AtlassianError where error.status == 404 {
            return nil
        }
    }

    // MARK: - Writing

    /// Creates a page (`POST /content`) and returns it (with version 1).
    public func createPage(space: String, title: String, parentID: String?, storage: String, labels: [String] = []) async throws -> ConfluencePage {
        var body = JSONObject(["type": "page", "title": .string(title), "space": ["key": .string(space)]])
        if let parentID { body["ancestors"] = [["id": .string(parentID)]] }
        body["body"] = ["storage": ["value": .string(storage), "representation": "storage"]]
        if !labels.isEmpty {
            body["metadata"] = ["labels": .array(labels.map { ["prefix": "global", "name": .string($0)] })]
        }
        let value = try await client.json("POST", client.site.confluenceV1("/content"), body: .object(body))
        return try ConfluenceAPI.parsePage(value)
    }

    /// Updates a page to `version` (the current one + 1); moves it when `parentID` is given.
    public func updatePage(id: String, title: String, version: Int, storage: String, parentID: String?,
                           message: String? = nil) async throws -> ConfluencePage {
        var versionObject = JSONObject(["number": .int(version)])
        if let message { versionObject["message"] = .string(message) }
        var body = JSONObject(["id": .string(id), "type": "page", "title": .string(title), "version": .object(versionObject)])
        if let parentID { body["ancestors"] = [["id": .string(parentID)]] }
        body["body"] = ["storage": ["value": .string(storage), "representation": "storage"]]
        let value = try await client.json("PUT", client.site.confluenceV1("/content/" + percentEncode(id)), body: .object(body))
        return try ConfluenceAPI.parsePage(value)
    }

    /// Adds labels (existing ones are kept).
    public func addLabels(pageID: String, labels: [String]) async throws {
        guard !labels.isEmpty else { return }
        let body = JSONValue.array(labels.map { ["prefix": "global", "name": .string($0)] })
        try await client.json("POST", client.site.confluenceV1("/content/\(percentEncode(pageID))/label"), body: body)
    }

    /// Uploads a file, creating it or adding a new version by file name (`PUT …/child/attachment`).
    @discardableResult
    public func upload(pageID: String, fileName: String, mediaType: String, data: [UInt8], comment: String? = nil) async throws -> ConfluenceAttachment? {
        var form = MultipartBody()
        form.addFile("file", fileName: fileName, mediaType: mediaType, data: data)
        form.addField("minorEdit", "true")
        if let comment { form.addField("comment", comment) }
        let contentType = form.contentType
        let body = form.finish()
        let response = try await client.send("PUT", client.site.confluenceV1("/content/\(percentEncode(pageID))/child/attachment"),
                                             headers: ["Content-Type": contentType, "X-Atlassian-Token": "no-check",
                                                       "Accept": "application/json"], body: body)
        let value = try? JSONParser.parse(response.body)
        return try value?["results"]?.arrayValue?.first.map(ConfluenceAPI.parseAttachment)
    }

    /// Sets a content property, creating it or bumping its version.
    public func setProperty(pageID: String, key: String, value: JSONValue) async throws {
        let path = "/content/\(percentEncode(pageID))/property/\(percentEncode(key))"
        if let existing = try await property(pageID: pageID, key: key) {
            if existing.value == value { return }
            let body: JSONValue = ["key": .string(key), "value": value, "version": ["number": .int(existing.version + 1)]]
            try await client.json("PUT", client.site.confluenceV1(path), body: body)
        } else {
            let body: JSONValue = ["key": .string(key), "value": value]
            try await client.json("POST", client.site.confluenceV1("/content/\(percentEncode(pageID))/property"), body: body)
        }
    }

    // MARK: - Parsing

    static func parsePage(_ value: JSONValue) throws -> ConfluencePage {
        guard let id = idString(value["id"]), let title = value["title"]?.stringValue else {
            throw AtlassianError(status: nil, code: "rest.bad-response", "a page in the server's answer has no id or title")
        }
        let ancestors = (value["ancestors"]?.arrayValue ?? []).compactMap { idString($0["id"]) }
        let labels = (value["metadata"]?["labels"]?["results"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        let attachmentList = value["children"]?["attachment"]
        let attachments = try attachmentList?["results"]?.arrayValue?.map(parseAttachment)
        return ConfluencePage(id: id, title: title, spaceKey: value["space"]?["key"]?.stringValue,
                              version: value["version"]?["number"]?.intValue ?? 0, ancestorIDs: ancestors,
                              storage: value["body"]?["storage"]?["value"]?.stringValue, labels: labels,
                              attachments: attachments, moreAttachments: attachmentList?["_links"]?["next"] != nil)
    }

    static func parseAttachment(_ value: JSONValue) throws -> ConfluenceAttachment {
        guard let id = idString(value["id"]), let title = value["title"]?.stringValue,
              let download = value["_links"]?["download"]?.stringValue else {
            throw AtlassianError(status: nil, code: "rest.bad-response", "an attachment in the server's answer has no id, title or download link")
        }
        return ConfluenceAttachment(id: id, fileName: title,
                                    mediaType: value["metadata"]?["mediaType"]?.stringValue ?? value["extensions"]?["mediaType"]?.stringValue ?? "application/octet-stream",
                                    version: value["version"]?["number"]?.intValue ?? 1,
                                    fileSize: value["extensions"]?["fileSize"]?.intValue, downloadLink: download)
    }

    /// Ids come as strings (v1) or numbers (some DC answers).
    static func idString(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return text
        case .number(let text)?: return text
        default: return nil
        }
    }
}

extension AtlassianClient {
    /// Confluence REST v1 calls.
    public var confluence: ConfluenceAPI { ConfluenceAPI(client: self) }
}
