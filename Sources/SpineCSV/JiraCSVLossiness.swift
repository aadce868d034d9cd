// The jira-csv format's documented lossiness as a function: what writing a document as a Jira
// CSV and reading it back yields (FormatDescriptor.normalize, used by the property tests).

import SpineCore
import SpineJiraWiki

/// Maps a document that was not read from a CSV to what `JiraCSVReader().read(JiraCSVWriter().write(d))`
/// gives, following Formats/csv.md ("Writing jira-csv" and "Lossiness"): only requirements stay,
/// one per row, depth first, with generated Issue ids; rich text goes through wiki markup.
enum JiraCSVLossiness {
    static func normalize(_ document: Document) -> Document {
        var collector = RequirementCollector<Requirement>(document: document)
        if collector.rows.isEmpty && !document.blocks.isEmpty {
            collector = RequirementCollector<Requirement>(document: Document(blocks: [.requirement(RequirementCollector.documentAsRequirement(document))]))
        }
        var rows = collector.rows
        var ignored: [Diagnostic] = []
        JiraCSVWriter.assignIssueIDs(&rows, enclosing: collector.enclosingRow, diagnostics: &ignored)
        let keyByID = Dictionary(rows.compactMap { row in issueID(row).map { ($0, row.key) } }, uniquingKeysWith: { first, _ in first })
        let idByKey = Dictionary(rows.compactMap { row in row.key.flatMap { key in issueID(row).map { (key, $0) } } }, uniquingKeysWith: { first, _ in first })
        let fieldOrder = customFieldOrder(rows)
        // A field is a list when any row gives it several cells or an array (written over at least two columns).
        let listFields = Set(fieldOrder.filter { name in
            JiraColumn.listFields.contains(name) || rows.contains { row in
                cells(row, name).count > 1 || row.fields.contains { field in
                    if field.key == name, case .array = field.value { return true }
                    return false
                }
            }
        })
        let blocks = rows.map { row -> Block in
            .requirement(normalize(row, keyByID: keyByID, idByKey: idByKey, fieldOrder: fieldOrder, listFields: listFields))
        }
        return Document(metadata: Metadata(source: SourceInfo(format: "jira-csv")), blocks: blocks)
    }

    private static func issueID(_ row: Requirement) -> String? {
        row[field: Requirement.FieldName.issueID].flatMap(JiraCellRenderer.scalarText)
    }

    private static func normalize(_ row: Requirement, keyByID: [String: String?], idByKey: [String: String],
                                  fieldOrder: [String], listFields: Set<String>) -> Requirement {
        var result = Requirement(summary: row.summary)
        result.key = nonEmpty(row.key)
        result.type = nonEmpty(row.type)
        result.status = nonEmpty(row.status)
        result.statusCategory = row.statusCategory
        result.priority = nonEmpty(row.priority)
        result.assignee = person(row.assignee)
        result.reporter = person(row.reporter)
        result.labels = row.labels.filter { !$0.isEmpty }
        result.components = row.components.filter { !$0.isEmpty }
        result.fixVersions = row.fixVersions.filter { !$0.isEmpty }
        result.description = richText(row.description)
        result.acceptanceCriteria = richText(row.acceptanceCriteria)
        // Links keep type, direction and key (written as the Issue id of a row in the file).
        result.links = row.links.map { IssueLink(type: $0.type, direction: $0.direction, key: $0.key) }
        // The Parent cell holds the parent's Issue id when its row has one: read back as that
        // row's key, with the id kept as the field `Parent id` (as the Jira JSON reader does).
        var parentID: String?
        if let parent = row.parent {
            if let id = idByKey[parent] {
                parentID = id
                result.parent = keyByID[id] ?? nil
            } else if keyByID[parent] != nil {
                parentID = parent
                result.parent = keyByID[parent] ?? nil
            } else if parent.allSatisfy(\.isNumber) {
                parentID = parent   // a number not in the file: `jira-csv.parent-not-in-file`
            } else {
                result.parent = parent
            }
        } else if let id = row[field: Requirement.FieldName.parentID].flatMap(JiraCellRenderer.scalarText), !id.isEmpty {
            parentID = id
            result.parent = keyByID[id] ?? nil
        }
        // Fields in column order: Issue id, a non-standard Status Category, Parent id, then the rest.
        var fields: [Field] = []
        if let id = issueID(row) { fields.append(Field(Requirement.FieldName.issueID, .string(id))) }
        if row.statusCategory == nil, let text = row[field: JiraColumn.statusCategoryField].flatMap(JiraCellRenderer.scalarText), !text.isEmpty {
            if let category = JiraRowMapper.statusCategory(named: text) { result.statusCategory = category }
            else { fields.append(Field(JiraColumn.statusCategoryField, .string(text))) }
        }
        if let parentID { fields.append(Field(Requirement.FieldName.parentID, .string(parentID))) }
        for name in fieldOrder {
            let values = cells(row, name)
            guard let first = values.first else { continue }
            if listFields.contains(name) {
                fields.append(Field(name, .array(values.map(JSONValue.string))))
            } else if JiraColumn.numericFields.contains(name), JiraRowMapper.isJSONNumber(first) {
                fields.append(Field(name, .number(first)))
            } else {
                fields.append(Field(name, .string(first)))
            }
        }
        result.fields = fields
        return result
    }

    // MARK: - Values

    private static func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }

    /// Users are written by e-mail when known (the display name is then lost), else by name;
    /// an e-mail-like name reads back as an e-mail.
    private static func person(_ person: Person?) -> Person? {
        guard let person else { return nil }
        var result = Person()
        if let name = nonEmpty(person.email ?? person.displayName) {
            if name.contains("@") && !name.contains(" ") { result.email = name } else { result.displayName = name }
        }
        result.accountID = nonEmpty(person.accountID)
        return result == Person() ? nil : result
    }

    /// Rich text is wiki markup in a cell; a text the wiki writer would not give back byte for
    /// byte is kept beside its blocks (`JiraRowMapper.wikiSourceAttribute`).
    private static func richText(_ blocks: [Block]) -> [Block] {
        guard !blocks.isEmpty else { return [] }
        let wiki = JiraWikiFormats.descriptors.first { $0.name == "jira-wiki" }?.normalize ?? { $0 }
        let text = JiraWikiWriter().text(for: blocks, options: ConversionOptions()).text
        guard !text.isEmpty else { return [] }
        let normal = wiki(Document(blocks: blocks)).blocks
        if JiraWikiWriter().text(for: normal, options: ConversionOptions()).text == text { return normal }
        return [.division(Division(attributes: [Attribute(JiraRowMapper.wikiSourceAttribute, text)], blocks: normal))]
    }

    /// The cells a field fills in a row (arrays spread over repeated columns, objects by name).
    private static func cells(_ row: Requirement, _ name: String) -> [String] {
        var result: [String] = []
        func append(_ value: JSONValue) {
            if case .array(let items) = value { items.forEach(append); return }
            let text = JiraCellRenderer.scalarText(value) ?? JSONWriter.compact.string(value)
            let date = JiraColumn.dateFields.contains(name) ? JiraDates.importerText(fromISO: text) : nil
            if !(date ?? text).isEmpty { result.append(date ?? text) }
        }
        for field in row.fields where field.key == name { append(field.value) }
        return result
    }

    /// Custom fields in the order their columns are written: first seen across the rows.
    private static func customFieldOrder(_ rows: [Requirement]) -> [String] {
        let fixed: Set = [Requirement.FieldName.issueID, Requirement.FieldName.parentID, JiraColumn.statusCategoryField]
        var seen = Set<String>()
        var order: [String] = []
        for row in rows {
            for field in row.fields where !fixed.contains(field.key) && seen.insert(field.key).inserted { order.append(field.key) }
        }
        return order
    }
}
