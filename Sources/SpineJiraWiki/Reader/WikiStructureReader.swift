// Multi-line wiki structures: lists (by marker prefix), tables (rows may continue on
// following lines), verbatim macros, container macros and unknown macros kept raw.

import SpineCore

extension WikiParser {
    // MARK: - Lists

    /// The marker string (`*`, `#*`, `--`) at `start` and where the item text begins, when the
    /// markers are followed by a space or tab.
    func listMarkers(at start: Int, lineEnd: Int) -> (markers: [UInt8], contentStart: Int)? {
        var index = start
        while index < lineEnd, text[index] == Byte.star || text[index] == Byte.hash || text[index] == Byte.dash { index += 1 }
        guard index > start, index < lineEnd, Byte.isBlank(text[index]) else { return nil }
        return (Array(text[start..<index]), skipBlanks(index, lineEnd))
    }

    /// Reads consecutive list items into one or more lists. An item's text continues on
    /// following lines (as hard breaks) until a blank line or another block starts.
    mutating func readList(_ position: inout Int, end: Int, open: [String]) -> [Block] {
        var builder = ListBuilder()
        while position < end {
            let lineEnd = lineEndFrom(position, end)
            let start = skipBlanks(position, lineEnd)
            guard start < lineEnd, case .listItem? = blockStart(at: start, lineEnd: lineEnd, open: open),
                  case (var markers, let contentStart)? = listMarkers(at: start, lineEnd: lineEnd) else { break }
            if markers.count > Self.maxListDepth {
                if !reportedListDepth {
                    reportedListDepth = true
                    note(.warning, "jira-wiki.nesting-limit",
                         "list nested \(markers.count) deep; levels below \(Self.maxListDepth) are read at that depth", at: start)
                }
                markers = Array(markers.prefix(Self.maxListDepth - 1)) + [markers[markers.count - 1]]
            }
            var inlines = parseInlines(contentStart, trimEnd(contentStart, lineEnd))
            position = nextLine(lineEnd, end)
            while position < end {
                let nextEnd = lineEndFrom(position, end)
                let nextStart = skipBlanks(position, nextEnd)
                if nextStart == nextEnd || blockStart(at: nextStart, lineEnd: nextEnd, open: open) != nil { break }
                let more = parseInlines(nextStart, trimEnd(nextStart, nextEnd))
                if !inlines.isEmpty, !more.isEmpty { inlines.append(.lineBreak) }
                inlines.append(contentsOf: more)
                position = nextLine(nextEnd, end)
            }
            builder.add(markers: markers, blocks: Self.paragraph(inlines))
        }
        return builder.finish()
    }

    // MARK: - Tables

    /// Reads consecutive table rows. A row that does not end with `|` continues on the next
    /// lines (so cells can hold lists) until a line ends with `|`, a blank line, or a new row.
    mutating func readTable(_ position: inout Int, end: Int) -> Block {
        var rows: [TableRow] = []
        while position < end {
            let lineEnd = lineEndFrom(position, end)
            let start = skipBlanks(position, lineEnd)
            guard start < lineEnd, text[start] == Byte.pipe else { break }
            var rowEnd = trimEnd(start, lineEnd)
            position = nextLine(lineEnd, end)
            while text[rowEnd - 1] != Byte.pipe, position < end {
                let nextEnd = lineEndFrom(position, end)
                let nextStart = skipBlanks(position, nextEnd)
                if nextStart == nextEnd || text[nextStart] == Byte.pipe { break }
                if let kind = blockStart(at: nextStart, lineEnd: nextEnd, open: []) {
                    guard case .listItem = kind else { break }
                }
                rowEnd = trimEnd(nextStart, nextEnd)
                position = nextLine(nextEnd, end)
            }
            rows.append(readRow(start, rowEnd))
        }
        if let first = rows.first, first.cells.allSatisfy(\.header) { rows[0].section = .head }
        return .table(Table(rows: rows))
    }

    /// Splits a row into cells; `||` starts a header cell, a trailing `|` closes the row.
    private mutating func readRow(_ start: Int, _ end: Int) -> TableRow {
        let parts = splitOnPipes(start, end, skipBrackets: true)
        var cells: [TableCell] = []
        for (offset, part) in parts.enumerated() where offset > 0 {
            var cellStart = part.start
            var cellEnd = part.end
            while cellStart < cellEnd, Byte.isWhitespace(text[cellStart]) { cellStart += 1 }
            while cellEnd > cellStart, Byte.isWhitespace(text[cellEnd - 1]) { cellEnd -= 1 }
            if offset == parts.count - 1, cellStart == cellEnd { break }
            var cursor = cellStart
            let blocks = parseBlocks(&cursor, end: cellEnd, open: []).blocks
            cells.append(TableCell(header: part.pipes >= 2, blocks: blocks))
        }
        return TableRow(cells: cells)
    }

    // MARK: - Verbatim macros

    /// `{code:lang|title=…}` … `{code}` and `{noformat}` … `{noformat}`: the body is kept exactly.
    mutating func readVerbatim(_ tag: WikiMacroTag, _ position: inout Int, end: Int) -> Block {
        var bodyStart = tag.end
        let lineEnd = lineEndFrom(bodyStart, end)
        if skipBlanks(bodyStart, lineEnd) == lineEnd { bodyStart = nextLine(lineEnd, end) }
        let closing = "{" + tag.name + "}"
        let close = findClosingTag(closing, from: bodyStart, end: end)
        var bodyEnd = close ?? end
        var trimmed = bodyEnd
        while trimmed > bodyStart, Byte.isBlank(text[trimmed - 1]) { trimmed -= 1 }
        if trimmed > bodyStart, text[trimmed - 1] == Byte.newline { bodyEnd = trimmed - 1 }
        if close == nil {
            note(.warning, "jira-wiki.unclosed-macro", "{\(tag.name)} is never closed; it runs to the end", at: tag.start)
        }
        position = close.map { $0 + closing.utf8.count } ?? end
        let body = text.string(bodyStart, max(bodyStart, bodyEnd))
        var attributes: [Attribute] = []
        var language: String?
        var title: String?
        for parameter in tag.parameters {
            switch parameter.name.lowercased() {
            case "title": title = parameter.value
            case "language" where tag.name == "code" && language == nil: language = parameter.value
            default: attributes.append(parameter)
            }
        }
        for (offset, value) in tag.positional.enumerated() {
            if offset == 0, tag.name == "code", language == nil { language = value } else { attributes.append(Attribute(value, "")) }
        }
        return .code(CodeBlock(language: language, text: body, title: title, attributes: attributes))
    }

    /// The offset of the next `closing` tag (case-insensitive), remembering failed searches so
    /// that many unclosed tags stay linear.
    mutating func findClosingTag(_ closing: String, from: Int, end: Int) -> Int? {
        let key = closing + "@" + String(end)
        if let missingFrom = missingClosers[key], from >= missingFrom { return nil }
        let found = findTag(closing, from: from, end: end)
        if found == nil { missingClosers[key] = min(from, missingClosers[key] ?? from) }
        return found
    }

    // MARK: - Containers

    /// The block a container macro makes from its content.
    func container(_ tag: WikiMacroTag, _ blocks: [Block]) -> Block {
        switch tag.name {
        case "quote":
            return .quote(blocks)
        case "color":
            let colour = tag.positional.first ?? tag.parameters.first?.value ?? ""
            return .division(Division(attributes: [Attribute("color", colour)], blocks: blocks))
        default:
            var kind: Panel.Kind
            switch tag.name {
            case "info": kind = .info
            case "note": kind = .note
            case "warning": kind = .warning
            case "tip": kind = .tip
            default: kind = .custom("panel")
            }
            var title: String?
            var attributes: [Attribute] = []
            for parameter in tag.parameters {
                if parameter.name.lowercased() == "title", title == nil {
                    title = parameter.value
                } else if tag.name == "panel", parameter.name.lowercased() == "bgcolor",
                          let named = WikiVocabulary.panelKind(forBackground: parameter.value), kind == .custom("panel") {
                    kind = named
                } else {
                    attributes.append(parameter)
                }
            }
            for value in tag.positional { attributes.append(Attribute(value, "")) }
            return .panel(Panel(kind: kind, title: title, blocks: blocks, attributes: attributes))
        }
    }

    // MARK: - Unknown macros

    /// A macro Jira's wiki markup does not define, alone on its line: kept byte-exact as raw
    /// `jira-wiki`, with its body when a matching `{name}` follows.
    mutating func readUnknownBlock(_ tag: WikiMacroTag, _ position: inout Int, end: Int) -> Block {
        note(.warning, "jira-wiki.unknown-macro",
             "macro {\(tag.name)} is not part of Jira wiki markup; kept as raw wiki markup", at: tag.start)
        let closing = "{" + tag.name + "}"
        if let close = findClosingTag(closing, from: tag.end, end: end) {
            position = close + closing.utf8.count
            return .raw(Raw(format: "jira-wiki", content: text.string(tag.start, position)))
        }
        position = tag.end
        return .raw(Raw(format: "jira-wiki", content: tag.source))
    }
}

// MARK: - List building

/// Builds nested lists from items with marker strings, without recursion.
struct ListBuilder {
    private struct OpenList {
        var marker: UInt8
        var items: [ListItem]
        var block: Block { .list(ListBlock(kind: marker == Byte.hash ? .ordered(start: 1) : .bullet, tight: true, items: items)) }
    }
    private var stack: [OpenList] = []
    private var finished: [Block] = []

    /// `*` and `-` are both bullets; `#` is numbered.
    private static func sameKind(_ a: UInt8, _ b: UInt8) -> Bool { (a == Byte.hash) == (b == Byte.hash) }

    /// Adds an item whose marker string is `markers` (its length is the depth).
    mutating func add(markers: [UInt8], blocks: [Block]) {
        let depth = markers.count
        while stack.count > depth { closeTop() }
        if stack.count == depth, let top = stack.last, !Self.sameKind(top.marker, markers[depth - 1]) { closeTop() }
        while stack.count < depth {
            if let last = stack.indices.last, stack[last].items.isEmpty { stack[last].items.append(ListItem(blocks: [])) }
            stack.append(OpenList(marker: markers[stack.count], items: []))
        }
        stack[stack.count - 1].items.append(ListItem(blocks: blocks))
    }

    private mutating func closeTop() {
        guard let top = stack.popLast() else { return }
        if let parent = stack.indices.last, let item = stack[parent].items.indices.last {
            stack[parent].items[item].blocks.append(top.block)
        } else {
            finished.append(top.block)
        }
    }

    /// The finished top-level lists.
    mutating func finish() -> [Block] {
        while !stack.isEmpty { closeTop() }
        return finished
    }
}
