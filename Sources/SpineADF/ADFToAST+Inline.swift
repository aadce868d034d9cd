// Stage two of reading ADF, inline part: text with marks and the inline nodes.

import SpineCore

extension ADFToAST {
    /// One inline node with the marks still to apply, outermost first.
    private struct Pending {
        var marks: [ADFMark]
        var inline: Inline
    }

    // MARK: - Inline content

    /// The inline content of `node`; marks become nested inlines in mark order, and
    /// neighbours sharing an outer mark share one wrapper (so `[strong]`,`[strong, em]` read as
    /// `strong(a, em(b))` and write back as the same two text nodes).
    mutating func inlines(_ node: ADFNode) throws(SpineError) -> [Inline] {
        var pending: [Pending] = []
        pending.reserveCapacity(node.contentValues.count)
        for child in try node.children() {
            pending.append(try inline(child))
        }
        return group(pending[...], depth: 0)
    }

    private mutating func inline(_ node: ADFNode) throws(SpineError) -> Pending {
        var marks = node.marks
        switch node.type {
        case "text":
            let text = node.text ?? ""
            if let code = marks.firstIndex(where: { $0.type == "code" && $0.attrs.isEmpty }) {
                marks.remove(at: code)
                return Pending(marks: marks, inline: .code(text))
            }
            return Pending(marks: marks, inline: .text(text))
        case "hardBreak":
            return Pending(marks: marks, inline: inlineDetails(node, .lineBreak, excluding: []))
        case "mention":
            guard let id = node.string("id") else { return Pending(marks: marks, inline: invalidInline(node, "a mention needs an id")) }
            let text = node.string("text")
            var excluded: Set<String> = ["id"]
            // Jira sends `accessLevel: ""` on every mention; the writer writes it back by default.
            if node.attrs["accessLevel"] == .string("") { excluded.insert("accessLevel") }
            var name: String?
            if let text, text.hasPrefix("@") {
                name = String(text.dropFirst())
                excluded.insert("text")
            }
            return Pending(marks: marks, inline: inlineDetails(node, .mention(Mention(accountID: id, displayName: name)), excluding: excluded))
        case "emoji":
            guard let shortName = node.string("shortName") else {
                return Pending(marks: marks, inline: invalidInline(node, "an emoji needs a shortName"))
            }
            var excluded: Set<String> = ["id", "text"]
            var name = shortName
            if shortName.count > 2, shortName.hasPrefix(":"), shortName.hasSuffix(":") {
                name = String(shortName.dropFirst().dropLast())
                excluded.insert("shortName")
            }
            let emoji = Emoji(shortName: name, fallback: node.string("text"), id: node.string("id"))
            return Pending(marks: marks, inline: inlineDetails(node, .emoji(emoji), excluding: excluded))
        case "date":
            guard let timestamp = node.string("timestamp") else {
                return Pending(marks: marks, inline: invalidInline(node, "a date needs a timestamp string"))
            }
            if let iso = ADFDate.iso(fromTimestamp: timestamp) {
                return Pending(marks: marks, inline: inlineDetails(node, .date(iso), excluding: ["timestamp"]))
            }
            return Pending(marks: marks, inline: inlineDetails(node, .date(timestamp), excluding: []))
        case "status":
            guard let text = node.string("text") else { return Pending(marks: marks, inline: invalidInline(node, "a status needs text")) }
            let status = Status(text: text, colour: node.string("color"))
            return Pending(marks: marks, inline: inlineDetails(node, .status(status), excluding: ["text", "color"]))
        case "inlineCard":
            guard let url = node.string("url") else { return Pending(marks: marks, inline: raw(inline: node)) }
            if let key = ADFToAST.issueKey(inBrowseURL: url) {
                let issue = IssueReference(key: key, attributes: [Attribute(ADFAttribute.url, url)])
                return Pending(marks: marks, inline: inlineDetails(node, .issue(issue), excluding: ["url"]))
            }
            return Pending(marks: marks, inline: inlineDetails(node, .link(Link(target: .url(url), content: [])), excluding: ["url"]))
        case "placeholder":
            guard let text = node.string("text") else { return Pending(marks: marks, inline: invalidInline(node, "a placeholder needs text")) }
            return Pending(marks: marks, inline: inlineDetails(node, .placeholder(text), excluding: ["text"]))
        case "mediaInline":
            var image = media(node, single: nil)
            image.attributes.insert(Attribute(ADFAttribute.node, "mediaInline"), at: 0)
            return Pending(marks: [], inline: .image(image))
        case "inlineExtension":
            return Pending(marks: [], inline: raw(inline: node))
        default:
            diagnostics.append(.info("adf.unknown-node", "inline ADF node \"\(node.type)\" kept as raw ADF", at: SourceLocation(path: node.path)))
            return Pending(marks: [], inline: raw(inline: node))
        }
    }

    // MARK: - Marks to nested inlines

    private func group(_ items: ArraySlice<Pending>, depth: Int) -> [Inline] {
        var result: [Inline] = []
        // Neighbouring plain text is merged (ADF splits text only where marks change). It
        // collects in one string appended in place: `previous + text` per node would copy the
        // run so far each time, quadratic in a paragraph of many text nodes.
        var text = ""
        var hasText = false
        func flushText() {
            guard hasText else { return }
            result.append(.text(text))
            text = ""
            hasText = false
        }
        var index = items.startIndex
        while index < items.endIndex {
            let item = items[index]
            guard depth < item.marks.count else {
                if case .text(let piece) = item.inline {
                    text += piece
                    hasText = true
                } else {
                    flushText()
                    result.append(item.inline)
                }
                index += 1
                continue
            }
            let mark = item.marks[depth]
            var end = index + 1
            while end < items.endIndex, depth < items[end].marks.count, items[end].marks[depth] == mark { end += 1 }
            flushText()
            result.append(apply(mark, to: group(items[index..<end], depth: depth + 1)))
            index = end
        }
        flushText()
        return result
    }

    private func apply(_ mark: ADFMark, to content: [Inline]) -> Inline {
        let plain = mark.attrs.isEmpty
        switch mark.type {
        case "strong" where plain: return .strong(content)
        case "em" where plain: return .emphasis(content)
        case "underline" where plain: return .underline(content)
        case "strike" where plain: return .strikethrough(content)
        case "subsup" where mark.attrs.count == 1 && mark.string("type") == "sup": return .superscript(content)
        case "subsup" where mark.attrs.count == 1 && mark.string("type") == "sub": return .subscript(content)
        case "link":
            if let href = mark.string("href"), mark.attrs.members.allSatisfy({ $0.key == "href" || $0.key == "title" }),
               mark.attrs["title"].map({ $0.stringValue != nil }) ?? true {
                return .link(Link(target: .url(href), content: content, title: mark.string("title")))
            }
        case "textColor":
            if let color = mark.string("color") {
                return .span(Span(attributes: [Attribute(ADFAttribute.mark, ADFJSON.text(mark.json)), Attribute(ADFAttribute.color, color)], content: content))
            }
        case "backgroundColor":
            if let color = mark.string("color") {
                return .span(Span(attributes: [Attribute(ADFAttribute.mark, ADFJSON.text(mark.json)), Attribute(ADFAttribute.backgroundColor, color)], content: content))
            }
        default:
            break
        }
        return .span(Span(attributes: [Attribute(ADFAttribute.mark, ADFJSON.text(mark.json))], content: content))
    }

    // MARK: - Helpers

    /// `inline` as is, or in a Span that keeps the node's attrs the AST cannot name.
    private func inlineDetails(_ node: ADFNode, _ inline: Inline, excluding names: Set<String>) -> Inline {
        let extra = node.attrs(excluding: names)
        if extra.isEmpty { return inline }
        return .span(Span(attributes: [Attribute(ADFAttribute.node, node.type), Attribute(ADFAttribute.attrs, ADFJSON.text(.object(extra)))],
                          content: [inline]))
    }

    private func raw(inline node: ADFNode) -> Inline {
        .raw(Raw(format: "adf", content: ADFJSON.text(node.json)))
    }

    private mutating func invalidInline(_ node: ADFNode, _ message: String) -> Inline {
        diagnostics.append(.warning("adf.invalid-node", message + "; node kept as raw ADF", at: SourceLocation(path: node.path)))
        return raw(inline: node)
    }

    /// `PROJ-12` from `https://site/browse/PROJ-12` (the URL Jira uses for issue cards), else nil.
    static func issueKey(inBrowseURL url: String) -> String? {
        let bytes = Array(url.utf8)
        let marker = Array("/browse/".utf8)
        guard bytes.count > marker.count else { return nil }
        var start: Int?
        var index = bytes.count - marker.count
        while index >= 0 {
            if Array(bytes[index..<index + marker.count]) == marker { start = index + marker.count; break }
            index -= 1
        }
        guard let start, start < bytes.count else { return nil }
        let key = bytes[start...]
        guard isIssueKey(key) else { return nil }
        return String(decoding: key, as: UTF8.self)
    }

    /// `ABC-123`: an upper-case letter, letters/digits/underscores, a hyphen, digits.
    static func isIssueKey<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        guard let first = bytes.first, first >= 0x41, first <= 0x5A else { return false }
        var seenHyphen = false
        var digits = 0
        for byte in bytes.dropFirst() {
            if seenHyphen {
                guard byte >= 0x30, byte <= 0x39 else { return false }
                digits += 1
            } else if byte == UInt8(ascii: "-") {
                seenHyphen = true
            } else if !((byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F) {
                return false
            }
        }
        return seenHyphen && digits > 0
    }
}
