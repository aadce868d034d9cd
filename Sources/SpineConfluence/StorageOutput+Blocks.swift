// Block writing: every Block case, without a default, so a new case fails to compile here.

import SpineCore

extension StorageOutput {
    func writeBlocks(_ blocks: [Block]) {
        for block in blocks { writeBlock(block, extras: []) }
    }

    /// Writes the page's top-level blocks one per line (whitespace between blocks is insignificant).
    func writeTopLevel(_ blocks: [Block]) {
        for block in blocks {
            writeBlock(block, extras: [])
            bytes.append(10)
        }
    }

    /// Writes one block; `extras` are attributes for its outer element (from a Division wrapper).
    func writeBlock(_ block: Block, extras: [Attribute]) {
        let extraXML = extras.isEmpty ? [] : StorageOutput.xmlAttributes(extras)
        defer { if case .requirement = block {} else { precedingRequirementLevel = nil } }
        switch block {
        case .paragraph(let inlines):
            element("p", extraXML) { writeInlines(inlines) }
        case .heading(let heading):
            let name = "h" + String(min(6, max(1, heading.level)))
            sectionLevel = min(6, max(1, heading.level))
            element(name, extraXML) {
                if let anchor = heading.anchor {
                    info("storage.heading-anchor", "heading id '\(anchor)' written as an anchor macro")
                    writeInline(.anchor(anchor), extras: [])
                }
                writeInlines(heading.content)
            }
        case .list(let list):
            writeList(list, extras: extras)
        case .code(let code):
            writeCode(code)
        case .quote(let blocks):
            element("blockquote", extraXML) { writeBlocks(blocks) }
        case .rule:
            empty("hr", extraXML)
        case .table(let table):
            writeTable(table)
        case .panel(let panel):
            writePanel(panel)
        case .expand(let expand):
            macro("expand", parameters: expand.title.map { [("title", $0)] } ?? [], attributes: expand.attributes, body: .rich(expand.blocks))
        case .tableOfContents(let toc):
            macro("toc", parameters: [], attributes: toc.attributes, body: .none)
        case .image(let image):
            writeImage(image, extras: extras)
        case .issueQuery(let query):
            var parameters: [(String, String)] = [("jqlQuery", query.jql)]
            if !query.columns.isEmpty { parameters.append(("columns", query.columns.joined(separator: ","))) }
            if let max = query.maxResults { parameters.append(("maximumIssues", String(max))) }
            macro("jira", parameters: parameters, attributes: query.attributes, body: .none)
        case .requirement(let requirement):
            writeRequirement(requirement)
        case .layout(let layout):
            writeLayout(layout, extras: extras)
        case .footnote(let footnote):
            warn("storage.footnote", "footnote [\(footnote.label)] written as an anchored paragraph at its place (storage has no footnotes)")
            element("p") {
                writeInline(.anchor("fn-" + footnote.label), extras: [])
                element("sup") { text("[" + footnote.label + "]") }
            }
            writeBlocks(footnote.blocks)
        case .division(let division):
            writeDivision(division)
        case .raw(let raw):
            if raw.format == "confluence" {
                self.raw(raw.content, inline: false)
            } else if raw.format == "html", StorageOutput.isWellFormedStorage(raw.content) {
                info("storage.raw-html", "raw HTML written as storage markup; Confluence drops what it does not support")
                self.raw(raw.content, inline: false, strict: false)
            } else if raw.format == "html" && StorageText.isWhitespace(raw.content) {
                break
            } else {
                warn("storage.raw-foreign", "raw \(raw.format) content written as a code block")
                macro("code", parameters: [("language", raw.format == "html" ? "html" : "none"), ("title", "Raw \(raw.format) content")],
                      attributes: [], body: .plain(raw.content))
            }
        }
    }

    /// Writes `<name attributes>…</name>`, or `<name/>` when the body writes nothing.
    func element(_ name: String, _ attributes: [(String, String)] = [], _ body: () -> Void) {
        open(name, attributes)
        let mark = bytes.count
        body()
        if bytes.count == mark {
            bytes.removeLast()
            bytes.append(contentsOf: "/>".utf8)
        } else {
            close(name)
        }
    }

    // MARK: - Requirements

    /// Writes a requirement and its children as headings one level apart. The reader nests a
    /// requirement under the one before it exactly when its heading is deeper, so the first level
    /// is chosen for the whole subtree to fit above `h7` and never deeper than a requirement
    /// directly before it (which would make this one its child). Deeper than six levels cannot
    /// be told apart from siblings: those children follow at `h6` and read back as siblings.
    func writeRequirement(_ requirement: Requirement) {
        let depth = RequirementLayout.depth(of: requirement)
        var level = max(1, min(sectionLevel + 1, 7 - depth))
        if let preceding = precedingRequirementLevel { level = min(level, preceding) }
        if depth > 6 {
            warn("storage.requirement-depth",
                 "requirement \(requirement.key ?? requirement.summary) nests \(depth) levels deep; headings stop at h6, so levels below the sixth are written (and read back) as siblings")
        }
        let saved = sectionLevel
        for block in RequirementLayout.blocks(for: requirement, level: level, keyAsMacro: keyAsMacro) { writeBlock(block, extras: []) }
        sectionLevel = saved
        precedingRequirementLevel = level
    }

    // MARK: - Containers

    private func writeDivision(_ division: Division) {
        let first = division.attributes.first
        if first?.name == StorageConvention.attributesOf, division.blocks.count == 1 {
            writeBlock(division.blocks[0], extras: Array(division.attributes.dropFirst()))
        } else if first?.name == StorageConvention.element, let name = first?.value, StorageOutput.isXMLName(name) {
            element(name, StorageOutput.xmlAttributes(Array(division.attributes.dropFirst()))) { writeBlocks(division.blocks) }
        } else if let macroName = division.attributes[named: StorageConvention.macro] {
            macro(macroName, parameters: [], attributes: division.attributes, body: .rich(division.blocks))
        } else {
            if !division.attributes.isEmpty {
                info("storage.division-flattened", "a division's attributes were dropped; its blocks were written in place")
            }
            writeBlocks(division.blocks)
        }
    }

    private func writePanel(_ panel: Panel) {
        let name: String
        switch panel.kind {
        case .info: name = "info"
        case .note: name = "note"
        case .warning: name = "warning"
        case .tip: name = "tip"
        case .success:
            name = "tip"
            info("storage.panel-kind", "success panel written as the tip macro")
        case .error:
            name = "warning"
            info("storage.panel-kind", "error panel written as the warning macro")
        case .custom(let kind):
            switch kind.lowercased() {
            case "panel": name = "panel"
            case "important": name = "note"
            case "caution", "danger": name = "warning"
            default:
                name = "panel"
                info("storage.panel-kind", "\(kind) panel written as a plain panel macro")
            }
        }
        macro(name, parameters: panel.title.map { [("title", $0)] } ?? [], attributes: panel.attributes, body: .rich(panel.blocks))
    }

    private static let languageAliases = [
        "sh": "bash", "shell": "bash", "zsh": "bash", "console": "bash", "js": "javascript", "ts": "typescript", "py": "python",
        "rb": "ruby", "cs": "csharp", "c#": "csharp", "c++": "cpp", "yml": "yaml", "ps1": "powershell", "kt": "kotlin",
        "golang": "go", "md": "markdown", "objc": "objectivec",
    ]

    private func writeCode(_ code: CodeBlock) {
        switch code.attributes[named: StorageConvention.codeForm] {
        case "pre":
            let attributes = code.attributes.filter { $0.name.hasPrefix(StorageConvention.elementAttribute) }.map { (String($0.name.dropFirst()), $0.value) }
            element("pre", attributes) { text(code.text) }
        case "pre-code":
            let language = code.language.flatMap { $0.isEmpty ? nil : [("class", "language-" + $0)] } ?? []
            element("pre") { element("code", language) { text(code.text.isEmpty ? "" : code.text + "\n") } }
        case "noformat":
            macro("noformat", parameters: [], attributes: code.attributes, body: .plain(code.text))
        default:
            var parameters: [(String, String)] = []
            if let title = code.title { parameters.append(("title", title)) }
            if var language = code.language {
                let isFromStorage = code.attributes.contains { $0.name.hasPrefix(StorageConvention.elementAttribute) }
                if !isFromStorage, let alias = StorageOutput.languageAliases[language.lowercased()] {
                    info("storage.code-language", "code language '\(language)' written as Confluence's '\(alias)'")
                    language = alias
                }
                parameters.append(("language", language))
            }
            macro("code", parameters: parameters, attributes: code.attributes, body: .plain(code.text))
        }
    }

    private func writeLayout(_ layout: Layout, extras: [Attribute]) {
        open("ac:layout")
        for (index, section) in layout.sections.enumerated() {
            let defaultType = ["single", "two_equal", "three_equal", "four_equal", "five_equal"]
            var attributes: [(String, String)] = [("ac:type", section.type ?? defaultType[max(0, min(4, section.columns.count - 1))])]
            let prefix = "section.\(index + 1)."
            for extra in extras where extra.name.hasPrefix(prefix) { attributes.append((String(extra.name.dropFirst(prefix.count)), extra.value)) }
            open("ac:layout-section", attributes)
            for column in section.columns {
                if column.width != nil { info("storage.layout-width", "layout column width dropped; the section type decides widths") }
                element("ac:layout-cell") { writeBlocks(column.blocks) }
            }
            close("ac:layout-section")
        }
        close("ac:layout")
    }
}
