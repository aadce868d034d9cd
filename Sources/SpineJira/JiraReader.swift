// Jira REST JSON → AST: the public reader of the `jira` format.

import SpineCore

/// Reads what the Jira REST API returns: one issue (`GET /issue/{key}`), a search page
/// (`/rest/api/{2|3}/search` with `startAt/maxResults/total`, or `/rest/api/3/search/jql` with
/// `nextPageToken`), a bare array of issues, an array of search pages, or the create payloads
/// `JiraWriter` writes (`{"fields"}`, bulk `{"issueUpdates"}`). Each issue becomes a
/// `Block.requirement`, in input order; hierarchy is kept in `parent` (collation builds trees).
///
/// Settings: `jira.fields` — path of a `/rest/api/3/field` response used to resolve custom fields.
public struct JiraReader: FormatReader {
    public init() {}

    /// What the search pages said about paging, checked once all pages are read.
    private struct Paging {
        var total: Int?
        var pendingToken = false
        var lastPath = "$"
    }

    /// One issue's JSON with its path.
    private struct Located {
        var value: JSONValue
        var path: String
    }

    public func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
        let root = try JSONParser.parse(input)
        var catalog = JiraFieldCatalog()
        try catalog.load(options: options)
        var issues: [Located] = []
        var diagnostics: [Diagnostic] = []
        var metadata = Metadata(source: SourceInfo(format: "jira"))
        var single = false
        var paging = Paging()

        switch root {
        case .object(let object) where object["issues"] != nil:
            try collect(page: object, path: "$", into: &issues, catalog: &catalog, paging: &paging, diagnostics: &diagnostics)
        case .object(let object) where object["issueUpdates"] != nil:
            // A bulk create payload (what JiraWriter writes for several requirements).
            let node = try ASTNode(root, "$")
            for element in try node.array("issueUpdates") {
                guard case .object = element.value else {
                    throw SpineError.malformed("jira.shape", "expected an issue payload, found \(element.value.kindName)", at: SourceLocation(path: element.path))
                }
                issues.append(Located(value: element.value, path: element.path))
            }
        case .object(let object) where object["fields"] != nil || object["key"] != nil:
            catalog.add(names: object["names"]?.objectValue, schema: object["schema"]?.objectValue)
            issues.append(Located(value: root, path: "$"))
            single = true
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                let path = JSONPath.appending("$", index: index)
                guard case .object(let object) = element else {
                    throw SpineError.malformed("jira.shape", "expected an issue or a search page, found \(element.kindName)", at: SourceLocation(path: path))
                }
                if object["issues"] != nil {
                    try collect(page: object, path: path, into: &issues, catalog: &catalog, paging: &paging, diagnostics: &diagnostics)
                } else {
                    catalog.add(names: object["names"]?.objectValue, schema: object["schema"]?.objectValue)
                    issues.append(Located(value: element, path: path))
                }
            }
        case .object(let object) where object["errorMessages"] != nil || object["errors"] != nil:
            let messages = object["errorMessages"]?.arrayValue?.compactMap(\.stringValue) ?? []
            throw SpineError.malformed("jira.error-response", "the input is a Jira error response: " + (messages.isEmpty ? "no message" : messages.joined(separator: "; ")),
                                       at: SourceLocation(path: "$"))
        default:
            throw SpineError.malformed("jira.shape", "expected a Jira issue, a search response or an array of them, found \(root.kindName) without \"issues\", \"key\" or \"fields\"",
                                       at: SourceLocation(path: "$"))
        }

        if let total = paging.total {
            metadata.extra.append(Field("Total", .int(total)))
            if issues.count < total {
                diagnostics.append(.info("jira.more-pages", "the search matched \(total) issues but the input holds \(issues.count); later pages are missing",
                                         at: SourceLocation(path: paging.lastPath)))
            }
        }
        if paging.pendingToken {
            diagnostics.append(.info("jira.more-pages", "the last search page has a nextPageToken; later pages are missing",
                                     at: SourceLocation(path: JSONPath.appending(paging.lastPath, "nextPageToken"))))
        }
        var mapper = JiraIssueMapper(catalog: catalog, options: options)
        var blocks: [Block] = []
        blocks.reserveCapacity(issues.count)
        var seen: Set<String> = []
        for issue in issues {
            let requirement = try mapper.requirement(issue.value, path: issue.path)
            if let key = requirement.key {
                guard seen.insert(key).inserted else {
                    diagnostics.append(.info("jira.duplicate-issue", "issue \(key) appears twice (overlapping search pages); the later copy was skipped",
                                             at: SourceLocation(path: issue.path)))
                    continue
                }
            }
            blocks.append(.requirement(requirement))
        }
        diagnostics += mapper.diagnostics
        if single, case .requirement(let requirement)? = blocks.first {
            metadata.title = requirement.key.map { $0 + ": " + requirement.summary } ?? requirement.summary
            metadata.source?.id = requirement.key
            metadata.source?.url = requirement.sourceURL
        }
        return ReadResult(document: Document(metadata: metadata, blocks: blocks), diagnostics: diagnostics)
    }

    /// Adds one search page's issues, its `names`/`schema`, and notes on incomplete paging.
    private func collect(page: JSONObject, path: String, into issues: inout [Located], catalog: inout JiraFieldCatalog,
                         paging: inout Paging, diagnostics: inout [Diagnostic]) throws(SpineError) {
        let node = try ASTNode(.object(page), path)
        catalog.add(names: page["names"]?.objectValue, schema: page["schema"]?.objectValue)
        let elements = try node.array("issues")
        for element in elements { issues.append(Located(value: element.value, path: element.path)) }
        if let total = try node.int(optional: "total"), paging.total == nil { paging.total = total }
        paging.pendingToken = try node.string(optional: "nextPageToken") != nil && page["isLast"] != .bool(true)
        paging.lastPath = path
        for warning in page["warningMessages"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            diagnostics.append(.warning("jira.search-warning", "Jira reported: " + warning, at: SourceLocation(path: path)))
        }
    }
}
