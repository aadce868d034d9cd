// Reading PRD parts out of descriptions: acceptance criteria, overview headings, story statements, links.

import SpineCore

/// The parts of a PRD overview an epic description may state under a heading or a bold label.
enum OverviewPart: String, CaseIterable {
    case businessGoal = "business goal"
    case problemStatement = "problem statement"
    case successMetrics = "success metrics"

    /// Folded labels that name this part.
    var labels: Set<String> {
        switch self {
        case .businessGoal:
            return ["business goal", "business goals", "goal", "goals", "objective", "objectives", "business value",
                    "business objective", "business objectives", "why"]
        case .problemStatement:
            return ["problem statement", "problem", "problems", "the problem", "problem to solve", "pain points"]
        case .successMetrics:
            return ["success metrics", "success metric", "metrics", "kpis", "kpi", "success criteria",
                    "measures of success", "how we measure success"]
        }
    }
}

enum DescriptionParts {
    /// Folded labels of an acceptance-criteria heading.
    static let acceptanceLabels: Set<String> = [
        "acceptance criteria", "acceptance criterion", "acceptance criterias", "ac", "acs", "acceptance tests",
    ]

    /// A label folded for comparison: lower-case letters and single spaces only
    /// (`**Acceptance Criteria:**` → `acceptance criteria`, `1. Business goal` → `business goal`).
    static func fold(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic {
                if pendingSpace && !result.isEmpty { result += " " }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "\t" || scalar == "-" || scalar == "_" {
                pendingSpace = true
            }
        }
        return result
    }

    /// The folded label a block states: a heading's text, or a paragraph that is only a label
    /// (`*Acceptance criteria:*`), or the bold lead-in of a paragraph (`**Goal:** more text`).
    static func label(of block: Block, leadInAllowed: Bool) -> String? {
        switch block {
        case .heading(let heading):
            return fold(heading.content.plainText)
        case .paragraph(let content):
            let whole = content.plainText
            if whole.trimmingSpaces.hasSuffix(":") || isEmphasisOnly(content) { return fold(whole) }
            if leadInAllowed, let first = content.first {
                switch first {
                case .strong(let inner), .emphasis(let inner): return fold(inner.plainText)
                default: return nil
                }
            }
            return nil
        default:
            return nil
        }
    }

    private static func isEmphasisOnly(_ content: [Inline]) -> Bool {
        let meaningful = content.filter { inline in
            if case .text(let text) = inline { return !text.trimmingSpaces.isEmpty }
            return true
        }
        guard meaningful.count == 1 else { return false }
        switch meaningful[0] {
        case .strong, .emphasis: return true
        default: return false
        }
    }

    // MARK: - Acceptance criteria

    /// Splits acceptance criteria out of a description: the blocks under an "Acceptance criteria"
    /// heading (up to the next heading of the same or a higher level), or the lists right after an
    /// "Acceptance criteria:" label paragraph. Nil when the description has none.
    static func splitAcceptanceCriteria(_ blocks: [Block]) -> (description: [Block], criteria: [Block])? {
        for (position, block) in blocks.enumerated() {
            guard let label = label(of: block, leadInAllowed: false), acceptanceLabels.contains(label) else { continue }
            var end = position + 1
            if case .heading(let heading) = block {
                while end < blocks.count {
                    if case .heading(let next) = blocks[end], next.level <= heading.level { break }
                    end += 1
                }
            } else {
                while end < blocks.count, case .list = blocks[end] { end += 1 }
            }
            guard end > position + 1 else { continue }
            let criteria = Array(blocks[(position + 1)..<end])
            return (Array(blocks[..<position]) + Array(blocks[end...]), criteria)
        }
        return nil
    }

    // MARK: - Overview

    /// Which overview parts the description states as a heading or label at its top level.
    static func overviewParts(in blocks: [Block]) -> Set<OverviewPart> {
        var found: Set<OverviewPart> = []
        for block in blocks {
            guard let label = label(of: block, leadInAllowed: true) else { continue }
            for part in OverviewPart.allCases where part.labels.contains(label) { found.insert(part) }
        }
        return found
    }

    // MARK: - Heading levels

    /// How far the headings of `blocks` must move down for the shallowest to reach `level`.
    static func headingShift(_ blocks: [Block], toAtLeast level: Int) -> Int {
        var shallowest = Int.max
        Block.visit(blocks, block: { block in
            if case .heading(let heading) = block { shallowest = min(shallowest, heading.level) }
        }, inline: { _ in })
        return shallowest == Int.max ? 0 : max(0, level - shallowest)
    }

    /// `blocks` with every heading `shift` levels deeper, at most 6.
    static func shiftingHeadings(_ blocks: [Block], by shift: Int) -> [Block] {
        ASTTransform(block: { block in
            guard case .heading(var heading) = block else { return [block] }
            heading.level = min(6, heading.level + shift)
            return [.heading(heading)]
        }).apply(blocks)
    }

    // MARK: - User stories

    /// The story's "As a …, I want …, so that …" sentence when its summary or a description
    /// paragraph states one; otherwise its summary.
    static func storyStatement(_ requirement: Requirement) -> String {
        if startsLikeStory(requirement.summary) { return requirement.summary }
        for block in requirement.description {
            guard case .paragraph(let content) = block else { continue }
            let text = content.plainText.trimmingSpaces
            if startsLikeStory(text) { return text }
        }
        return requirement.summary
    }

    private static func startsLikeStory(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("as a ") || lower.hasPrefix("as an ") || lower.hasPrefix("as the ")
    }

    // MARK: - Links

    /// Every web and Confluence page link in `blocks`, in reading order.
    static func links(in blocks: [Block]) -> [Link] {
        var found: [Link] = []
        Block.visit(blocks, block: { _ in }, inline: { inline in
            guard case .link(let link) = inline else { return }
            switch link.target {
            case .url(let url):
                let lower = url.lowercased()
                if lower.hasPrefix("http://") || lower.hasPrefix("https://") { found.append(link) }
            case .page: found.append(link)
            case .attachment, .anchor, .issue, .user, .space: break
            }
        })
        return found
    }

    /// The links of a "Remote links" field: an array of URLs, of `{url, title}` objects, or of
    /// Jira remote-link objects (`{"object": {"url", "title"}}`).
    static func remoteLinks(_ value: JSONValue?) -> [Link] {
        guard let items = value?.arrayValue ?? value.map({ [$0] }) else { return [] }
        var found: [Link] = []
        for item in items {
            let object = item["object"] ?? item
            guard let url = object["url"]?.stringValue ?? item.stringValue, !url.isEmpty else { continue }
            let title = object["title"]?.stringValue ?? ""
            found.append(Link(target: .url(url), content: title.isEmpty ? [] : [.text(title)]))
        }
        return found
    }
}
