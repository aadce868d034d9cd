// Markdown writing of paragraphs, headings, lists, code, tables, panels, footnotes and raw blocks.

import SpineCore

extension MarkdownRenderer {
    // MARK: - Paragraphs and headings

    /// Stands for a line break inside inline raw HTML until `fixLines` restores it.
    static let rawNewline: UInt8 = 0x00

    mutating func paragraph(_ content: [Inline]) -> [UInt8] {
        let kept = MarkdownRenderer.withoutEdgeBreaks(content, startsLine: !paragraphContinuesLine)
        if kept.filter({ $0 != .text("") }) != content.filter({ $0 != .text("") }) {
            note(.info, "markdown.trailing-break", "a line break at the end of a paragraph or heading (or a soft break at its start) has no effect in Markdown and was dropped")
        }
        let written = fixLines(checkedInlines(kept))
        if !written.isEmpty { paragraphContinuesLine = false }
        return written
    }

    /// Breaks at the end of a paragraph are not breaks in Markdown (a trailing `\` is text),
    /// and a soft break at its start is only a blank line before it. That includes a soft break
    /// opening the content of a tag-written inline that opens the paragraph: written, it would
    /// leave the open tag alone on the first line, which reads as an HTML block (CommonMark
    /// HTML block condition 7), so it goes like a soft break before the tag — unless the
    /// paragraph continues a line (`startsLine` false: after a task checkbox or alert marker).
    static func withoutEdgeBreaks(_ content: [Inline], startsLine: Bool = true) -> [Inline] {
        var kept = content[...]
        // empty text writes nothing, so breaks after it are at the start too
        while let first = kept.first, first == .softBreak || first == .text("") { kept = kept.dropFirst() }
        while let last = kept.last, last == .lineBreak || last == .softBreak || last == .text("") { kept = kept.dropLast() }
        var result = Array(kept)
        if startsLine, let first = result.first, let opened = withoutOpeningSoftBreaks(first) { result[0] = opened }
        return result
    }

    /// `inline` without the soft breaks that open its content, when it is written as a tag
    /// pair (`<span …>`, `<sup>`, …; emphasis whose content opens with a break cannot use
    /// delimiters, so it is a tag pair too); nil when nothing changes.
    static func withoutOpeningSoftBreaks(_ inline: Inline) -> Inline? {
        func trimmed(_ content: [Inline]) -> [Inline]? {
            content.first == .softBreak ? Array(content.drop { $0 == .softBreak }) : nil
        }
        switch inline {
        case .span(var span):
            guard let content = trimmed(span.content) else { return nil }
            span.content = content
            return .span(span)
        case .emphasis(let c): return trimmed(c).map { .emphasis($0) }
        case .strong(let c): return trimmed(c).map { .strong($0) }
        case .strikethrough(let c): return trimmed(c).map { .strikethrough($0) }
        case .underline(let c): return trimmed(c).map { .underline($0) }
        case .superscript(let c): return trimmed(c).map { .superscript($0) }
        case .subscript(let c): return trimmed(c).map { .subscript($0) }
        case .text, .code, .link, .image, .lineBreak, .softBreak, .mention, .issue, .status, .date, .emoji,
             .footnoteReference, .anchor, .placeholder, .raw:
            return nil
        }
    }

    /// Escapes what would change meaning at the start or end of a line: block markers,
    /// indentation and trailing spaces (which the reader strips).
    func fixLines(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + 8)
        var lineStart = 0
        var isFirstLine = true
        while lineStart <= text.count {
            var lineEnd = lineStart
            while lineEnd < text.count, text[lineEnd] != ASCII.newline { lineEnd += 1 }
            fixLine(text[lineStart..<lineEnd], isFirstLine: isFirstLine, into: &out)
            if lineEnd < text.count { out.append(ASCII.newline) }
            isFirstLine = false
            lineStart = lineEnd + 1
        }
        guard out.contains(MarkdownRenderer.rawNewline) else { return out }
        // A line inside inline raw HTML cannot be escaped: when it could start a block
        // (`>`, `#`, `-`, `<`, …), indent it by four spaces, which paragraph continuation strips.
        var restored: [UInt8] = []
        restored.reserveCapacity(out.count + 8)
        for i in out.indices {
            guard out[i] == MarkdownRenderer.rawNewline else { restored.append(out[i]); continue }
            restored.append(ASCII.newline)
            if i + 1 < out.count, !isLetter(out[i + 1]) { restored += [ASCII.space, ASCII.space, ASCII.space, ASCII.space] }
        }
        return restored
    }

    func fixLine(_ line: ArraySlice<UInt8>, isFirstLine: Bool, into out: inout [UInt8]) {
        guard let first = line.first else { return }
        var body = line
        var prefix: [UInt8] = []
        if first == ASCII.space {
            prefix = Array("&#32;".utf8)
            body = body.dropFirst()
        } else if first == ASCII.tab {
            prefix = Array("&#9;".utf8)
            body = body.dropFirst()
        } else if needsLeadingEscape(line) {
            prefix = [ASCII.backslash]
        } else if first == ASCII.lbracket, !isFirstLine, line.count > 3, line[line.startIndex + 1] == ASCII.caret,
                  line.firstIndex(of: ASCII.rbracket).map({ $0 + 1 < line.endIndex && line[$0 + 1] == ASCII.colon }) == true {
            // a footnote reference then `:` would start a footnote definition here
            prefix = Array("    ".utf8)
        } else if first == ASCII.lt, !isFirstLine,
                  (1...6).contains(HTMLScanners.blockStart(Array(line), at: 0, end: line.count, canInterruptParagraph: true)) {
            // inline HTML (text `<` is always escaped) that would open an HTML block here:
            // indentation keeps it a continuation line, and readers strip it
            prefix = Array("    ".utf8)
        } else if isDigit(first) {
            var i = line.startIndex
            while i < line.endIndex, isDigit(line[i]), i - line.startIndex < 10 { i += 1 }
            if i < line.endIndex, line[i] == ASCII.dot || line[i] == ASCII.rparen, i - line.startIndex <= 9,
               i + 1 == line.endIndex || isSpaceOrTab(line[i + 1]) {
                out += line[line.startIndex..<i]
                out.append(ASCII.backslash)
                body = line[i...]
            }
        }
        out += prefix
        // trailing whitespace is stripped by readers: keep the last one as an entity
        if let last = body.last, isSpaceOrTab(last), !(body.count >= 2 && body[body.endIndex - 2] == ASCII.backslash) {
            out += body.dropLast()
            out += Array((last == ASCII.space ? "&#32;" : "&#9;").utf8)
        } else {
            out += body
        }
    }

    func needsLeadingEscape(_ line: ArraySlice<UInt8>) -> Bool {
        let first = line[line.startIndex]
        let second: UInt8 = line.count > 1 ? line[line.startIndex + 1] : ASCII.newline
        switch first {
        case ASCII.gt:
            return true
        case ASCII.hash:
            var i = line.startIndex
            while i < line.endIndex, line[i] == ASCII.hash { i += 1 }
            return i - line.startIndex <= 6 && (i == line.endIndex || isSpaceOrTab(line[i]))
        case ASCII.minus, ASCII.plus:
            if second == ASCII.newline || isSpaceOrTab(second) { return true }
            if line.allSatisfy({ $0 == first || isSpaceOrTab($0) }) { return true }
            return first == ASCII.minus && TableParser.delimiterRow(line) != nil
        case ASCII.equals:
            return line.allSatisfy { $0 == ASCII.equals || isSpaceOrTab($0) }
        case ASCII.colon:
            return TableParser.delimiterRow(line) != nil
        case ASCII.pipe:
            return TableParser.delimiterRow(line) != nil
        default:
            return false
        }
    }

    mutating func heading(_ heading: Heading) -> [UInt8] {
        if heading.anchor != nil { note(.warning, "markdown.heading-anchor", "explicit heading anchors cannot be written in Markdown and were dropped") }
        // setext keeps inner breaks; a trailing one would end the heading, so ATX writes it as a space
        let kept = MarkdownRenderer.withoutEdgeBreaks(heading.content)
        if Self.isSetext(heading) {
            let text = fixLines(checkedInlines(kept))
            return text + Array((heading.level == 1 ? "\n===" : "\n---").utf8)
        }
        var text = checkedInlines(heading.content, breaksAllowed: false).map { $0 == MarkdownRenderer.rawNewline ? ASCII.space : $0 }
        var out = [UInt8](repeating: ASCII.hash, count: min(max(heading.level, 1), 6))
        guard !text.isEmpty else { return out }
        // a trailing run of #s would be read as a closing sequence
        var hashes = text.count
        while hashes > 0, text[hashes - 1] == ASCII.hash { hashes -= 1 }
        if hashes < text.count, hashes == 0 || isSpaceOrTab(text[hashes - 1]) { text.insert(ASCII.backslash, at: hashes) }
        out.append(ASCII.space)
        // ATX content is trimmed by readers: keep edge whitespace as entities
        if let first = text.first, isSpaceOrTab(first) { text.replaceSubrange(0..<1, with: Array((first == ASCII.space ? "&#32;" : "&#9;").utf8)) }
        if let last = text.last, isSpaceOrTab(last) { text.replaceSubrange((text.count - 1)..., with: Array((last == ASCII.space ? "&#32;" : "&#9;").utf8)) }
        return out + text
    }

    static func containsBreak(_ inlines: [Inline]) -> Bool {
        for inline in inlines {
            switch inline {
            case .softBreak, .lineBreak: return true
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .underline(let c), .superscript(let c), .subscript(let c):
                if containsBreak(c) { return true }
            case .link(let link): if containsBreak(link.content) { return true }
            case .span(let span): if containsBreak(span.content) { return true }
            case .raw(let raw): if raw.format == "html" && raw.content.contains("\n") { return true }
            default: break
            }
        }
        return false
    }

    // MARK: - Lists

    mutating func list(_ list: ListBlock, bullet: UInt8, delimiter: UInt8) -> [UInt8] {
        var out: [UInt8] = []
        var number: Int
        if case .ordered(let start) = list.kind { number = start } else { number = 0 }
        if number > 999_999_999 || number < 0 {
            note(.warning, "markdown.list-start", "ordered list start \(number) is outside Markdown's range and was clamped")
            number = min(max(number, 0), 999_999_999 - list.items.count)
        }
        for (index, item) in list.items.enumerated() {
            if index > 0 { out += list.tight ? [ASCII.newline] : [ASCII.newline, ASCII.newline] }
            let marker: String
            if case .ordered = list.kind {
                marker = String(number) + String(UnicodeScalar(delimiter)) + " "
                number += 1
            } else {
                marker = String(UnicodeScalar(bullet)) + " "
            }
            let written = MarkdownLossiness.writtenBlocks(item.blocks)
            let checkboxAlone = item.task != nil && MarkdownLossiness.checkboxAlone(item, in: list)
            // a first paragraph written after the checkbox continues its line
            paragraphContinuesLine = item.task != nil && !checkboxAlone && isParagraph(written.first)
            var content = blocks(item.blocks, tight: list.tight)
            paragraphContinuesLine = false
            // nested empty items `- - -` would be one thematic break: the nested list opening
            // the item takes the other bullet
            if case .list(let nested)? = written.first, case .bullet = nested.kind,
               Self.isThematicBreak(Array(marker.utf8) + content.prefix { $0 != ASCII.newline }) {
                firstListBullet = bullet == ASCII.star ? ASCII.minus : ASCII.star
                content = blocks(item.blocks, tight: list.tight)
                firstListBullet = nil
            }
            // `- ---` would be one thematic break: a rule opening an item is written `___`
            if case .rule? = written.first, content.starts(with: Array("---".utf8)) {
                content.replaceSubrange(0..<3, with: Array("___".utf8))
            }
            if let task = item.task {
                let checkbox = Array((task == .done ? "[x] " : "[ ] ").utf8)
                if let first = written.first, checkboxAlone {
                    // An item that does not start with text (or a loose list's only item holding
                    // one block): the checkbox is a line of its own, `- [ ] ` with its trailing
                    // space (which makes it a task item in cmark-gfm and here); the blocks follow
                    // as they would follow a paragraph.
                    let tightly = list.tight && Self.checkboxLineCanPrecede(first)
                    content = checkbox + (tightly ? [ASCII.newline] : [ASCII.newline, ASCII.newline]) + content
                } else {
                    // before a paragraph, or alone: an empty task item is `- [ ] `
                    content = checkbox + content
                }
            }
            let indent = String(repeating: " ", count: marker.utf8.count)
            out += prefixLines(content, first: marker, rest: indent, blank: "")
        }
        return out
    }

    /// Whether a line is a thematic break: three or more of one of `-`, `*`, `_` and spaces or tabs.
    static func isThematicBreak(_ line: [UInt8]) -> Bool {
        guard let char = line.first(where: { !isSpaceOrTab($0) }), char == ASCII.minus || char == ASCII.star || char == ASCII.underscore else { return false }
        return line.allSatisfy { $0 == char || isSpaceOrTab($0) } && line.filter { $0 == char }.count >= 3
    }

    /// Whether `block` can follow a task item's checkbox line (`- [ ] ` alone) directly: as
    /// after a paragraph, except a pipe table, whose header row would take the checkbox line.
    static func checkboxLineCanPrecede(_ block: Block) -> Bool {
        if case .table = block { return false }
        return canFollowTightly(.paragraph([.text("[ ]")]), block)
    }

    // MARK: - Code and raw blocks

    mutating func codeBlock(_ code: CodeBlock) -> [UInt8] {
        var info = code.language ?? ""
        if info.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            note(.warning, "markdown.code-language", "a code language containing spaces was shortened to its first word")
            info = String(info.prefix { $0 != " " && $0 != "\t" && $0 != "\n" })
        }
        var attributes = code.attributes
        if let title = code.title { attributes.insert(Attribute("title", title), at: 0) }
        if attributes.count == 1, attributes[0].name == "info", code.title == nil {
            info += (info.isEmpty ? "" : " ") + attributes[0].value
        } else if !attributes.isEmpty {
            let written = attributes.filter { !$0.value.contains("\"") && !$0.value.contains("\n") && !$0.name.contains(" ") && !$0.name.contains("=") }
            if written.count < attributes.count { note(.warning, "markdown.code-attributes", "code block attributes with quotes or line breaks were dropped") }
            if info.isEmpty && !written.isEmpty {
                note(.info, "markdown.code-language-text",
                     "code without a language but with attributes was written as `text` (the attributes need an info string word); it reads back with language text")
                info = "text"
            }
            for a in written { info += " " + a.name + "=\"" + a.value + "\"" }
        }
        return fenced(code.text, info: escapeInfo(info))
    }

    func escapeInfo(_ info: String) -> String {
        var out = ""
        for ch in info.unicodeScalars {
            if ch == "\\" || ch == "&" { out += "\\" }
            out.unicodeScalars.append(ch)
        }
        return out
    }

    /// A fenced block whose fence is longer than any fence-like run inside.
    func fenced(_ text: String, info: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        let char: UInt8 = info.contains("`") ? ASCII.tilde : ASCII.backtick
        var longest = 0, run = 0
        for b in bytes {
            if b == char { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = [UInt8](repeating: char, count: max(3, longest + 1))
        var out = fence + Array(info.utf8) + [ASCII.newline]
        if !bytes.isEmpty { out += bytes + [ASCII.newline] }
        return out + fence
    }

    mutating func rawBlock(_ raw: Raw) -> [UInt8] {
        if raw.format == "html", Self.isSafeHTMLBlock(raw.content) { return Array(raw.content.utf8) }
        if raw.format != "html" { note(.info, "markdown.raw-block", "\(raw.format) content is written as a ```{=\(raw.format)} block") }
        return fenced(raw.content, info: "{=" + raw.format + "}")
    }

    /// Whether `content` reads back as exactly one HTML block with the same text, and that block
    /// ends by itself: the writer always puts a blank line and more blocks after it, and an HTML
    /// block whose end condition (`-->`, `?>`, `</script>`, …) is missing would swallow them.
    static func isSafeHTMLBlock(_ content: String) -> Bool {
        let bytes = Array(content.utf8)
        guard !bytes.isEmpty, bytes.first == ASCII.lt else { return false }
        let parser = BlockParser(bytes + Array("\n\nx".utf8), firstLine: 1)
        parser.parse(from: 0)
        let children = parser.document.children
        guard children.count == 2, children[0].kind == .html, children[1].kind == .paragraph else { return false }
        return children[0].content == bytes
    }

    // MARK: - Panels and footnotes

    mutating func panel(_ panel: Panel) -> [UInt8] {
        let alert: String?
        switch panel.kind {
        case .info: alert = "NOTE"
        case .tip: alert = "TIP"
        case .custom(let name) where name == "important": alert = "IMPORTANT"
        case .warning: alert = "WARNING"
        case .error: alert = "CAUTION"
        default: alert = nil
        }
        let isAlert = alert != nil && panel.title == nil && panel.attributes.isEmpty
        // a first paragraph continues the alert's marker line
        paragraphContinuesLine = isAlert && isParagraph(MarkdownLossiness.writtenBlocks(panel.blocks).first)
        var content = blocks(panel.blocks, tight: false)
        paragraphContinuesLine = false
        if let alert, isAlert {
            // `---` right under the marker line would make it a setext heading
            if case .rule? = MarkdownLossiness.writtenBlocks(panel.blocks).first, content.starts(with: Array("---".utf8)) {
                content.replaceSubrange(0..<3, with: Array("***".utf8))
            }
            // the marker line is a paragraph: a first block that cannot follow one directly
            // (a list not starting at 1, a setext heading, …) gets a blank line before it
            var body = content.isEmpty ? [] : [ASCII.newline] + content
            // the first paragraph continues the marker's line: inline HTML there must not open a block
            if isParagraph(panel.blocks.first), content.first == ASCII.lt,
               (1...6).contains(HTMLScanners.blockStart(content, at: 0, end: content.firstIndex(of: ASCII.newline) ?? content.count, canInterruptParagraph: true)) {
                body.insert(contentsOf: Array("    ".utf8), at: 1)
            }
            if let first = panel.blocks.first, !content.isEmpty, !isParagraph(first), !Self.canFollowTightly(.paragraph([]), first) {
                body.insert(ASCII.newline, at: 0)
            }
            return prefixLines(Array(("[!" + alert + "]").utf8) + body, first: "> ", rest: "> ", blank: ">")
        }
        var attributes = [Attribute("kind", BlockConventions.panelKindName(panel.kind))]
        if let title = panel.title { attributes.append(Attribute("title", title)) }
        attributes += panel.attributes
        let quote = content.isEmpty ? Array(">".utf8) : prefixLines(content, first: "> ", rest: "> ", blank: ">")
        return Array(BlockConventions.comment("panel", attributes).utf8) + [ASCII.newline] + quote
    }

    mutating func footnote(_ note: Footnote) -> [UInt8] {
        let label = note.label
        if label.isEmpty || label.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "]" || $0 == "[" }) {
            self.note(.warning, "markdown.footnote-label", "footnote label '\(label)' cannot be written as [^label]")
        }
        let content = blocks(note.blocks, tight: false)
        if content.isEmpty { return Array(("[^" + label + "]:").utf8) }
        let startsWithParagraph: Bool = { if case .paragraph = note.blocks.first { return true } else { return false } }()
        if startsWithParagraph {
            return prefixLines(content, first: "[^" + label + "]: ", rest: "    ", blank: "")
        }
        return Array(("[^" + label + "]:\n").utf8) + prefixLines(content, first: "    ", rest: "    ", blank: "")
    }
}
