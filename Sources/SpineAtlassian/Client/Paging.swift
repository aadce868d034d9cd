// Query strings, multipart bodies and the two Confluence paging styles.

import Foundation
import SpineCore

/// Builds `?a=1&b=x%20y` with RFC 3986 unreserved characters left as they are.
func queryString(_ pairs: [(String, String?)]) -> String {
    let parts = pairs.compactMap { name, value in value.map { percentEncode(name) + "=" + percentEncode($0) } }
    return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
}

/// Percent-encodes everything except `A–Z a–z 0–9 - . _ ~`.
func percentEncode(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    let hex = Array("0123456789ABCDEF".utf8)
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.append(byte)
        default:
            out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// A `multipart/form-data` body with one file part and plain fields.
struct MultipartBody {
    let boundary = "spine-" + UUID().uuidString
    var bytes: [UInt8] = []

    var contentType: String { "multipart/form-data; boundary=" + boundary }

    mutating func addField(_ name: String, _ value: String) {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }

    mutating func addFile(_ name: String, fileName: String, mediaType: String, data: [UInt8]) {
        let safeName = fileName.replacingOccurrences(of: "\"", with: "%22")
            .replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(safeName)\"\r\nContent-Type: \(mediaType)\r\n\r\n".utf8)
        bytes += data
        bytes += Array("\r\n".utf8)
    }

    mutating func finish() -> [UInt8] {
        bytes += Array("--\(boundary)--\r\n".utf8)
        return bytes
    }
}

/// The most pages any listing follows before giving up (a server looping its `next` links).
let maximumPages = 100_000

extension AtlassianClient {
    /// Follows a Confluence v1 listing (`{results, _links: {base, next}}`) to its end.
    func pagedV1(_ firstURL: String) async throws -> [JSONValue] {
        var results: [JSONValue] = []
        var url: String? = firstURL
        var seen: Set<String> = []
        for _ in 0..<maximumPages {
            guard let current = url else { return results }
            guard seen.insert(current).inserted else {
                throw AtlassianError(status: nil, code: "rest.paging-loop", "the server repeated the page link \(pathOf(current))")
            }
            let page = try await json("GET", current)
            results += page["results"]?.arrayValue ?? []
            url = nextV1(page, fallbackBase: nil)
        }
        return results
    }

    /// The absolute next-page URL of a v1 response: `_links.next` appended to `_links.base`.
    func nextV1(_ page: JSONValue, fallbackBase: String?) -> String? {
        guard let next = page["_links"]?["next"]?.stringValue, !next.isEmpty else { return nil }
        if next.hasPrefix("http://") || next.hasPrefix("https://") { return next }
        if let base = page["_links"]?["base"]?.stringValue, !base.isEmpty { return base + next }
        return site.absolute(next, relativeToWiki: true)
    }

    /// Follows a Confluence v2 cursor listing to its end: `_links.next` is site-relative
    /// (it already starts with `/wiki`), so it is prefixed with the origin only.
    func pagedV2(_ firstURL: String) async throws -> [JSONValue] {
        var results: [JSONValue] = []
        var url: String? = firstURL
        var seen: Set<String> = []
        for _ in 0..<maximumPages {
            guard let current = url else { return results }
            guard seen.insert(current).inserted else {
                throw AtlassianError(status: nil, code: "rest.paging-loop", "the server repeated the cursor link \(pathOf(current))")
            }
            let page = try await json("GET", current)
            results += page["results"]?.arrayValue ?? []
            if let next = page["_links"]?["next"]?.stringValue, !next.isEmpty {
                url = next.hasPrefix("http") ? next : siteOrigin + next
            } else {
                url = nil
            }
        }
        return results
    }

    /// `https://host[:port]` of the site.
    var siteOrigin: String {
        guard let components = URLComponents(string: site.baseURL) else { return site.baseURL }
        var origin = (components.scheme ?? "https") + "://" + (components.host ?? "")
        if let port = components.port { origin += ":" + String(port) }
        return origin
    }
}
