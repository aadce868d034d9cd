// Requirement → the cell values of each Jira CSV column (a list for repeatable columns).

import SpineCore
import SpineJiraWiki

/// Renders the values a requirement has for each column. References to other issues are
/// written as Issue ids when the referenced row has one (Jira's importer links by Issue id)
/// unless the document came from a file that referred by key.
struct JiraCellRenderer {
    let rows: [Requirement]
    let options: ConversionOptions
    /// Write Parent cells as Issue ids (true) or keys (false).
    let parentsByID: Bool
    /// Write issue-link cells as Issue ids (true) or keys (false).
    let linksByID: Bool
    /// Reformat ISO-8601 date fields into `JiraDates.importerPattern`.
    let reformatsDates: Bool
    /// Rows whose parent the Epic Link column carries (their Parent cell stays empty).
    let epicLinkParentKeys: Set<String>
    private var issueIDByKey: [String: String] = [:]
    /// Lossy steps noticed while rendering, reported once each by the writer.
    private(set) var droppedPersonNames = false
    private(set) var reformattedDates = 0
    private(set) var diagnostics: [Diagnostic] = []

    init(rows: [Requirement], options: ConversionOptions, parentsByID: Bool, linksByID: Bool, reformatsDates: Bool,
         epicLinkParentKeys: Set<String>) {
        self.rows = rows
        self.options = options
        self.parentsByID = parentsByID
        self.linksByID = linksByID
        self.reformatsDates = reformatsDates
        self.epicLinkParentKeys = epicLinkParentKeys
        for row in rows {
            if let key = row.key, let id = row[field: Requirement.FieldName.issueID].flatMap(Self.scalarText) {
                issueIDByKey[key] = id
            }
        }
    }

    // MARK: - Columns

    /// The columns a requirement has values for, in the writer's default order (fields last).
    static func columns(of requirement: Requirement) -> [JiraColumn] {
        var result: [JiraColumn] = [.summary]
        if requirement.key != nil { result.append(.key) }
        if requirement.type != nil { result.append(.type) }
        if requirement.status != nil { result.append(.status) }
        if requirement.statusCategory != nil || requirement[field: JiraColumn.statusCategoryField] != nil {
            result.append(.statusCategory)
        }
        if requirement.priority != nil { result.append(.priority) }
        if let assignee = requirement.assignee {
            result.append(.assignee)
            if assignee.accountID != nil { result.append(.assigneeID) }
        }
        if let reporter = requirement.reporter {
            result.append(.reporter)
            if reporter.accountID != nil { result.append(.reporterID) }
        }
        if !requirement.labels.isEmpty { result.append(.labels) }
        if !requirement.components.isEmpty { result.append(.components) }
        if !requirement.fixVersions.isEmpty { result.append(.fixVersions) }
        if requirement.parent != nil || requirement[field: Requirement.FieldName.parentID] != nil { result.append(.parent) }
        if !requirement.description.isEmpty { result.append(.description) }
        if !requirement.acceptanceCriteria.isEmpty { result.append(.acceptanceCriteria) }
        for link in requirement.links { result.append(.link(type: link.type, direction: link.direction)) }
        for field in requirement.fields where field.key != JiraColumn.statusCategoryField
            && field.key != Requirement.FieldName.parentID {
            result.append(.field(field.key))
        }
        return result
    }

    /// A row's values for `column`; an empty list when it has none.
    mutating func values(_ column: JiraColumn, of row: Requirement) -> [String] {
        switch column {
        case .summary: return [row.summary]
        case .key: return row.key.map { [$0] } ?? []
        case .type: return row.type.map { [$0] } ?? []
        case .status: return row.status.map { [$0] } ?? []
        case .statusCategory:
            if let category = row.statusCategory { return [JiraRowMapper.name(of: category)] }
            return row[field: JiraColumn.statusCategoryField].flatMap(Self.scalarText).map { [$0] } ?? []
        case .priority: return row.priority.map { [$0] } ?? []
        case .assignee: return personName(row.assignee)
        case .assigneeID: return row.assignee?.accountID.map { [$0] } ?? []
        case .reporter: return personName(row.reporter)
        case .reporterID: return row.reporter?.accountID.map { [$0] } ?? []
        case .labels: return row.labels
        case .components: return row.components
        case .fixVersions: return row.fixVersions
        case .parent, .parentID:
            if let key = row.key, epicLinkParentKeys.contains(key) { return [] }
            if let parent = row.parent { return [reference(parent, byID: parentsByID)] }
            return row[field: Requirement.FieldName.parentID].flatMap(Self.scalarText).map { [$0] } ?? []
        case .description: return richText(row.description, row: row, what: "description")
        case .acceptanceCriteria: return richText(row.acceptanceCriteria, row: row, what: "acceptance criteria")
        case .link(let type, let direction):
            return row.links.filter { $0.type == type && $0.direction == direction }.map { reference($0.key, byID: linksByID) }
        case .field(let name):
            var result: [String] = []
            for field in row.fields where field.key == name { appendCells(field.value, name: name, to: &result) }
            return result
        }
    }

    /// The Issue id of a row in the file, or the key itself.
    private func reference(_ key: String, byID: Bool) -> String {
        byID ? (issueIDByKey[key] ?? key) : key
    }

    private mutating func personName(_ person: Person?) -> [String] {
        guard let person else { return [] }
        if let email = person.email {
            if person.displayName != nil { droppedPersonNames = true }
            return [email]
        }
        return person.displayName.map { [$0] } ?? []
    }

    // MARK: - Values

    private mutating func appendCells(_ value: JSONValue, name: String, to cells: inout [String]) {
        if case .array(let items) = value {
            for item in items { appendCells(item, name: name, to: &cells) }
            return
        }
        guard var text = Self.scalarText(value) else {
            cells.append(JSONWriter.compact.string(value))
            return
        }
        if reformatsDates && JiraColumn.dateFields.contains(name), let date = JiraDates.importerText(fromISO: text) {
            text = date
            reformattedDates += 1
        }
        cells.append(text)
    }

    /// A value's cell text: strings as is, numbers as spelled, objects by their `name`,
    /// `value`, `displayName` or `key` member (Jira's option, version and sprint objects).
    static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        case .object(let object):
            for member in ["name", "value", "displayName", "key"] {
                if let text = object[member]?.stringValue { return text }
            }
            return nil
        case .array: return nil
        }
    }

    /// Rich text as wiki markup, with the writer's diagnostics moved to the issue.
    private mutating func richText(_ blocks: [Block], row: Requirement, what: String) -> [String] {
        if blocks.isEmpty { return [] }
        let rendered = Self.wikiText(blocks, options: options)
        let place = "issue " + (row.key ?? row.summary) + " " + what
        for diagnostic in rendered.diagnostics {
            var moved = diagnostic
            moved.location = SourceLocation(path: place + (diagnostic.location.map { " " + $0.description } ?? ""))
            diagnostics.append(moved)
        }
        return [rendered.text]
    }

    /// The wiki markup for a cell: the original text of a `JiraRowMapper.wikiSourceAttribute`
    /// division while its blocks are still what that text reads as, otherwise the blocks rendered.
    static func wikiText(_ blocks: [Block], options: ConversionOptions) -> (text: String, diagnostics: [Diagnostic]) {
        if blocks.count == 1, case .division(let division) = blocks[0],
           let source = division.attributes[named: JiraRowMapper.wikiSourceAttribute] {
            if JiraWikiReader().blocks(from: source, options: options).document.blocks == division.blocks {
                return (source, [])
            }
            return JiraWikiWriter().text(for: division.blocks, options: options)
        }
        return JiraWikiWriter().text(for: blocks, options: options)
    }
}
