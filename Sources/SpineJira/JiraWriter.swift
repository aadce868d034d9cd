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

    /// Walks blocks for requirements (inside sections, layouts and other containers too).
    mutating func collect(_ blocks: [Block], parent: Requirement?) {
        for block in blocks {
            switch block {
            case .requirement(let requirement): add(requirement, parent: parent)
            case .quote(let inner): collect(inner, parent: parent)
            case .panel(let panel): collect(panel.blocks, parent: parent)
            case .expand(let expand): collect(expand.blocks, parent: parent)
            case .division(let division): collect(division.blocks, parent: parent)
            case .layout(let layout): for section in layout.sections { for column in section.columns { collect(column.blocks, parent: parent) } }
            case .list(let list): for item in list.items { collect(item.blocks, parent: parent) }
            case .paragraph, .heading, .code, .rule, .table, .tableOfContents, .image, .issueQuery, .footnote, .raw: break
            }
        }
    }

    private mutating func add(_ requirement: Requirement, parent: Requirement?) {
        payloads.append(payload(for: requirement, parent: parent))
        for child in requirement.children { add(child, parent: requirement) }
    }

    // MARK: - One payload

    private mutating func payload(for requirement: Requirement, parent: Requirement?) -> JSONValue {
        let name = requirement.key ?? requirement.summary
        var fields = JSONObject()
        // The project: the setting, the key's prefix, or a read payload's `project: {key}` (kept as field Project).
        if let project = options[setting: "jira.project"] ?? requirement.key.flatMap(PayloadBuilder.projectKey)
            ?? requirement[field: "Project"]?["key"]?.stringValue {
            fields.append("project", ["key": .string(project)])
        } else {
            diagnostics.append(.warning("jira.no-project", "no project for \"\(name)\"; set jira.project (--project)"))
        }
        let type = requirement.type ?? options[setting: "jira.issuetype"]
            ?? (parent == nil || parent?.type?.lowercased() == "epic" ? "Story" : "Sub-task")
        fields.append("issuetype", ["name": .string(type)])
        fields.append("summary", .string(summary(requirement.summary, name)))
        var description = requirement.description
        if !requirement.acceptanceCriteria.isEmpty {
            if let field = options[setting: "jira.acceptance-field"] {
                fields.append(field, richText(requirement.acceptanceCriteria))
            } else {
                description.append(.heading(Heading(level: 3, content: [.text(RequirementLayout.acceptanceHeading)])))
                description += requirement.acceptanceCriteria
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
        if let due = requirement[field: Requirement.FieldName.dueDate]?.stringValue { fields.append("duedate", .string(String(due.prefix(10)))) }
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
        var single = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        if single.count > 255 {
            diagnostics.append(.warning("jira.summary-truncated", "summary of \"\(name)\" cut to Jira's 255 characters"))
            single = String(single.prefix(255))
        }
        if single.isEmpty { diagnostics.append(.warning("jira.empty-summary", "requirement \(name) has an empty summary; Jira will reject it")) }
        return single
    }

    private mutating func label(_ text: String) -> String {
        guard text.contains(" ") else { return text }
        diagnostics.append(.info("jira.label-spaces", "Jira labels cannot contain spaces; \"\(text)\" written with hyphens"))
        return text.replacingOccurrences(of: " ", with: "-")
    }

    /// `PROJ` from `PROJ-12`.
    static func projectKey(_ key: String) -> String? {
        guard let hyphen = key.lastIndex(of: "-"), hyphen != key.startIndex else { return nil }
        return String(key[..<hyphen])
    }
}
