// The block level of the wiki reader: lines → headings, quotes, rules, macros and paragraphs.
// Block macros of the same name do not nest (as in Jira), which bounds the recursion.

import SpineCore

/// Parses wiki markup bytes into blocks. Lives only inside `withUnsafeBufferPointer`.
struct WikiParser {
    let text: UnsafeBufferPointer<UInt8>
    let lines: LineIndex
    let path: String?
    var diagnostics: [Diagnostic] = []
    var closeBracketFinder = NextByteFinder(Byte.closeBracket)
    var closeBraceFinder = NextByteFinder(Byte.closeBrace)
    var doubleCloseBraceFinder = NextByteFinder(Byte.closeBrace, followedBy: Byte.closeBrace)
    /// Per closing tag (`{code}`), the offset from which a search already found none.
    var missingClosers: [String: Int] = [:]
    var reportedListDepth = false

    /// Deepest list nesting kept; deeper markers are read at this depth.
    static let maxListDepth = 16

    init(text: UnsafeBufferPointer<UInt8>, path: String?) {
        self.text = text
        self.lines = LineIndex(text)
        self.path = path
    }

    /// Records a diagnostic located at byte `offset`.
    mutating func note(_ severity: Severity, _ code: String, _ message: String, at offset: Int) {
        var location = lines.location(of: offset)
        location.path = nil
        diagnostics.append(Diagnostic(severity, code: code, message, at: location))
    }

    // MARK: - Lines

    /// The offset of the newline ending the line at `position`, or `end`.
    func lineEndFrom(_ position: Int, _ end: Int) -> Int {
        var index = position
        while index < end, text[index] != Byte.newline { index += 1 }
        return index
    }

    /// The first offset at or after `position` that is not a space or tab.
    func skipBlanks(_ position: Int, _ end: Int) -> Int {
        var index = position
        while index < end, Byte.isBlank(text[index]) { index += 1 }
        return index
    }

    /// `end` moved back over spaces and tabs (not before `start`).
    func trimEnd(_ start: Int, _ end: Int) -> Int {
        var index = end
        while index > start, Byte.isBlank(text[index - 1]) { index -= 1 }
        return index
    }

    /// The start of the next line after a line ending at `lineEnd`.
    func nextLine(_ lineEnd: Int, _ end: Int) -> Int { lineEnd < end ? lineEnd + 1 : end }

    // MARK: - Blocks

    /// Parses blocks until `end` or until a tag closes one of the `open` containers; returns
    /// the blocks and the name of the container that was closed.
    mutating func parseBlocks(_ position: inout Int, end: Int, open: [String]) -> (blocks: [Block], closedBy: String?) {
        var blocks: [Block] = []
        while position < end {
            let lineEnd = lineEndFrom(position, end)
            let start = skipBlanks(position, lineEnd)
            if start == lineEnd {
                position = nextLine(lineEnd, end)
                continue
            }
            guard let kind = blockStart(at: start, lineEnd: lineEnd, open: open) else {
                blocks.append(contentsOf: readParagraph(&position, end: end, open: open))
                continue
            }
            switch kind {
            case .close(let tag):
                let reopens = tag.hasParameters && tag.name != "color"
                if reopens {
                    note(.warning, "jira-wiki.nested-macro",
                         "{\(tag.name)} cannot nest inside {\(tag.name)}; the open one is closed first", at: tag.start)
                }
                position = reopens ? tag.start : tag.end
                return (blocks, tag.name)
            case .container(let tag):
                position = tag.end
                let inner = parseBlocks(&position, end: end, open: open + [tag.name])
                blocks.append(container(tag, inner.blocks))
                if inner.closedBy == nil {
                    note(.warning, "jira-wiki.unclosed-macro", "{\(tag.name)} is never closed; it runs to the end", at: tag.start)
                } else if inner.closedBy != tag.name {
                    note(.warning, "jira-wiki.unclosed-macro", "{\(tag.name)} is closed by an outer {\(inner.closedBy ?? "")}", at: tag.start)
                    return (blocks, inner.closedBy)
                }
            case .verbatim(let tag):
                blocks.append(readVerbatim(tag, &position, end: end))
            case .unknownMacro(let tag):
                blocks.append(readUnknownBlock(tag, &position, end: end))
            case .heading(let level, let contentStart):
                var content = parseInlines(contentStart, trimEnd(contentStart, lineEnd))
                var anchor: String?
                if case .anchor(let name)? = content.first {
                    anchor = name
                    content.removeFirst()
                    if case .text(let rest)? = content.first, rest.hasPrefix(" ") {
                        content[0] = .text(String(rest.drop(while: { $0 == " " })))
                        if content[0] == .text("") { content.removeFirst() }
                    }
                }
                blocks.append(.heading(Heading(level: level, content: content, anchor: anchor)))
                position = nextLine(lineEnd, end)
            case .quoteLine(let contentStart):
                let content = parseInlines(contentStart, trimEnd(contentStart, lineEnd))
                blocks.append(.quote(content.isEmpty ? [] : [.paragraph(content)]))
                position = nextLine(lineEnd, end)
            case .rule:
                blocks.append(.rule)
                position = nextLine(lineEnd, end)
            case .listItem:
                blocks.append(contentsOf: readList(&position, end: end, open: open))
            case .tableRow:
                blocks.append(readTable(&position, end: end))
            }
        }
        return (blocks, nil)
    }

    // MARK: - Block starts

    /// What a line starting at `start` begins.
    enum BlockStart {
        case close(WikiMacroTag), container(WikiMacroTag), verbatim(WikiMacroTag), unknownMacro(WikiMacroTag)
        case heading(level: Int, contentStart: Int), quoteLine(contentStart: Int), rule, listItem, tableRow
    }

    /// Classifies the line at `start`, or nil for paragraph text.
    mutating func blockStart(at start: Int, lineEnd: Int, open: [String]) -> BlockStart? {
        let first = text[start]
        switch first {
        case 0x68 where start + 3 <= lineEnd && text[start + 1] >= 0x31 && text[start + 1] <= 0x36 && text[start + 2] == Byte.dot:
            guard start + 3 == lineEnd || Byte.isBlank(text[start + 3]) else { return nil }
            return .heading(level: Int(text[start + 1] - 0x30), contentStart: skipBlanks(start + 3, lineEnd))
        case 0x62 where text.matches("bq.", at: start, end: lineEnd):
            guard start + 3 == lineEnd || Byte.isBlank(text[start + 3]) else { return nil }
            return .quoteLine(contentStart: skipBlanks(start + 3, lineEnd))
        case Byte.dash, Byte.star, Byte.hash:
            var index = start
            while index < lineEnd, text[index] == Byte.dash { index += 1 }
            if index - start >= 4, skipBlanks(index, lineEnd) == lineEnd { return .rule }
            return listMarkers(at: start, lineEnd: lineEnd) == nil ? nil : .listItem
        case Byte.pipe:
            return .tableRow
        case Byte.openBrace:
            guard let tag = WikiMacroTag.parse(at: start, limit: lineEnd, in: text, closeBrace: &closeBraceFinder) else { return nil }
            return tagRole(tag, lineEnd: lineEnd, open: open, atLineStart: true)
        default:
            return nil
        }
    }

    /// The block role of a macro tag, or nil when it is inline.
    private mutating func tagRole(_ tag: WikiMacroTag, lineEnd: Int, open: [String], atLineStart: Bool) -> BlockStart? {
        let name = tag.name
        if open.contains(name), !(name == "color" && tag.hasParameters) { return .close(tag) }
        if name == "color" {
            guard atLineStart, tag.hasParameters, !lineHasTag("{color}", from: tag.end, lineEnd: lineEnd),
                  findClosingTag("{color}", from: tag.end, end: text.count) != nil else { return nil }
            return .container(tag)
        }
        if WikiMacroTag.containerNames.contains(name) { return .container(tag) }
        if WikiMacroTag.verbatimNames.contains(name) { return .verbatim(tag) }
        if atLineStart, !WikiMacroTag.inlineNames.contains(name), skipBlanks(tag.end, lineEnd) == lineEnd {
            return .unknownMacro(tag)
        }
        return nil
    }

    /// Whether `literal` (lower case) occurs in `from..<lineEnd`, ignoring case.
    private func lineHasTag(_ literal: String, from: Int, lineEnd: Int) -> Bool {
        findTag(literal, from: from, end: lineEnd) != nil
    }

    /// The offset of the first case-insensitive occurrence of `literal` in `from..<end`.
    func findTag(_ literal: String, from: Int, end: Int) -> Int? {
        let pattern = Array(literal.utf8)
        guard pattern.count > 0, from + pattern.count <= end else { return nil }
        var index = from
        let last = end - pattern.count
        while index <= last {
            if text[index] == pattern[0] {
                var offset = 1
                while offset < pattern.count {
                    var byte = text[index + offset]
                    if byte >= 0x41, byte <= 0x5A { byte += 0x20 }
                    if byte != pattern[offset] { break }
                    offset += 1
                }
                if offset == pattern.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// The first tag in `start..<lineEnd` that ends a paragraph: a closing tag of an open
    /// container, or the start of a container or verbatim block. Monospace spans are skipped.
    private mutating func paragraphBreakingTag(_ start: Int, _ lineEnd: Int, open: [String]) -> Int? {
        var index = start
        while index < lineEnd {
            let byte = text[index]
            if byte == Byte.backslash { index += 2; continue }
            if byte == Byte.openBrace {
                if index + 1 < lineEnd, text[index + 1] == Byte.openBrace {
                    if let close = doubleCloseBraceFinder.next(from: index + 2, limit: lineEnd, in: text) { index = close + 2; continue }
                    index += 2
                    continue
                }
                if let tag = WikiMacroTag.parse(at: index, limit: lineEnd, in: text, closeBrace: &closeBraceFinder),
                   let role = tagRole(tag, lineEnd: lineEnd, open: open, atLineStart: false) {
                    switch role {
                    case .close, .container, .verbatim: return index
                    default: break
                    }
                }
            }
            index += 1
        }
        return nil
    }

    // MARK: - Paragraphs

    /// Reads a paragraph: lines until a blank line or a block start; a newline inside a
    /// paragraph is a hard line break. A paragraph that is one image becomes an image block.
    mutating func readParagraph(_ position: inout Int, end: Int, open: [String]) -> [Block] {
        var inlines: [Inline] = []
        var firstLine = true
        while position < end {
            let lineEnd = lineEndFrom(position, end)
            let start = skipBlanks(position, lineEnd)
            if !firstLine, start == lineEnd || blockStart(at: start, lineEnd: lineEnd, open: open) != nil { break }
            var breakAt = paragraphBreakingTag(start, lineEnd, open: open)
            if breakAt == start { breakAt = firstLine ? paragraphBreakingTag(start + 1, lineEnd, open: open) : start }
            let segmentEnd = trimEnd(start, breakAt ?? lineEnd)
            if start < segmentEnd {
                if !inlines.isEmpty { inlines.append(.lineBreak) }
                inlines.append(contentsOf: parseInlines(start, segmentEnd))
            }
            firstLine = false
            if let breakAt {
                position = breakAt
                break
            }
            position = nextLine(lineEnd, end)
        }
        return Self.paragraph(inlines)
    }

    /// The block for a run of inlines: nothing, an image block or a paragraph.
    static func paragraph(_ inlines: [Inline]) -> [Block] {
        if inlines.isEmpty { return [] }
        if inlines.count == 1, case .image(let image) = inlines[0] { return [.image(image)] }
        return [.paragraph(inlines)]
    }
}
