// Jira CSV columns: which header means which requirement property, and which may repeat.

import SpineCore

/// What one column of a Jira CSV holds.
enum JiraColumn: Hashable, Sendable {
    case summary, key, type, status, statusCategory, priority
    case assignee, assigneeID, reporter, reporterID
    case labels, components, fixVersions
    /// `Parent` (Cloud: the parent's Issue id, or an existing key).
    case parent
    /// `Parent id` / `Parent Id` (sub-task parent by Issue id).
    case parentID
    case description, acceptanceCriteria
    /// `Outward issue link (Blocks)` / `Inward issue link (Blocks)`: one linked issue per column.
    case link(type: String, direction: IssueLink.Direction)
    /// Anything else, filed in `Requirement.fields` under this name.
    case field(String)

    /// The field names that hold one value; a second column for them is an error.
    static let singleValuedFields: Set<String> = [
        Requirement.FieldName.issueID, Requirement.FieldName.created, Requirement.FieldName.updated,
        Requirement.FieldName.dueDate, Requirement.FieldName.resolved, Requirement.FieldName.storyPoints,
        Requirement.FieldName.rank, Requirement.FieldName.epicLink, Requirement.FieldName.epicName,
        "Story point estimate", statusCategoryField, "Parent summary",
    ]
    /// Field names whose value is a list even with a single column.
    static let listFields: Set<String> = [Requirement.FieldName.sprint, Requirement.FieldName.comments]
    /// Field names whose cells are numbers (kept as JSON numbers with their exact spelling).
    static let numericFields: Set<String> = [Requirement.FieldName.storyPoints, "Story point estimate"]
    /// Field names that hold dates (reformatted by the writer when they come from elsewhere).
    static let dateFields: Set<String> = [
        Requirement.FieldName.created, Requirement.FieldName.updated,
        Requirement.FieldName.dueDate, Requirement.FieldName.resolved,
    ]
    /// Where a `Status Category` text that is not `To Do`/`In Progress`/`Done` is kept.
    static let statusCategoryField = "Status Category"

    /// True when a file may hold this column more than once.
    var isRepeatable: Bool {
        switch self {
        case .labels, .components, .fixVersions, .link: return true
        case .field(let name): return !Self.singleValuedFields.contains(name)
        case .summary, .key, .type, .status, .statusCategory, .priority, .assignee, .assigneeID,
             .reporter, .reporterID, .parent, .parentID, .description, .acceptanceCriteria:
            return false
        }
    }

    // MARK: - Header → column

    /// The column a header names. Matching ignores case and surrounding spaces, and accepts
    /// the spellings of Cloud and Data Center exports (`Component/s` and `Components`, …).
    init(header: String) {
        let name = header.trimmingSpaces
        let lower = name.lowercased()
        if let known = Self.knownHeaders[lower] {
            self = known
            return
        }
        for (prefix, direction) in [("outward issue link (", IssueLink.Direction.outward), ("inward issue link (", .inward)]
        where lower.hasPrefix(prefix) && lower.hasSuffix(")") {
            self = .link(type: String(name.dropFirst(prefix.count).dropLast()), direction: direction)
            return
        }
        if lower.hasPrefix("custom field (") && lower.hasSuffix(")") && name.count > 15 {
            let inner = String(name.dropFirst("custom field (".count).dropLast())
            // `Custom field (Story Points)` is the same column as `Story Points`, but
            // `Custom field (Status)` is a custom field, not the system Status.
            switch Self.knownHeaders[inner.lowercased()] {
            case .some(.field(let known)): self = .field(known)
            case .some(.acceptanceCriteria): self = .acceptanceCriteria
            default: self = .field(inner)
            }
            return
        }
        self = .field(name)
    }

    private static let knownHeaders: [String: JiraColumn] = [
        "summary": .summary, "issue key": .key, "key": .key,
        "issue type": .type, "issuetype": .type, "status": .status, "status category": .statusCategory,
        "priority": .priority, "assignee": .assignee, "assignee id": .assigneeID,
        "reporter": .reporter, "reporter id": .reporterID, "labels": .labels,
        "component/s": .components, "components": .components,
        "fix version/s": .fixVersions, "fix versions": .fixVersions,
        "parent": .parent, "parent id": .parentID, "description": .description,
        "acceptance criteria": .acceptanceCriteria,
        "issue id": .field(Requirement.FieldName.issueID),
        "created": .field(Requirement.FieldName.created), "updated": .field(Requirement.FieldName.updated),
        "due date": .field(Requirement.FieldName.dueDate), "resolved": .field(Requirement.FieldName.resolved),
        "story points": .field(Requirement.FieldName.storyPoints), "rank": .field(Requirement.FieldName.rank),
        "sprint": .field(Requirement.FieldName.sprint), "epic link": .field(Requirement.FieldName.epicLink),
        "epic name": .field(Requirement.FieldName.epicName), "comment": .field(Requirement.FieldName.comments),
        "story point estimate": .field("Story point estimate"), "parent summary": .field("Parent summary"),
    ]

    // MARK: - Column → header

    /// The header the writer uses for a column the input did not have.
    var defaultHeader: String {
        switch self {
        case .summary: return "Summary"
        case .key: return "Issue key"
        case .type: return "Issue Type"
        case .status: return "Status"
        case .statusCategory: return "Status Category"
        case .priority: return "Priority"
        case .assignee: return "Assignee"
        case .assigneeID: return "Assignee Id"
        case .reporter: return "Reporter"
        case .reporterID: return "Reporter Id"
        case .labels: return "Labels"
        case .components: return "Component/s"
        case .fixVersions: return "Fix Version/s"
        case .parent: return "Parent"
        case .parentID: return "Parent id"
        case .description: return "Description"
        case .acceptanceCriteria: return "Custom field (Acceptance Criteria)"
        case .link(let type, let direction):
            return (direction == .outward ? "Outward issue link (" : "Inward issue link (") + type + ")"
        case .field(let name):
            switch name {
            case Requirement.FieldName.issueID: return "Issue id"
            case Requirement.FieldName.comments: return "Comment"
            case Requirement.FieldName.storyPoints, Requirement.FieldName.rank, Requirement.FieldName.epicLink,
                 Requirement.FieldName.epicName, "Story point estimate":
                return "Custom field (" + name + ")"
            default:
                // A name that reads back as itself is used as is; otherwise `Custom field (…)`.
                return JiraColumn(header: name) == self ? name : "Custom field (" + name + ")"
            }
        }
    }
}

// MARK: - Layout

/// The columns of one file: each header's meaning, checked for forbidden repeats.
struct JiraColumnLayout: Sendable {
    let headers: [String]
    let columns: [JiraColumn]
    /// Each column's occurrence indices, in file order.
    let indices: [JiraColumn: [Int]]
    /// Columns in order of first appearance.
    let distinct: [JiraColumn]
    /// Each distinct column with its indices and list-ness, for the per-row loop.
    let groups: [(column: JiraColumn, indices: [Int], isList: Bool)]

    /// Maps `headers`; a repeated single-valued column is a located error.
    init(headers: [String]) throws(SpineError) {
        self.headers = headers
        columns = headers.map(JiraColumn.init(header:))
        var indices: [JiraColumn: [Int]] = [:]
        var distinct: [JiraColumn] = []
        for (index, column) in columns.enumerated() {
            if let previous = indices[column] {
                if !column.isRepeatable {
                    throw .malformed("jira-csv.duplicate-header",
                                     "header \"\(headers[index])\" (column \(index + 1)) repeats column \(previous[0] + 1) (\"\(headers[previous[0]])\"), which holds a single value",
                                     at: SourceLocation(line: 1, path: CSVRecordParser.cellPath(row: 1, column: index + 1)))
                }
                indices[column]!.append(index)
            } else {
                indices[column] = [index]
                distinct.append(column)
            }
        }
        self.indices = indices
        self.distinct = distinct
        groups = distinct.map { column in
            let occurrences = indices[column] ?? []
            let isList: Bool
            switch column {
            case .labels, .components, .fixVersions, .link: isList = true
            case .field(let name): isList = JiraColumn.listFields.contains(name) || occurrences.count > 1
            default: isList = false
            }
            return (column, occurrences, isList)
        }
    }

    /// True when a column's value is a list in this file (repeated, or a list field).
    func isList(_ column: JiraColumn) -> Bool {
        groups.first(where: { $0.column == column })?.isList ?? false
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let utf8 = Array(self.utf8)
        var start = 0, end = utf8.count
        while start < end && (utf8[start] == 0x20 || utf8[start] == 0x09) { start += 1 }
        while end > start && (utf8[end - 1] == 0x20 || utf8[end - 1] == 0x09) { end -= 1 }
        return start == 0 && end == utf8.count ? self : String(decoding: utf8[start..<end], as: UTF8.self)
    }
}
