// Confluence REST v1 routes of the loopback server: content, children, attachments, labels, properties.

import Foundation
import SpineCore

extension AtlassianTestServer {
    // MARK: - Dispatch

    func confluenceV1(_ request: ServerRequest, _ parts: [String]) -> ServerReply {
        let method = request.method
        switch (method, parts.count) {
        case ("GET", 2) where parts == ["user", "current"]:
            return Reply.json(200, ["type": "known", "accountId": "557058:ada", "displayName": "Ada"])
        case ("GET", 2) where parts[0] == "space":
            guard let space = store.spaces[parts[1]] else { return Reply.confluence(404, "No space with key : \(parts[1])") }
            return Reply.json(200, ["id": .int(space.id), "key": .string(parts[1]), "name": .string(space.name), "type": "global"])
        case ("GET", 1) where parts[0] == "content": return listContent(request)
        case ("POST", 1) where parts[0] == "content": return createContent(request)
        default: break
        }
        guard parts.count >= 2, parts[0] == "content", let id = Int(parts[1]) else {
            return Reply.confluence(404, "No route for \(request.path)")
        }
        guard let page = store.pages[id] else {
            return Reply.confluence(404, "No content found with id: ContentId{id=\(parts[1])}")
        }
        let rest = Array(parts.dropFirst(2))
        switch (method, rest.count) {
        case ("GET", 0): return Reply.json(200, pageJSON(page, expand: expansions(request)))
        case ("PUT", 0): return updateContent(page, request)
        case ("GET", 2) where rest == ["child", "page"]:
            let children = store.children(of: id)
            return listing(request, children.map { pageJSON($0, expand: expansions(request)) })
        case ("GET", 2) where rest == ["child", "attachment"]:
            var attachments = page.attachmentIDs.compactMap { store.attachments[$0] }
            if let name = request.parameter("filename") { attachments = attachments.filter { $0.fileName == name } }
            return listing(request, attachments.map(attachmentJSON))
        case ("POST", 2) where rest == ["child", "attachment"], ("PUT", 2) where rest == ["child", "attachment"]:
            return uploadAttachment(page, request)
        case ("GET", 1) where rest == ["label"]:
            return listing(request, page.labels.map(labelJSON))
        case ("POST", 1) where rest == ["label"]:
            guard let value = try? JSONParser.parse(request.body), let array = value.arrayValue else {
                return Reply.confluence(400, "Label body must be a JSON array")
            }
            for label in array {
                guard let name = label["name"]?.stringValue, !name.isEmpty, !name.contains(" ") else {
                    return Reply.confluence(400, "Invalid label name")
                }
                if !store.pages[id]!.labels.contains(name) { store.pages[id]!.labels.append(name) }
            }
            return listing(request, store.pages[id]!.labels.map(labelJSON))
        case ("POST", 1) where rest == ["property"]:
            return putProperty(id, key: nil, request)
        case ("GET", 2) where rest[0] == "property":
            guard let property = page.properties[rest[1]] else { return Reply.confluence(404, "Cannot find property \(rest[1])") }
            return Reply.json(200, ["key": .string(rest[1]), "value": property.value, "version": ["number": .int(property.version)]])
        case ("PUT", 2) where rest[0] == "property":
            return putProperty(id, key: rest[1], request)
        default:
            return Reply.confluence(405, "Method not allowed for \(request.path)")
        }
    }

    // MARK: - Content

    private func listContent(_ request: ServerRequest) -> ServerReply {
        guard let space = request.parameter("spaceKey") else { return Reply.confluence(400, "spaceKey is required in this test server") }
        var pages = store.pages(inSpace: space)
        if let title = request.parameter("title") { pages = pages.filter { $0.title == title } }
        return listing(request, pages.map { pageJSON($0, expand: expansions(request)) })
    }

    private func createContent(_ request: ServerRequest) -> ServerReply {
        guard let value = try? JSONParser.parse(request.body) else { return Reply.confluence(400, "Body is not JSON") }
        guard value["type"]?.stringValue == "page" else { return Reply.confluence(400, "Only pages are supported") }
        guard let space = value["space"]?["key"]?.stringValue, store.spaces[space] != nil else {
            return Reply.confluence(404, "No space found")
        }
        guard let title = value["title"]?.stringValue, !title.isEmpty, title.count <= 255 else {
            return Reply.confluence(400, "A title is required and must be at most 255 characters")
        }
        guard store.page(space: space, title: title) == nil else {
            return Reply.confluence(400, "A page with this title already exists: A page already exists with the same TITLE in this space")
        }
        var parentID: Int?
        if let ancestor = value["ancestors"]?.arrayValue?.last {
            guard let id = ancestorID(ancestor), let parent = store.pages[id], parent.spaceKey == space else {
                return Reply.confluence(404, "Parent page not found in space \(space)")
            }
            parentID = id
        }
        guard let storage = value["body"]?["storage"]?["value"]?.stringValue else { return Reply.confluence(400, "body.storage is required") }
        if let problem = StorageWellFormedness.check(storage) { return Reply.confluence(400, problem) }
        let labels = (value["metadata"]?["labels"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        let id = store.addPage(space: space, title: title, parentID: parentID, storage: storage, labels: labels)
        return Reply.json(200, pageJSON(store.pages[id]!, expand: ["body.storage", "version", "ancestors", "space"]))
    }

    private func updateContent(_ page: StoredPage, _ request: ServerRequest) -> ServerReply {
        guard let value = try? JSONParser.parse(request.body) else { return Reply.confluence(400, "Body is not JSON") }
        guard let number = value["version"]?["number"]?.intValue else { return Reply.confluence(400, "version.number is required") }
        guard number == page.version + 1 else {
            return Reply.confluence(409, "Version must be incremented on update. Current version is: \(page.version)")
        }
        guard let title = value["title"]?.stringValue, !title.isEmpty, title.count <= 255 else { return Reply.confluence(400, "A title is required") }
        if let other = store.page(space: page.spaceKey, title: title), other.id != page.id {
            return Reply.confluence(400, "A page with this title already exists: A page already exists with the same TITLE in this space")
        }
        guard let storage = value["body"]?["storage"]?["value"]?.stringValue else { return Reply.confluence(400, "body.storage is required") }
        if let problem = StorageWellFormedness.check(storage) { return Reply.confluence(400, problem) }
        var updated = page
        if let ancestor = value["ancestors"]?.arrayValue?.last {
            guard let id = ancestorID(ancestor), store.pages[id] != nil, id != page.id else { return Reply.confluence(404, "Parent page not found") }
            if updated.parentID != id {
                updated.parentID = id
                updated.position = store.children(of: id).count
            }
        }
        updated.title = title
        updated.storage = storage
        updated.adf = nil
        updated.version = number
        updated.versionMessage = value["version"]?["message"]?.stringValue
        store.pages[page.id] = updated
        return Reply.json(200, pageJSON(updated, expand: ["body.storage", "version", "ancestors", "space"]))
    }

    private func ancestorID(_ value: JSONValue) -> Int? {
        if let text = value["id"]?.stringValue { return Int(text) }
        return value["id"]?.intValue
    }

    // MARK: - Attachments, labels, properties

    private func uploadAttachment(_ page: StoredPage, _ request: ServerRequest) -> ServerReply {
        guard request.headers["x-atlassian-token"] == "no-check" else { return Reply.confluence(403, "XSRF check failed") }
        guard let parts = Multipart.parse(request), let file = parts.first(where: { $0.name == "file" }), let name = file.fileName else {
            return Reply.confluence(400, "A multipart 'file' part is required")
        }
        let exists = page.attachmentIDs.contains { store.attachments[$0]?.fileName == name }
        if request.method == "POST", exists {
            return Reply.confluence(400, "Cannot add a new attachment with same file name as an existing attachment: \(name)")
        }
        let id = store.putAttachment(pageID: page.id, fileName: name, mediaType: file.mediaType ?? "application/octet-stream", data: file.data)
        return Reply.json(200, ["results": [attachmentJSON(store.attachments[id]!)], "size": 1])
    }

    func download(_ pageID: String, _ fileName: String) -> ServerReply {
        guard let id = Int(pageID), let page = store.pages[id],
              let attachment = page.attachmentIDs.compactMap({ store.attachments[$0] }).first(where: { $0.fileName == fileName }) else {
            return .respond(status: 404, headers: [:], body: [])
        }
        return .respond(status: 200, headers: ["Content-Type": attachment.mediaType], body: attachment.data)
    }

    private func putProperty(_ pageID: Int, key: String?, _ request: ServerRequest) -> ServerReply {
        guard let value = try? JSONParser.parse(request.body), let key = key ?? value["key"]?.stringValue else {
            return Reply.confluence(400, "Property body must be JSON with a key")
        }
        let existing = store.pages[pageID]!.properties[key]
        if request.method == "POST", existing != nil { return Reply.confluence(409, "Property \(key) already exists") }
        let version = value["version"]?["number"]?.intValue ?? 1
        if let existing, version != existing.version + 1 { return Reply.confluence(409, "Property version must be incremented") }
        if existing == nil, request.method == "PUT", version != 1 { return Reply.confluence(404, "Cannot find property \(key)") }
        store.pages[pageID]!.properties[key] = (value["value"] ?? .null, version)
        return Reply.json(200, ["key": .string(key), "value": value["value"] ?? .null, "version": ["number": .int(version)]])
    }

    // MARK: - JSON shapes

    func expansions(_ request: ServerRequest) -> Set<String> {
        Set((request.parameter("expand") ?? "").split(separator: ",").map(String.init))
    }

    func pageJSON(_ page: StoredPage, expand: Set<String>) -> JSONValue {
        var object = JSONObject(["id": .string(String(page.id)), "type": "page", "status": "current", "title": .string(page.title)])
        if expand.contains("space") { object["space"] = ["key": .string(page.spaceKey), "name": .string(store.spaces[page.spaceKey]?.name ?? "")] }
        if expand.contains("version") {
            var version = JSONObject(["number": .int(page.version), "minorEdit": false])
            if let message = page.versionMessage { version["message"] = .string(message) }
            object["version"] = .object(version)
        }
        if expand.contains("ancestors") {
            object["ancestors"] = .array(store.ancestors(of: page).map { ["id": .string(String($0.id)), "type": "page", "title": .string($0.title)] })
        }
        if expand.contains("body.storage") {
            object["body"] = ["storage": ["value": .string(page.storage), "representation": "storage"]]
        }
        if expand.contains("metadata.labels") {
            object["metadata"] = ["labels": ["results": .array(page.labels.map(labelJSON)), "size": .int(page.labels.count)]]
        }
        if expand.contains("children.attachment") {
            let all = page.attachmentIDs.compactMap { store.attachments[$0] }
            let first = all.prefix(25).map(attachmentJSON)
            var list = JSONObject(["results": .array(first), "size": .int(first.count)])
            var links = JSONObject(["base": .string(baseURL + "/wiki")])
            if all.count > 25 { links["next"] = .string("/rest/api/content/\(page.id)/child/attachment?start=25&limit=25") }
            list["_links"] = .object(links)
            object["children"] = ["attachment": .object(list)]
        }
        object["_links"] = ["webui": .string("/spaces/\(page.spaceKey)/pages/\(page.id)"), "self": .string(baseURL + "/wiki/rest/api/content/\(page.id)")]
        return .object(object)
    }

    func attachmentJSON(_ attachment: StoredAttachment) -> JSONValue {
        let encoded = attachment.fileName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?&="))) ?? attachment.fileName
        return ["id": .string("att\(attachment.id)"), "type": "attachment", "status": "current", "title": .string(attachment.fileName),
                "version": ["number": .int(attachment.version)], "metadata": ["mediaType": .string(attachment.mediaType)],
                "extensions": ["mediaType": .string(attachment.mediaType), "fileSize": .int(attachment.data.count)],
                "_links": ["download": .string("/download/attachments/\(attachment.pageID)/\(encoded)?version=\(attachment.version)&api=v2")]]
    }

    private func labelJSON(_ name: String) -> JSONValue {
        ["prefix": "global", "name": .string(name), "id": .string(String(abs(name.hashValue % 100_000)))]
    }

    /// A v1 listing: `start`/`limit` (capped by `maxPage`), `_links.next` relative to `_links.base`.
    func listing(_ request: ServerRequest, _ all: [JSONValue]) -> ServerReply {
        let start = max(0, Int(request.parameter("start") ?? "0") ?? 0)
        let limit = min(maxPage, max(1, Int(request.parameter("limit") ?? "25") ?? 25))
        let slice = start < all.count ? Array(all[start..<min(all.count, start + limit)]) : []
        var links = JSONObject(["base": .string(baseURL + "/wiki"), "context": "/wiki"])
        if start + limit < all.count {
            var query = request.query.filter { $0.0 != "start" && $0.0 != "limit" }
            query.append(("start", String(start + limit)))
            query.append(("limit", String(limit)))
            let path = request.path.hasPrefix("/wiki") ? String(request.path.dropFirst(5)) : request.path
            links["next"] = .string(path + "?" + query.map { Multipart.encode($0.0) + "=" + Multipart.encode($0.1) }.joined(separator: "&"))
        }
        return Reply.json(200, ["results": .array(slice), "start": .int(start), "limit": .int(limit), "size": .int(slice.count),
                                "_links": .object(links)])
    }
}

/// Multipart form parsing for uploads.
enum Multipart {
    struct Part {
        var name: String
        var fileName: String?
        var mediaType: String?
        var data: [UInt8]
    }

    static func parse(_ request: ServerRequest) -> [Part]? {
        guard let type = request.headers["content-type"], let range = type.range(of: "boundary=") else { return nil }
        let boundary = Array(("--" + type[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))).utf8)
        var parts: [Part] = []
        var body = request.body[...]
        for _ in 0..<1_000 {
            guard let start = firstIndex(of: boundary, in: body) else { break }
            body = body[(start + boundary.count)...]
            if body.starts(with: [45, 45]) { break } // closing boundary
            guard let headerEnd = firstIndex(of: [13, 10, 13, 10], in: body), let next = firstIndex(of: [13, 10] + boundary, in: body) else { break }
            let headers = String(decoding: body[body.startIndex..<headerEnd], as: UTF8.self)
            let data = Array(body[(headerEnd + 4)..<next])
            var part = Part(name: "", fileName: nil, mediaType: nil, data: data)
            for line in headers.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    part.name = value(of: "name", in: line) ?? ""
                    part.fileName = value(of: "filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    part.mediaType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            parts.append(part)
            body = body[(next + 2)...]
        }
        return parts
    }

    private static func value(of key: String, in line: String) -> String? {
        guard let range = line.range(of: "; " + key + "=\"") else { return nil }
        let rest = line[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end]).replacingOccurrences(of: "%22", with: "\"")
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~,")) ?? text
    }
}
