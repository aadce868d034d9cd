// Jira CSV (export or import shape) → a flat list of requirements in row order.

import SpineCore

/// Reads Jira's CSV shape (format `jira-csv`): one `Block.requirement` per row, in row order,
/// with `parent` filled from `Parent` / `Parent id` (Issue ids resolved to keys when the
/// parent row is in the file) or `Epic Link`. Columns Spine does not model are kept as
/// requirement fields, and the header list is kept in the document metadata so the writer
/// puts every column back where it was.
public struct JiraCSVReader: FormatReader {
    /// The reader or writer; settings come with each call's `ConversionOptions`.
    public init() {}

    /// Metadata keys the reader sets (and `JiraCSVWriter` reads).
    public enum MetadataKey {
        /// The header row, in order, as an array of strings.
        public static let columns = "csv.columns"
        /// `true` when the input started with a UTF-8 BOM.
        public static let bom = "csv.bom"
        /// The delimiter the input was read with, when it was not `,`.
        public static let delimiter = "csv.delimiter"
        /// `id` or `key`: how the file's Parent cells name other issues.
        public static let parentReferences = "jira-csv.parent-references"
        /// `id` or `key`: how the file's issue-link cells name other issues.
        public static let linkReferences = "jira-csv.link-references"
        /// Keys of rows whose parent came from the Epic Link column alone (their Parent cell was empty).
        public static let epicLinkParents = "jira-csv.epic-link-parents"
    }

    /// Reads a whole Jira CSV; malformed CSV and repeated single-valued headers are located errors.
    public func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
        var dialect = try CSVDialect.from(options, defaultSafeFormulas: false, defaultBOM: false)
        if options[setting: CSVDialect.Setting.delimiter] == nil { dialect.delimiter = CSVDialect.detectDelimiter(input[...]) }
        var rows = try CSVRows(source: CSVBufferSource(bytes: input, delimiter: dialect.delimiter))
        let layout = try JiraColumnLayout(headers: rows.header)
        var diagnostics = layout.diagnostics
        // A header that names no issue at all (no Summary, Issue key or Issue id) is some other
        // CSV, or not CSV: refuse it rather than turn every line into an empty issue.
        if layout.indices[.summary] == nil, layout.indices[.key] == nil, layout.indices[.field(Requirement.FieldName.issueID)] == nil {
            throw SpineError.malformed("jira-csv.not-jira", "the header row has no Summary, Issue key or Issue id column, so this is not a Jira CSV",
                                       at: SourceLocation(line: 1, column: 1, path: "row 1"))
        }
        if layout.indices[.summary] == nil {
            diagnostics.append(.warning("jira-csv.no-summary", "the header has no Summary column; Jira's importer requires one",
                                        at: SourceLocation(line: 1, path: "row 1")))
        }
        let mapper = JiraRowMapper(layout: layout, options: options)
        var mapped: [JiraRowMapper.Row] = []
        var cells: [String] = []
        while try rows.next(into: &cells) {
            mapped.append(mapper.map(cells, row: rows.source.row, line: rows.source.recordLine, diagnostics: &diagnostics))
        }
        diagnostics += rows.diagnostics
        var references = JiraReferences(rows: mapped)
        let blocks = references.resolve(consume mapped, diagnostics: &diagnostics)

        var metadata = Metadata(source: SourceInfo(format: "jira-csv"))
        metadata.extra.append(Field(MetadataKey.columns, .array(layout.headers.map(JSONValue.string))))
        if rows.source.hadBOM { metadata.extra.append(Field(MetadataKey.bom, .bool(true))) }
        if dialect.delimiter != UInt8(ascii: ",") {
            metadata.extra.append(Field(MetadataKey.delimiter, .string(String(UnicodeScalar(dialect.delimiter)))))
        }
        if let mode = references.parentMode { metadata.extra.append(Field(MetadataKey.parentReferences, .string(mode))) }
        if let mode = references.linkMode { metadata.extra.append(Field(MetadataKey.linkReferences, .string(mode))) }
        if !references.epicLinkParents.isEmpty {
            metadata.extra.append(Field(MetadataKey.epicLinkParents, .array(references.epicLinkParents.map(JSONValue.string))))
        }
        return ReadResult(document: Document(metadata: metadata, blocks: blocks),
                          diagnostics: diagnostics)
    }
}

// MARK: - References

/// Resolves Parent, Epic Link and issue-link cells across the rows of one file: an Issue id
/// of a row in the file becomes that row's key; a key stays a key; an unknown number stays
/// in the `Parent id` field, since Spine cannot know its key.
struct JiraReferences {
    private var keyByIssueID: [String: String] = [:]
    private var keys: Set<String> = []
    /// What the Parent cells and the link cells held: ids, keys.
    private var parentSaw = (id: false, key: false), linkSaw = (id: false, key: false)
    /// Keys of rows whose parent only the Epic Link column gave.
    private(set) var epicLinkParents: [String] = []

    init(rows: [JiraRowMapper.Row]) {
        // By index: a closure over the rows would copy each (large) row.
        self.init(identities: rows.indices.lazy.map {
            (rows[$0].requirement.key, rows[$0].requirement[field: Requirement.FieldName.issueID]?.stringValue)
        }, count: rows.count)
    }

    /// From each row's key and Issue id.
    init(identities: some Sequence<(key: String?, issueID: String?)>, count: Int) {
        keys.reserveCapacity(count)
        keyByIssueID.reserveCapacity(count)
        for (key, issueID) in identities {
            guard let key else { continue }
            keys.insert(key)
            if let issueID { keyByIssueID[issueID] = key }
        }
    }

    /// `id` when the Parent cells name issues by Issue id, `key` when by key, nil when there are none.
    var parentMode: String? { parentSaw.id ? "id" : (parentSaw.key ? "key" : nil) }
    /// The same for issue-link cells.
    var linkMode: String? { linkSaw.id ? "id" : (linkSaw.key ? "key" : nil) }

    /// The key `value` names, or nil for the Issue id of an issue outside the file.
    private func key(for value: String, saw: inout (id: Bool, key: Bool)) -> String? {
        if let key = keyByIssueID[value] {
            saw.id = true
            return key
        }
        if !keys.contains(value) && !value.isEmpty && value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            saw.id = true
            return nil
        }
        saw.key = true
        return value
    }

    /// A row's parent key from its Parent cell, else its Epic Link, and the parent's Issue id
    /// when the cell gave one (kept as the `Parent id` field, as the Jira JSON reader does;
    /// for a parent outside the file it is all Spine knows).
    mutating func resolveParent(_ value: String?, epicLink: String?, key: String?, row: Int,
                                diagnostics: inout [Diagnostic]) -> (key: String?, issueID: String?) {
        if let value {
            if let parent = self.key(for: value, saw: &parentSaw) { return (parent, keyByIssueID[value] != nil ? value : nil) }
            diagnostics.append(.info("jira-csv.parent-not-in-file",
                                     "parent Issue id \(value) is not a row of this file; it is kept as the \"Parent id\" field",
                                     at: SourceLocation(path: "row \(row)")))
            return (nil, value)
        }
        guard let epicLink else { return (nil, nil) }
        var ignored = (id: false, key: false) // the Epic Link cell is written back verbatim
        let parent = self.key(for: epicLink, saw: &ignored)
        if parent != nil, let key { epicLinkParents.append(key) }
        return (parent, nil)
    }

    /// Link targets named by Issue id become keys.
    mutating func resolveLinks(_ links: inout [IssueLink]) {
        for index in links.indices {
            if let key = key(for: links[index].key, saw: &linkSaw) { links[index].key = key }
        }
    }

    /// The rows' requirements, parents and link targets resolved, as requirement blocks.
    mutating func resolve(_ rows: consuming [JiraRowMapper.Row], diagnostics: inout [Diagnostic]) -> [Block] {
        var result: [Block] = []
        result.reserveCapacity(rows.count)
        for index in rows.indices {
            // Move the requirement out of the row instead of copying it.
            var requirement = Requirement(summary: "")
            swap(&requirement, &rows[index].requirement)
            let parent = resolveParent(rows[index].parentValue, epicLink: requirement[field: Requirement.FieldName.epicLink]?.stringValue,
                                       key: requirement.key, row: index + 2, diagnostics: &diagnostics)
            requirement.parent = parent.key
            if let id = parent.issueID { requirement.fields.append(Field(Requirement.FieldName.parentID, .string(id))) }
            resolveLinks(&requirement.links)
            result.append(.requirement(requirement))
        }
        return result
    }
}
