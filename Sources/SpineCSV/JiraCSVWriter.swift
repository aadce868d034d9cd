// Requirements → a CSV that Jira's importer maps without manual work (format `jira-csv`).

import SpineCore

/// Writes Jira's CSV shape: one row per requirement (parents before children), multi-valued
/// fields as repeated columns, descriptions in wiki markup, the parent by Issue id, dates as
/// `dd/MMM/yy h:mm a`. A document read from a Jira CSV is written back with its own columns
/// in their own order (columns are added only for values the file had no room for).
public struct JiraCSVWriter: FormatWriter {
    public init() {}

    public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
        var diagnostics: [Diagnostic] = []
        let metadata = document.metadata
        let fromCSV = metadata.source?.format == "jira-csv"
        var dialect = try CSVDialect.from(options, defaultSafeFormulas: false,
                                          defaultBOM: metadata[extra: JiraCSVReader.MetadataKey.bom]?.boolValue ?? false)
        if options[setting: CSVDialect.Setting.delimiter] == nil,
           let text = metadata[extra: JiraCSVReader.MetadataKey.delimiter]?.stringValue {
            dialect.delimiter = try CSVDialect.delimiterByte(text)
        }

        var collector = RequirementCollector(document: document)
        if collector.rows.isEmpty && !document.blocks.isEmpty {
            collector = RequirementCollector(document: Document(blocks: [.requirement(RequirementCollector.documentAsRequirement(document))]))
            diagnostics.append(.info("jira-csv.document-as-issue",
                                     "the document holds no requirements; it is written as one issue with the whole body as its description"))
        } else if collector.otherBlocks > 0 {
            diagnostics.append(.warning("jira-csv.content-dropped",
                                        "\(collector.otherBlocks) top-level block(s) outside requirements have no place in a Jira CSV and were left out"))
        }
        let original = metadata[extra: JiraCSVReader.MetadataKey.columns]?.arrayValue?.compactMap(\.stringValue)
        var rows = collector.rows
        // Issue ids first, so keyless parents can be referenced and the layout sees them.
        if original.map({ $0.contains { JiraColumn(header: $0) == .field(Requirement.FieldName.issueID) } }) ?? true {
            Self.assignIssueIDs(&rows, enclosing: collector.enclosingRow, diagnostics: &diagnostics)
        }
        let layout = try Self.layout(original: original, rows: rows)
        let dateSetting = options[setting: CSVDialect.Setting.dateFormat] ?? "jira"
        var renderer = JiraCellRenderer(
            rows: rows, options: options,
            parentsByID: metadata[extra: JiraCSVReader.MetadataKey.parentReferences]?.stringValue != "key",
            linksByID: metadata[extra: JiraCSVReader.MetadataKey.linkReferences]?.stringValue != "key",
            reformatsDates: !fromCSV && dateSetting != "keep",
            epicLinkParentKeys: Set(metadata[extra: JiraCSVReader.MetadataKey.epicLinkParents]?.arrayValue?.compactMap(\.stringValue) ?? []))

        var encoder = CSVEncoder(dialect: dialect, reservingCapacity: rows.count * 256)
        encoder.appendRecord(layout.headers)
        var cells = [String](repeating: "", count: layout.headers.count)
        for row in rows {
            for index in cells.indices { cells[index] = "" }
            for group in layout.groups {
                let values = renderer.values(group.column, of: row)
                for (slot, value) in zip(group.indices, values) { cells[slot] = value }
                if values.count > group.indices.count {
                    diagnostics.append(.warning("jira-csv.value-dropped",
                                                "issue \(row.key ?? row.summary) has \(values.count) values for \"\(layout.headers[group.indices[0]])\", which holds one; the first is kept"))
                }
            }
            encoder.appendRecord(cells)
        }
        diagnostics += renderer.diagnostics
        diagnostics += Self.uncarriedFields(rows)
        if renderer.droppedPersonNames {
            diagnostics.append(.info("jira-csv.person-name-dropped",
                                     "users with an e-mail address are written by e-mail (what the importer maps); their display names are not in the file"))
        }
        if renderer.reformattedDates > 0 {
            diagnostics.append(.info("jira-csv.date-reformatted",
                                     "\(renderer.reformattedDates) ISO-8601 date(s) were written as \(JiraDates.importerPattern); seconds and time-zone offsets are dropped"))
        }
        if encoder.neutralisedCells > 0 {
            diagnostics.append(.info("csv.formula-neutralised",
                                     "\(encoder.neutralisedCells) cell(s) starting with =, +, -, @, tab or CR were prefixed with ' (csv.safe-formulas)"))
        }
        return WriteResult(bytes: encoder.takeBytes(), diagnostics: diagnostics)
    }

    /// Requirement facts a Jira CSV has no column for, reported once per kind.
    static func uncarriedFields(_ rows: [Requirement]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        let withURL = rows.filter { $0.sourceURL != nil }.count
        if withURL > 0 {
            result.append(.info("jira-csv.source-url-dropped",
                                "\(withURL) issue URL(s) have no Jira CSV column and were left out (Jira derives them from the key)"))
        }
        let linkDetails = rows.reduce(0) { count, row in
            count + row.links.filter { $0.summary != nil || $0.status != nil || $0.statusCategory != nil || $0.description != nil }.count
        }
        if linkDetails > 0 {
            result.append(.info("jira-csv.link-details-dropped",
                                "\(linkDetails) issue link(s) carry a sentence, summary or status of the linked issue; a Jira CSV keeps only the link type, direction and issue"))
        }
        return result
    }

    // MARK: - Layout

    /// The output columns: the original headers (widened where rows need more repeats) and then
    /// any column the rows need that the original lacks; or, for other documents, Spine's order.
    static func layout(original: [String]?, rows: [Requirement]) throws(SpineError) -> JiraColumnLayout {
        var needed: [JiraColumn: Int] = [:]
        var order: [JiraColumn] = []
        var listValued: Set<JiraColumn> = []
        for row in rows {
            var counts: [JiraColumn: Int] = [:]
            for column in JiraCellRenderer.columns(of: row) {
                counts[column] = Self.valueCount(column, of: row)
            }
            for field in row.fields where field.value.arrayValue != nil { listValued.insert(.field(field.key)) }
            for (column, count) in counts {
                if needed[column] == nil { order.append(column) }
                needed[column] = max(needed[column] ?? 0, column.isRepeatable ? count : min(count, 1))
            }
        }
        // Keep the first-seen order deterministic: `counts` is a dictionary, so re-sort by the
        // order in which each column first appears in a row's column list.
        order = Self.stableOrder(rows: rows, columns: Set(order))
        var headers: [String] = []
        if let original {
            let originalLayout = try JiraColumnLayout(headers: original)
            let has = Set(originalLayout.columns)
            for (index, header) in original.enumerated() {
                headers.append(header)
                let column = originalLayout.columns[index]
                if let occurrences = originalLayout.indices[column], occurrences.last == index {
                    let extra = (needed[column] ?? 0) - occurrences.count
                    if extra > 0 && column.isRepeatable { headers += Array(repeating: header, count: extra) }
                }
            }
            for column in order where !has.contains(column) && !(column == .parent && has.contains(.parentID)) {
                headers += Array(repeating: column.defaultHeader, count: max(needed[column] ?? 1, 1))
            }
        } else {
            var columns = order
            for required in [JiraColumn.field(Requirement.FieldName.issueID), .summary] where !columns.contains(required) {
                columns.insert(required, at: 0)
            }
            columns = Self.freshOrder.compactMap { kind in columns.first(where: { $0 == kind }) }
                + columns.filter { !Self.freshOrder.contains($0) }
            for column in columns {
                var count = max(needed[column] ?? 1, 1)
                if listValued.contains(column), case .field(let name) = column, !JiraColumn.listFields.contains(name) {
                    count = max(count, 2) // a list field written as one column would read back as a string
                }
                headers += Array(repeating: column.defaultHeader, count: count)
            }
        }
        return try JiraColumnLayout(headers: headers)
    }

    /// The leading columns of a file Spine lays out itself, in this order.
    private static let freshOrder: [JiraColumn] = [
        .summary, .key, .field(Requirement.FieldName.issueID), .type, .status, .statusCategory, .priority,
        .assignee, .assigneeID, .reporter, .reporterID, .labels, .components, .fixVersions, .parent,
        .description, .acceptanceCriteria,
    ]

    private static func stableOrder(rows: [Requirement], columns: Set<JiraColumn>) -> [JiraColumn] {
        var seen: Set<JiraColumn> = []
        var result: [JiraColumn] = []
        for row in rows {
            for column in JiraCellRenderer.columns(of: row) where columns.contains(column) && !seen.contains(column) {
                seen.insert(column)
                result.append(column)
            }
        }
        return result
    }

    /// How many cells a row fills in `column` (without rendering rich text).
    private static func valueCount(_ column: JiraColumn, of row: Requirement) -> Int {
        switch column {
        case .labels: return row.labels.count
        case .components: return row.components.count
        case .fixVersions: return row.fixVersions.count
        case .link(let type, let direction): return row.links.filter { $0.type == type && $0.direction == direction }.count
        case .field(let name):
            return row.fields.filter { $0.key == name }.reduce(0) { $0 + (max($1.value.arrayValue?.count ?? 1, 0)) }
        default: return 1
        }
    }

    // MARK: - Issue ids

    /// Gives every row without an Issue id a number unique in the file, so children can name
    /// their parent by Issue id as the importer expects; keyless parents are linked this way.
    static func assignIssueIDs(_ rows: inout [Requirement], enclosing: [Int?], diagnostics: inout [Diagnostic]) {
        var next = 1
        for row in rows {
            if let id = row[field: Requirement.FieldName.issueID].flatMap(JiraCellRenderer.scalarText), let number = Int(id) {
                next = max(next, number + 1)
            }
        }
        var generated = 0
        for index in rows.indices where rows[index][field: Requirement.FieldName.issueID] == nil {
            rows[index].fields.insert(Field(Requirement.FieldName.issueID, .string(String(next))), at: 0)
            next += 1
            generated += 1
        }
        for index in rows.indices where rows[index].parent == nil && rows[index][field: Requirement.FieldName.parentID] == nil {
            guard let parentRow = enclosing[index],
                  let id = rows[parentRow][field: Requirement.FieldName.issueID] else { continue }
            rows[index].fields.append(Field(Requirement.FieldName.parentID, id))
        }
        if generated > 0 {
            diagnostics.append(.info("jira-csv.issue-ids-generated",
                                     "\(generated) row(s) had no Issue id; numbers unique in this file were assigned so parents can be referenced"))
        }
    }
}
