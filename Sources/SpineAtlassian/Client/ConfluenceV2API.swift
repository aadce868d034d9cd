// Confluence Cloud REST v2 pages (cursor paging, storage or ADF bodies).

import SpineCore

/// The body representation sent to and read from the v2 API (`--body storage|adf`).
public enum PageBodyFormat: String, Sendable, CaseIterable {
    /// Storage XHTML (`representation: storage`).
    case storage
    /// Atlassian Document Format JSON (`representation: atlas_doc_format`), for pages in the Cloud editor.
    case adf = "atlas_doc_format"

    /// Parses `storage` or `adf` (the CLI spelling).
    public init?(flag: String) {
        switch flag.lowercased() {
        case "storage": self = .storage
        case "adf", "atlas_doc_format": self = .adf
        default: return nil
        }
    }
}

/// A page as v2 returns it.
public struct ConfluencePageV2: Sendable, Equatable {
    public var id: String
    public var title: String
    public var spaceID: String?
    public var parentID: String?
    public var version: Int
    /// The body in the requested representation (ADF arrives as a JSON string).
    public var body: String?
}

/// Confluence Cloud REST v2 calls (`/wiki/api/v2`).
public struct ConfluenceV2API: Sendable {
    let client: AtlassianClient

    /// The numeric space id v2 needs, from the space key.
    public func spaceID(key: String) async throws -> String {
        let value = try await client.json("GET", client.site.confluenceV2("/spaces" + queryString([("keys", key)])))
        guard let first = value["results"]?.arrayValue?.first, let id = ConfluenceAPI.idString(first["id"]) else {
            throw AtlassianError(status: 404, code: "rest.no-space", "space \(key) not found")
        }
        return id
    }

    /// Every current page of a space, following the cursor; `title` narrows to one page.
    public func pages(spaceID: String, title: String? = nil, body: PageBodyFormat? = nil, limit: Int = 250) async throws -> [ConfluencePageV2] {
        let url = client.site.confluenceV2("/pages" + queryString([
            ("space-id", spaceID), ("title", title), ("status", "current"), ("body-format", body?.rawValue),
            ("limit", String(min(250, max(1, limit)))),
        ]))
        return try await client.pagedV2(url).map { try parse($0, body: body) }
    }

    /// One page with its body in `body` representation.
    public func page(id: String, body: PageBodyFormat = .storage) async throws -> ConfluencePageV2 {
        let value = try await client.json("GET", client.site.confluenceV2("/pages/" + percentEncode(id) + queryString([("body-format", body.rawValue)])))
        return try parse(value, body: body)
    }

    /// The direct children of a page, in order, following the cursor.
    public func children(of id: String) async throws -> [ConfluencePageV2] {
        try await client.pagedV2(client.site.confluenceV2("/pages/\(percentEncode(id))/children" + queryString([("limit", "250")])))
            .map { try parse($0, body: nil) }
    }

    /// Creates a page; without `parentID` it goes under the space home page.
    public func createPage(spaceID: String, title: String, parentID: String?, body: String, format: PageBodyFormat) async throws -> ConfluencePageV2 {
        var object = JSONObject(["spaceId": .string(spaceID), "status": "current", "title": .string(title)])
        if let parentID { object["parentId"] = .string(parentID) }
        object["body"] = ["representation": .string(format.rawValue), "value": .string(body)]
        return try parse(try await client.json("POST", client.site.confluenceV2("/pages"), body: .object(object)), body: nil)
    }

    /// Updates a page to `version` (current + 1). Title and status are always sent, as v2 requires.
    public func updatePage(id: String, title: String, version: Int, body: String, format: PageBodyFormat, message: String? = nil) async throws -> ConfluencePageV2 {
        var versionObject = JSONObject(["number": .int(version)])
        if let message { versionObject["message"] = .string(message) }
        let object = JSONObject(["id": .string(id), "status": "current", "title": .string(title),
                                  "body": ["representation": .string(format.rawValue), "value": .string(body)],
                                  "version": .object(versionObject)])
        return try parse(try await client.json("PUT", client.site.confluenceV2("/pages/" + percentEncode(id)), body: .object(object)), body: nil)
    }

    private func parse(_ value: JSONValue, body: PageBodyFormat?) throws -> ConfluencePageV2 {
        guard let id = ConfluenceAPI.idString(value["id"]), let title = value["title"]?.stringValue else {
            throw AtlassianError(status: nil, code: "rest.bad-response", "a v2 page in the server's answer has no id or title")
        }
        var text: String?
        if let body {
            let representation = value["body"]?[body.rawValue]
            if let string = representation?["value"]?.stringValue {
                text = string
            } else if let object = representation?["value"], object.objectValue != nil {
                text = JSONWriter.compact.string(object)
            }
        }
        return ConfluencePageV2(id: id, title: title, spaceID: ConfluenceAPI.idString(value["spaceId"]),
                                parentID: ConfluenceAPI.idString(value["parentId"]),
                                version: value["version"]?["number"]?.intValue ?? 0, body: text)
    }
}

extension AtlassianClient {
    /// Confluence Cloud REST v2 calls.
    public var confluenceV2: ConfluenceV2API { ConfluenceV2API(client: self) }
}
