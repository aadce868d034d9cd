// Which issues implement which requirement: the data behind the traceability matrix.

import SpineCore

/// What the matrix needs of one requirement: far smaller than a `Requirement`, so the
/// streaming path can hold one per issue of a very large file.
struct TraceItem {
    var key: String?
    var issueID: String?
    var summary: String
    var type: String?
    var status: String?
    var statusCategory: StatusCategory?
    var parent: String?
    /// The row of the enclosing requirement, for nested requirements without a parent key.
    var enclosing: Int?
    var links: [IssueLink]

    init(_ requirement: Requirement, enclosing: Int?) {
        key = requirement.key
        issueID = requirement[field: Requirement.FieldName.issueID]?.stringValue
        summary = requirement.summary
        type = requirement.type
        status = requirement.status
        statusCategory = requirement.statusCategory
        parent = requirement.parent
        self.enclosing = enclosing
        links = requirement.links
    }
}

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

    init(items: [TraceItem]) {
        var rowByKey: [String: Int] = [:]
        rowByKey.reserveCapacity(items.count)
        for index in items.indices { if let key = items[index].key, rowByKey[key] == nil { rowByKey[key] = index } }
        var keys: [[String]] = Array(repeating: [], count: items.count)
        // 1. Children.
        for index in items.indices {
            if let parent = items[index].parent {
                if let parentRow = rowByKey[parent] { keys[parentRow].append(items[index].key ?? "") }
            } else if let parentRow = items[index].enclosing {
                keys[parentRow].append(items[index].key ?? "")
            }
        }
        // 2 and 3. Links, from either side.
        var linkStatus: [String: (String?, StatusCategory?)] = [:]
        var reading: [LinkReading: Bool?] = [:]
        for index in items.indices where !items[index].links.isEmpty {
            for link in items[index].links {
                let form = LinkReading(type: link.type, direction: link.direction, sentence: link.description)
                let implementsOther: Bool?
                if let known = reading[form] {
                    implementsOther = known
                } else {
                    implementsOther = Self.implementsOther(link)
                    reading[form] = implementsOther
                }
                guard let implementsOther else { continue }
                if !implementsOther {
                    keys[index].append(link.key)
                    if link.status != nil || link.statusCategory != nil { linkStatus[link.key] = (link.status, link.statusCategory) }
                } else if let target = rowByKey[link.key], let key = items[index].key {
                    keys[target].append(key)
                }
            }
        }
        implementers = keys.map { list in
            if list.isEmpty { return [] }
            var seen: Set<String> = []
            var result: [Implementer] = []
            for key in list where !key.isEmpty && seen.insert(key).inserted {
                let status: String?, category: StatusCategory?
                if let row = rowByKey[key] {
                    (status, category) = (items[row].status, items[row].statusCategory)
                } else {
                    (status, category) = linkStatus[key] ?? (nil, nil)
                }
                result.append(Implementer(key: key, status: status, isDone: Self.isDone(status: status, category: category)))
            }
            return result
        }
    }

    // MARK: - Link reading

    /// The parts of a link that decide how it reads (links repeat these a lot: cache by them).
    private struct LinkReading: Hashable {
        var type: String
        var direction: IssueLink.Direction
        var sentence: String?
    }

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
