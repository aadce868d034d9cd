// Spine's Markdown conventions for inline nodes Markdown has no syntax for: pseudo-URL link
// targets and canonical inline HTML tags, shared by the reader (to read them back) and the writer.

import SpineCore

enum InlineConventions {
    // MARK: - Link targets ⇄ URLs

    static let issueScheme = "jira-issue:"
    static let userScheme = "user:"
    static let spaceScheme = "confluence-space:"
    static let pageScheme = "confluence-page:"
    static let attachmentScheme = "confluence-attachment:"

    /// The URL a link target is written as. With a Jira `site`, issue links whose key has
    /// Jira's shape go to `<site>/browse/KEY` (live on GitHub); otherwise `jira-issue:KEY`.
    static func url(for target: LinkTarget, site: String? = nil) -> String {
        switch target {
        case .url(let url): return url
        case .anchor(let anchor): return "#" + anchor
        case .issue(let key):
            if let site, isIssueKey(key) { return site + "/browse/" + key }
            return issueScheme + key
        case .user(let id): return userScheme + id
        case .space(let key): return spaceScheme + key
        case .page(let page): return pageScheme + query(pageFields(page))
        case .attachment(let attachment): return attachmentScheme + query(attachmentFields(attachment))
        }
    }

    /// The link target a URL denotes (the inverse of `url(for:site:)`).
    static func target(for url: String, site: String? = nil) -> LinkTarget {
        if url.hasPrefix("#"), url.count > 1 { return .anchor(String(url.dropFirst())) }
        if let site, url.hasPrefix(site + "/browse/") {
            let key = String(url.dropFirst(site.count + 8))
            if isIssueKey(key) { return .issue(key) }
        }
        if url.hasPrefix(issueScheme), url.count > issueScheme.count { return .issue(String(url.dropFirst(issueScheme.count))) }
        if url.hasPrefix(userScheme), url.count > userScheme.count { return .user(String(url.dropFirst(userScheme.count))) }
        if url.hasPrefix(spaceScheme), url.count > spaceScheme.count { return .space(String(url.dropFirst(spaceScheme.count))) }
        if url.hasPrefix(pageScheme), let page = page(from: parseQuery(String(url.dropFirst(pageScheme.count)))) { return .page(page) }
        if url.hasPrefix(attachmentScheme), let attachment = attachment(from: parseQuery(String(url.dropFirst(attachmentScheme.count)))) {
            return .attachment(attachment)
        }
        return .url(url)
    }

    static func linkInline(url: String, content: [Inline], title: String?, site: String? = nil) -> Inline {
        .link(Link(target: target(for: url, site: site), content: content, title: title))
    }

    /// A site URL as links are matched against it: nil when unset or empty, no trailing slash.
    static func site(_ url: String?) -> String? {
        guard var site = url, !site.isEmpty else { return nil }
        while site.hasSuffix("/") { site.removeLast() }
        return site.isEmpty ? nil : site
    }

    /// Jira's issue key shape: an uppercase letter, then uppercase letters, digits or `_`, a
    /// hyphen and digits (`PW-12`, `ABC_2-7`).
    static func isIssueKey(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard let dash = bytes.lastIndex(of: ASCII.minus), dash > 0, dash + 1 < bytes.count,
              bytes[0] >= 0x41 && bytes[0] <= 0x5A else { return false }
        let project = bytes[1..<dash].allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || isDigit($0) || $0 == ASCII.underscore }
        return project && bytes[(dash + 1)...].allSatisfy(isDigit)
    }

    static func imageSource(_ url: String) -> Image.Source {
        if case .attachment(let attachment) = target(for: url) { return .attachment(attachment) }
        return .url(url)
    }

    static func imageURL(_ source: Image.Source) -> String {
        switch source {
        case .url(let url): return url
        case .attachment(let attachment): return url(for: .attachment(attachment))
        }
    }

    static func pageFields(_ page: PageLink) -> [(String, String?)] {
        [("space", page.spaceKey), ("title", page.title), ("anchor", page.anchor), ("id", page.contentID)]
    }

    static func attachmentFields(_ attachment: AttachmentLink) -> [(String, String?)] {
        var fields: [(String, String?)] = [("file", attachment.fileName)]
        if let page = attachment.page { fields += pageFields(page) }
        return fields
    }

    static func page(from fields: [String: String]) -> PageLink? {
        guard let title = fields["title"] else { return nil }
        return PageLink(spaceKey: fields["space"], title: title, anchor: fields["anchor"], contentID: fields["id"])
    }

    static func attachment(from fields: [String: String]) -> AttachmentLink? {
        guard let file = fields["file"] else { return nil }
        return AttachmentLink(page: page(from: fields), fileName: file)
    }

    // MARK: - Query strings

    static func query(_ fields: [(String, String?)]) -> String {
        fields.compactMap { key, value in value.map { key + "=" + percentEncode($0) } }.joined(separator: "&")
    }

    static func parseQuery(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            guard let eq = pair.firstIndex(of: "=") else { continue }
            result[String(pair[..<eq])] = percentDecode(String(pair[pair.index(after: eq)...]))
        }
        return result
    }

    static func percentEncode(_ text: String) -> String {
        var out: [UInt8] = []
        for byte in text.utf8 {
            if isAlphanumeric(byte) || byte == ASCII.minus || byte == ASCII.dot || byte == ASCII.underscore || byte == ASCII.tilde {
                out.append(byte)
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                out.append(0x25)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            }
        }
        return string(out)
    }

    static func percentDecode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x25, i + 2 < bytes.count, let value = UInt8(string(Array(bytes[(i + 1)...(i + 2)])), radix: 16) {
                out.append(value)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return string(out)
    }

    // MARK: - Canonical inline HTML tags

    /// `<name a="v" …>` with `&`, `<` and `"` escaped in values.
    static func openTag(_ name: String, _ attributes: [(String, String)]) -> String {
        var text = "<" + name
        for (key, value) in attributes { text += " " + key + "=\"" + escapeAttribute(value) + "\"" }
        return text + ">"
    }

    static func escapeAttribute(_ value: String) -> String {
        var out = ""
        for ch in value.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Whether `name` can be written as an HTML attribute name.
    static func isAttributeName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLetter(first) || first == ASCII.underscore || first == ASCII.colon else { return false }
        return name.utf8.allSatisfy { isAlphanumeric($0) || $0 == ASCII.underscore || $0 == ASCII.dot || $0 == ASCII.colon || $0 == ASCII.minus }
    }

    /// Parses a tag written by `openTag`; nil unless re-writing it gives the same text.
    static func parseOpenTag(_ raw: String) -> (name: String, attributes: [(String, String)])? {
        let bytes = Array(raw.utf8)
        guard bytes.count >= 3, bytes.first == ASCII.lt, bytes.last == ASCII.gt, isLetter(bytes[1]) else { return nil }
        var i = 1
        while i < bytes.count, isAlphanumeric(bytes[i]) { i += 1 }
        let name = string(bytes[1..<i])
        var attributes: [(String, String)] = []
        while i < bytes.count - 1 {
            guard bytes[i] == ASCII.space else { return nil }
            let keyStart = i + 1
            guard let eq = bytes[keyStart...].firstIndex(of: ASCII.equals), eq + 1 < bytes.count, bytes[eq + 1] == ASCII.quote,
                  let close = bytes[(eq + 2)...].firstIndex(of: ASCII.quote) else { return nil }
            let value = string(bytes[(eq + 2)..<close])
                .replacingAll("&quot;", "\"").replacingAll("&lt;", "<").replacingAll("&amp;", "&")
            attributes.append((string(bytes[keyStart..<eq]), value))
            i = close + 1
        }
        guard openTag(name, attributes) == raw else { return nil }
        return (name, attributes)
    }

    // MARK: - Reading the tags back

    /// Replaces matched canonical tag pairs (`<sup>…</sup>`, `<span data-spine=…>…</span>`, …)
    /// in a list of sibling inlines by the nodes they stand for.
    static func pairHTML(_ inlines: [Inline]) -> [Inline] {
        guard inlines.contains(where: { if case .raw(let r) = $0, r.format == "html" { return true } else { return false } }) else { return inlines }
        var out: [Inline] = []
        var stack: [(index: Int, name: String, attributes: [(String, String)])] = []
        for inline in inlines {
            guard case .raw(let raw) = inline, raw.format == "html" else {
                out.append(inline)
                continue
            }
            if let tag = parseOpenTag(raw.content), ["sup", "sub", "ins", "em", "strong", "del", "code", "span", "time", "a"].contains(tag.name) {
                stack.append((out.count, tag.name, tag.attributes))
                out.append(inline)
                continue
            }
            if raw.content.hasPrefix("</"), let top = stack.last, raw.content == "</" + top.name + ">" {
                stack.removeLast()
                let content = Array(out[(top.index + 1)...])
                if let node = InlineTags.node(name: top.name, attributes: top.attributes, content: content) {
                    out.removeSubrange(top.index...)
                    out.append(node)
                    continue
                }
            }
            out.append(inline)
        }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard contains(target) else { return self }
        return replacing(target, with: replacement)
    }
}
