// Issue links: which mean "implements" (traceability) and which are dependencies and risks.

import SpineCore

/// What an issue link says about implementation, seen from the issue that carries it.
enum ImplementationRole {
    /// This issue implements the other one.
    case implementsOther
    /// The other issue implements this one.
    case implementedByOther

    /// Words in a link type or sentence that mean implementation.
    private static let stems = ["implement", "realiz", "realis", "fulfil", "deliver", "satisf"]

    /// The role of `link`, or nil when it is not an implementation link. The sentence decides
    /// when present (`is implemented by` is passive); otherwise the direction (outward = implements).
    init?(_ link: IssueLink) {
        let sentence = link.description ?? ""
        guard Self.stems.contains(where: { link.type.containsFolded($0) || sentence.containsFolded($0) }) else { return nil }
        if !sentence.isEmpty {
            let passive = sentence.lowercased().hasPrefix("is ") || sentence.containsFolded(" by")
            self = passive ? .implementedByOther : .implementsOther
        } else {
            self = link.direction == .outward ? .implementsOther : .implementedByOther
        }
    }
}

extension IssueLink {
    /// The sentence for this direction: the reader's, else one for Jira's standard link types.
    var sentence: String {
        if let description, !description.trimmingSpaces.isEmpty { return description }
        let outward = direction == .outward
        switch type.lowercased() {
        case "blocks": return outward ? "blocks" : "is blocked by"
        case "relates": return "relates to"
        case "duplicate": return outward ? "duplicates" : "is duplicated by"
        case "cloners": return outward ? "clones" : "is cloned by"
        default: return type + (outward ? " (outward)" : " (inward)")
        }
    }

    /// "Is blocked by" or "depends on": the other issue must finish first.
    var isBlockedBy: Bool {
        let text = sentence
        return text.containsFolded("blocked by") || text.containsFolded("depends on") || text.containsFolded("dependent on")
    }

    /// The link as (type, from, to) with `from` on the outward side, to show each link once.
    func canonical(from key: String) -> [String] {
        direction == .outward ? [type.lowercased(), key, self.key] : [type.lowercased(), self.key, key]
    }
}

/// The "Dependencies & risks" table of a section.
enum Dependencies {
    /// The table for the links of `nodes` (implementation links excluded), open blockers first.
    static func blocks(for nodes: [Int], graph: IssueGraph) -> [Block] {
        var seen: Set<[String]> = []
        var risks: [[[Inline]]] = []
        var others: [[[Inline]]] = []
        for node in nodes {
            let requirement = graph[node].requirement
            guard let key = requirement.key else { continue }
            for link in requirement.links where ImplementationRole(link) == nil {
                guard seen.insert(link.canonical(from: key)).inserted else { continue }
                let other = graph.node(forKey: link.key).map { graph[$0].requirement }
                let otherCategory = other?.resolvedCategory ?? link.statusCategory ?? StatusCategory.guess(fromStatusName: link.status)
                let otherStatus = other?.status ?? link.status
                var notes: [String] = []
                let isOpenBlocker = link.isBlockedBy && requirement.resolvedCategory != .done && otherCategory != .done
                if isOpenBlocker { notes.append("Open blocker") }
                if other == nil { notes.append("Not in this document") }
                let summary = other?.summary ?? link.summary ?? ""
                var otherCell: [Inline] = [BlockKit.issue(link.key)]
                if !summary.isEmpty { otherCell.append(.text(" " + summary)) }
                let row: [[Inline]] = [
                    [BlockKit.issue(key)], [.text(link.sentence)], otherCell,
                    otherStatus == nil && otherCategory == nil ? [.text("unknown")] : [BlockKit.status(otherStatus, otherCategory)],
                    notes.isEmpty ? [] : [.text(notes.joined(separator: "; "))],
                ]
                if isOpenBlocker { risks.append(row) } else { others.append(row) }
            }
        }
        guard !(risks.isEmpty && others.isEmpty) else { return [BlockKit.note("No issue links.")] }
        return [BlockKit.table(header: ["Issue", "Relationship", "Other issue", "Other issue's status", "Risk / note"],
                               rows: risks + others)]
    }
}
