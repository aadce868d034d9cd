// Counting a section's issues per status category, with percent done by count and story points.

import SpineCore

/// The status of a set of issues: counts and story points per category.
struct StatusTally {
    /// The rows of the summary, in this order; `unknown` holds issues without a category.
    enum Bucket: Int, CaseIterable {
        case todo, inProgress, done, unknown

        init(_ category: StatusCategory?) {
            switch category {
            case .todo: self = .todo
            case .inProgress: self = .inProgress
            case .done: self = .done
            case nil: self = .unknown
            }
        }

        var label: String {
            switch self {
            case .todo: return StatusCategory.todo.label
            case .inProgress: return StatusCategory.inProgress.label
            case .done: return StatusCategory.done.label
            case .unknown: return "No status category"
            }
        }
    }

    private(set) var counts = [Int](repeating: 0, count: Bucket.allCases.count)
    private(set) var points = [Double](repeating: 0, count: Bucket.allCases.count)
    /// Status names per bucket with their counts.
    private(set) var statusNames = [[String: Int]](repeating: [:], count: Bucket.allCases.count)
    private(set) var estimated = 0
    private(set) var subtaskCount = 0
    private(set) var subtasksDone = 0

    /// Tallies `items` (the section's issues) and `subtasks` (issues nested inside them,
    /// counted apart, as Jira's epic progress does).
    init(items: [Requirement], subtasks: [Requirement]) {
        for item in items {
            let bucket = Bucket(item.resolvedCategory).rawValue
            counts[bucket] += 1
            statusNames[bucket][item.status ?? "(none)", default: 0] += 1
            if let value = item.storyPoints {
                points[bucket] += value
                estimated += 1
            }
        }
        subtaskCount = subtasks.count
        subtasksDone = subtasks.filter { $0.resolvedCategory == .done }.count
    }

    var total: Int { counts.reduce(0, +) }
    var totalPoints: Double { points.reduce(0, +) }
    var hasPoints: Bool { estimated > 0 }

    /// Percent of issues done; nil without issues.
    var percentDone: Int? { BlockKit.percent(Double(counts[Bucket.done.rawValue]), of: Double(total)) }

    /// Percent of story points done; nil when no issue is estimated.
    var percentPointsDone: Int? {
        hasPoints ? BlockKit.percent(points[Bucket.done.rawValue], of: totalPoints) : nil
    }

    // MARK: - Rendering

    /// The status-summary table and the percent-done sentence.
    func blocks() -> [Block] {
        guard total > 0 else { return [BlockKit.note("No issues to count.")] }
        var header = ["Status category", "Issues", "Statuses"]
        if hasPoints { header.insert("Story points", at: 2) }
        var rows: [[[Inline]]] = []
        for bucket in Bucket.allCases where bucket != .unknown || counts[bucket.rawValue] > 0 {
            let names = statusNames[bucket.rawValue].sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            var row: [[Inline]] = [[.text(bucket.label)], [.text(String(counts[bucket.rawValue]))],
                                   [.text(names.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))]]
            if hasPoints { row.insert([.text(BlockKit.points(points[bucket.rawValue]))], at: 2) }
            rows.append(row)
        }
        var totalRow: [[Inline]] = [[.strong([.text("Total")])], [.strong([.text(String(total))])], []]
        if hasPoints { totalRow.insert([.strong([.text(BlockKit.points(totalPoints))])], at: 2) }
        rows.append(totalRow)
        return [BlockKit.table(header: header, rows: rows), .paragraph([.text(sentence)])]
    }

    /// "Done: 4 of 9 issues (44%); 13 of 29 story points (45%), 2 issues unestimated. Sub-tasks: 3 of 7 done."
    var sentence: String {
        var text = "Done: \(counts[Bucket.done.rawValue]) of \(BlockKit.count(total, "issue")) (\(percentDone ?? 0)%)"
        if let percentPointsDone {
            text += "; \(BlockKit.points(points[Bucket.done.rawValue])) of \(BlockKit.points(totalPoints)) story points (\(percentPointsDone)%)"
            if estimated < total { text += ", \(BlockKit.count(total - estimated, "issue")) unestimated" }
        }
        text += "."
        if subtaskCount > 0 { text += " Sub-tasks: \(subtasksDone) of \(subtaskCount) done." }
        return text
    }

    /// "4/9 (44%)" for summary tables.
    var shortProgress: String {
        total == 0 ? "–" : "\(counts[Bucket.done.rawValue])/\(total) (\(percentDone ?? 0)%)"
    }

    /// "13/29 (45%)", or "–" without estimates.
    var shortPointsProgress: String {
        guard let percentPointsDone else { return "–" }
        return "\(BlockKit.points(points[Bucket.done.rawValue]))/\(BlockKit.points(totalPoints)) (\(percentPointsDone)%)"
    }
}
