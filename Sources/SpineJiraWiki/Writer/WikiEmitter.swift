// The block level of the wiki writer: one case arm per AST block, blank lines between
// blocks, containers as `{quote}`/`{panel}`/`{color}` macros that never nest by name.

import SpineCore

/// Writes AST blocks as wiki markup into one byte buffer, collecting diagnostics.
struct WikiEmitter {
    var out: [UInt8] = []
    var diagnostics: [Diagnostic] = []
    let options: ConversionOptions
    /// Names of the container macros being written (Jira cannot nest one inside itself).
    var openMacros: Set<String> = []
    /// Effects being written (an effect inside itself is written once).
    var openEffects: Set<String> = []
    /// Block nesting depth, bounded against hostile input.
    var depth = 0
    /// Codes already reported, so one document gives each lossy step once.
    private var reported: Set<String> = []

    static let maxDepth = 64

    init(options: ConversionOptions) { self.options = options }

    /// Records a lossy step once per code.
    mutating func lossy(_ code: String, _ message: String, severity: Severity = .warning) {
        guard reported.insert(code).inserted else { return }
        diagnostics.append(Diagnostic(severity, code: code, message))
    }

    mutating func write(_ string: String) { out.append(contentsOf: string.utf8) }

    /// `{anchor:name}`, with the name reduced to what the macro can carry (reported when that changes it).
    mutating func writeAnchor(_ name: String) {
        let written = WikiVocabulary.anchorName(name)
        if written != name {
            lossy("jira-wiki.anchor-renamed", "anchor names in wiki markup cannot hold whitespace, braces or |; they were removed")
        }
        write("{anchor:" + written + "}")
    }

    // MARK: - Block sequences

    /// Writes blocks separated by blank lines.
    mutating func writeBlocks(_ blocks: [Block]) {
        guard depth < Self.maxDepth else {
            lossy("jira-wiki.nesting-limit", "content nested deeper than \(Self.maxDepth) levels was not written")
            return
        }
        depth += 1
        defer { depth -= 1 }
        var first = true
        for block in blocks {
            let mark = out.count
            if !first { write("\n\n") }
            let before = out.count
            writeBlock(block)
            if out.count == before { out.removeSubrange(mark..<out.count) } else { first = false }
        }
    }

    // MARK: - One block

    /// Writes one block (no trailing newline).
    mutating func writeBlock(_ block: Block) {
        switch block {
        case .paragraph(let inlines):
            writeInlines(inlines, multiLine: true, lineStart: true)
        case .heading(let heading):
            write("h\(min(max(heading.level, 1), 6)). ")
            if let anchor = heading.anchor { writeAnchor(anchor) }
            writeInlines(heading.content, multiLine: false, lineStart: false)
        case .list(let list):
            writeList(list, prefix: [])
        case .code(let code):
            writeCode(code)
        case .quote(let blocks):
            writeQuote(blocks)
        case .rule:
            write("----")
        case .table(let table):
            writeTable(table)
        case .panel(let panel):
            writePanel(panel)
        case .expand(let expand):
            lossy("jira-wiki.expand-as-panel", "Jira wiki markup has no expand; written as a panel with its title")
            writeContainer("panel", parameters: expand.title.map { ["title=" + parameterText($0)] } ?? [], blocks: expand.blocks)
        case .tableOfContents:
            lossy("jira-wiki.toc-dropped", "Jira wiki markup has no table of contents; it was left out")
        case .image(let image):
            writeImage(image)
        case .issueQuery(let query):
            writeIssueQuery(query)
        case .requirement(let requirement):
            writeRequirement(requirement, level: 2)
        case .layout(let layout):
            lossy("jira-wiki.layout-flattened", "Jira wiki markup has no columns; layout columns were written one after another")
            writeBlocks(layout.sections.flatMap { $0.columns.flatMap(\.blocks) })
        case .footnote(let footnote):
            lossy("jira-wiki.footnote-as-text", "Jira wiki markup has no footnotes; notes were written as paragraphs starting [label]")
            var blocks = footnote.blocks
            if case .paragraph(let inlines)? = blocks.first {
                blocks[0] = .paragraph([.text("[" + footnote.label + "] ")] + inlines)
            } else {
                blocks.insert(.paragraph([.text("[" + footnote.label + "]")]), at: 0)
            }
            writeBlocks(blocks)
        case .division(let division):
            writeDivision(division)
        case .raw(let raw):
            writeRaw(raw)
        }
    }

    // MARK: - Code

    /// `{code:lang|title=…}` when there is a language or title, else `{noformat}`.
    private mutating func writeCode(_ code: CodeBlock) {
        var name = (code.language == nil && code.title == nil) ? "noformat" : "code"
        let body = code.text.lowercased()
        if body.contains("{" + name + "}") {
            let other = name == "code" ? "noformat" : "code"
            if body.contains("{" + other + "}") {
                lossy("jira-wiki.code-terminator", "code contains both {code} and {noformat}; it ends early when Jira reads it")
            } else {
                if name == "code" {
                    lossy("jira-wiki.code-as-noformat", "code containing {code} was written as {noformat}; its language and title were dropped")
                }
                name = other
            }
        }
        var parameters: [String] = []
        if let language = code.language, name == "code" { parameters.append(parameterText(language)) }
        if let title = code.title, name == "code" { parameters.append("title=" + parameterText(title)) }
        for attribute in code.attributes {
            guard Self.isWritableParameter(attribute) else { dropAttribute(); continue }
            parameters.append(attribute.value.isEmpty ? Self.macroValue(attribute.name)
                              : Self.macroValue(attribute.name) + "=" + Self.macroValue(attribute.value))
        }
        write("{" + name + (parameters.isEmpty ? "" : ":" + parameters.joined(separator: "|")) + "}\n")
        write(code.text)
        write("\n{" + name + "}")
    }

    // MARK: - Containers

    /// `bq.` for a single paragraph, else `{quote}`; a quote inside a quote is written flat.
    private mutating func writeQuote(_ blocks: [Block]) {
        if blocks.count == 1, case .paragraph(let inlines) = blocks[0] {
            write("bq. ")
            writeInlines(inlines, multiLine: false, lineStart: false)
            return
        }
        writeContainer("quote", parameters: [], blocks: blocks)
    }

    /// `{panel:…}` with the kind's background colour; Jira has no info/note/tip/warning macros.
    private mutating func writePanel(_ panel: Panel) {
        var parameters: [String] = []
        if let title = panel.title { parameters.append("title=" + parameterText(title)) }
        switch panel.kind {
        case .custom(let name):
            if name != "panel" {
                lossy("jira-wiki.panel-kind", "panel type '\(name)' has no wiki equivalent; written as a plain panel", severity: .info)
            }
        default:
            if let colour = WikiVocabulary.background(for: panel.kind) { parameters.append("bgColor=" + colour) }
        }
        for attribute in panel.attributes {
            guard Self.isWritableParameter(attribute) else { dropAttribute(); continue }
            parameters.append(attribute.value.isEmpty ? Self.macroValue(attribute.name)
                              : Self.macroValue(attribute.name) + "=" + Self.macroValue(attribute.value))
        }
        writeContainer("panel", parameters: parameters, blocks: panel.blocks)
    }

    /// A `{color:…}` block for a coloured division; other attributes have no wiki form.
    private mutating func writeDivision(_ division: Division) {
        let colour = division.attributes[named: "color"] ?? division.attributes[named: "textColor"]
        if division.attributes.contains(where: { $0.name != "color" && $0.name != "textColor" }) {
            lossy("jira-wiki.division-attributes", "block attributes other than a colour have no wiki form", severity: .info)
        }
        if let colour {
            writeContainer("color", parameters: [parameterText(colour)], blocks: division.blocks)
        } else {
            writeBlocks(division.blocks)
        }
    }

    /// `{name:params}` … `{name}`; if `name` is already open the content is written without it.
    mutating func writeContainer(_ name: String, parameters: [String], blocks: [Block]) {
        if openMacros.contains(name) {
            lossy("jira-wiki.nested-macro", "{\(name)} cannot nest inside itself in Jira; the inner one was written flat")
            writeBlocks(blocks)
            return
        }
        openMacros.insert(name)
        defer { openMacros.remove(name) }
        write("{" + name + (parameters.isEmpty ? "" : ":" + parameters.joined(separator: "|")) + "}\n")
        writeBlocks(blocks)
        write("\n{" + name + "}")
    }

    // MARK: - Images, queries, raw

    /// An image alone on its line.
    private mutating func writeImage(_ image: Image) {
        writeInline(.image(image), following: nil, multiLine: false)
    }

    /// A JQL list becomes a link to Jira's issue navigator.
    private mutating func writeIssueQuery(_ query: IssueQuery) {
        lossy("jira-wiki.issue-query-as-link", "Jira wiki markup cannot embed a JQL issue list; written as a link to the issue search")
        let base = (options.siteURL ?? "").hasSuffix("/") ? String((options.siteURL ?? "").dropLast()) : (options.siteURL ?? "")
        let url = base + "/issues/?jql=" + Self.percentEncode(query.jql)
        writeInline(.link(Link(target: .url(url), content: [.text("Issues: " + query.jql)])), following: nil, multiLine: false)
    }

    /// Raw wiki markup verbatim; other formats' raw content in a `{noformat}` block.
    private mutating func writeRaw(_ raw: Raw) {
        if raw.format == "jira-wiki" {
            write(raw.content)
            return
        }
        lossy("jira-wiki.raw-as-text", "raw \(raw.format) content cannot be rendered in wiki markup; written as preformatted text")
        writeCode(CodeBlock(text: raw.content))
    }

    // MARK: - Parameter values

    /// Whether an attribute reads back unchanged as a macro parameter `name=value` (or `name`
    /// when the value is empty): nothing that ends a parameter or the tag, no blanks the reader
    /// trims, not `title`. JSON (ADF's `adf.attrs`) never qualifies.
    static func isWritableParameter(_ attribute: Attribute) -> Bool {
        let name = attribute.name
        func clean(_ text: String) -> Bool {
            text == text.trimmingSpaces() && !text.contains(where: { $0 == "|" || $0 == "{" || $0 == "}" || $0 == "\n" || $0 == "\r" })
        }
        return !name.isEmpty && clean(name) && clean(attribute.value) && !name.contains("=") && name.lowercased() != "title"
    }

    /// Reports an attribute left out because wiki parameters cannot carry it.
    mutating func dropAttribute() {
        lossy("jira-wiki.attribute-dropped",
              "attributes whose name or value wiki parameters cannot carry (JSON, |, {, }, line breaks) were left out")
    }

    /// A title, language or colour as a parameter, reporting when it reads back changed.
    mutating func parameterText(_ value: String) -> String {
        // Trimmed here because the reader trims: `title=a{` would otherwise be written `a ` and
        // read back `a`, and a second pass would write different bytes.
        let written = Self.macroValue(value).trimmingSpaces()
        if written != value {
            lossy("jira-wiki.parameter-text-changed",
                  "| { } and line breaks in titles, languages and colours became spaces; blanks at their ends were dropped", severity: .info)
        }
        return written
    }

    /// A macro parameter value without the characters that would end it.
    static func macroValue(_ value: String) -> String {
        String(value.map { $0 == "|" || $0 == "}" || $0 == "{" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    /// Percent-encodes everything but unreserved URL characters.
    static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if Byte.isASCIIAlnum(byte) || byte == Byte.dash || byte == Byte.dot || byte == Byte.underscore || byte == Byte.tilde {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF")
                result += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            }
        }
        return result
    }
}
