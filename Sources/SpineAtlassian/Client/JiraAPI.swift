// Jira REST v3/v2: issue, search (both paging styles), comments, remote links, create and bulk create.

import SpineCore

/// The outcome of a bulk create: keys created, and per-element errors.
public struct BulkCreateResult: Sendable, Equatable {
    /// Keys of the created issues, in request order of the successful elements.
    public var keys: [String]
    /// Failed element index (in the whole input) → message.
    public var failures: [Int: String]
}

/// Jira REST calls (`/rest/api/3` on Cloud, `/rest/api/2` on Data Center).
public struct JiraAPI: Sendable {
    let client: AtlassianClient

    /// One issue (`fields` nil = all navigable fields).
    public func issue(_ key: String, fields: [String]? = nil, expand: String? = nil) async throws -> JSONValue {
        try await client.json("GET", client.site.jira("/issue/" + percentEncode(key)
                                                      + queryString([("fields", fields?.joined(separator: ",")), ("expand", expand)])))
    }

    /// Every issue matching `jql`. Jira v3 (Cloud) uses `POST /search/jql` with `nextPageToken`;
    /// v2 (Data Center) uses `GET /search` with `startAt`/`maxResults`/`total`.
    public func search(jql: String, fields: [String] = ["*navigable"], pageSize: Int = 100) async throws -> [JSONValue] {
        if client.site.jiraAPIVersion >= 3 {
            return try await searchByToken(jql: jql, fields: fields, pageSize: pageSize)
        }
        return try await searchByOffset(jql: jql, fields: fields, pageSize: pageSize)
    }

    private func searchByToken(jql: String, fields: [String], pageSize: Int) async throws -> [JSONValue] {
        var issues: [JSONValue] = []
        var token: String?
        for _ in 0..<maximumPages {
            var body = JSONObject(["jql": .string(jql), "maxResults": .int(pageSize),
                                    "fields": .array(fields.map(JSONValue.string))])
            if let token { body["nextPageToken"] = .string(token) }
            let page = try await client.json("POST", client.site.jira("/search/jql"), body: .object(body))
            issues += page["issues"]?.arrayValue ?? []
            let next = page["nextPageToken"]?.stringValue
            if next == nil || next == token || page["isLast"]?.boolValue == true { return issues }
            token = next
        }
        return issues
    }

    private func searchByOffset(jql: String, fields: [String], pageSize: Int) async throws -> [JSONValue] {
        var issues: [JSONValue] = []
        var startAt = 0
        for _ in 0..<maximumPages {
            let url = client.site.jira("/search" + queryString([
                ("jql", jql), ("startAt", String(startAt)), ("maxResults", String(pageSize)), ("fields", fields.joined(separator: ",")),
            ]))
            let page = try await client.json("GET", url)
            let batch = page["issues"]?.arrayValue ?? []
            issues += batch
            startAt = (page["startAt"]?.intValue ?? startAt) + batch.count
            if batch.isEmpty || startAt >= (page["total"]?.intValue ?? 0) { return issues }
        }
        return issues
    }

    /// Every comment of an issue (`startAt` paging), oldest first.
    public func comments(of key: String) async throws -> [JSONValue] {
        var comments: [JSONValue] = []
        var startAt = 0
        for _ in 0..<maximumPages {
            let page = try await client.json("GET", client.site.jira("/issue/\(percentEncode(key))/comment"
                                                                     + queryString([("startAt", String(startAt)), ("maxResults", "100"), ("orderBy", "created")])))
            let batch = page["comments"]?.arrayValue ?? []
            comments += batch
            startAt += batch.count
            if batch.isEmpty || startAt >= (page["total"]?.intValue ?? 0) { return comments }
        }
        return comments
    }

    /// Adds a comment. `body` is an ADF document on v3 and a wiki-markup string on v2.
    @discardableResult
    public func addComment(to key: String, body: JSONValue) async throws -> JSONValue {
        try await client.json("POST", client.site.jira("/issue/\(percentEncode(key))/comment"), body: ["body": body])
    }

    /// The remote links of an issue.
    public func remoteLinks(of key: String) async throws -> [JSONValue] {
        try await client.json("GET", client.site.jira("/issue/\(percentEncode(key))/remotelink")).arrayValue ?? []
    }

    /// Creates a remote link, or updates the one with the same `globalId`.
    @discardableResult
    public func upsertRemoteLink(on key: String, link: JSONValue) async throws -> JSONValue {
        try await client.json("POST", client.site.jira("/issue/\(percentEncode(key))/remotelink"), body: link)
    }

    /// Creates one issue from a `{"fields": …}` payload; returns its key.
    public func createIssue(_ payload: JSONValue) async throws -> String {
        let value = try await client.json("POST", client.site.jira("/issue"), body: payload)
        guard let key = value["key"]?.stringValue else {
            throw AtlassianError(status: nil, code: "rest.bad-response", "issue create answered without a key")
        }
        return key
    }

    /// Creates issues in batches of 50 (`POST /issue/bulk`); partial success is reported, not thrown.
    public func createIssues(_ payloads: [JSONValue]) async throws -> BulkCreateResult {
        var result = BulkCreateResult(keys: [], failures: [:])
        var offset = 0
        while offset < payloads.count {
            let batch = Array(payloads[offset..<min(offset + 50, payloads.count)])
            let body: JSONValue = ["issueUpdates": .array(batch)]
            let value: JSONValue
            do {
                value = try await client.json("POST", client.site.jira("/issue/bulk"), body: body)
            } catch let error as AtlassianError where error.status == 400 {
                for index in batch.indices { result.failures[offset + index] = error.message }
                offset += batch.count
                continue
            }
            result.keys += (value["issues"]?.arrayValue ?? []).compactMap { $0["key"]?.stringValue }
            for failure in value["errors"]?.arrayValue ?? [] {
                let index = failure["failedElementNumber"]?.intValue ?? 0
                let detail = JSONWriter.compact.string(failure["elementErrors"] ?? .null)
                result.failures[offset + index] = detail
            }
            offset += batch.count
        }
        return result
    }
}

extension AtlassianClient {
    /// Jira REST calls.
    public var jira: JiraAPI { JiraAPI(client: self) }
}
