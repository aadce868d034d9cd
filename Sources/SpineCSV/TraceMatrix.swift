// Which issues implement which requirement: the data behind the traceability matrix.

import SpineCore

/// The implementing issues of each requirement in a flat, parent-first list of rows.
///
/// An issue *implements* requirement R when
/// 1. it is a child of R (its `parent` is R's key, or it is nested inside R), or
/// 2. R has a link to it whose sentence, read from R, is "is implemented by" (or "is realised
///    by", "is satisfied by", "is fulfilled by"), or
/// 3. it has a link to R whose sentence, read from it, is "implements" (or "realises",
///    "satisfies", "fulfils").
/// When a link carries no sentence, the link type decides: a type whose name contains
/// "implement", "realis", "realiz", "satisf", "fulfil" or "polaris work item" reads
/// "X implements Y" in its outward direction, as an "Implements" type and Jira Product
/// Discovery's "Polaris work item link" do (outward "implements", inward "is implemented by").
struct TraceMatrix {
    /// One implementing issue.
    struct Implementer: Hashable {
        var key: String
        var status: String?
        var isDone: Bool
    }

    /// Implementers per row, in order: children first, then linked issues; no repeats.
    private(set) var implementers: [[Implementer]]

    init(rows: [Requirement], enclosing: [Int?]) {
        var rowByKey: [String: Int] = [:]
        for (index, row) in rows.enumerated() { if let key = row.key, rowByKey[key] == nil { rowByKey[key] = index } }
        var keys: [[String]] = Array(repeating: [], count: rows.count)
        // 1. Children.
        for (index, row) in rows.enumerated() {
            if let parent = row.parent, let parentRow = rowByKey[parent] {
                keys[parentRow].append(row.key ?? "")
            } else if row.parent == nil, let parentRow = enclosing[index] {
                keys[parentRow].append(row.key ?? "")
            }
        }
        // 2 and 3. Links, from either side.
        var linkStatus: [String: (String?, StatusCategory?)] = [:]
        for (index, row) in rows.enumerated() {
            for link in row.links {
                guard let implementsOther = Self.implementsOther(link) else { continue }
                if !implementsOther {
                    keys[index].append(link.key)
                    if link.status != nil || link.statusCategory != nil { linkStatus[link.key] = (link.status, link.statusCategory) }
                } else if let target = rowByKey[link.key], let key = row.key {
                    keys[target].append(key)
                }
            }
        }
        implementers = keys.map { list in
            var seen: Set<String> = []
            var result: [Implementer] = []
            for key in list where !key.isEmpty && seen.insert(key).inserted {
                let status: String?, category: StatusCategory?
                if let row = rowByKey[key] {
                    (status, category) = (rows[row].status, rows[row].statusCategory)
                } else {
                    (status, category) = linkStatus[key] ?? (nil, nil)
                }
                result.append(Implementer(key: key, status: status, isDone: Self.isDone(status: status, category: category)))
            }
            return result
        }
    }

    // MARK: - Link reading

    private static let activeWords = ["implements", "realises", "realizes", "satisfies", "fulfils", "fulfills"]
    private static let passiveWords = ["implemented by", "realised by", "realized by", "satisfied by", "fulfilled by"]
    /// Includes Jira Product Discovery's "Polaris work item link" (outward "implements").
    private static let typeWords = ["implement", "realis", "realiz", "satisf", "fulfil", "polaris work item"]

    /// For an implements-style link on issue X: true when X implements the other issue, false
    /// when the other issue implements X, nil for any other kind of link.
    static func implementsOther(_ link: IssueLink) -> Bool? {
        if let sentence = link.description?.lowercased() {
            if passiveWords.contains(where: { sentence.contains($0) }) { return false }
            if activeWords.contains(where: { sentence.contains($0) }) { return true }
        }
        let type = link.type.lowercased()
        guard typeWords.contains(where: { type.contains($0) }) else { return nil }
        return link.direction == .outward
    }

    /// Done by status category, or, without one, by a status named like Jira's done statuses.
    static func isDone(status: String?, category: StatusCategory?) -> Bool {
        if let category { return category == .done }
        guard let status = status?.lowercased() else { return false }
        return ["done", "closed", "resolved", "complete", "completed"].contains(status)
    }
}
