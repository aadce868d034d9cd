// WordprocessingML → AST: the mapper's state, shared lookups and diagnostics.

import SpineCore

/// Maps the parsed parts of a package to AST blocks. One mapper reads one document.
final class DocumentMapper {
    let styles: StyleSheet
    let numbering: NumberingModel
    /// Relationships of the part being read (document or footnotes).
    var relationships: [String: Relationship]
    var source: PartSource
    /// True when Spine wrote the package: its image names and content controls are trusted.
    let isSpine: Bool
    var diagnostics: [Diagnostic] = []
    private var reported: Set<String> = []
    /// Footnote bodies by Word id, and the labels given in order of first reference.
    var footnoteBodies: [String: XElement] = [:]
    var footnoteLabels: [String: String] = [:]
    var footnoteOrder: [String] = []
    /// Running counters per (abstractNumId, level): Word continues numbering across instances of one definition.
    var listCounters: [Int: [Int: Int]] = [:]
    /// Blocks found inside runs (text boxes) that are emitted after their paragraph.
    var pendingBlocks: [Block] = []
    /// The part being read, for diagnostic paths.
    var partName = "word/document.xml"
    /// The document title (from core properties, or the first Title paragraph).
    var documentTitle: String?
    /// Author and date values of the metadata (pandoc repeats them as paragraphs).
    var documentMetadataValues: Set<String> = []
    /// Intrinsic sizes of media parts already examined.
    var imageInfoCache: [String: ImageInfo?] = [:]
    /// Relationships of the footnotes and endnotes parts (their hyperlinks).
    var noteRelationships: [String: Relationship] = [:]

    static let maxDepth = 48

    /// The configured Jira and Confluence sites: links into them become issue and page references.
    let links: LinkResolver.Sites

    init(styles: StyleSheet, numbering: NumberingModel, relationships: [String: Relationship], source: PartSource, isSpine: Bool,
         links: LinkResolver.Sites) {
        self.links = links
        self.styles = styles
        self.numbering = numbering
        self.relationships = relationships
        self.source = source
        self.isSpine = isSpine
    }

    // MARK: - Diagnostics

    func location(_ element: XElement?) -> SourceLocation {
        SourceLocation(line: element?.line, path: partName)
    }

    /// Reports a lossy construct (each code once per document, with its first location).
    func report(_ code: String, _ message: String, at element: XElement?, severity: Severity = .warning) {
        guard reported.insert(code).inserted else { return }
        diagnostics.append(Diagnostic(severity, code: code, message, at: location(element)))
    }

    // MARK: - Shared lookups

    /// The external URL or internal part name of relationship `id`.
    func target(_ id: String?) -> Relationship? {
        id.flatMap { relationships[$0] }
    }

    /// The label for footnote `id`, assigned in order of first reference (`1`, `2`, …).
    func footnoteLabel(_ id: String) -> String {
        if let label = footnoteLabels[id] { return label }
        let label = String(footnoteOrder.count + 1)
        footnoteLabels[id] = label
        footnoteOrder.append(id)
        return label
    }

    /// The footnote definitions referenced so far, as AST blocks in label order.
    func footnoteBlocks() -> [Block] {
        var result: [Block] = []
        var index = 0
        while index < footnoteOrder.count {   // a footnote may reference another
            let id = footnoteOrder[index]
            index += 1
            guard let body = footnoteBodies[id], let label = footnoteLabels[id] else { continue }
            let saved = (partName, relationships)
            partName = id.hasPrefix("e") ? "word/endnotes.xml" : "word/footnotes.xml"
            relationships = noteRelationships
            var blocks = readBlocks(body.children, depth: 1)
            (partName, relationships) = saved
            // Drop the space Word (and Spine) put between the footnote mark and its text (after
            // any bookmarks, which the paragraph lists first).
            if case .paragraph(var inlines)? = blocks.first,
               let first = inlines.firstIndex(where: { if case .anchor = $0 { return false }; return true }),
               case .text(let text) = inlines[first], text.hasPrefix(" ") || text.hasPrefix("\t") {
                if text.count == 1 { inlines.remove(at: first) } else { inlines[first] = .text(String(text.dropFirst())) }
                blocks[0] = .paragraph(inlines)
            }
            result.append(.footnote(Footnote(label: label, blocks: blocks)))
        }
        return result
    }
}
