// The requirement node: what makes Spine's AST a requirements AST.

/// A requirement: a Jira issue, a row of a Jira CSV, a PRD's user story or a Word section.
/// Every reader that knows about requirements produces this node; every writer renders it.
public struct Requirement: Hashable, Sendable {
    /// The Jira key (`PROJ-12`) or a local id (`REQ-3`, `US-1`).
    public var key: String?
    public var summary: String
    /// Epic, Story, Task, Bug, Sub-task, Requirement, …
    public var type: String?
    public var status: String?
    public var statusCategory: StatusCategory?
    public var priority: String?
    public var assignee: Person?
    public var reporter: Person?
    public var labels: [String]
    public var components: [String]
    public var fixVersions: [String]
    /// The parent's key (team-managed `parent`, company-managed Epic Link, sub-task parent).
    public var parent: String?
    public var links: [IssueLink]
    public var description: [Block]
    public var acceptanceCriteria: [Block]
    public var children: [Requirement]
    /// A URL a person can open.
    public var sourceURL: String?
    /// Every other field, in source order, keyed by display name where known
    /// (see `Requirement.FieldName` for the names Spine itself reads).
    public var fields: [Field]

    public init(key: String? = nil, summary: String, type: String? = nil, status: String? = nil,
                statusCategory: StatusCategory? = nil, priority: String? = nil, assignee: Person? = nil,
                reporter: Person? = nil, labels: [String] = [], components: [String] = [],
                fixVersions: [String] = [], parent: String? = nil, links: [IssueLink] = [],
                description: [Block] = [], acceptanceCriteria: [Block] = [], children: [Requirement] = [],
                sourceURL: String? = nil, fields: [Field] = []) {
        self.key = key
        self.summary = summary
        self.type = type
        self.status = status
        self.statusCategory = statusCategory
        self.priority = priority
        self.assignee = assignee
        self.reporter = reporter
        self.labels = labels
        self.components = components
        self.fixVersions = fixVersions
        self.parent = parent
        self.links = links
        self.description = description
        self.acceptanceCriteria = acceptanceCriteria
        self.children = children
        self.sourceURL = sourceURL
        self.fields = fields
    }

    /// The value of the first field called `name`.
    public subscript(field name: String) -> JSONValue? {
        fields.first(where: { $0.key == name })?.value
    }

    /// Names of the fields Spine reads by name, so every reader files them the same way.
    public enum FieldName {
        /// The Jira numeric issue id (CSV "Issue id").
        public static let issueID = "Issue id"
        public static let created = "Created"
        public static let updated = "Updated"
        public static let dueDate = "Due date"
        public static let resolved = "Resolved"
        public static let storyPoints = "Story Points"
        public static let rank = "Rank"
        public static let sprint = "Sprint"
        public static let epicName = "Epic Name"
        public static let epicLink = "Epic Link"
        public static let parentID = "Parent id"
        public static let comments = "Comments"
        public static let remoteLinks = "Remote links"
    }
}

/// Jira's status category: the language-independent meaning of a status.
public enum StatusCategory: String, Hashable, Sendable, CaseIterable {
    /// Jira key `new`.
    case todo
    /// Jira key `indeterminate`.
    case inProgress
    /// Jira key `done`.
    case done
}

/// A person as Jira shows them.
public struct Person: Hashable, Sendable {
    public var displayName: String?
    /// Cloud account id, or Data Center user name/key.
    public var accountID: String?
    public var email: String?
    public init(displayName: String? = nil, accountID: String? = nil, email: String? = nil) {
        self.displayName = displayName
        self.accountID = accountID
        self.email = email
    }
}

/// A link from one issue to another.
public struct IssueLink: Hashable, Sendable {
    public enum Direction: String, Hashable, Sendable, CaseIterable {
        case inward, outward
    }
    /// The link type's name (`Blocks`, `Relates`).
    public var type: String
    public var direction: Direction
    /// The sentence for this direction (`blocks`, `is blocked by`), when known.
    public var description: String?
    /// The other issue's key.
    public var key: String
    public var summary: String?
    public var status: String?
    public var statusCategory: StatusCategory?
    public init(type: String, direction: Direction, description: String? = nil, key: String,
                summary: String? = nil, status: String? = nil, statusCategory: StatusCategory? = nil) {
        self.type = type
        self.direction = direction
        self.description = description
        self.key = key
        self.summary = summary
        self.status = status
        self.statusCategory = statusCategory
    }
}
