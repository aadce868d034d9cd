// Block starts (quotes, headings, fences, HTML, rules, list items, tables, footnotes) and finalisation.

import SpineCore

extension BlockParser {
    enum StartResult { case none, container, leaf, consumed }

    /// Tries each block start at the current position, in CommonMark's order.
    func tryBlockStarts(_ container: BlockNode) -> StartResult {
        let c = peek(nextNonspace)
        if !indented {
            switch c {
            case ASCII.gt:
                if depthExceeded { return .none }
                advanceNextNonspace()
                advanceOffset(1, columns: false)
                if isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
                closeUnmatched()
                addChild(.quote)
                return .container
            case ASCII.hash:
                if startATXHeading() { return .consumed }
            case ASCII.backtick, ASCII.tilde:
                if startFence() { return .consumed }
            case ASCII.lt:
                let maybeLazy = !allClosed && !blank && open.last!.kind == .paragraph
                let type = HTMLScanners.blockStart(src, at: nextNonspace, end: lineEnd,
                                                   canInterruptParagraph: container.kind != .paragraph && !maybeLazy)
                if type > 0 {
                    closeUnmatched()
                    let node = addChild(.html)
                    node.htmlType = type
                    return .leaf
                }
            case ASCII.lbracket:
                if startFootnote() { return .container }
            default:
                break
            }
            if container.kind == .paragraph, c == ASCII.equals || c == ASCII.minus, startSetext(container) { return .consumed }
            if c == ASCII.star || c == ASCII.minus || c == ASCII.underscore, isThematicBreak() {
                closeUnmatched()
                addChild(.rule)
                closeTip()
                return .consumed
            }
        }
        if (!indented || container.kind == .list), startListItem(container) { return .container }
        // as in cmark-gfm, the table extension comes after the core starts: `- |` under a
        // paragraph line is a list item, not a delimiter row
        if !indented, container.kind == .paragraph, startTable(container) { return .consumed }
        if indented, open.last!.kind != .paragraph, !blank {
            advanceOffset(4, columns: true)
            closeUnmatched()
            addChild(.indentedCode)
            return .leaf
        }
        return .none
    }

    // MARK: - Headings and rules

    func startATXHeading() -> Bool {
        var i = nextNonspace
        while i < lineEnd, src[i] == ASCII.hash { i += 1 }
        let level = i - nextNonspace
        guard level <= 6, i == lineEnd || isSpaceOrTab(src[i]) else { return false }
        closeUnmatched()
        let node = addChild(.heading)
        node.level = level
        var start = i
        while start < lineEnd, isSpaceOrTab(src[start]) { start += 1 }
        var end = lineEnd
        while end > start, isSpaceOrTab(src[end - 1]) { end -= 1 }
        // optional closing sequence: #s preceded by a space or tab (or filling the content)
        var hashes = end
        while hashes > start, src[hashes - 1] == ASCII.hash { hashes -= 1 }
        if hashes < end, hashes == start || isSpaceOrTab(src[hashes - 1]) {
            end = hashes
            while end > start, isSpaceOrTab(src[end - 1]) { end -= 1 }
        }
        node.content = Array(src[start..<end])
        closeTip()
        return true
    }

    func isThematicBreak() -> Bool {
        let marker = src[nextNonspace]
        var count = 0
        var i = nextNonspace
        while i < lineEnd {
            let c = src[i]
            if c == marker { count += 1 } else if !isSpaceOrTab(c) { return false }
            i += 1
        }
        return count >= 3
    }

    func startSetext(_ paragraph: BlockNode) -> Bool {
        let marker = src[nextNonspace]
        var i = nextNonspace
        while i < lineEnd, src[i] == marker { i += 1 }
        while i < lineEnd, isSpaceOrTab(src[i]) { i += 1 }
        guard i == lineEnd else { return false }
        closeUnmatched()
        extractReferenceDefinitions(paragraph)
        guard !paragraph.content.isEmpty else { return false }
        paragraph.kind = .heading
        paragraph.level = marker == ASCII.equals ? 1 : 2
        trimTrailingWhitespace(&paragraph.content)
        closeTip()
        return true
    }

    // MARK: - Fenced code

    func startFence() -> Bool {
        let marker = src[nextNonspace]
        var i = nextNonspace
        while i < lineEnd, src[i] == marker { i += 1 }
        let length = i - nextNonspace
        guard length >= 3 else { return false }
        if marker == ASCII.backtick, src[i..<lineEnd].contains(ASCII.backtick) { return false }
        closeUnmatched()
        let node = addChild(.fencedCode)
        node.fenceChar = marker
        node.fenceLength = length
        node.fenceOffset = indent
        var infoStart = i
        while infoStart < lineEnd, isSpaceOrTab(src[infoStart]) { infoStart += 1 }
        var infoEnd = lineEnd
        while infoEnd > infoStart, isSpaceOrTab(src[infoEnd - 1]) { infoEnd -= 1 }
        node.info = Entities.unescape(src[infoStart..<infoEnd])
        offset = lineEnd
        return true
    }

    // MARK: - List items

    func startListItem(_ container: BlockNode) -> Bool {
        guard indent < 4, !blank else { return false }
        let first = src[nextNonspace]
        var markerEnd = nextNonspace
        var ordered = false
        var start = 1
        var delimiter: UInt8 = 0
        if first == ASCII.minus || first == ASCII.plus || first == ASCII.star {
            markerEnd += 1
        } else if isDigit(first) {
            var value = 0
            while markerEnd < lineEnd, isDigit(src[markerEnd]), markerEnd - nextNonspace < 9 {
                value = value * 10 + Int(src[markerEnd] - 0x30)
                markerEnd += 1
            }
            guard markerEnd < lineEnd, src[markerEnd] == ASCII.dot || src[markerEnd] == ASCII.rparen else { return false }
            if container.kind == .paragraph && value != 1 { return false }
            delimiter = src[markerEnd]
            markerEnd += 1
            ordered = true
            start = value
        } else {
            return false
        }
        let after = peek(markerEnd)
        guard after == ASCII.newline || isSpaceOrTab(after) else { return false }
        if container.kind == .paragraph {
            var k = markerEnd
            while k < lineEnd, isSpaceOrTab(src[k]) { k += 1 }
            if k == lineEnd { return false }
        }
        if depthExceeded { return false }
        let markerWidth = markerEnd - nextNonspace
        let markerOffset = indent
        advanceNextNonspace()
        advanceOffset(markerWidth, columns: true)
        let spacesStartColumn = column, spacesStartOffset = offset, savedTab = partiallyConsumedTab
        repeat {
            advanceOffset(1, columns: true)
        } while column - spacesStartColumn < 5 && isSpaceOrTab(peek(offset))
        let blankItem = offset >= lineEnd
        let spaces = column - spacesStartColumn
        let padding: Int
        if spaces >= 5 || spaces < 1 || blankItem {
            padding = markerWidth + 1
            column = spacesStartColumn
            offset = spacesStartOffset
            partiallyConsumedTab = savedTab
            if isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
        } else {
            padding = markerWidth + spaces
        }
        closeUnmatched()
        let tip = open.last!
        let continues = tip.kind == .list && tip.ordered == ordered
            && (ordered ? tip.delimiter == delimiter : tip.bulletChar == first)
        if !continues {
            let list = addChild(.list)
            list.ordered = ordered
            list.bulletChar = ordered ? 0 : first
            list.delimiter = delimiter
            list.start = start
        }
        let item = addChild(.item)
        item.markerOffset = markerOffset
        item.padding = padding
        return true
    }

    // MARK: - GFM: tables and footnote definitions

    func startTable(_ paragraph: BlockNode) -> Bool {
        guard let alignments = TableParser.delimiterRow(src[nextNonspace..<lineEnd]) else { return false }
        var headerLine = Array(paragraph.content[paragraph.lastLineStart...])
        trimTrailingWhitespace(&headerLine)
        let header = TableParser.cells(headerLine[...])
        guard header.count == alignments.count else { return false }
        closeUnmatched()
        // Earlier lines stay a paragraph.
        paragraph.content.removeSubrange(paragraph.lastLineStart...)
        let parent = open[open.count - 2]
        open.removeLast()
        if paragraph.content.isEmpty {
            parent.children.removeLast()
        } else {
            finalize(paragraph, parent: parent)
        }
        let table = addChild(.table)
        table.line = lineNumber - 1
        table.alignments = alignments
        table.rows = [header]
        offset = lineEnd
        return true
    }

    func startFootnote() -> Bool {
        guard nextNonspace + 2 < lineEnd, src[nextNonspace + 1] == ASCII.caret else { return false }
        var i = nextNonspace + 2
        while i < lineEnd, src[i] != ASCII.rbracket, !isWhitespaceByte(src[i]), src[i] != ASCII.lbracket { i += 1 }
        guard i > nextNonspace + 2, i + 1 < lineEnd, src[i] == ASCII.rbracket, src[i + 1] == ASCII.colon else { return false }
        if depthExceeded { return false }
        let label = Array(src[(nextNonspace + 2)..<i])
        closeUnmatched()
        let node = addChild(.footnote)
        node.label = label
        footnoteLabels.insert(LinkScanners.normalize(label[...]))
        advanceNextNonspace()
        advanceOffset(i + 2 - nextNonspace, columns: false)
        return true
    }

    // MARK: - Finalisation

    /// Whether a one-line paragraph is `[ ]`, `[x]` or `[X]` followed by spaces or tabs only.
    func isLoneCheckbox(_ paragraph: BlockNode) -> Bool {
        let c = paragraph.content
        guard paragraph.lineCount == 1, c.count >= 5, c[0] == ASCII.lbracket, c[2] == ASCII.rbracket,
              c[1] == ASCII.space || c[1] == 0x78 || c[1] == 0x58, isSpaceOrTab(c[3]) else { return false }
        return c[4...].allSatisfy { isSpaceOrTab($0) || $0 == ASCII.newline }
    }

    func trimTrailingWhitespace(_ bytes: inout [UInt8]) {
        while let last = bytes.last, isWhitespaceByte(last) { bytes.removeLast() }
    }

    /// Removes link reference definitions from the start of a paragraph.
    func extractReferenceDefinitions(_ paragraph: BlockNode) {
        var start = 0
        let content = paragraph.content
        while start < content.count, content[start] == ASCII.lbracket,
              let definition = LinkScanners.parseDefinition(content, at: start, end: content.count) {
            if references[definition.label] == nil { references[definition.label] = definition.reference }
            start = definition.next
        }
        if start > 0 {
            paragraph.content.removeSubrange(0..<start)
            paragraph.lastLineStart = max(0, paragraph.lastLineStart - start)
        }
    }

    /// Called once when a block closes.
    func finalize(_ node: BlockNode, parent: BlockNode) {
        switch node.kind {
        case .paragraph:
            extractReferenceDefinitions(node)
            let loneCheckbox = parent.kind == .item && parent.children.first === node && isLoneCheckbox(node)
            trimTrailingWhitespace(&node.content)
            // `- [ ] ` (the checkbox and a space alone on the item's first line) is an empty task
            // item, as cmark-gfm reads it: keep one space for the task-marker test
            if loneCheckbox { node.content.append(ASCII.space) }
            if node.content.isEmpty, parent.children.last === node { parent.children.removeLast() }
        case .indentedCode:
            // drop trailing blank lines
            var end = node.content.count
            while end > 0 {
                var lineBegin = end - 1
                while lineBegin > 0, node.content[lineBegin - 1] != ASCII.newline { lineBegin -= 1 }
                if node.content[lineBegin..<(end - 1)].allSatisfy(isSpaceOrTab) { end = lineBegin } else { break }
            }
            node.content.removeSubrange(end...)
        case .html:
            if node.content.last == ASCII.newline { node.content.removeLast() }
        case .list:
            node.tight = true
            outer: for (index, item) in node.children.enumerated() {
                let hasNext = index + 1 < node.children.count
                if item.lastLineBlank && hasNext {
                    node.tight = false
                    break
                }
                for (subIndex, sub) in item.children.enumerated() where (hasNext || subIndex + 1 < item.children.count) && sub.endsWithBlankLine {
                    node.tight = false
                    break outer
                }
            }
        case .document, .quote, .item, .footnote, .heading, .fencedCode, .rule, .table:
            break
        }
    }

    func finalizeDocument() {}
}
