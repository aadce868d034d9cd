// A generated Jira Cloud CSV export of any size, for benchmarks (release mode, spine-bench).

/// Generates a realistic Jira Cloud "all fields" export: BOM, CRLF, 44 columns with repeated
/// Labels/Sprint/Watchers/Comment columns, multi-line wiki descriptions with quotes and commas,
/// non-Latin text, epics → stories → sub-tasks by `Parent` Issue id, and issue links.
public enum JiraCSVCorpus {
    /// About `size` bytes of CSV (a whole number of rows, at least one).
    public static func generate(size: Int) -> [UInt8] {
        var encoder = CSVEncoder(dialect: CSVDialect(writesBOM: true), reservingCapacity: size + 8192)
        encoder.appendRecord(header)
        var row = 0
        var cells = [String](repeating: "", count: header.count)
        var epicID = 0, storyID = 0
        while encoder.bytes.count < size || row == 0 {
            let id = 10_000 + row
            let kind = row % 50 == 0 ? 0 : (row % 5 == 0 ? 2 : 1) // epic, story, sub-task
            if kind == 0 { epicID = id }
            if kind == 1 { storyID = id }
            for index in cells.indices { cells[index] = "" }
            cells[0] = kind == 0 ? "Epic \(row / 50): export pipeline" : "Story \(row): keep \"merged\" cells, commas, and 日本語"
            cells[1] = "REQ-\(row + 1)"
            cells[2] = String(id)
            cells[3] = ["Epic", "Story", "Subtask"][kind]
            cells[4] = ["To Do", "In Progress", "Done", "Code Review"][row % 4]
            cells[5] = "REQ"
            cells[6] = "Requirements"
            cells[7] = ["High", "Medium", "Low"][row % 3]
            cells[9] = "Ada Lovelace"
            cells[10] = "5b10a2844c20165700ede21g"
            cells[11] = "Grace Hopper"
            cells[12] = "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077"
            cells[13] = "03/Mar/25 9:12 AM"
            cells[14] = "14/Jul/25 3:42 PM"
            cells[17] = "export"
            if row % 2 == 0 { cells[18] = "word" }
            cells[23] = "REQ Sprint \(row % 9)"
            cells[25] = "Ada Lovelace"
            cells[29] = description(row)
            cells[30] = String(row % 13)
            cells[31] = "0|i\(String(row, radix: 36)):"
            cells[33] = ["To Do", "In Progress", "Done", "In Progress"][row % 4]
            if kind == 1 { cells[34] = String(epicID) }
            if kind == 2 { cells[34] = String(storyID) }
            if row % 7 == 3 { cells[36] = "REQ-\(row)" }
            if row % 11 == 5 { cells[38] = "REQ-\(row - 4)" }
            cells[41] = "05/Mar/25 8:00 AM;5b10a2844c20165700ede21g;Looks good, \"ship it\"."
            encoder.appendRecord(cells)
            row += 1
        }
        return encoder.takeBytes()
    }

    private static func description(_ row: Int) -> String {
        "h2. Context\r\nRow \(row): teams keep requirements in Jira; reviewers want a \"single\" file, with tables.\r\n\r\n"
            + "* one section per epic\r\n* stories as sub-sections — 結合セル, عمود\r\n\r\n||Field||Word||\r\n|Summary|Heading 2|\r\n"
            + "{code:xml}\r\n<w:gridSpan w:val=\"2\"/>\r\n{code}"
    }

    /// The header row (a Jira Cloud export's column names).
    public static let header = [
        "Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key", "Project name", "Priority", "Resolution",
        "Assignee", "Assignee Id", "Reporter", "Reporter Id", "Created", "Updated", "Resolved", "Due date",
        "Labels", "Labels", "Labels", "Components", "Components", "Fix versions", "Sprint", "Sprint",
        "Watchers", "Watchers", "Watchers Id", "Watchers Id", "Description", "Custom field (Story point estimate)",
        "Custom field (Rank)", "Custom field (Acceptance Criteria)", "Status Category", "Parent", "Parent summary",
        "Outward issue link (Blocks)", "Inward issue link (Blocks)", "Outward issue link (Polaris work item link)",
        "Inward issue link (Polaris work item link)", "Attachment", "Comment", "Comment",
    ]
}
