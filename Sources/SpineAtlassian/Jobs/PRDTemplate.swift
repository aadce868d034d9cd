// The PRD page body: SpineCollate's PRD template over the epic and its issues, or a built-in
// page when no `jira` reader is registered.

import SpineCollate
import SpineCore

/// Builds the PRD document. With a `jira` reader in the registry the epic and its issues are
/// read as requirements and collated with the PRD template (which carries live `jira` macros);
/// without one, a built-in page: the epic's summary and description, a live `jira` macro for
/// its issues, and the sections a PRD needs. Its metadata is what the page is published with.
struct PRDTemplate {
    let registry: FormatRegistry
    let site: AtlassianSite
    let options: PRDOptions

    /// Issues of an epic on Cloud (team-managed and company-managed both fill `parent`).
    static func childJQL(_ epic: String) -> String { "parent = \(epic) ORDER BY rank" }

    func title(_ epic: JSONValue) -> String {
        options.title ?? "PRD: \(epic["fields"]?["summary"]?.stringValue ?? options.epic) (\(options.epic))"
    }

    /// The collate PRD template over the epic and its issues; nil when no `jira` reader is registered.
    func collated(epic: JSONValue, children: [JSONValue]) throws -> (document: Document, diagnostics: [FileDiagnostic])? {
        guard let reader = registry.format(named: "jira")?.reader else { return nil }
        let title = title(epic)
        var conversion = options.conversion
        conversion.siteURL = conversion.siteURL ?? site.baseURL
        conversion.sourceName = options.epic
        let read = try reader.read(JSONWriter.compact.write(.array([epic] + children)), options: conversion)
        let collateOptions = CollateOptions(epics: [options.epic], template: .prd, siteURL: site.baseURL, title: title)
        let collation = try Collator(options: collateOptions).collate(Collator.requirements(in: read.document))
        let serverAttributes = serverAttributes()
        let withServer = ASTTransform(
            block: { block in
                guard case .issueQuery(var query) = block else { return [block] }
                for attribute in serverAttributes where query.attributes[named: attribute.name] == nil { query.attributes.append(attribute) }
                return [.issueQuery(query)]
            })
        var document = withServer.apply(collation.document)
        document.metadata.title = title
        document.metadata.spaceKey = options.space
        document.metadata.labels = ["prd", "spine"]
        document.metadata.source = SourceInfo(format: "jira", id: epic["id"]?.stringValue, url: site.issueURL(key: options.epic))
        let diagnostics = (read.diagnostics + collation.diagnostics).map { FileDiagnostic(file: title, diagnostic: $0) }
        return (document, diagnostics)
    }

    func document(epic: JSONValue, children: [JSONValue]) throws -> (document: Document, diagnostics: [FileDiagnostic]) {
        let fields = epic["fields"] ?? .null
        let title = title(epic)
        var diagnostics: [FileDiagnostic] = []
        var blocks: [Block] = []
        blocks.append(.paragraph([.text("Epic: "), .issue(IssueReference(key: options.epic, attributes: serverAttributes())),
                                  .text(" — status " + (fields["status"]?["name"]?.stringValue ?? "unknown") + ".")]))
        blocks.append(.heading(Heading(level: 1, content: [.text("Background")])))
        let description = try descriptionBlocks(fields["description"], diagnostics: &diagnostics, title: title)
        blocks += description.isEmpty ? [.paragraph([.text("The epic has no description yet.")])] : description
        blocks.append(.heading(Heading(level: 1, content: [.text("Requirements")])))
        var attributes = serverAttributes()
        attributes.append(Attribute("count", "false"))
        blocks.append(.issueQuery(IssueQuery(jql: PRDTemplate.childJQL(options.epic),
                                             columns: ["key", "summary", "type", "status", "assignee"], maxResults: 1000,
                                             attributes: attributes)))
        blocks.append(.paragraph([.text("\(children.count) issue(s) when this page was written; the list above is live.")]))
        blocks.append(.heading(Heading(level: 1, content: [.text("Open questions")])))
        blocks.append(.paragraph([.text("None yet.")]))
        let metadata = Metadata(title: title, spaceKey: options.space, labels: ["prd", "spine"],
                                source: SourceInfo(format: "jira", id: epic["id"]?.stringValue, url: site.issueURL(key: options.epic)))
        return (Document(metadata: metadata, blocks: blocks), diagnostics)
    }

    private func serverAttributes() -> [Attribute] {
        var attributes: [Attribute] = []
        if let server = options.jiraServerName { attributes.append(Attribute("server", server)) }
        if let id = options.jiraServerID { attributes.append(Attribute("serverId", id)) }
        return attributes
    }

    /// The description through the `adf` (v3) or `jira-wiki` (v2) reader; kept raw when that reader is missing.
    private func descriptionBlocks(_ value: JSONValue?, diagnostics: inout [FileDiagnostic], title: String) throws -> [Block] {
        guard let value, !value.isNull else { return [] }
        let (format, bytes): (String, [UInt8]) = value.stringValue.map { ("jira-wiki", Array($0.utf8)) } ?? ("adf", JSONWriter.compact.write(value))
        guard let reader = registry.format(named: format)?.reader else {
            diagnostics.append(FileDiagnostic(file: title, diagnostic: .warning("prd.description-raw",
                "no '\(format)' reader is registered; the epic description is kept as a raw \(format) block")))
            return [.raw(Raw(format: format, content: String(decoding: bytes, as: UTF8.self)))]
        }
        let read = try reader.read(bytes, options: options.conversion)
        diagnostics += read.diagnostics.map { FileDiagnostic(file: title, diagnostic: $0) }
        return read.document.blocks
    }

    /// The epic comment: ADF on Jira v3, wiki markup on v2.
    static func comment(url: String, title: String, jiraVersion: Int) -> JSONValue {
        if jiraVersion < 3 { return .string("PRD: [\(title.replacingOccurrences(of: "|", with: "-"))|\(url)]") }
        return ["type": "doc", "version": 1, "content": [
            ["type": "paragraph", "content": [
                ["type": "text", "text": "PRD: "],
                ["type": "text", "text": .string(title), "marks": [["type": "link", "attrs": ["href": .string(url)]]]],
            ]],
        ]]
    }
}
