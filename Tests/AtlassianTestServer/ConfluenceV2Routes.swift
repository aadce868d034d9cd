// Confluence REST v2 routes of the loopback server: spaces and pages with cursor paging.

import Foundation
import SpineCore

extension AtlassianTestServer {
    func confluenceV2(_ request: ServerRequest, _ parts: [String]) -> ServerReply {
        switch (request.method, parts.count) {
        case ("GET", 1) where parts[0] == "spaces":
            let keys = (request.parameter("keys") ?? "").split(separator: ",").map(String.init)
            let results: [JSONValue] = keys.compactMap { key in
                store.spaces[key].map { space -> JSONValue in
                    ["id": .string(String(space.id)), "key": .string(key), "name": .string(space.name),
                     "homepageId": store.pages(inSpace: key).first { $0.parentID == nil }.map { .string(String($0.id)) } ?? nil]
                }
            }
            return Reply.json(200, ["results": .array(results), "_links": [:]])
        case ("GET", 1) where parts[0] == "pages":
            guard let spaceID = request.parameter("space-id"), let space = spaceKey(id: spaceID) else {
                return Reply.confluenceV2(400, "INVALID_REQUEST_PARAMETER", "space-id is required")
            }
            var pages = store.pages(inSpace: space)
            if let title = request.parameter("title") { pages = pages.filter { $0.title == title } }
            return cursorListing(request, pages.map { v2JSON($0, body: request.parameter("body-format")) })
        case ("POST", 1) where parts[0] == "pages":
            return v2Write(nil, request)
        default: break
        }
        guard parts.count >= 2, parts[0] == "pages", let id = Int(parts[1]), let page = store.pages[id] else {
            return Reply.confluenceV2(404, "NOT_FOUND", "Page not found")
        }
        switch (request.method, parts.count) {
        case ("GET", 2): return Reply.json(200, v2JSON(page, body: request.parameter("body-format")))
        case ("PUT", 2): return v2Write(page, request)
        case ("GET", 3) where parts[2] == "children" || parts[2] == "direct-children":
            return cursorListing(request, store.children(of: id).map { v2JSON($0, body: nil) })
        default: return Reply.confluenceV2(405, "METHOD_NOT_ALLOWED", "Not supported")
        }
    }

    private func spaceKey(id: String) -> String? {
        store.spaces.first { String($0.value.id) == id }?.key
    }

    /// Creates (`page == nil`) or updates a page from a v2 body; ADF bodies are kept as ADF.
    private func v2Write(_ page: StoredPage?, _ request: ServerRequest) -> ServerReply {
        guard let value = try? JSONParser.parse(request.body) else { return Reply.confluenceV2(400, "INVALID_REQUEST_PARAMETER", "Body is not JSON") }
        guard let title = value["title"]?.stringValue, !title.isEmpty, value["status"]?.stringValue != nil else {
            return Reply.confluenceV2(400, "INVALID_REQUEST_PARAMETER", "title and status are required")
        }
        guard let representation = value["body"]?["representation"]?.stringValue, let text = value["body"]?["value"]?.stringValue else {
            return Reply.confluenceV2(400, "INVALID_REQUEST_PARAMETER", "body.representation and body.value are required")
        }
        var storage = ""
        var adf: String?
        switch representation {
        case "storage":
            if let problem = StorageWellFormedness.check(text) { return Reply.confluenceV2(400, "INVALID_REQUEST_PARAMETER", problem) }
            storage = text
        case "atlas_doc_format":
            guard let doc = try? JSONParser.parse(text), doc["type"]?.stringValue == "doc" else {
                return Reply.confluenceV2(400, "INVALID_REQUEST_PARAMETER", "atlas_doc_format value is not an ADF document")
            }
            adf = text
        default:
            return Reply.confluenceV2(400, "INVALID_REQUEST_PARAMETER", "Unsupported representation \(representation)")
        }
        if var page {
            guard value["version"]?["number"]?.intValue == page.version + 1 else {
                return Reply.confluenceV2(409, "CONFLICT", "Version must be incremented on update. Current version is: \(page.version)")
            }
            if let other = store.page(space: page.spaceKey, title: title), other.id != page.id {
                return Reply.confluenceV2(400, "INVALID_REQUEST_PARAMETER", "A page with this title already exists")
            }
            page.title = title
            page.storage = storage
            page.adf = adf
            page.version += 1
            page.versionMessage = value["version"]?["message"]?.stringValue
            store.pages[page.id] = page
            return Reply.json(200, v2JSON(page, body: nil))
        }
        guard let spaceID = value["spaceId"]?.stringValue, let space = spaceKey(id: spaceID) else {
            return Reply.confluenceV2(400, "INVALID_REQUEST_PARAMETER", "spaceId is required")
        }
        guard store.page(space: space, title: title) == nil else {
            return Reply.confluenceV2(400, "INVALID_REQUEST_PARAMETER", "A page with this title already exists")
        }
        var parentID: Int?
        if let parent = value["parentId"]?.stringValue {
            guard let id = Int(parent), store.pages[id]?.spaceKey == space else { return Reply.confluenceV2(404, "NOT_FOUND", "Parent not found") }
            parentID = id
        } else {
            parentID = store.pages(inSpace: space).first { $0.parentID == nil }?.id
        }
        let id = store.addPage(space: space, title: title, parentID: parentID, storage: storage, labels: [])
        store.pages[id]?.adf = adf
        return Reply.json(200, v2JSON(store.pages[id]!, body: nil))
    }

    private func v2JSON(_ page: StoredPage, body format: String?) -> JSONValue {
        var object = JSONObject(["id": .string(String(page.id)), "status": "current", "title": .string(page.title),
                                 "spaceId": .string(String(store.spaces[page.spaceKey]?.id ?? 0))])
        object["parentId"] = page.parentID.map { .string(String($0)) } ?? nil
        object["parentType"] = page.parentID == nil ? nil : "page"
        object["version"] = ["number": .int(page.version), "message": .string(page.versionMessage ?? ""), "minorEdit": false]
        switch format {
        case "storage"?: object["body"] = ["storage": ["representation": "storage", "value": .string(page.storage)]]
        case "atlas_doc_format"?:
            object["body"] = ["atlas_doc_format": ["representation": "atlas_doc_format",
                                                   "value": .string(page.adf ?? #"{"type":"doc","version":1,"content":[]}"#)]]
        default: break
        }
        object["_links"] = ["webui": .string("/spaces/\(page.spaceKey)/pages/\(page.id)")]
        return .object(object)
    }

    /// A v2 listing: opaque `cursor`, `_links.next` site-relative, also sent as a `Link` header.
    private func cursorListing(_ request: ServerRequest, _ all: [JSONValue]) -> ServerReply {
        let start = request.parameter("cursor").flatMap { Int($0.dropFirst(2)) } ?? 0
        let limit = min(250, max(1, Int(request.parameter("limit") ?? "25") ?? 25), maxPage)
        let slice = start < all.count ? Array(all[start..<min(all.count, start + limit)]) : []
        var links = JSONObject(["base": .string(baseURL + "/wiki")])
        var headers: [String: String] = [:]
        if start + limit < all.count {
            var query = request.query.filter { $0.0 != "cursor" }
            query.append(("cursor", "c-" + String(start + limit)))
            let next = request.path + "?" + query.map { Multipart.encode($0.0) + "=" + Multipart.encode($0.1) }.joined(separator: "&")
            links["next"] = .string(next)
            headers["Link"] = "<\(next)>; rel=\"next\""
        }
        return Reply.json(200, ["results": .array(slice), "_links": .object(links)], headers: headers)
    }
}
