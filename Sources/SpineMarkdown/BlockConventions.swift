// Spine's block conventions: `<!-- spine:… -->` marker comments (requirements, panels, layouts,
// divisions, tables of contents) and `<details>` expands, written by the writer and read back here.

import SpineCore

enum BlockConventions {
    // MARK: - Markers

    /// A parsed `<!-- spine:name attrs -->` comment or `<details>` / `</details>` block.
    struct Marker {
        var name: String
        var attributes: [Attribute]
    }

    static let markerPrefix = "<!-- spine:"
    static let markerSuffix = " -->"

    /// The comment text of a marker.
    static func comment(_ name: String, _ attributes: [Attribute] = []) -> String {
        // closing markers read `<!-- /spine:name -->`
        var text = name.hasPrefix("/") ? "<!-- /spine:" + name.dropFirst() : markerPrefix + name
        for attribute in attributes { text += " " + attribute.name + "=\"" + escapeCommentValue(attribute.value) + "\"" }
        return text + markerSuffix
    }

    static func escapeCommentValue(_ value: String) -> String {
        escapeAttributeValue(value, dashes: true, carriageReturns: false)
    }

    /// An attribute value for a marker comment or an HTML tag the writer makes: `& < > "` and line
    /// feeds as references, and `-` (no `--` may end a comment) or carriage returns on request.
    static func escapeAttributeValue(_ value: String, dashes: Bool, carriageReturns: Bool) -> String {
        var out = ""
        for ch in value.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "-" where dashes: out += "&#45;"
            case "\n": out += "&#10;"
            case "\r" where carriageReturns: out += "&#13;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func unescapeCommentValue(_ value: String) -> String {
        guard value.contains("&") else { return value }
        return value.replacingAll("&#10;", "\n").replacingAll("&#45;", "-").replacingAll("&quot;", "\"")
            .replacingAll("&gt;", ">").replacingAll("&lt;", "<").replacingAll("&amp;", "&")
    }

    static func marker(_ block: Block) -> Marker? {
        guard case .raw(let raw) = block, raw.format == "html" else { return nil }
        let text = raw.content
        let closing = text.hasPrefix("<!-- /spine:")
        if closing || text.hasPrefix(markerPrefix), text.hasSuffix(markerSuffix), !text.contains("\n") {
            let body = text.dropFirst(closing ? markerPrefix.count + 1 : markerPrefix.count).dropLast(markerSuffix.count)
            let nameEnd = body.firstIndex(of: " ") ?? body.endIndex
            let name = (closing ? "/" : "") + String(body[..<nameEnd])
            let rest = String(body[nameEnd...]).trimmingSpaces
            guard let attributes = rest.isEmpty ? [] : parseAttributes(rest, inComment: true) else { return nil }
            return Marker(name: name, attributes: attributes)
        }
        if text == "</details>" { return Marker(name: "/expand", attributes: []) }
        if text == "<details>" { return Marker(name: "expand", attributes: []) }
        let summaryOpen = "<details>\n<summary>", summaryClose = "</summary>"
        if text.hasPrefix(summaryOpen), text.hasSuffix(summaryClose) {
            let title = String(text.dropFirst(summaryOpen.count).dropLast(summaryClose.count))
            guard !title.contains("<"), !title.contains("\n") else { return nil }
            let decoded = title.replacingAll("&lt;", "<").replacingAll("&gt;", ">").replacingAll("&quot;", "\"").replacingAll("&amp;", "&")
            guard HTMLText.escape(decoded) == title else { return nil }
            return Marker(name: "expand", attributes: [Attribute("title", decoded)])
        }
        return nil
    }

    /// Parses `name="value" name2="value2"`; nil when the text has another shape.
    static func parseAttributes(_ text: String, inComment: Bool) -> [Attribute]? {
        var result: [Attribute] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            while i < bytes.count, bytes[i] == ASCII.space { i += 1 }
            guard i < bytes.count else { break }
            let nameStart = i
            while i < bytes.count, bytes[i] != ASCII.equals, bytes[i] != ASCII.space { i += 1 }
            guard i > nameStart, i + 1 < bytes.count, bytes[i] == ASCII.equals, bytes[i + 1] == ASCII.quote else { return nil }
            let name = string(bytes[nameStart..<i])
            var j = i + 2
            var value: [UInt8] = []
            while j < bytes.count, bytes[j] != ASCII.quote {
                value.append(bytes[j])
                j += 1
            }
            guard j < bytes.count else { return nil }
            let decoded = inComment ? unescapeCommentValue(string(value)) : string(value)
            result.append(Attribute(name, decoded))
            i = j + 1
        }
        return result
    }

    // MARK: - Collapsing marker regions

    static let openers: Set<String> = ["requirement", "layout", "division", "expand"]

    /// Replaces marker regions in a block list by the nodes they stand for.
    static func collapse(_ blocks: [Block], diagnostics: inout [Diagnostic]) -> [Block] {
        guard blocks.contains(where: { if case .raw(let r) = $0, r.format == "html" { return true } else { return false } }) else { return blocks }
        var out: [Block] = []
        var stack: [(index: Int, marker: Marker)] = []
        for block in blocks {
            if case .quote(let content) = block, let last = out.last, let panelMarker = marker(last), panelMarker.name == "panel" {
                out.removeLast()
                out.append(.panel(panel(panelMarker, content)))
                continue
            }
            if case .code(let code) = block, code.language == "jql", let last = out.last, let queryMarker = marker(last),
               queryMarker.name == "issue-query" {
                out.removeLast()
                out.append(.issueQuery(issueQuery(queryMarker, code.text)))
                continue
            }
            if let tags = TableConventions.skeleton(block) {
                // a table skeleton region: pieces of table tags with the cells' blocks between them
                if TableConventions.opensTable(tags) { stack.append((out.count, Marker(name: "table", attributes: []))) }
                out.append(block)
                if TableConventions.closesTable(tags), let top = stack.last, top.marker.name == "table" {
                    stack.removeLast()
                    if let table = TableConventions.assemble(out[top.index...]) {
                        out.removeSubrange(top.index...)
                        out.append(.table(table))
                    }
                }
                continue
            }
            guard let found = marker(block) else {
                out.append(block)
                continue
            }
            if openers.contains(found.name) {
                stack.append((out.count, found))
                out.append(block)
                continue
            }
            if found.name == "toc" {
                out.append(.tableOfContents(TableOfContents(attributes: found.attributes)))
                continue
            }
            if found.name.hasPrefix("/"), let top = stack.last, "/" + top.marker.name == found.name {
                stack.removeLast()
                let content = Array(out[(top.index + 1)...])
                if let node = build(top.marker, content, diagnostics: &diagnostics) {
                    out.removeSubrange(top.index...)
                    out.append(node)
                    continue
                }
            }
            out.append(block)
        }
        return out
    }

    static func build(_ marker: Marker, _ content: [Block], diagnostics: inout [Diagnostic]) -> Block? {
        switch marker.name {
        case "requirement": return RequirementReader.read(marker, content).map(Block.requirement)
        case "division": return .division(Division(attributes: marker.attributes, blocks: content))
        case "expand": return .expand(Expand(title: marker.attributes[named: "title"], blocks: content))
        case "layout": return layout(content)
        default: return nil
        }
    }

    static func issueQuery(_ marker: Marker, _ jql: String) -> IssueQuery {
        var query = IssueQuery(jql: jql)
        for attribute in marker.attributes {
            switch attribute.name {
            case "columns": query.columns = attribute.value.split(separator: ",").map(String.init)
            case "max-results": query.maxResults = Int(attribute.value)
            default: query.attributes.append(attribute)
            }
        }
        return query
    }

    static func panel(_ marker: Marker, _ content: [Block]) -> Panel {
        var kind = Panel.Kind.info
        var title: String?
        var attributes: [Attribute] = []
        for attribute in marker.attributes {
            switch attribute.name {
            case "kind": kind = panelKind(attribute.value)
            case "title": title = attribute.value
            default: attributes.append(attribute)
            }
        }
        return Panel(kind: kind, title: title, blocks: content, attributes: attributes)
    }

    static func panelKind(_ name: String) -> Panel.Kind {
        switch name {
        case "info": return .info
        case "note": return .note
        case "warning": return .warning
        case "tip": return .tip
        case "success": return .success
        case "error": return .error
        default: return .custom(name)
        }
    }

    static func panelKindName(_ kind: Panel.Kind) -> String {
        switch kind {
        case .info: return "info"
        case .note: return "note"
        case .warning: return "warning"
        case .tip: return "tip"
        case .success: return "success"
        case .error: return "error"
        case .custom(let name): return name
        }
    }

    static func layout(_ content: [Block]) -> Block? {
        var sections: [LayoutSection] = []
        for block in content {
            if let m = marker(block), m.name == "section" {
                sections.append(LayoutSection(type: m.attributes[named: "type"], columns: []))
            } else if let m = marker(block), m.name == "column" {
                guard !sections.isEmpty else { return nil }
                sections[sections.count - 1].columns.append(LayoutColumn(width: m.attributes[named: "width"], blocks: []))
            } else {
                guard let s = sections.indices.last, let c = sections[s].columns.indices.last else { return nil }
                sections[s].columns[c].blocks.append(block)
            }
        }
        return .layout(Layout(sections: sections))
    }
}

extension String {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
