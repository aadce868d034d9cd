// One Jira CSV row → one Requirement (references are resolved later, across all rows).

import SpineCore
import SpineJiraWiki

/// Turns the cells of one row into a `Requirement`, following a file's column layout.
/// Parent and link cells are kept as written; `JiraReferences` resolves Issue ids to keys
/// once every row is known.
struct JiraRowMapper {
    let layout: JiraColumnLayout
    /// False in the streaming trace path, which never needs descriptions.
    var parsesRichText = true
    let options: ConversionOptions

    /// Attribute on the `.division` that wraps a description whose wiki text the wiki writer
    /// would not reproduce byte for byte: it holds the original text, so CSV → AST → CSV
    /// gives the same cell while the blocks stay readable for every other writer.
    static let wikiSourceAttribute = "jira-wiki-source"

    /// A mapped row and the reference cells still to resolve.
    struct Row {
        var requirement: Requirement
        /// The first non-empty `Parent` / `Parent id` cell.
        var parentValue: String?
    }

    // MARK: - Mapping

    func map(_ cells: [String], row: Int, line: Int, diagnostics: inout [Diagnostic]) -> Row {
        var requirement = Requirement(summary: "")
        var parentValue: String?
        var assignee = Person(), reporter = Person()
        for group in layout.groups {
            let column = group.column, indices = group.indices
            // One column (most of them): no list is built.
            let first: String
            var values: [String] = []
            if indices.count == 1 {
                first = cells[indices[0]]
                if first.isEmpty { continue }
                if group.isList { values = [first] }
            } else {
                var sawEmpty = false
                for index in indices {
                    let cell = cells[index]
                    if cell.isEmpty {
                        sawEmpty = true
                    } else {
                        if sawEmpty { reportGap(column, row: row, line: line, column: index, &diagnostics) }
                        values.append(cell)
                    }
                }
                guard let firstValue = values.first else { continue }
                first = firstValue
            }
            switch column {
            case .summary: requirement.summary = first
            case .key: requirement.key = first
            case .type: requirement.type = first
            case .status: requirement.status = first
            case .statusCategory:
                if let category = Self.statusCategory(named: first) {
                    requirement.statusCategory = category
                } else {
                    requirement.fields.append(Field(JiraColumn.statusCategoryField, .string(first)))
                }
            case .priority: requirement.priority = first
            case .assignee: Self.setPersonName(first, on: &assignee)
            case .assigneeID: assignee.accountID = first
            case .reporter: Self.setPersonName(first, on: &reporter)
            case .reporterID: reporter.accountID = first
            case .labels: requirement.labels += values
            case .components: requirement.components += values
            case .fixVersions: requirement.fixVersions += values
            case .parent, .parentID: if parentValue == nil { parentValue = first }
            case .description:
                requirement.description = richText(first, row: row, line: line, column: indices[0], &diagnostics)
            case .acceptanceCriteria:
                requirement.acceptanceCriteria = richText(first, row: row, line: line, column: indices[0], &diagnostics)
            case .link(let type, let direction):
                requirement.links += values.map { IssueLink(type: type, direction: direction, key: $0) }
            case .field(let name):
                if group.isList {
                    requirement.fields.append(Field(name, .array(values.map(JSONValue.string))))
                } else if JiraColumn.numericFields.contains(name) && Self.isJSONNumber(first) {
                    requirement.fields.append(Field(name, .number(first)))
                } else {
                    requirement.fields.append(Field(name, .string(first)))
                }
            }
        }
        if assignee != Person() { requirement.assignee = assignee }
        if reporter != Person() { requirement.reporter = reporter }
        return Row(requirement: requirement, parentValue: parentValue)
    }

    private func reportGap(_ column: JiraColumn, row: Int, line: Int, column index: Int, _ diagnostics: inout [Diagnostic]) {
        diagnostics.append(.info("jira-csv.multi-value-gap",
                                 "\"\(layout.headers[index])\" has an empty column before this value; the values are kept in order without the gap",
                                 at: SourceLocation(line: line, path: CSVRecordParser.cellPath(row: row, column: index + 1))))
    }

    // MARK: - Rich text

    /// A wiki-markup cell as blocks (see `wikiSourceAttribute`).
    private func richText(_ text: String, row: Int, line: Int, column: Int, _ diagnostics: inout [Diagnostic]) -> [Block] {
        guard parsesRichText else { return [] }
        let result = JiraWikiReader().blocks(from: text, options: options)
        let cellPath = CSVRecordParser.cellPath(row: row, column: column + 1)
        for diagnostic in result.diagnostics {
            var moved = diagnostic
            let inner = diagnostic.location.map { " " + $0.description } ?? ""
            moved.location = SourceLocation(line: line, path: cellPath + inner)
            diagnostics.append(moved)
        }
        let blocks = result.document.blocks
        if JiraWikiWriter().text(for: blocks, options: options).text == text { return blocks }
        return [.division(Division(attributes: [Attribute(Self.wikiSourceAttribute, text)], blocks: blocks))]
    }

    // MARK: - Cell values

    /// `To Do`, `In Progress`, `Done` (Jira's English category names).
    static func statusCategory(named name: String) -> StatusCategory? {
        switch name {
        case "To Do": return .todo
        case "In Progress": return .inProgress
        case "Done": return .done
        default: return nil
        }
    }

    /// The English name of a status category, as Jira exports it.
    static func name(of category: StatusCategory) -> String {
        switch category {
        case .todo: return "To Do"
        case .inProgress: return "In Progress"
        case .done: return "Done"
        }
    }

    /// A user cell: an e-mail address (what the Cloud importer maps best) or a display name.
    private static func setPersonName(_ text: String, on person: inout Person) {
        if text.utf8.contains(UInt8(ascii: "@")) && !text.utf8.contains(0x20) {
            person.email = text
        } else {
            person.displayName = text
        }
    }

    /// True for a JSON number literal (`5`, `-1.5`, `2e3`), so the value keeps its spelling.
    static func isJSONNumber(_ text: String) -> Bool {
        var utf8 = Array(text.utf8)[...]
        if utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        func digits(_ s: inout ArraySlice<UInt8>) -> Int {
            var count = 0
            while let byte = s.first, byte >= 0x30 && byte <= 0x39 { s = s.dropFirst(); count += 1 }
            return count
        }
        let whole = digits(&utf8)
        if whole == 0 || (whole > 1 && text.utf8.first(where: { $0 != UInt8(ascii: "-") }) == 0x30) { return false }
        if utf8.first == UInt8(ascii: ".") {
            utf8 = utf8.dropFirst()
            if digits(&utf8) == 0 { return false }
        }
        if utf8.first == UInt8(ascii: "e") || utf8.first == UInt8(ascii: "E") {
            utf8 = utf8.dropFirst()
            if utf8.first == UInt8(ascii: "+") || utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
            if digits(&utf8) == 0 { return false }
        }
        return utf8.isEmpty
    }
}
