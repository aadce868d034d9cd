// Where links point in a Word document: external URLs, bookmarks, Jira and Confluence URLs.

import SpineCore

/// Turns AST link targets into hyperlink destinations, and Jira/Confluence URLs back into targets.
enum LinkResolver {
    enum Destination: Equatable {
        case external(String)
        case `internal`(String)
        case unresolved(String)
    }

    /// Jira base URL: `docx.jira-url`, else the site URL.
    static func jiraBase(_ options: ConversionOptions) -> String? {
        trimmed(options[setting: "docx.jira-url"] ?? options.siteURL)
    }

    /// Confluence base URL: `docx.confluence-url`, else the site URL + `/wiki` (Cloud layout).
    static func confluenceBase(_ options: ConversionOptions) -> String? {
        if let explicit = options[setting: "docx.confluence-url"] { return trimmed(explicit) }
        return trimmed(options.siteURL).map { $0.hasSuffix("/wiki") ? $0 : $0 + "/wiki" }
    }

    private static func trimmed(_ url: String?) -> String? {
        guard var url, !url.isEmpty else { return nil }
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// The destination of `target`.
    static func resolve(_ target: LinkTarget, _ options: ConversionOptions) -> Destination {
        switch target {
        case .url(let url):
            if url.hasPrefix("#"), url.count > 1 { return .internal(String(url.dropFirst())) }
            return .external(url)
        case .anchor(let name):
            return .internal(name)
        case .issue(let key):
            guard let base = jiraBase(options) else { return .unresolved("Link to issue \(key) needs a site URL") }
            return .external(base + "/browse/" + key)
        case .page(let page):
            guard let url = pageURL(page, options) else { return .unresolved("Link to page \"\(page.title)\" needs a site URL") }
            return .external(url)
        case .attachment(let attachment):
            if attachment.page == nil { return .external(attachment.fileName) }
            guard let pageURL = attachment.page.flatMap({ pageURL($0, options) }) else {
                return .unresolved("Link to attachment \(attachment.fileName) needs a site URL")
            }
            return .external(pageURL + "#" + URLText.pathEscaped(attachment.fileName))
        case .user(let account):
            guard let base = confluenceBase(options) else { return .unresolved("Link to user \(account) needs a site URL") }
            return .external(base + "/people/" + URLText.pathEscaped(account))
        case .space(let key):
            guard let base = confluenceBase(options) else { return .unresolved("Link to space \(key) needs a site URL") }
            return .external(base + "/spaces/" + URLText.pathEscaped(key))
        }
    }

    /// `…/spaces/KEY/pages/ID/Title` when the page id is known, else `…/display/KEY/Title`.
    static func pageURL(_ page: PageLink, _ options: ConversionOptions) -> String? {
        guard let base = confluenceBase(options), let space = page.spaceKey ?? options[setting: "docx.space-key"] else { return nil }
        var url: String
        if let id = page.contentID {
            url = base + "/spaces/" + URLText.pathEscaped(space) + "/pages/" + id + "/" + URLText.formEscaped(page.title)
        } else {
            url = base + "/display/" + URLText.pathEscaped(space) + "/" + URLText.formEscaped(page.title)
        }
        if let anchor = page.anchor { url += "#" + URLText.pathEscaped(anchor) }
        return url
    }

    /// What a link with no text shows.
    static func displayText(_ target: LinkTarget) -> String {
        switch target {
        case .url(let url): return url
        case .page(let page): return page.title
        case .attachment(let attachment): return attachment.fileName
        case .anchor(let name): return name
        case .issue(let key): return key
        case .user(let account): return account
        case .space(let key): return key
        }
    }

    // MARK: - Reading back

    /// The sites a document's links may point into, from the reader's options.
    struct Sites {
        var jira: String?
        var confluence: String?

        init(_ options: ConversionOptions) {
            jira = LinkResolver.jiraBase(options)
            confluence = LinkResolver.confluenceBase(options)
        }

        /// A URL into the configured Jira site is an issue, one into the Confluence site a page;
        /// every other URL stays a URL. Without a site nothing is mapped, so that writing the
        /// document again (which needs the site to build those URLs) gives the same links.
        func target(forURL url: String) -> LinkTarget {
            let mapped = LinkResolver.target(forURL: url)
            switch mapped {
            case .issue: return jira.map { url.hasPrefix($0 + "/") } == true ? mapped : .url(url)
            case .page: return confluence.map { url.hasPrefix($0 + "/") } == true ? mapped : .url(url)
            default: return mapped
            }
        }
    }

    /// The AST target for a hyperlink URL: Jira `…/browse/KEY` becomes an issue, Confluence
    /// `…/display/SPACE/Title` and `…/spaces/SPACE/pages/ID/Title` a page; anything else stays a URL.
    static func target(forURL url: String) -> LinkTarget {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else { return .url(url) }
        var path = Substring(url)
        var anchor: String?
        if let hash = path.firstIndex(of: "#") {
            anchor = URLText.unescaped(path[path.index(after: hash)...], plusIsSpace: false)
            path = path[..<hash]
        }
        guard !path.contains("?") else { return .url(url) }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.count >= 2, segments[segments.count - 2] == "browse", anchor == nil, isIssueKey(segments[segments.count - 1]) {
            return .issue(String(segments[segments.count - 1]))
        }
        if segments.count >= 3, segments[segments.count - 3] == "display" {
            let title = URLText.unescaped(segments[segments.count - 1], plusIsSpace: true)
            guard !title.isEmpty else { return .url(url) }
            return .page(PageLink(spaceKey: URLText.unescaped(segments[segments.count - 2], plusIsSpace: false), title: title, anchor: anchor))
        }
        if segments.count >= 5, segments[segments.count - 5] == "spaces", segments[segments.count - 3] == "pages",
           segments[segments.count - 2].allSatisfy(\.isNumber) {
            let title = URLText.unescaped(segments[segments.count - 1], plusIsSpace: true)
            guard !title.isEmpty else { return .url(url) }
            return .page(PageLink(spaceKey: URLText.unescaped(segments[segments.count - 4], plusIsSpace: false), title: title,
                                  anchor: anchor, contentID: String(segments[segments.count - 2])))
        }
        return .url(url)
    }

    /// `ABC-123`: upper-case project key (letter first), dash, digits.
    static func isIssueKey(_ text: Substring) -> Bool {
        guard let dash = text.lastIndex(of: "-"), let first = text.first, first.isASCII, first.isUppercase else { return false }
        let project = text[..<dash]
        let number = text[text.index(after: dash)...]
        return !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
            && project.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
    }
}

/// Percent-encoding for the URLs Spine builds.
enum URLText {
    private static func escape(_ text: String, keep: (UInt8) -> Bool, spaceAsPlus: Bool) -> String {
        var out: [UInt8] = []
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if keep(byte) {
                out.append(byte)
            } else if byte == 0x20, spaceAsPlus {
                out.append(UInt8(ascii: "+"))
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func unreserved(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }

    /// One path segment.
    static func pathEscaped(_ text: String) -> String { escape(text, keep: unreserved, spaceAsPlus: false) }
    /// A title in Confluence's form encoding (spaces as `+`).
    static func formEscaped(_ text: String) -> String { escape(text, keep: unreserved, spaceAsPlus: true) }
    /// A query-string value.
    static func queryEscaped(_ text: String) -> String { escape(text, keep: unreserved, spaceAsPlus: false) }

    /// Decodes `%XX` escapes (and `+` as a space when asked); invalid escapes stay as written.
    static func unescaped(_ text: Substring, plusIsSpace: Bool) -> String {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: return byte - 0x30
            case 0x41...0x46: return byte - 0x37
            case 0x61...0x66: return byte - 0x57
            default: return nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
                continue
            }
            out.append(byte == UInt8(ascii: "+") && plusIsSpace ? 0x20 : byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
