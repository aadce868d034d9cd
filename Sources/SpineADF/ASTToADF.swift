// AST → ADF, block part: one case arm per AST block, with context-aware fallbacks.

import SpineCore

/// Maps AST blocks and inlines to ADF JSON nodes, collecting diagnostics for lossy steps.
struct ASTToADF {
    var diagnostics: [Diagnostic] = []
    let siteURL: String?
    /// Counter for generated `localId`s (task and decision lists require one).
    private var nextLocalID = 0

    init(siteURL: String?) {
        self.siteURL = siteURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    mutating func note(_ code: String, _ message: String, _ severity: Severity = .warning) {
        diagnostics.append(Diagnostic(severity, code: code, message))
    }

    /// A fresh localId shaped like a UUID, deterministic per document.
    mutating func localID() -> JSONValue {
        nextLocalID += 1
        let digits = String(nextLocalID, radix: 16)
        return .string("00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits)
    }

    // MARK: - Blocks

    mutating func write(_ blocks: [Block], in context: ADFContext, into out: inout [JSONValue]) {
        for block in blocks { write(block, in: context, extras: ADFExtras(), into: &out) }
    }

    /// Writes `blocks` for a container that needs at least one child, adding an empty paragraph if needed.
    mutating func content(_ blocks: [Block], in context: ADFContext) -> [JSONValue] {
        var out: [JSONValue] = []
        write(blocks, in: context, into: &out)
        if out.isEmpty { out.append(ADFBuild.emptyParagraph) }
        return out
    }

    mutating func write(_ block: Block, in context: ADFContext, extras: ADFExtras, into out: inout [JSONValue]) {
        switch block {
        case .paragraph(let content):
            paragraph(content, in: context, extras: extras, into: &out)
        case .heading(let heading):
            if heading.anchor != nil { note("adf.anchor-dropped", "ADF headings have no anchor id; \"\(heading.anchor ?? "")\" dropped", .info) }
            if context.allows(.heading) {
                let level = min(max(heading.level, 1), 6)
                var attrs = JSONObject([JSONObject.Member("level", .int(level))])
                attrs = ADFBuild.merge(attrs, extra: extras.attrs)
                out.append(ADFBuild.node("heading", attrs: attrs, content: inlines(heading.content), marks: extras.marks))
            } else {
                note("adf.heading-flattened", "a heading cannot stand here in ADF; written as a bold paragraph")
                out.append(ADFBuild.node("paragraph", content: inlines([.strong(heading.content)])))
            }
        case .list(let list):
            self.list(list, in: context, extras: extras, into: &out)
        case .code(let code):
            codeBlock(code, extras: extras, into: &out)
        case .quote(let blocks):
            if context.allows(.blockquote) {
                out.append(ADFBuild.node("blockquote", attrs: extras.attrs, content: content(blocks, in: .blockquote), marks: extras.marks))
            } else {
                note("adf.quote-flattened", "a block quote cannot stand here in ADF; its content is written without the quote")
                write(blocks, in: context, into: &out)
            }
        case .rule:
            if context.allows(.rule) {
                out.append(ADFBuild.node("rule", attrs: extras.attrs))
            } else {
                note("adf.rule-dropped", "a horizontal rule cannot stand here in ADF; dropped")
            }
        case .table(let table):
            self.table(table, in: context, into: &out)
        case .panel(let panel):
            self.panel(panel, in: context, into: &out)
        case .expand(let expand):
            self.expand(expand, in: context, into: &out)
        case .tableOfContents(let toc):
            note("adf.toc-extension", "table of contents written as a Confluence `toc` extension (Jira does not render it)", .info)
            var parameters = JSONObject()
            for attribute in toc.attributes { parameters.append(attribute.name, ["value": .string(attribute.value)]) }
            out.append(extensionNode(key: "toc", parameters: parameters))
        case .image(let image):
            self.image(image, in: context, into: &out)
        case .issueQuery(let query):
            note("adf.issue-query-extension", "Jira issue list written as a Confluence `jira` extension (Jira does not render it)", .info)
            var parameters = JSONObject([JSONObject.Member("jqlQuery", ["value": .string(query.jql)])])
            if !query.columns.isEmpty { parameters.append("columns", ["value": .string(query.columns.joined(separator: ","))]) }
            if let max = query.maxResults { parameters.append("maximumIssues", ["value": .string(String(max))]) }
            for attribute in query.attributes { parameters.append(attribute.name, ["value": .string(attribute.value)]) }
            out.append(extensionNode(key: "jira", parameters: parameters))
        case .requirement(let requirement):
            self.requirement(requirement, level: 2, in: context, into: &out)
        case .layout(let layout):
            self.layout(layout, in: context, extras: extras, into: &out)
        case .footnote(let footnote):
            note("adf.footnote", "ADF has no footnotes; footnote [\(footnote.label)] written as a paragraph", .info)
            var blocks = footnote.blocks
            if case .paragraph(let first)? = blocks.first {
                blocks[0] = .paragraph([.superscript([.text("[" + footnote.label + "]")]), .text(" ")] + first)
            } else {
                blocks.insert(.paragraph([.superscript([.text("[" + footnote.label + "]")])]), at: 0)
            }
            write(blocks, in: context, into: &out)
        case .division(let division):
            self.division(division, in: context, into: &out)
        case .raw(let raw):
            rawBlock(raw, in: context, into: &out)
        }
    }

    // MARK: - Leaf blocks

    /// The images of a paragraph that holds only images (and blanks or breaks between them),
    /// none of them marked inline media: written as block media. Shared with `ADFLossiness`.
    static func blockImages(_ content: [Inline]) -> [Image]? {
        let images = content.compactMap { inline -> Image? in if case .image(let image) = inline { return image } else { return nil } }
        let onlyImages = !images.isEmpty && content.allSatisfy { inline in
            switch inline {
            case .image, .softBreak, .lineBreak: return true
            case .text(let text): return text.allSatisfy { $0 == " " }
            default: return false
            }
        }
        guard onlyImages, images.allSatisfy({ $0.attributes[named: ADFAttribute.node] != "mediaInline" }) else { return nil }
        return images
    }

    private mutating func paragraph(_ content: [Inline], in context: ADFContext, extras: ADFExtras, into out: inout [JSONValue]) {
        // A paragraph holding only images (Markdown `![a](u)`) becomes block media.
        if let images = Self.blockImages(content), extras.attrs.isEmpty && extras.marks.isEmpty {
            for image in images { self.image(image, in: context, into: &out) }
            return
        }
        out.append(ADFBuild.node("paragraph", attrs: extras.attrs, content: inlines(content), marks: extras.marks))
    }

    private mutating func codeBlock(_ code: CodeBlock, extras: ADFExtras, into out: inout [JSONValue]) {
        if let title = code.title { note("adf.code-title", "ADF code blocks have no title; \"\(title)\" dropped", .info) }
        let own = ADFExtras(code.attributes)
        var attrs = JSONObject()
        if let language = code.language, !language.isEmpty { attrs.append("language", .string(language)) }
        attrs = ADFBuild.merge(ADFBuild.merge(attrs, extra: own.attrs), extra: extras.attrs)
        reportForeign(code.attributes, "code block")
        let text: [JSONValue] = code.text.isEmpty ? [] : [ADFBuild.text(code.text)]
        out.append(ADFBuild.node("codeBlock", attrs: attrs, content: text, marks: own.marks + extras.marks))
    }

    mutating func extensionNode(key: String, parameters: JSONObject) -> JSONValue {
        var attrs = JSONObject()
        attrs.append("extensionType", "com.atlassian.confluence.macro.core")
        attrs.append("extensionKey", .string(key))
        attrs.append("parameters", ["macroParams": .object(parameters), "macroMetadata": ["schemaVersion": ["value": "1"]]])
        return ADFBuild.node("extension", attrs: attrs)
    }

    private mutating func rawBlock(_ raw: Raw, in context: ADFContext, into out: inout [JSONValue]) {
        if raw.format == "adf", let value = ADFJSON.value(raw.content), let type = value.objectValue?["type"]?.stringValue {
            if let kind = ADFContext.kind(of: type), !context.allows(kind) {
                note("adf.raw-misplaced", "raw ADF \(type) cannot stand here; written as a code block")
            } else {
                out.append(value)
                return
            }
        }
        note("adf.raw-as-code", "raw \(raw.format) content written as a code block")
        let text: [JSONValue] = raw.content.isEmpty ? [] : [ADFBuild.text(raw.content)]
        out.append(ADFBuild.node("codeBlock", attrs: JSONObject(["language": .string(raw.format)]), content: text))
    }

    /// Reports attributes from other formats that ADF has no place for.
    mutating func reportForeign(_ attributes: [Attribute], _ what: String) {
        let foreign = ADFExtras.foreign(attributes)
        guard !foreign.isEmpty else { return }
        note("adf.attributes-dropped", "\(what) attributes without an ADF equivalent dropped: " + foreign.map(\.name).joined(separator: ", "), .info)
    }
}
