// Options of the collate job: which issues, how they are grouped, which template.

import SpineCore

/// How `Collator` builds its document. The defaults give the PRD template grouped by epic.
public struct CollateOptions: Hashable, Sendable {
    /// What a feature section stands for.
    public enum Grouping: String, Hashable, Sendable, CaseIterable {
        /// One section per epic (and per initiative above epics); the hierarchy decides.
        case epic
        /// One section per component (an issue's first component).
        case component
        /// One section per label (an issue's first label).
        case label
        /// One section per fix version (an issue's first fix version).
        case fixVersion

        /// Parses a command-line spelling: `epic`, `component(s)`, `label(s)`, `fixVersion`,
        /// `fix-version`, `fixversion(s)`; case-insensitive.
        public init?(name: String) {
            switch name.lowercased() {
            case "epic", "epics": self = .epic
            case "component", "components": self = .component
            case "label", "labels": self = .label
            case "fixversion", "fixversions", "fix-version", "fix-versions", "version": self = .fixVersion
            default: return nil
            }
        }
    }

    /// Which sections each feature gets.
    public enum Template: String, Hashable, Sendable, CaseIterable {
        /// Overview, user stories, requirements, Jira issues, dependencies, status, resources,
        /// plus a summary and a traceability section for the whole document.
        case prd
        /// The hierarchy only: a heading per feature, then its requirements.
        case plain

        /// Parses a command-line spelling, case-insensitive.
        public init?(name: String) {
            self.init(rawValue: name.lowercased())
        }
    }

    /// Keep only these issues and everything below them (`--epic KEY`, repeatable). Empty: all.
    public var epics: [String]
    /// What a section stands for (`--group-by`).
    public var groupBy: Grouping
    /// Which sections each feature gets (`--template`).
    public var template: Template
    /// The Jira site (`https://example.atlassian.net`): issue keys link to `<site>/browse/KEY`.
    public var siteURL: String?
    /// The URL a JQL query is appended to (percent-encoded) to open an issue list in Jira;
    /// defaults to `<siteURL>/issues/?jql=` when only the site is known.
    public var jqlBase: String?
    /// The document title; defaults to the single feature's summary or "Requirements".
    public var title: String?
    /// Headings inside descriptions and acceptance criteria are shifted down so the shallowest
    /// is at this level (clamped at 6), below the document's own section headings; nil keeps them.
    public var descriptionHeadingLevel: Int?

    /// Options with the PRD template grouped by epic unless told otherwise.
    public init(epics: [String] = [], groupBy: Grouping = .epic, template: Template = .prd,
                siteURL: String? = nil, jqlBase: String? = nil, title: String? = nil,
                descriptionHeadingLevel: Int? = 5) {
        self.epics = epics
        self.groupBy = groupBy
        self.template = template
        self.siteURL = siteURL
        self.jqlBase = jqlBase
        self.title = title
        self.descriptionHeadingLevel = descriptionHeadingLevel
    }

    /// Applies the format settings collate reads (`--set key=value`): `collate.heading-level`
    /// (1–6, or `keep`). Unknown `collate.*` keys are a usage error; other keys are ignored.
    public mutating func apply(settings: [String: String]) throws(SpineError) {
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) where key.hasPrefix("collate.") {
            switch key {
            case "collate.heading-level":
                if value.lowercased() == "keep" {
                    descriptionHeadingLevel = nil
                } else if let level = Int(value), (1...6).contains(level) {
                    descriptionHeadingLevel = level
                } else {
                    throw SpineError(.usage, code: "collate.bad-setting", "collate.heading-level must be 1 to 6 or keep, not '\(value)'")
                }
            default:
                throw SpineError(.usage, code: "collate.bad-setting", "unknown setting \(key); collate reads collate.heading-level")
            }
        }
    }

    /// The JQL search URL prefix in effect, if any.
    var searchURLPrefix: String? {
        if let jqlBase, !jqlBase.isEmpty { return jqlBase }
        guard let site = trimmedSite else { return nil }
        return site + "/issues/?jql="
    }

    /// The site without a trailing slash.
    var trimmedSite: String? {
        guard var site = siteURL, !site.isEmpty else { return nil }
        while site.hasSuffix("/") { site.removeLast() }
        return site
    }
}
