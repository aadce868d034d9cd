// One Jira issue object (REST v2 or v3) → a Requirement.

import SpineADF
import SpineCore
import SpineJiraWiki

/// Maps issue JSON to requirements. Rich text is ADF (v3) or wiki markup (v2), recognised by shape.
struct JiraIssueMapper {
    let catalog: JiraFieldCatalog
    let options: ConversionOptions
    var diagnostics: [Diagnostic] = []

    init(catalog: JiraFieldCatalog, options: ConversionOptions) {
        self.catalog = catalog
        self.options = options
    }

    // MARK: - Issue

    mutating func requirement(_ value: JSONValue, path: String) throws(SpineError) -> Requirement {
        let issue = try ASTNode(value, path)
        var requirement = Requirement(summary: "")
        requirement.key = try issue.text("key")
        var fields: [Field] = []
        if let id = issue.optional("id") {
            guard id.value.stringValue != nil || id.value.intValue != nil else { throw id.error("expected the issue id as a string, found \(id.value.kindName)") }
            fields.append(Field(Requirement.FieldName.issueID, id.value))
        }
        if let key = requirement.key {
            let selfURL = try issue.text("self")
            if let site = options.siteURL.map(JiraIssueMapper.trimmed) ?? JiraIssueMapper.site(fromSelf: selfURL) {
                requirement.sourceURL = site + "/browse/" + key
            }
        }
        guard let fieldsValue = issue.optional("fields") else {
            diagnostics.append(.warning("jira.no-fields", "issue \(requirement.key ?? "without key") has no fields; ask search/jql for fields (it returns only ids by default)",
                                        at: SourceLocation(path: path)))
            requirement.fields = fields
            return requirement
        }
        let object = try fieldsValue.object()
        var parentKey: String?
        var epicLink: String?
        var parentLink: String?
        var sawSummary = false
        for member in object.object.members where member.value != .null {
            // The path is spelled only for fields that are checked (most custom fields are not).
            let field = LazyField(value: member.value, parent: object.path, key: member.key)
            switch member.key {
            case "summary": requirement.summary = try field.ast.string(); sawSummary = true
            case "issuetype": requirement.type = try name(field.ast)
            case "status":
                let status = try field.ast.object()
                requirement.status = try status.text("name")
                if let category = status.optional("statusCategory") { requirement.statusCategory = try JiraIssueMapper.category(category) }
            case "priority": requirement.priority = try name(field.ast)
            case "assignee": requirement.assignee = try person(field.ast)
            case "reporter": requirement.reporter = try person(field.ast)
            case "labels": requirement.labels = try strings(field.ast)
            case "components": requirement.components = try names(field.ast)
            case "fixVersions": requirement.fixVersions = try names(field.ast)
            case "parent":
                let parent = try field.ast.object()
                parentKey = try parent.text("key")
                if let id = parent.optional("id") { fields.append(Field(Requirement.FieldName.parentID, id.value)) }
            case "issuelinks": requirement.links = try links(field.ast)
            case "description": requirement.description = try richText(field.ast)
            case "subtasks":
                let keys = try names(field.ast, member: "key")
                if !keys.isEmpty { fields.append(Field(catalog.displayName("subtasks"), .array(keys.map(JSONValue.string)))) }
            case "created": fields.append(Field(Requirement.FieldName.created, field.value))
            case "updated": fields.append(Field(Requirement.FieldName.updated, field.value))
            case "duedate": fields.append(Field(Requirement.FieldName.dueDate, field.value))
            case "resolutiondate": fields.append(Field(Requirement.FieldName.resolved, field.value))
            case "comment": if let comments = try comments(field.ast) { fields.append(Field(Requirement.FieldName.comments, comments)) }
            default:
                switch catalog.concept(member.key) {
                case .storyPoints?: fields.append(Field(Requirement.FieldName.storyPoints, field.value))
                case .epicLink?:
                    epicLink = field.value.stringValue ?? field.value["key"]?.stringValue
                    fields.append(Field(Requirement.FieldName.epicLink, epicLink.map(JSONValue.string) ?? field.value))
                case .epicName?: fields.append(Field(Requirement.FieldName.epicName, field.value))
                case .sprint?: fields.append(Field(Requirement.FieldName.sprint, JiraIssueMapper.sprints(field.value)))
                case .rank?: fields.append(Field(Requirement.FieldName.rank, field.value))
                case .acceptanceCriteria?: requirement.acceptanceCriteria = try richText(field.ast)
                case .parentLink?:
                    // Advanced Roadmaps answers `{hasEpicLinkFieldDependency, showField, data: {key, …}}`;
                    // without `data` (unset, or "only available to Jira Premium users") there is no link.
                    parentLink = field.value.stringValue ?? field.value["key"]?.stringValue ?? field.value["data"]?["key"]?.stringValue
                    if let parentLink {
                        fields.append(Field(catalog.displayName(member.key), .string(parentLink)))
                    } else if field.value["hasEpicLinkFieldDependency"] == nil {
                        fields.append(Field(catalog.displayName(member.key), JiraIssueMapper.simplified(field.value)))
                    }
                case nil:
                    if JiraIssueMapper.isEmpty(field.value) { continue }
                    fields.append(Field(catalog.displayName(member.key), JiraIssueMapper.simplified(field.value)))
                }
            }
        }
        if !sawSummary {
            diagnostics.append(.info("jira.no-summary", "issue \(requirement.key ?? "without key") has no summary", at: SourceLocation(path: object.path)))
        }
        requirement.parent = parentKey ?? epicLink ?? parentLink
        requirement.fields = fields
        return requirement
    }

    // MARK: - Field shapes

    /// A field value whose JSON path is spelled only when it is asked for.
    private struct LazyField {
        let value: JSONValue
        let parent: String
        let key: String
        var ast: ASTValue { ASTValue(value: value, path: JSONPath.appending(parent, key)) }
    }

    /// v3 ADF document or v2 wiki string → blocks; other shapes are located errors.
    private mutating func richText(_ field: ASTValue) throws(SpineError) -> [Block] {
        switch field.value {
        case .object:
            let result = try ADFReader().blocks(from: field.value, path: field.path)
            diagnostics += result.diagnostics
            return result.blocks
        case .string(let text):
            if text.isEmpty { return [] }
            let result = JiraWikiReader().blocks(from: text, options: options)
            diagnostics += result.diagnostics.map { diagnostic in
                var located = diagnostic
                located.location = SourceLocation(line: diagnostic.location?.line, column: diagnostic.location?.column, path: field.path)
                return located
            }
            return result.document.blocks
        default:
            throw field.error("expected an ADF document (v3) or wiki text (v2), found \(field.value.kindName)")
        }
    }

    private func name(_ field: ASTValue) throws(SpineError) -> String? {
        if case .string(let text) = field.value { return text }
        return try field.object().text("name")
    }

    private func strings(_ field: ASTValue) throws(SpineError) -> [String] {
        guard case .array(let elements) = field.value else { throw field.error("expected an array, found \(field.value.kindName)") }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            if case .string(let text) = element { result.append(text); continue }
            try result.append(ASTValue(value: element, path: JSONPath.appending(field.path, index: index)).string())
        }
        return result
    }

    /// The `member` (default `name`) of each object in an array field.
    private func names(_ field: ASTValue, member: String = "name") throws(SpineError) -> [String] {
        guard case .array(let elements) = field.value else { throw field.error("expected an array, found \(field.value.kindName)") }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            if case .object(let object) = element, case .string(let name)? = object[member] { result.append(name); continue }
            let object = try ASTNode(element, JSONPath.appending(field.path, index: index))
            if let name = try object.text(member) { result.append(name) }
        }
        return result
    }

    private func person(_ field: ASTValue) throws(SpineError) -> Person {
        let user = try field.object()
        let accountID = try user.text("accountId")
        let name = try user.text("name")
        let key = try user.text("key")
        return Person(displayName: try user.text("displayName"), accountID: accountID ?? name ?? key,
                      email: try user.text("emailAddress"))
    }

    private func links(_ field: ASTValue) throws(SpineError) -> [IssueLink] {
        guard case .array(let elements) = field.value else { throw field.error("expected an array, found \(field.value.kindName)") }
        var links: [IssueLink] = []
        for (index, element) in elements.enumerated() {
            let link = try ASTNode(element, JSONPath.appending(field.path, index: index))
            let type = try link.optional("type")?.object()
            let direction: IssueLink.Direction
            let other: ASTNode
            if let outward = link.optional("outwardIssue") { direction = .outward; other = try outward.object() }
            else if let inward = link.optional("inwardIssue") { direction = .inward; other = try inward.object() }
            else { throw link.error("an issue link needs an inwardIssue or an outwardIssue") }
            let otherFields = try other.optional("fields")?.object()
            let status = try otherFields?.optional("status")?.object()
            links.append(IssueLink(type: try type?.text("name") ?? "",
                                   direction: direction,
                                   description: try type?.text(direction == .outward ? "outward" : "inward"),
                                   key: try other.string("key"),
                                   summary: try otherFields?.text("summary"),
                                   status: try status?.text("name"),
                                   statusCategory: try status?.optional("statusCategory").map(JiraIssueMapper.category) ?? nil))
        }
        return links
    }

    /// The comment page as `[{author, created, body}]`, bodies kept as given (ADF JSON or wiki text).
    private func comments(_ field: ASTValue) throws(SpineError) -> JSONValue? {
        let page = try field.object()
        var result: [JSONValue] = []
        for element in try page.array(optional: "comments") {
            let comment = try element.object()
            var object = JSONObject()
            if let author = try comment.optional("author")?.object() {
                object.append("author", .string(try author.text("displayName") ?? ""))
            }
            if let created = comment.optional("created") { object.append("created", created.value) }
            if let body = comment.optional("body") { object.append("body", body.value) }
            result.append(.object(object))
        }
        return result.isEmpty ? nil : .array(result)
    }

    // MARK: - Helpers

    static func category(_ value: ASTValue) throws(SpineError) -> StatusCategory? {
        switch try value.object().text("key") {
        case "new": return .todo
        case "indeterminate": return .inProgress
        case "done": return .done
        default: return nil
        }
    }

    private static let restMarker = Array("/rest/api/".utf8)

    /// `https://site` from an issue's `self` URL (`https://site/rest/api/3/issue/10042`).
    static func site(fromSelf url: String?) -> String? {
        guard var url else { return nil }
        // ASCII URLs (all real ones) by a byte search; others as Foundation finds the marker.
        let cut: Int?? = url.withUTF8 { bytes -> Int?? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return .none }
            let marker = JiraIssueMapper.restMarker
            guard bytes.count >= marker.count else { return .some(nil) }
            for index in 0...(bytes.count - marker.count) where bytes[index] == 0x2F {
                var offset = 1
                while offset < marker.count, bytes[index + offset] == marker[offset] { offset += 1 }
                if offset == marker.count { return .some(index) }
            }
            return .some(nil)
        }
        if let cut {
            return cut.map { String(decoding: url.utf8.prefix($0), as: UTF8.self) }
        }
        guard let range = url.range(of: "/rest/api/") else { return nil }
        return String(url[..<range.lowerBound])
    }

    static func trimmed(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }

    static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return true
        case .array(let elements): return elements.isEmpty
        case .string(let text): return text.isEmpty
        default: return false
        }
    }

    /// Sprint objects (`{name, state, …}`) or old Data Center strings (`…Sprint@1a[id=1,name=Sprint 4,…]`) → names.
    static func sprints(_ value: JSONValue) -> JSONValue {
        guard case .array(let elements) = value else { return simplified(value) }
        var names: [JSONValue] = []
        for element in elements {
            if let name = element["name"]?.stringValue { names.append(.string(name)); continue }
            if let text = element.stringValue, let start = text.range(of: "name=") {
                let rest = text[start.upperBound...]
                names.append(.string(String(rest.prefix { $0 != "," && $0 != "]" })))
                continue
            }
            names.append(element)
        }
        return .array(names)
    }

    /// Well-known value shapes reduced to what a reader wants: users → display name, options →
    /// value, named objects → name, attachments → file name, watchers/votes → count; anything
    /// else kept as the JSON it is.
    static func simplified(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            if let name = object["displayName"]?.stringValue { return .string(name) }
            if let option = object["value"]?.stringValue {
                if let child = object["child"]?["value"]?.stringValue { return .string(option + " - " + child) }
                return .string(option)
            }
            if let name = object["name"]?.stringValue ?? object["filename"]?.stringValue { return .string(name) }
            if let count = object["watchCount"] ?? object["votes"], case .number = count { return count }
            return value
        case .array(let elements):
            return .array(elements.map(simplified))
        default:
            return value
        }
    }
}

extension ASTNode {
    /// `string(optional: key)`, spelling the member's JSON path only for an error.
    func text(_ key: String) throws(SpineError) -> String? {
        if case .string(let text)? = object[key] { return text }
        return try string(optional: key)
    }
}
