// Writes a requirement in Spine's Markdown convention (see Formats/markdown.md): marker comments
// around a heading, a field list, the description, the acceptance criteria and the children.
// Written straight into one byte buffer: the bytes are exactly those the general block writer
// gives for the same blocks (`genericFieldParagraph` shows those blocks), without building them.

import SpineCore

extension MarkdownRenderer {
    // MARK: - Requirement

    mutating func requirement(_ requirement: Requirement) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        writeRequirement(requirement, into: &out)
        return out
    }

    /// The requirement's blocks separated by blank lines (as `blocks(_:tight: false)` separates them).
    mutating func writeRequirement(_ requirement: Requirement, into out: inout [UInt8]) {
        requirementMarker(key: requirement.key, into: &out)
        let summarySafe = RequirementValues.isSafeText(requirement.summary)
        let shown = summarySafe ? requirement.summary : requirement.summary.replacingAll("\n", " ").trimmingSpaces
        let title = (requirement.key.map { $0 + ": " } ?? "") + shown
        // One level below the section the requirement sits in (a document's top-level requirements
        // under no heading get level 2); children one below their parent. The reader accepts any level.
        let enclosingLevel = sectionLevel
        let level = min(max(enclosingLevel, 1) + 1, 6)
        out.append("\n\n")
        // `block` sets `sectionLevel` to the heading's level, as for any heading.
        out += block(.heading(Heading(level: level, content: title.isEmpty ? [] : [.text(title)])), afterParagraphInTightList: false)
        fieldList(requirement, summarySafe: summarySafe, into: &out)
        if !requirement.description.isEmpty {
            section([RequirementMarkup.description], requirement.description, into: &out)
        }
        if !requirement.acceptanceCriteria.isEmpty {
            section([RequirementMarkup.acceptanceCriteria, RequirementMarkup.acceptanceLabel], requirement.acceptanceCriteria, into: &out)
        }
        if !requirement.children.isEmpty {
            out.append("\n\n")
            out += RequirementMarkup.children
            for child in requirement.children {
                sectionLevel = level
                out.append("\n\n")
                writeRequirement(child, into: &out)
            }
        }
        out.append("\n\n")
        out += RequirementMarkup.close
        // Headings inside the requirement do not change the level of the section around it.
        sectionLevel = enclosingLevel
    }

    /// `<!-- spine:requirement key="…" -->`: built directly for keys of letters, digits, `-`, `_`
    /// and `.` (always one self-contained HTML block line), else through the raw block writer.
    private mutating func requirementMarker(key: String?, into out: inout [UInt8]) {
        guard let key else { out += RequirementMarkup.open; return }
        var plain = true
        for byte in key.utf8 where !(isAlphanumeric(byte) || byte == ASCII.minus || byte == ASCII.underscore || byte == ASCII.dot) {
            plain = false
            break
        }
        guard plain, !key.isEmpty else {
            out += rawBlock(Raw(format: "html", content: BlockConventions.comment("requirement", [Attribute("key", key)])))
            return
        }
        out.append("<!-- spine:requirement key=\"")
        for byte in key.utf8 {
            if byte == ASCII.minus { out.append("&#45;") } else { out.append(byte) }
        }
        out.append("\" -->")
    }

    // MARK: - Field list

    /// The tight bullet list of fields after a blank line, as `list` writes it for items of one
    /// paragraph each (`Links` and `Fields`: a label paragraph and a nested tight list).
    private mutating func fieldList(_ requirement: Requirement, summarySafe: Bool, into out: inout [UInt8]) {
        var isFirst = true
        if !summarySafe { fieldItem(RequirementFields.summary, .text(requirement.summary), isFirst: &isFirst, into: &out) }
        for (name, value) in RequirementFields.scalarFields(requirement) {
            fieldItem(name, .text(value), isFirst: &isFirst, into: &out)
        }
        for (name, values) in RequirementFields.listFields(requirement) {
            fieldItem(name, .list(values), isFirst: &isFirst, into: &out)
        }
        if !requirement.links.isEmpty {
            groupItem(RequirementMarkup.linksLabel, isFirst: &isFirst, into: &out)
            for link in requirement.links {
                let start = beginNestedItem(into: &out)
                linkParagraph(link, into: &out)
                endNestedItem(&out, from: start)
            }
        }
        if !requirement.fields.isEmpty {
            groupItem(RequirementMarkup.fieldsLabel, isFirst: &isFirst, into: &out)
            for field in requirement.fields {
                let start = beginNestedItem(into: &out)
                fieldParagraph(field.key, .json(field.value), into: &out)
                endNestedItem(&out, from: start)
            }
        }
    }

    private mutating func fieldItem(_ name: String, _ value: FieldValue, isFirst: inout Bool, into out: inout [UInt8]) {
        out.append(isFirst ? "\n\n" : "\n")
        isFirst = false
        let start = out.count
        out.append("- ")
        fieldParagraph(name, value, into: &out)
        // A paragraph of several lines (rare: see `finishParagraph`) gets the item's indentation.
        guard out[(start + 2)...].contains(ASCII.newline) else { return }
        let content = Array(out[(start + 2)...])
        out.replaceSubrange(start..., with: prefixLines(content, first: "- ", rest: "  ", blank: ""))
    }

    /// `- **Links:**` or `- **Fields:**`, which the nested items follow.
    private func groupItem(_ label: [UInt8], isFirst: inout Bool, into out: inout [UInt8]) {
        out.append(isFirst ? "\n\n- " : "\n- ")
        isFirst = false
        out += label
    }

    private func beginNestedItem(into out: inout [UInt8]) -> Int {
        out.append(ASCII.newline)
        out.append("  - ")
        return out.count - 4
    }

    /// Indents the lines after the first of a nested item's paragraph: first by the nested
    /// item, then by the item that holds the nested list.
    private func endNestedItem(_ out: inout [UInt8], from start: Int) {
        guard out[(start + 4)...].contains(ASCII.newline) else { return }
        let inner = prefixLines(Array(out[(start + 4)...]), first: "- ", rest: "  ", blank: "")
        out.replaceSubrange(start..., with: prefixLines(inner, first: "  ", rest: "  ", blank: ""))
    }

    // MARK: - Field paragraphs

    /// The paragraph of one field item as the general writer makes it: `paragraph` of these inlines.
    /// Used when the fast path cannot promise the same bytes, and by the tests that compare both.
    /// A description or acceptance-criteria section: its fixed pieces (marker comment, label),
    /// then the blocks. After a marker comment (never a list) a fresh block sequence renders the same.
    private mutating func section(_ pieces: [[UInt8]], _ content: [Block], into out: inout [UInt8]) {
        for piece in pieces {
            out.append(contentsOf: "\n\n".utf8)
            out += piece
        }
        let written = blocks(content, tight: false)
        if !written.isEmpty {
            out.append(contentsOf: "\n\n".utf8)
            out += written
        }
    }

    mutating func genericFieldParagraph(_ name: String, _ value: FieldValue) -> [UInt8] {
        paragraph([.strong([.text(name + ":")]), .text(" ")] + value.inlines)
    }

    /// Writes `**name:** value` as `genericFieldParagraph` would, appending to `out`.
    ///
    /// The general writer checks every paragraph holding strong emphasis by reading it back. Here
    /// the only delimiter runs are the two `**` (all `*`, `~` and flanking `_` in text are escaped,
    /// the value holds only text and code spans); the closing run follows `:` and precedes a
    /// space, so it always closes; the opening run opens unless the name starts with Unicode
    /// whitespace. Such names take the general path.
    mutating func fieldParagraph(_ name: String, _ value: FieldValue, into out: inout [UInt8]) {
        if let first = name.unicodeScalars.first, isUnicodeWhitespace(first) {
            out += genericFieldParagraph(name, value)
            return
        }
        let start = out.count
        out.append("**")
        // `escapeText(name + ":")` gives the same bytes: no rule escapes a final `:` or looks
        // past the name's last byte to a `:`.
        appendText(name, previous: nil, into: &out)
        out.append(":** ")
        switch value {
        case .text(let text), .json(.string(let text)):
            if RequirementValues.isSafeText(text) {
                appendText(text, previous: .text(" "), into: &out)
            } else {
                appendCode(RequirementValues.jsonText(.string(text)), into: &out)
            }
        case .json(let json):
            appendCode(RequirementValues.jsonText(json), into: &out)
        case .list(let values):
            if RequirementValues.isCodeList(values) {
                for (index, value) in values.enumerated() {
                    if index > 0 { out.append(", ") }
                    appendCode(value, into: &out)
                }
            } else {
                appendCode(RequirementValues.jsonText(.array(values.map(JSONValue.string))), into: &out)
            }
        }
        finishParagraph(&out, from: start)
    }

    /// `escapeText` of text outside tables, after no code span or footnote reference and before
    /// nothing: the bytes themselves when `isPlain` finds none that `escapeText` would change.
    private mutating func appendText(_ text: String, previous: Inline?, into out: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable(RequirementMarkup.isPlain) == true {
            out.append(contentsOf: text.utf8)
        } else {
            escapeText(text, into: &out, inTable: false, previous: previous, next: nil)
        }
    }

    /// `codeSpan` outside tables: one backtick on each side when the code needs no longer fence,
    /// no padding, no line-break note and no tag form (it does not follow a backtick).
    private mutating func appendCode(_ code: String, into out: inout [UInt8]) {
        let simple = out.last != ASCII.backtick && code.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, first != ASCII.space else { return false }
            return !bytes.contains { $0 == ASCII.backtick || $0 == ASCII.newline }
        } == true
        guard simple else { return codeSpan(code, into: &out, inTable: false) }
        out.append(ASCII.backtick)
        out.append(contentsOf: code.utf8)
        out.append(ASCII.backtick)
    }

    /// A link item's paragraph: its values as code spans separated by spaces, as `paragraph`
    /// writes `RequirementValues.link(link)` (no delimiters, so no read-back check).
    mutating func linkParagraph(_ link: IssueLink, into out: inout [UInt8]) {
        let start = out.count
        for (index, value) in RequirementValues.linkValues(link).enumerated() {
            if index > 0 { out.append(ASCII.space) }
            appendCode(RequirementValues.isSafeCode(value) ? value : value.replacingAll("\n", " "), into: &out)
        }
        finishParagraph(&out, from: start)
    }

    /// Applies `fixLines` to the paragraph written from `start`. Only a trailing space or tab can
    /// need fixing on one line that starts with none of the bytes `fixLine` looks at; anything
    /// else goes through `fixLines` itself.
    func finishParagraph(_ out: inout [UInt8], from start: Int) {
        guard start < out.count else { return }
        var simple = true
        switch out[start] {
        case ASCII.space, ASCII.tab, ASCII.gt, ASCII.hash, ASCII.minus, ASCII.plus, ASCII.equals, ASCII.colon, ASCII.pipe,
             ASCII.lbracket, ASCII.lt, 0x30...0x39:
            simple = false
        default:
            for index in start..<out.count where out[index] == ASCII.newline || out[index] == MarkdownRenderer.rawNewline {
                simple = false
                break
            }
        }
        guard simple else {
            let fixed = fixLines(Array(out[start...]))
            out.replaceSubrange(start..., with: fixed)
            return
        }
        let last = out[out.count - 1]
        guard isSpaceOrTab(last), !(out.count - start >= 2 && out[out.count - 2] == ASCII.backslash) else { return }
        out.removeLast()
        out.append(last == ASCII.space ? "&#32;" : "&#9;")
    }
}
