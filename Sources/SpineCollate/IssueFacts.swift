// What the collator reads off one requirement: kind, status category, points, rank, sort order.

import SpineCore

// MARK: - Kinds and fields

extension Requirement {
    /// The type name folded for comparison: lower case, letters only (`Sub-task` → `subtask`).
    var foldedType: String {
        var bytes: [UInt8] = []
        for byte in (type ?? "").utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            default: continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The numeric Jira id of a field (`Issue id`, `Parent id`), as text.
    func idField(_ name: String) -> String? {
        switch self[field: name] {
        case .string(let text): return text.trimmingSpaces.isEmpty ? nil : text.trimmingSpaces
        case .number(let text): return text
        default: return nil
        }
    }

    /// An epic: type "Epic", or an issue carrying an Epic Name (Data Center epics).
    var isEpic: Bool {
        if foldedType == "epic" { return true }
        if let name = self[field: Requirement.FieldName.epicName]?.stringValue, !name.isEmpty { return true }
        return false
    }

    /// A sub-task by its type (`Sub-task`, `Subtask`, `Technical sub-task`, …).
    var isSubtaskType: Bool { foldedType.contains("subtask") }

    /// A story or requirement: the issue types that state what to build (traceability sources).
    var isRequirementType: Bool {
        ["story", "userstory", "requirement", "feature", "newfeature", "improvement", "enhancement"].contains(foldedType)
    }

    /// A user story, for the PRD's "User stories" section.
    var isStory: Bool { foldedType == "story" || foldedType == "userstory" }

    /// The status category: the reader's value, else guessed from common status names.
    var resolvedCategory: StatusCategory? {
        if let statusCategory { return statusCategory }
        return StatusCategory.guess(fromStatusName: status)
    }

    /// Story points (the "Story Points" field, or Cloud's "Story point estimate").
    var storyPoints: Double? {
        for name in [Requirement.FieldName.storyPoints, "Story point estimate"] {
            guard let value = self[field: name] else { continue }
            switch value {
            case .number(let text): if let number = Double(text) { return number }
            case .string(let text): if let number = Double(text.trimmingSpaces) { return number }
            default: continue
            }
        }
        return nil
    }

    /// The Jira rank (a LexoRank string), when the input has one.
    var rank: String? {
        guard let text = self[field: Requirement.FieldName.rank]?.stringValue, !text.isEmpty else { return nil }
        return text
    }

    /// The parent named by the requirement: `parent`, else the Epic Link field, else the
    /// Parent Link field (Advanced Roadmaps on Data Center: epic → initiative).
    var declaredParent: String? {
        if let parent, !parent.trimmingSpaces.isEmpty { return parent.trimmingSpaces }
        for name in [Requirement.FieldName.epicLink, "Parent Link"] {
            if let link = self[field: name]?.stringValue, !link.trimmingSpaces.isEmpty { return link.trimmingSpaces }
        }
        return nil
    }
}

extension StatusCategory {
    /// A category for inputs without one (some CSV exports): the usual English status names.
    static func guess(fromStatusName name: String?) -> StatusCategory? {
        guard let name = name?.lowercased().trimmingSpaces, !name.isEmpty else { return nil }
        switch name {
        case "done", "closed", "resolved", "released", "complete", "completed", "shipped", "won't do", "won't fix":
            return .done
        case "to do", "todo", "open", "new", "backlog", "selected for development", "reopened", "ready":
            return .todo
        case "in progress", "in review", "in development", "in qa", "in test", "testing", "review", "code review", "blocked":
            return .inProgress
        default:
            return nil
        }
    }

    /// The label the status summary shows.
    var label: String {
        switch self {
        case .todo: return "To do"
        case .inProgress: return "In progress"
        case .done: return "Done"
        }
    }

    /// The lozenge colour Jira uses for the category.
    var colour: String {
        switch self {
        case .todo: return "Grey"
        case .inProgress: return "Blue"
        case .done: return "Green"
        }
    }
}

// MARK: - Ordering

/// The sort key of an issue among its siblings: rank when present, else key number, else input order.
struct OrderKey: Comparable {
    var rank: String?
    /// The key's project part; nil for keyless requirements, which sort after keyed ones.
    var project: String?
    var number: Int
    var inputIndex: Int

    init(_ requirement: Requirement, inputIndex: Int) {
        rank = requirement.rank
        self.inputIndex = inputIndex
        let parts = IssueKey(requirement.key)
        project = parts?.project
        number = parts?.number ?? Int.max
    }

    static func < (a: OrderKey, b: OrderKey) -> Bool {
        switch (a.rank, b.rank) {
        case let (left?, right?) where left != right: return left.utf8.lexicographicallyPrecedes(right.utf8)
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        switch (a.project, b.project) {
        case let (left?, right?):
            if left != right { return left.utf8.lexicographicallyPrecedes(right.utf8) }
            if a.number != b.number { return a.number < b.number }
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): break
        }
        return a.inputIndex < b.inputIndex
    }
}

/// A Jira key split into project and number (`PROJ-12` → `PROJ`, 12).
struct IssueKey {
    var project: String
    var number: Int?

    init?(_ key: String?) {
        guard let key, !key.isEmpty else { return nil }
        guard let dash = key.lastIndex(of: "-") else {
            project = key
            number = nil
            return
        }
        project = String(key[..<dash])
        number = Int(key[key.index(after: dash)...])
    }
}

// MARK: - Small string helpers

extension String {
    /// True when `needle` (lower-case ASCII) occurs in this string, ignoring ASCII case.
    /// Byte-level, so it stays cheap on every link of a large export.
    func containsFolded(_ needle: String) -> Bool {
        let haystack = Array(utf8), pattern = Array(needle.utf8)
        guard !pattern.isEmpty, haystack.count >= pattern.count else { return pattern.isEmpty }
        for start in 0...(haystack.count - pattern.count) {
            var matched = true
            for offset in 0..<pattern.count {
                var byte = haystack[start + offset]
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
                if byte != pattern[offset] {
                    matched = false
                    break
                }
            }
            if matched { return true }
        }
        return false
    }

    /// Without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
