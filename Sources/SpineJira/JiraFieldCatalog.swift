// Field ids → display names and meanings, from `names`/`schema` expansions or a `/field` response.

import Foundation
import SpineCore

/// What Spine knows about one Jira field.
struct JiraFieldInfo: Sendable {
    var name: String?
    /// `schema.custom` (the custom field type key), when known.
    var customType: String?
    /// `schema.type` (`string`, `number`, `array`, `option`, `user`, …).
    var type: String?
}

/// The fields Spine reads by meaning, whatever their id on a given site.
enum JiraConcept: Equatable {
    case storyPoints, epicLink, epicName, sprint, rank, acceptanceCriteria, parentLink
}

/// Resolves field ids to display names and concepts. Matching uses the custom field type key
/// first and the display name second, because names are renamed and translated by admins.
struct JiraFieldCatalog: Sendable {
    private(set) var fields: [String: JiraFieldInfo] = [:]

    /// Adds a response's `names` (id → name) and `schema` (id → {type, custom}) maps.
    mutating func add(names: JSONObject?, schema: JSONObject?) {
        for member in names?.members ?? [] {
            guard let name = member.value.stringValue else { continue }
            fields[member.key, default: JiraFieldInfo()].name = name
        }
        for member in schema?.members ?? [] {
            guard let object = member.value.objectValue else { continue }
            fields[member.key, default: JiraFieldInfo()].customType = object["custom"]?.stringValue
            fields[member.key, default: JiraFieldInfo()].type = object["type"]?.stringValue
        }
    }

    /// Adds a `GET /rest/api/{2|3}/field` response: `[{id, name, schema: {type, custom}}]`.
    mutating func add(fieldList value: JSONValue, path: String) throws(SpineError) {
        guard case .array(let elements) = value else {
            throw SpineError.malformed("jira.fields-file", "a field map must be the JSON array returned by /rest/api/3/field, found \(value.kindName)",
                                       at: SourceLocation(path: path))
        }
        for (index, element) in elements.enumerated() {
            let node = try ASTNode(element, JSONPath.appending(path, index: index))
            let id = try node.string("id")
            var info = fields[id] ?? JiraFieldInfo()
            if let name = try node.string(optional: "name") { info.name = name }
            if let schema = node.optional("schema")?.value.objectValue {
                info.customType = schema["custom"]?.stringValue ?? info.customType
                info.type = schema["type"]?.stringValue ?? info.type
            }
            fields[id] = info
        }
    }

    /// Loads the field map named by setting `jira.fields` (a path), when set.
    mutating func load(options: ConversionOptions) throws(SpineError) {
        guard let path = options[setting: "jira.fields"], !path.isEmpty else { return }
        var url = URL(fileURLWithPath: path)
        if !path.hasPrefix("/"), let base = options.baseDirectory {
            let candidate = URL(fileURLWithPath: base).appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: candidate.path) { url = candidate }
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SpineError(.io, code: "jira.fields-file", "cannot read the field map \(path): \(error.localizedDescription)")
        }
        do {
            try add(fieldList: try JSONParser.parse(Array(data)), path: "$")
        } catch {
            var located = error
            located.message = "in field map \(path): " + error.message
            throw located
        }
    }

    /// The display name of field `id`: from the catalog, Jira's system field names, or the id itself.
    func displayName(_ id: String) -> String {
        if let name = fields[id]?.name { return name }
        return JiraFieldCatalog.systemNames[id] ?? id
    }

    /// The concept field `id` stands for, if any.
    func concept(_ id: String) -> JiraConcept? {
        let info = fields[id]
        switch info?.customType {
        case "com.pyxis.greenhopper.jira:jsw-story-points": return .storyPoints
        case "com.pyxis.greenhopper.jira:gh-epic-link": return .epicLink
        case "com.pyxis.greenhopper.jira:gh-epic-label": return .epicName
        case "com.pyxis.greenhopper.jira:gh-sprint": return .sprint
        case "com.pyxis.greenhopper.jira:gh-lexo-rank": return .rank
        case "com.atlassian.jpo:jpo-custom-field-parent": return .parentLink
        default: break
        }
        guard let name = info?.name?.lowercased() else { return nil }
        switch name {
        case "story points", "story point estimate": return .storyPoints
        case "epic link": return .epicLink
        case "epic name": return .epicName
        case "sprint": return .sprint
        case "rank": return .rank
        case "acceptance criteria", "acceptance criterion": return .acceptanceCriteria
        case "parent link": return .parentLink
        default: return nil
        }
    }

    /// Display names of Jira's system fields (used when the response has no `names` map).
    static let systemNames: [String: String] = [
        "project": "Project", "resolution": "Resolution", "resolutiondate": "Resolved", "creator": "Creator",
        "versions": "Affects versions", "attachment": "Attachments", "timetracking": "Time tracking",
        "environment": "Environment", "security": "Security level", "votes": "Votes", "watches": "Watchers",
        "worklog": "Log work", "timeestimate": "Remaining estimate", "timeoriginalestimate": "Original estimate",
        "timespent": "Time spent", "aggregatetimespent": "Σ Time spent", "aggregatetimeestimate": "Σ Remaining estimate",
        "aggregatetimeoriginalestimate": "Σ Original estimate", "progress": "Progress", "aggregateprogress": "Σ Progress",
        "workratio": "Work ratio", "lastViewed": "Last viewed", "statuscategorychangedate": "Status category changed",
        "subtasks": "Sub-tasks", "comment": "Comments", "issuerestriction": "Restrict to", "thumbnail": "Images",
    ]
}
