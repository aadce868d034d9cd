// AST → Jira REST create payloads: the public writer of the `jira` format.

import SpineADF
import SpineCore
import SpineJiraWiki

/// Writes issue-create payloads for the requirements in a document: `{"fields":{…}}` for one
/// (`POST /rest/api/3/issue`), `{"issueUpdates":[…]}` for several (`POST /rest/api/3/issue/bulk`).
/// Requirements are found anywhere in the document, children after their parent.
///
/// Settings: `jira.project` (project key), `jira.api` (`3`, default: ADF descriptions; `2`: wiki
/// markup), `jira.parent` (parent key for top-level requirements), `jira.issuetype` (type when a
/// requirement has none; default `Story`, `Sub-task` under a non-epic parent),
/// `jira.acceptance-field` (field id that receives acceptance criteria; default: appended to the description).
public struct JiraWriter: FormatWriter {
    public init() {}

    public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
        var writer = PayloadBuilder(options: options)
        writer.collect(document.blocks, parent: nil)
        if writer.payloads.isEmpty {
            writer.diagnostics.append(.warning("jira.no-requirements", "the document holds no requirements; nothing to create"))
        }
        let value: JSONValue
        if writer.payloads.count == 1 {
            value = writer.payloads[0]
        } else {
            if writer.payloads.count > 50 {
                writer.diagnostics.append(.info("jira.bulk-limit", "\(writer.payloads.count) issues: Jira's bulk create accepts at most 50 per call; send them in batches"))
            }
            value = .object(JSONObject([JSONObject.Member("issueUpdates", .array(writer.payloads))]))
        }
        return WriteResult(bytes: JSONWriter(indent: 2).write(value), diagnostics: writer.diagnostics)
    }
}

/// Collects requirements and builds one payload each.
struct PayloadBuilder {
    let options: ConversionOptions
    let useWiki: Bool
    var payloads: [JSONValue] = []
    var diagnostics: [Diagnostic] = []
    private var unwrittenFields: [String] = []

    init(options: ConversionOptions) {
        self.options = options
        useWiki = options[setting: "jira.api"] == "2"
    }

    // MARK: - Finding requirements

    /// Builds a payload for every requirement in `blocks`, in the order `forEachRequirement` gives.
    mutating func collect(_ blocks: [Block], parent: Requirement?) {
        PayloadBuilder.forEachRequirement(in: blocks, parent: parent) { requirement, parent in
            payloads.append(payload(for: requirement, parent: parent))
        }
    }

    /// Visits the requirements in `blocks` (inside sections, layouts and other containers too,
    /// not in tables, footnotes or descriptions), each followed by its children, with the
    /// requirement each sits under.
    static func forEachRequirement(in blocks: [Block], parent: Requirement?, _ visit: (Requirement, Requirement?) -> Void) {
        for block in blocks {
            switch block {
            case .requirement(let requirement): visitTree(requirement, parent: parent, visit)
            case .quote(let inner): forEachRequirement(in: inner, parent: parent, visit)
            case .panel(let panel): forEachRequirement(in: panel.blocks, parent: parent, visit)
            case .expand(let expand): forEachRequirement(in: expand.blocks, parent: parent, visit)
            case .division(let division): forEachRequirement(in: division.blocks, parent: parent, visit)
            case .layout(let layout):
                for section in layout.sections { for column in section.columns { forEachRequirement(in: column.blocks, parent: parent, visit) } }
            case .list(let list): for item in list.items { forEachRequirement(in: item.blocks, parent: parent, visit) }
            case .paragraph, .heading, .code, .rule, .table, .tableOfContents, .image, .issueQuery, .footnote, .raw: break
            }
        }
    }

    private static func visitTree(_ requirement: Requirement, parent: Requirement?, _ visit: (Requirement, Requirement?) -> Void) {
        visit(requirement, parent)
        for child in requirement.children { visitTree(child, parent: requirement, visit) }
    }

    // MARK: - One payload

    private mutating func payload(for requirement: Requirement, parent: Requirement?) -> JSONValue {
        let name = requirement.key ?? requirement.summary
        var fields = JSONObject()
        // The project: the setting, the key's prefix, or a read payload's `project: {key}` (kept as field Project).
        if let project = PayloadBuilder.project(of: requirement, setting: options[setting: "jira.project"]) {
            fields.append("project", ["key": .string(project)])
        } else {
            diagnostics.append(.warning("jira.no-project", "no project for \"\(name)\"; set jira.project (--project)"))
        }
        let type = requirement.type ?? options[setting: "jira.issuetype"] ?? PayloadBuilder.defaultType(under: parent)
        fields.append("issuetype", ["name": .string(type)])
        fields.append("summary", .string(summary(requirement.summary, name)))
        var description = requirement.description
        if !requirement.acceptanceCriteria.isEmpty {
            if let field = options[setting: "jira.acceptance-field"] {
                fields.append(field, richText(requirement.acceptanceCriteria))
            } else {
                description = PayloadBuilder.description(requirement)
            }
        }
        if !description.isEmpty { fields.append("description", richText(description)) }
        if !requirement.labels.isEmpty { fields.append("labels", .array(requirement.labels.map { .string(label($0)) })) }
        if !requirement.components.isEmpty { fields.append("components", .array(requirement.components.map { ["name": .string($0)] })) }
        if !requirement.fixVersions.isEmpty { fields.append("fixVersions", .array(requirement.fixVersions.map { ["name": .string($0)] })) }
        if let priority = requirement.priority { fields.append("priority", ["name": .string(priority)]) }
        if let id = requirement.assignee?.accountID {
            fields.append("assignee", [useWiki ? "name" : "accountId": .string(id)])
        }
        if let due = PayloadBuilder.dueDate(of: requirement) { fields.append("duedate", .string(due)) }
        if let parentKey = parentKey(requirement, parent: parent) { fields.append("parent", ["key": .string(parentKey)]) }
        if !requirement.links.isEmpty {
            diagnostics.append(.info("jira.links-not-created", "issue links of \"\(name)\" are not part of a create payload; create them with POST /issueLink"))
        }
        return .object(JSONObject([JSONObject.Member("fields", .object(fields))]))
    }

    /// The parent key: the requirement's own, the enclosing requirement's key, or setting `jira.parent`.
    private mutating func parentKey(_ requirement: Requirement, parent: Requirement?) -> String? {
        if let parent {
            if let key = parent.key { return key }
            diagnostics.append(.warning("jira.parent-unknown", "\"\(requirement.summary)\" belongs under \"\(parent.summary)\", which has no key yet; create the parent first, then set parent on the child"))
            return requirement.parent
        }
        return requirement.parent ?? options[setting: "jira.parent"]
    }

    private mutating func richText(_ blocks: [Block]) -> JSONValue {
        if useWiki {
            let result = JiraWikiWriter().text(for: blocks, options: options)
            diagnostics += result.diagnostics
            return .string(result.text)
        }
        let result = ADFWriter().document(for: blocks, options: options)
        diagnostics += result.diagnostics
        return result.value
    }

    private mutating func summary(_ text: String, _ name: String) -> String {
        let single = PayloadBuilder.oneLine(text)
        if single.truncated {
            diagnostics.append(.warning("jira.summary-truncated", "summary of \"\(name)\" cut to Jira's 255 characters"))
        }
        if single.text.isEmpty { diagnostics.append(.warning("jira.empty-summary", "requirement \(name) has an empty summary; Jira will reject it")) }
        return single.text
    }

    private mutating func label(_ text: String) -> String {
        guard text.contains(" ") else { return text }
        diagnostics.append(.info("jira.label-spaces", "Jira labels cannot contain spaces; \"\(text)\" written with hyphens"))
        return PayloadBuilder.hyphenated(text)
    }

    // MARK: - Field values (shared with JiraLossiness)

    /// The summary on one line (line breaks joined by spaces), cut to Jira's 255 characters.
    static func oneLine(_ text: String) -> (text: String, truncated: Bool) {
        let single = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        return single.count > 255 ? (String(single.prefix(255)), true) : (single, false)
    }

    /// A label with its spaces as hyphens.
    static func hyphenated(_ label: String) -> String {
        label.contains(" ") ? label.replacingOccurrences(of: " ", with: "-") : label
    }

    /// The issue type for a requirement without one (and no `jira.issuetype`).
    static func defaultType(under parent: Requirement?) -> String {
        parent == nil || parent?.type?.lowercased() == "epic" ? "Story" : "Sub-task"
    }

    /// The description with the acceptance criteria appended under a heading.
    static func description(_ requirement: Requirement) -> [Block] {
        guard !requirement.acceptanceCriteria.isEmpty else { return requirement.description }
        return requirement.description + [.heading(Heading(level: 3, content: [.text(RequirementLayout.acceptanceHeading)]))]
            + requirement.acceptanceCriteria
    }

    /// The project key: the setting, the key's prefix, or a read payload's field Project.
    static func project(of requirement: Requirement, setting: String?) -> String? {
        setting ?? requirement.key.flatMap(projectKey) ?? requirement[field: "Project"]?["key"]?.stringValue
    }

    /// Field Due date as Jira's `duedate` (the date part of a timestamp).
    static func dueDate(of requirement: Requirement) -> String? {
        requirement[field: Requirement.FieldName.dueDate]?.stringValue.map { String($0.prefix(10)) }
    }

    /// `PROJ` from `PROJ-12`.
    static func projectKey(_ key: String) -> String? {
        guard let hyphen = key.lastIndex(of: "-"), hyphen != key.startIndex else { return nil }
        return String(key[..<hyphen])
    }
}
