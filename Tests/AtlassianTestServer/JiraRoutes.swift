// Jira REST v3/v2 routes of the loopback server: search (both paging styles), issues, comments, remote links.

import Foundation
import SpineCore

extension AtlassianTestServer {
    func jira(_ request: ServerRequest, version: Int, _ parts: [String]) -> ServerReply {
        switch (request.method, parts) {
        case ("GET", ["myself"]): return Reply.json(200, ["accountId": "557058:ada", "displayName": "Ada"])
        case ("GET", ["search"]), ("POST", ["search"]):
            guard version == 2 else {
                return Reply.jira(410, messages: ["The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."])
            }
            return offsetSearch(request)
        case ("GET", ["search", "jql"]), ("POST", ["search", "jql"]): return tokenSearch(request)
        case ("POST", ["issue"]):
            guard let value = try? JSONParser.parse(request.body) else { return Reply.jira(400, messages: ["Body is not JSON"]) }
            switch createIssue(value) {
            case .success(let key): return Reply.json(201, issueRef(key))
            case .failure(let errors): return Reply.jira(400, errors: errors.pairs)
            }
        case ("POST", ["issue", "bulk"]): return bulkCreate(request)
        default: break
        }
        guard parts.count >= 2, parts[0] == "issue", let issue = store.issues[parts[1]] else {
            return Reply.jira(404, messages: ["Issue does not exist or you do not have permission to see it."])
        }
        switch (request.method, Array(parts.dropFirst(2))) {
        case ("GET", []): return Reply.json(200, issueJSON(issue, fields: request.parameter("fields").map { $0.split(separator: ",").map(String.init) }))
        case ("GET", ["comment"]):
            let start = Int(request.parameter("startAt") ?? "0") ?? 0
            let limit = min(maxPage, Int(request.parameter("maxResults") ?? "50") ?? 50)
            let slice = start < issue.comments.count ? Array(issue.comments[start..<min(issue.comments.count, start + limit)]) : []
            return Reply.json(200, ["startAt": .int(start), "maxResults": .int(limit), "total": .int(issue.comments.count), "comments": .array(slice)])
        case ("POST", ["comment"]):
            guard let value = try? JSONParser.parse(request.body), let body = value["body"] else { return Reply.jira(400, errors: [("body", "Comment body can not be empty!")]) }
            if version == 3, body["type"]?.stringValue != "doc" {
                return Reply.jira(400, errors: [("comment", "Comment body is not valid!")])
            }
            if version == 2, body.stringValue == nil { return Reply.jira(400, errors: [("comment", "Comment body must be a string")]) }
            let comment: JSONValue = ["id": .string(String(store.newID())), "author": ["accountId": "557058:ada", "displayName": "Ada"],
                                      "body": body, "created": "2024-06-01T10:00:00.000+0000", "updated": "2024-06-01T10:00:00.000+0000"]
            store.issues[issue.key]?.comments.append(comment)
            return Reply.json(201, comment)
        case ("GET", ["remotelink"]): return Reply.json(200, .array(issue.remoteLinks))
        case ("POST", ["remotelink"]):
            guard let value = try? JSONParser.parse(request.body), value["object"]?["url"]?.stringValue != nil,
                  value["object"]?["title"]?.stringValue != nil else {
                return Reply.jira(400, errors: [("object", "url and title are required")])
            }
            var link = value.objectValue ?? JSONObject()
            if let globalId = value["globalId"]?.stringValue,
               let index = issue.remoteLinks.firstIndex(where: { $0["globalId"]?.stringValue == globalId }) {
                link["id"] = issue.remoteLinks[index]["id"]
                store.issues[issue.key]?.remoteLinks[index] = .object(link)
                return Reply.json(200, ["id": link["id"] ?? nil, "self": .string(baseURL + "/rest/api/\(version)/issue/\(issue.key)/remotelink")])
            }
            let id = store.newID()
            link["id"] = .int(id)
            store.issues[issue.key]?.remoteLinks.append(.object(link))
            return Reply.json(201, ["id": .int(id), "self": .string(baseURL + "/rest/api/\(version)/issue/\(issue.key)/remotelink/\(id)")])
        default:
            return Reply.jira(405, messages: ["Method not allowed"])
        }
    }

    // MARK: - Search

    private func matching(_ jql: String) -> Result<[StoredIssue], JQLError> {
        var text = jql
        if let order = text.range(of: " order by ", options: .caseInsensitive) { text = String(text[..<order.lowerBound]) }
        var clauses: [(String, [String])] = []
        for clause in text.components(separatedBy: " AND ") + [] where !clause.trimmingCharacters(in: .whitespaces).isEmpty {
            let trimmed = clause.trimmingCharacters(in: .whitespaces)
            if let range = trimmed.range(of: " in ", options: .caseInsensitive) {
                let field = String(trimmed[..<range.lowerBound])
                let list = trimmed[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "() "))
                clauses.append((field, list.split(separator: ",").map { unquote(String($0)) }))
            } else if let equals = trimmed.firstIndex(of: "=") {
                clauses.append((String(trimmed[..<equals]), [unquote(String(trimmed[trimmed.index(after: equals)...]))]))
            } else {
                return .failure(JQLError(message: "Error in the JQL Query: '\(trimmed)'"))
            }
        }
        if clauses.isEmpty { return .failure(JQLError(message: "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.")) }
        var issues = store.issueOrder.compactMap { store.issues[$0] }
        for (rawField, values) in clauses {
            let field = unquote(rawField.trimmingCharacters(in: .whitespaces)).lowercased()
            switch field {
            case "project": issues = issues.filter { values.contains($0.key.split(separator: "-").first.map(String.init) ?? "") }
            case "key", "issuekey": issues = issues.filter { values.contains($0.key) }
            case "parent", "epic link", "parentepic": issues = issues.filter { values.contains($0.fields["parent"]?["key"]?.stringValue ?? "") }
            case "issuetype", "type": issues = issues.filter { values.contains($0.fields["issuetype"]?["name"]?.stringValue ?? "") }
            default: return .failure(JQLError(message: "Field '\(rawField)' does not exist or you do not have permission to view it."))
            }
        }
        return .success(issues)
    }

    private func unquote(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
    }

    private func offsetSearch(_ request: ServerRequest) -> ServerReply {
        guard let jql = request.parameter("jql") else { return Reply.jira(400, messages: ["jql is required"]) }
        switch matching(jql) {
        case .failure(let error): return Reply.jira(400, messages: [error.message])
        case .success(let issues):
            let start = max(0, Int(request.parameter("startAt") ?? "0") ?? 0)
            let limit = min(maxPage, max(1, Int(request.parameter("maxResults") ?? "50") ?? 50))
            let slice = start < issues.count ? Array(issues[start..<min(issues.count, start + limit)]) : []
            let fields = request.parameter("fields").map { $0.split(separator: ",").map(String.init) }
            return Reply.json(200, ["startAt": .int(start), "maxResults": .int(limit), "total": .int(issues.count),
                                    "issues": .array(slice.map { issueJSON($0, fields: fields) })])
        }
    }

    private func tokenSearch(_ request: ServerRequest) -> ServerReply {
        var jql = request.parameter("jql")
        var token = request.parameter("nextPageToken")
        var maxResults = Int(request.parameter("maxResults") ?? "50") ?? 50
        var fields = request.parameter("fields").map { $0.split(separator: ",").map(String.init) }
        if request.method == "POST" {
            guard let value = try? JSONParser.parse(request.body) else { return Reply.jira(400, messages: ["Body is not JSON"]) }
            jql = value["jql"]?.stringValue
            token = value["nextPageToken"]?.stringValue
            maxResults = value["maxResults"]?.intValue ?? 50
            fields = value["fields"]?.arrayValue?.compactMap(\.stringValue)
        }
        guard let jql else { return Reply.jira(400, messages: ["jql is required"]) }
        switch matching(jql) {
        case .failure(let error): return Reply.jira(400, messages: [error.message])
        case .success(let issues):
            let start = token.flatMap { Int($0.dropFirst(4)) } ?? 0
            let limit = min(maxPage, max(1, maxResults))
            let slice = start < issues.count ? Array(issues[start..<min(issues.count, start + limit)]) : []
            var object = JSONObject(["issues": .array(slice.map { issueJSON($0, fields: fields ?? ["id"]) })])
            if start + limit < issues.count {
                object["nextPageToken"] = .string("tok-" + String(start + limit))
                object["isLast"] = false
            } else {
                object["isLast"] = true
            }
            return Reply.json(200, .object(object))
        }
    }

    // MARK: - Create

    private func createIssue(_ value: JSONValue) -> Result<String, FieldErrors> {
        guard let fields = value["fields"]?.objectValue else { return .failure(FieldErrors(pairs: [("fields", "fields is required")])) }
        var errors: [(String, String)] = []
        let project = fields["project"]?["key"]?.stringValue
        if project == nil { errors.append(("project", "Specify a valid project ID or key")) }
        if fields["summary"]?.stringValue?.isEmpty != false { errors.append(("summary", "You must specify a summary of the issue.")) }
        if fields["issuetype"]?["name"]?.stringValue == nil && fields["issuetype"]?["id"] == nil {
            errors.append(("issuetype", "Specify an issue type"))
        }
        guard errors.isEmpty, let project else { return .failure(FieldErrors(pairs: errors)) }
        return .success(store.addIssue(project: project, fields: fields))
    }

    private func bulkCreate(_ request: ServerRequest) -> ServerReply {
        guard let value = try? JSONParser.parse(request.body), let updates = value["issueUpdates"]?.arrayValue else {
            return Reply.jira(400, messages: ["issueUpdates is required"])
        }
        guard updates.count <= 50 else { return Reply.jira(400, messages: ["Bulk create is limited to 50 issues"]) }
        var created: [JSONValue] = []
        var failures: [JSONValue] = []
        for (index, update) in updates.enumerated() {
            switch createIssue(update) {
            case .success(let key): created.append(issueRef(key))
            case .failure(let errors):
                failures.append(["status": 400, "failedElementNumber": .int(index),
                                 "elementErrors": ["errorMessages": [], "errors": .object(JSONObject(errors.pairs.map { JSONObject.Member($0.0, .string($0.1)) }))]])
            }
        }
        return Reply.json(created.isEmpty && !failures.isEmpty ? 400 : 201, ["issues": .array(created), "errors": .array(failures)])
    }

    private func issueRef(_ key: String) -> JSONValue {
        ["id": .string(String(store.issues[key]?.id ?? 0)), "key": .string(key), "self": .string(baseURL + "/rest/api/3/issue/" + key)]
    }

    func issueJSON(_ issue: StoredIssue, fields wanted: [String]?) -> JSONValue {
        var object = JSONObject(["id": .string(String(issue.id)), "key": .string(issue.key), "self": .string(baseURL + "/rest/api/3/issue/\(issue.id)")])
        let all = wanted == nil || wanted!.contains("*all") || wanted!.contains("*navigable")
        if all {
            object["fields"] = .object(issue.fields)
        } else if let wanted, wanted != ["id"] {
            object["fields"] = .object(JSONObject(issue.fields.members.filter { wanted.contains($0.key) }))
        }
        return .object(object)
    }
}

struct JQLError: Error { var message: String }
struct FieldErrors: Error { var pairs: [(String, String)] }
