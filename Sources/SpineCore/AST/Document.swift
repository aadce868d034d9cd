// The root of Spine's requirements AST: a document and its metadata.

/// A whole document: what every reader produces and every writer consumes.
public struct Document: Hashable, Sendable {
    /// Title, space, parent, labels, source and other document-level facts.
    public var metadata: Metadata
    /// The body, in reading order.
    public var blocks: [Block]

    public init(metadata: Metadata = Metadata(), blocks: [Block] = []) {
        self.metadata = metadata
        self.blocks = blocks
    }
}

/// Document-level facts: front matter, Confluence page properties, Jira fields without a better home.
public struct Metadata: Hashable, Sendable {
    /// The page or document title.
    public var title: String?
    /// Confluence space key.
    public var spaceKey: String?
    /// The parent page: its id, its title, or both.
    public var parent: PageReference?
    /// Confluence labels, Jira labels or front-matter tags, in source order.
    public var labels: [String]
    /// Where the document came from.
    public var source: SourceInfo?
    /// Everything else, in source order (front-matter keys, page properties, unmapped fields).
    public var extra: [Field]

    public init(title: String? = nil, spaceKey: String? = nil, parent: PageReference? = nil,
                labels: [String] = [], source: SourceInfo? = nil, extra: [Field] = []) {
        self.title = title
        self.spaceKey = spaceKey
        self.parent = parent
        self.labels = labels
        self.source = source
        self.extra = extra
    }

    /// True when no field is set.
    public var isEmpty: Bool {
        title == nil && spaceKey == nil && parent == nil && labels.isEmpty && source == nil && extra.isEmpty
    }

    /// The value of the first extra field called `key`.
    public subscript(extra key: String) -> JSONValue? {
        extra.first(where: { $0.key == key })?.value
    }
}

/// A page named by id, by title, or both.
public struct PageReference: Hashable, Sendable {
    public var id: String?
    public var title: String?
    public init(id: String? = nil, title: String? = nil) {
        self.id = id
        self.title = title
    }
}

/// Provenance of a document or requirement.
public struct SourceInfo: Hashable, Sendable {
    /// Registry name of the format read (`confluence`, `jira`, `markdown`, …).
    public var format: String
    /// The id in the source system (page id, issue id).
    public var id: String?
    /// A URL a person can open.
    public var url: String?
    /// The source's version number (Confluence page version).
    public var version: Int?
    public init(format: String, id: String? = nil, url: String? = nil, version: Int? = nil) {
        self.format = format
        self.id = id
        self.url = url
        self.version = version
    }
}

/// One ordered key/value pair whose value may be any JSON shape.
public struct Field: Hashable, Sendable {
    public var key: String
    public var value: JSONValue
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// One ordered string attribute: the escape hatch for format details the AST does not name
/// (a code macro's `theme`, a table's `data-layout`, an inline comment's `ac:ref`).
public struct Attribute: Hashable, Sendable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == Attribute {
    /// The value of the first attribute called `name`.
    public subscript(named name: String) -> String? {
        first(where: { $0.name == name })?.value
    }
}
