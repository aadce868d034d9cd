// Where the Atlassian site is and how to authenticate: flags or environment, HTTPS enforced.

import Foundation
import SpineCore

/// How requests are authenticated.
public enum AtlassianCredentials: Sendable, Equatable {
    /// Cloud: e-mail address plus API token, sent as HTTP Basic.
    case basic(email: String, token: String)
    /// Data Center personal access token (or an OAuth access token), sent as Bearer.
    case bearer(token: String)
    /// No authentication (only useful against a server that needs none).
    case none

    /// The `Authorization` header value, or nil.
    var headerValue: String? {
        switch self {
        case .basic(let email, let token):
            return "Basic " + Data((email + ":" + token).utf8).base64EncodedString()
        case .bearer(let token): return "Bearer " + token
        case .none: return nil
        }
    }

    /// Every string that must never appear in output: the token and the encoded header.
    var secrets: [String] {
        switch self {
        case .basic(_, let token):
            return [token, headerValue ?? "", Data(token.utf8).base64EncodedString()].filter { $0.count >= 4 }
        case .bearer(let token): return [token].filter { $0.count >= 4 }
        case .none: return []
        }
    }
}

/// One Atlassian site: its base URL, the API flavours to use, and the credentials.
public struct AtlassianSite: Sendable {
    /// Origin plus context path, without a trailing slash (`https://acme.atlassian.net`, `https://wiki.acme.com/confluence`).
    public var baseURL: String
    /// Path of Confluence under `baseURL`: `/wiki` on Cloud, empty (or the context) on Data Center.
    public var wikiPath: String
    /// Jira REST API version: 3 (Cloud, ADF bodies, `/search/jql`) or 2 (Data Center, wiki bodies, `/search`).
    public var jiraAPIVersion: Int
    public var credentials: AtlassianCredentials

    /// Checks the URL (HTTPS unless loopback) and picks Cloud or Data Center defaults from the host:
    /// `*.atlassian.net` is Cloud (`/wiki`, Jira v3); anything else is Data Center (no prefix, Jira v2)
    /// unless `wikiPath` / `jiraAPIVersion` say otherwise.
    public init(url: String, credentials: AtlassianCredentials, wikiPath: String? = nil,
                jiraAPIVersion: Int? = nil) throws(SpineError) {
        var trimmed = url.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw SpineError(.usage, code: "rest.site-url", "the site URL '\(url)' is not an absolute http(s) URL")
        }
        if scheme != "https" {
            guard scheme == "http", AtlassianSite.isLoopback(host) else {
                throw SpineError(.usage, code: "rest.https-required",
                                 "the site URL must use https (plain http is allowed only for loopback hosts): \(url)")
            }
        }
        guard components.query == nil, components.user == nil, components.password == nil else {
            throw SpineError(.usage, code: "rest.site-url", "the site URL must not carry a query or user info")
        }
        let isCloud = host.lowercased().hasSuffix(".atlassian.net")
        self.baseURL = trimmed
        self.wikiPath = wikiPath ?? (isCloud ? "/wiki" : "")
        self.jiraAPIVersion = jiraAPIVersion ?? (isCloud ? 3 : 2)
        self.credentials = credentials
    }

    /// Builds a site from explicit values, falling back to the environment:
    /// `ATLASSIAN_SITE`, `ATLASSIAN_EMAIL` + `ATLASSIAN_API_TOKEN` (Basic) or `ATLASSIAN_PAT` (Bearer).
    public static func resolve(site: String? = nil, email: String? = nil, token: String? = nil, pat: String? = nil,
                               wikiPath: String? = nil, jiraAPIVersion: Int? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(SpineError) -> AtlassianSite {
        func value(_ flag: String?, _ name: String) -> String? {
            let chosen = flag ?? environment[name]
            return chosen?.isEmpty == false ? chosen : nil
        }
        guard let url = value(site, "ATLASSIAN_SITE") else {
            throw SpineError(.usage, code: "rest.no-site", "no site given: pass --site URL or set ATLASSIAN_SITE")
        }
        let credentials: AtlassianCredentials
        if let pat = value(pat, "ATLASSIAN_PAT") {
            credentials = .bearer(token: pat)
        } else if let email = value(email, "ATLASSIAN_EMAIL"), let token = value(token, "ATLASSIAN_API_TOKEN") {
            credentials = .basic(email: email, token: token)
        } else {
            throw SpineError(.usage, code: "rest.no-credentials",
                             "no credentials: set ATLASSIAN_EMAIL and ATLASSIAN_API_TOKEN (Cloud) or ATLASSIAN_PAT (Data Center)")
        }
        return try AtlassianSite(url: url, credentials: credentials, wikiPath: wikiPath, jiraAPIVersion: jiraAPIVersion)
    }

    /// True for `localhost`, `127.0.0.0/8` and `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let lower = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return lower == "localhost" || lower == "::1" || lower.hasPrefix("127.")
    }

    // MARK: - Endpoints

    /// `https://site/wiki/rest/api` + path.
    func confluenceV1(_ path: String) -> String { baseURL + wikiPath + "/rest/api" + path }
    /// `https://site/wiki/api/v2` + path.
    func confluenceV2(_ path: String) -> String { baseURL + wikiPath + "/api/v2" + path }
    /// `https://site/rest/api/3` + path (or `/2`).
    func jira(_ path: String, version: Int? = nil) -> String {
        baseURL + "/rest/api/" + String(version ?? jiraAPIVersion) + path
    }
    /// A URL a person can open for a Confluence page.
    public func pageURL(id: String) -> String {
        baseURL + wikiPath + "/pages/viewpage.action?pageId=" + id
    }
    /// A URL a person can open for a Jira issue.
    public func issueURL(key: String) -> String { baseURL + "/browse/" + key }
    /// Makes a server-relative link (`/wiki/…` or `/download/…` under the wiki) absolute.
    func absolute(_ link: String, relativeToWiki: Bool) -> String {
        if link.hasPrefix("http://") || link.hasPrefix("https://") { return link }
        if relativeToWiki, !wikiPath.isEmpty, !link.hasPrefix(wikiPath + "/") { return baseURL + wikiPath + link }
        return baseURL + link
    }
}

// MARK: - Redaction

/// Removes secrets from any text Spine prints, logs or puts into an error.
public struct Redactor: Sendable {
    private let secrets: [String]
    public init(secrets: [String]) {
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }
    /// `text` with every secret replaced by `***`.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        return result
    }
}
