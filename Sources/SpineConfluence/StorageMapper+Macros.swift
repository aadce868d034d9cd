// Macro mapping: code, noformat, panels, expand, toc, jira, status, anchor, details; others raw.

import SpineCore
import SpineXML

extension StorageMapper {
    /// Macros Confluence ships that Spine keeps raw (no AST node); unknown names get a warning instead.
    static let knownRawMacros: Set<String> = [
        "children", "excerpt", "include", "excerpt-include", "attachments", "recently-updated", "pagetree", "gallery",
        "contentbylabel", "content-report-table", "detailssummary", "blog-posts", "roadmap", "section", "column", "html",
        "profile", "tasks-report-macro", "livesearch", "create-from-template", "viewpdf", "view-file", "widget", "iframe",
        "multimedia", "chart", "spaces", "jiracharts", "jira-chart", "mention", "user-profile", "network", "change-history",
        "panel", "loremipsum", "decisionreport", "listlabels", "popular-labels", "related-labels", "recently-used-labels",
        "index", "calendar", "favpages", "global-reports", "content-by-user", "toc-zone", "noformat", "code", "info", "note",
        "warning", "tip", "expand", "toc", "jira", "status", "anchor", "details",
    ]

    private static let panelKinds: [String: Panel.Kind] = ["info": .info, "note": .note, "warning": .warning, "tip": .tip]

    /// The code, message and severity for a macro kept raw: info for Confluence's own macros, a warning for unknown ones.
    private func rawMacroNote(_ macro: StorageMacro) -> (String, String, Severity) {
        if StorageMapper.knownRawMacros.contains(macro.name) { return ("storage.raw", "macro '\(macro.name)' kept raw", .info) }
        return ("storage.unknown-macro", "unknown macro '\(macro.name)' kept raw", .warning)
    }

    // MARK: - Block macros

    func blockMacro(_ element: XMLElement) -> Block {
        let macro = StorageMacro(element)
        guard macro.isSimple else {
            return rawBlock(element, "storage.raw", "macro '\(macro.name)' has parameters or content Spine does not model; kept raw")
        }
        switch (macro.name, macro.body) {
        case ("code", .plain(let text)):
            return .code(CodeBlock(language: macro.parameter("language"), text: text, title: macro.parameter("title"),
                                   attributes: macro.extraAttributes(excluding: ["language", "title"])))
        case ("code", .none):
            let text = ""
            return .code(CodeBlock(language: macro.parameter("language"), text: text, title: macro.parameter("title"),
                                   attributes: macro.extraAttributes(excluding: ["language", "title"])))
        case ("noformat", .plain(let text)):
            return .code(CodeBlock(text: text, attributes: [Attribute(StorageConvention.codeForm, "noformat")]
                                   + macro.extraAttributes(excluding: [])))
        case (let name, .rich(let body)) where StorageMapper.panelKinds[name] != nil:
            return .panel(Panel(kind: StorageMapper.panelKinds[name] ?? .info, title: macro.parameter("title"), blocks: blocks(body),
                                attributes: macro.extraAttributes(excluding: ["title"])))
        case ("panel", .rich(let body)):
            return .panel(Panel(kind: .custom("panel"), title: macro.parameter("title"), blocks: blocks(body),
                                attributes: macro.extraAttributes(excluding: ["title"])))
        case ("expand", .rich(let body)):
            return .expand(Expand(title: macro.parameter("title"), blocks: blocks(body), attributes: macro.extraAttributes(excluding: ["title"])))
        case ("toc", .none):
            return .tableOfContents(TableOfContents(attributes: macro.extraAttributes(excluding: [])))
        case ("jira", .none) where macro.parameter("jqlQuery") != nil:
            return .issueQuery(issueQuery(macro))
        case ("details", .rich(let body)):
            let content = blocks(body)
            if pageProperties == nil, macro.parameter("id") != StorageConvention.requirementMarker {
                pageProperties = StorageMapper.properties(of: content)
            }
            return .division(Division(attributes: [Attribute(StorageConvention.macro, "details")] + macro.extraAttributes(excluding: []),
                                      blocks: content))
        default:
            if StorageClassifier.inlineMacros.contains(macro.name) {
                let mapped = inlineMacro(element)
                return .paragraph([mapped])
            }
            let (code, message, severity) = rawMacroNote(macro)
            return rawBlock(element, code, message, severity: severity)
        }
    }

    private func issueQuery(_ macro: StorageMacro) -> IssueQuery {
        let columnsText = macro.parameter("columns")
        let columns = columnsText.map { $0.split(separator: ",").map { String($0) } } ?? []
        let maximum = macro.parameter("maximumIssues")
        var named: Set<String> = ["jqlQuery"]
        if columns.joined(separator: ",") == (columnsText ?? "") { named.insert("columns") }
        if let maximum, let value = Int(maximum), String(value) == maximum { named.insert("maximumIssues") }
        let maxResults = named.contains("maximumIssues") ? maximum.flatMap { Int($0) } : nil
        return IssueQuery(jql: macro.parameter("jqlQuery") ?? "", columns: named.contains("columns") ? columns : [],
                          maxResults: maxResults, attributes: macro.extraAttributes(excluding: named))
    }

    /// Two-column header/value rows of a page-properties table, as metadata fields.
    static func properties(of blocks: [Block]) -> [Field]? {
        guard case .table(let table)? = blocks.first(where: { if case .table = $0 { return true }; return false }) else { return nil }
        var fields: [Field] = []
        for row in table.rows where row.cells.count == 2 && row.cells[0].header {
            let key = RequirementLayout.plain(row.cells[0].blocks).trimmingSpaces
            if !key.isEmpty { fields.append(Field(key, .string(RequirementLayout.plain(row.cells[1].blocks).trimmingSpaces))) }
        }
        return fields.isEmpty ? nil : fields
    }

    // MARK: - Inline macros

    func inlineMacro(_ element: XMLElement) -> Inline {
        let macro = StorageMacro(element)
        guard macro.isSimple else {
            return rawInline(element, "storage.raw", "macro '\(macro.name)' has parameters or content Spine does not model; kept raw")
        }
        switch (macro.name, macro.body) {
        case ("status", .none):
            let subtle = macro.parameter("subtle")
            var named: Set<String> = ["title", "colour"]
            if subtle == "true" { named.insert("subtle") }
            return wrapMacro(.status(Status(text: macro.parameter("title") ?? "", colour: macro.parameter("colour"), subtle: subtle == "true")),
                             macro, named: named)
        case ("anchor", .none):
            guard let name = macro.parameter("") else { break }
            return wrapMacro(.anchor(name), macro, named: [""])
        case ("jira", .none):
            if let key = macro.parameter("key"), macro.parameter("jqlQuery") == nil {
                return .issue(IssueReference(key: key, attributes: macro.extraAttributes(excluding: ["key"])))
            }
        default:
            break
        }
        let (code, message, severity) = rawMacroNote(macro)
        return rawInline(element, code, message, severity: severity)
    }

    /// Keeps macro attributes and parameters the inline node has no field for in a Span.
    private func wrapMacro(_ inline: Inline, _ macro: StorageMacro, named: Set<String>) -> Inline {
        wrap(inline, "ac:structured-macro", macro.extraAttributes(excluding: named))
    }
}

extension String {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
