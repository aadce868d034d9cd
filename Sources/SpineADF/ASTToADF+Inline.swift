// AST → ADF, inline part: text nodes with marks, and the inline nodes.

import SpineCore

extension ASTToADF {
    // MARK: - Inline content

    /// ADF inline nodes for `content`, neighbouring text with equal marks merged.
    mutating func inlines(_ content: [Inline]) -> [JSONValue] {
        var out: [JSONValue] = []
        write(content, marks: [], into: &out)
        return ASTToADF.mergeTexts(out)
    }

    private mutating func write(_ content: [Inline], marks: [JSONValue], into out: inout [JSONValue]) {
        for inline in content { write(inline, marks: marks, into: &out) }
    }

    private mutating func write(_ inline: Inline, marks: [JSONValue], into out: inout [JSONValue]) {
        switch inline {
        case .text(let text):
            if !text.isEmpty { out.append(ADFBuild.text(text, marks: marks)) }
        case .emphasis(let content): write(content, marks: adding("em", to: marks), into: &out)
        case .strong(let content): write(content, marks: adding("strong", to: marks), into: &out)
        case .strikethrough(let content): write(content, marks: adding("strike", to: marks), into: &out)
        case .underline(let content): write(content, marks: adding("underline", to: marks), into: &out)
        case .superscript(let content):
            write(content, marks: adding(ADFBuild.mark("subsup", attrs: JSONObject(["type": "sup"])), to: marks), into: &out)
        case .subscript(let content):
            write(content, marks: adding(ADFBuild.mark("subsup", attrs: JSONObject(["type": "sub"])), to: marks), into: &out)
        case .code(let text):
            guard !text.isEmpty else { return }
            let kept = marks.filter { ["link", "annotation"].contains(ASTToADF.type(of: $0)) }
            if kept.count < marks.count {
                note("adf.code-marks", "ADF allows the code mark only with link; other formatting on `\(text)` dropped")
            }
            out.append(ADFBuild.text(text, marks: kept + [ADFBuild.mark("code")]))
        case .link(let link):
            self.link(link, marks: marks, into: &out)
        case .image(let image):
            inlineImage(image, marks: marks, into: &out)
        case .lineBreak:
            out.append(ADFBuild.node("hardBreak"))
        case .softBreak:
            out.append(ADFBuild.text(" ", marks: marks))
        case .mention(let mention):
            var attrs = JSONObject([JSONObject.Member("id", .string(mention.accountID))])
            if let name = mention.displayName { attrs.append("text", .string("@" + name)) }
            attrs.append("accessLevel", "")
            leaf(ADFBuild.node("mention", attrs: attrs), marks: marks, into: &out)
        case .issue(let issue):
            if let url = issue.attributes[named: ADFAttribute.url] ?? siteURL.map({ $0 + "/browse/" + issue.key }) {
                leaf(ADFBuild.node("inlineCard", attrs: JSONObject(["url": .string(url)])), marks: marks, into: &out)
            } else {
                note("adf.issue-as-text", "issue \(issue.key) written as text: no site URL to build its card link (set --site)", .info)
                out.append(ADFBuild.text(issue.key, marks: marks))
            }
        case .status(let status):
            guard !status.text.isEmpty else { return note("adf.empty-status", "an empty status lozenge was dropped", .info) }
            if let colour = status.colour, !["neutral", "grey", "gray"].contains(colour.lowercased()), ASTToADF.statusColor(colour) == "neutral" {
                note("adf.status-colour", "status colour \"\(colour)\" has no ADF equivalent; written as neutral", .info)
            }
            let attrs = JSONObject([JSONObject.Member("text", .string(status.text)),
                                    JSONObject.Member("color", .string(ASTToADF.statusColor(status.colour)))])
            leaf(ADFBuild.node("status", attrs: attrs), marks: marks, into: &out)
        case .date(let text):
            guard !text.isEmpty else { return }
            let timestamp = ADFDate.timestamp(fromISO: text) ?? text
            if timestamp == text, Int64(text) == nil { note("adf.date", "date \"\(text)\" is not ISO 8601; written as given") }
            leaf(ADFBuild.node("date", attrs: JSONObject(["timestamp": .string(timestamp)])), marks: marks, into: &out)
        case .emoji(let emoji):
            var attrs = JSONObject([JSONObject.Member("shortName", .string(":" + emoji.shortName + ":"))])
            if let id = emoji.id { attrs.append("id", .string(id)) }
            if let fallback = emoji.fallback { attrs.append("text", .string(fallback)) }
            leaf(ADFBuild.node("emoji", attrs: attrs), marks: marks, into: &out)
        case .footnoteReference(let label):
            note("adf.footnote", "ADF has no footnotes; reference [\(label)] written as superscript text", .info)
            write(.superscript([.text("[" + label + "]")]), marks: marks, into: &out)
        case .anchor(let name):
            note("adf.anchor-dropped", "ADF has no anchors; anchor \"\(name)\" dropped", .info)
        case .placeholder(let text):
            leaf(ADFBuild.node("placeholder", attrs: JSONObject(["text": .string(text)])), marks: marks, into: &out)
        case .span(let span):
            self.span(span, marks: marks, into: &out)
        case .raw(let raw):
            if raw.format == "adf", let value = ADFJSON.value(raw.content), value.objectValue?["type"]?.stringValue != nil {
                out.append(value)
            } else {
                note("adf.raw-as-code", "raw \(raw.format) content written as inline code")
                if !raw.content.isEmpty { out.append(ADFBuild.text(raw.content, marks: [ADFBuild.mark("code")])) }
            }
        }
    }

    /// A node that cannot carry marks (mention, status, card, …): marks are dropped, with a note.
    private mutating func leaf(_ node: JSONValue, marks: [JSONValue], into out: inout [JSONValue]) {
        if !marks.isEmpty {
            note("adf.marks-dropped", "ADF \(ASTToADF.type(of: node)) nodes cannot be formatted; formatting dropped", .info)
        }
        out.append(node)
    }

    // MARK: - Links, images, spans

    private mutating func link(_ link: Link, marks: [JSONValue], into out: inout [JSONValue]) {
        if link.content.isEmpty {
            switch link.target {
            case .user(let id): return leaf(ADFBuild.node("mention", attrs: JSONObject(["id": .string(id)])), marks: marks, into: &out)
            case .url(let url): return leaf(ADFBuild.node("inlineCard", attrs: JSONObject(["url": .string(url)])), marks: marks, into: &out)
            case .issue(let key): return write(.issue(IssueReference(key: key)), marks: marks, into: &out)
            default:
                if let href = href(link.target) { return leaf(ADFBuild.node("inlineCard", attrs: JSONObject(["url": .string(href)])), marks: marks, into: &out) }
                note("adf.link-target", "a link ADF cannot point at was written as text")
                return out.append(ADFBuild.text(ASTToADF.describe(link.target), marks: marks))
            }
        }
        guard let href = href(link.target) else {
            note("adf.link-target", "ADF cannot link to \(ASTToADF.describe(link.target)); link text kept without the link")
            return write(link.content, marks: marks, into: &out)
        }
        var attrs = JSONObject([JSONObject.Member("href", .string(href))])
        if let title = link.title { attrs.append("title", .string(title)) }
        write(link.content, marks: adding(ADFBuild.mark("link", attrs: attrs), to: marks), into: &out)
    }

    private func href(_ target: LinkTarget) -> String? {
        switch target {
        case .url(let url): return url
        case .anchor(let anchor): return "#" + anchor
        case .issue(let key): return siteURL.map { $0 + "/browse/" + key }
        case .space(let key): return siteURL.map { $0 + "/wiki/spaces/" + ASTToADF.percentEncode(key) }
        case .page(let page):
            guard let siteURL else { return nil }
            var url = siteURL
            if let id = page.contentID { url += "/wiki/pages/viewpage.action?pageId=" + ASTToADF.percentEncode(id) }
            else if let space = page.spaceKey { url += "/wiki/display/" + ASTToADF.percentEncode(space) + "/" + ASTToADF.percentEncode(page.title) }
            else { return nil }
            if let anchor = page.anchor { url += "#" + ASTToADF.percentEncode(anchor) }
            return url
        case .attachment, .user: return nil
        }
    }

    private mutating func inlineImage(_ image: Image, marks: [JSONValue], into out: inout [JSONValue]) {
        let media = ADFJSON.object(image.attributes[named: ADFAttribute.media])
        if image.attributes[named: ADFAttribute.node] == "mediaInline", media["id"] != nil, media["collection"] != nil {
            var attrs = media
            if !image.alt.isEmpty { attrs["alt"] = .string(image.alt) }
            if let width = ADFBuild.number(image.width) { attrs["width"] = width }
            if let height = ADFBuild.number(image.height) { attrs["height"] = height }
            let mediaMarks = ADFJSON.value(image.attributes[named: ADFAttribute.mediaMarks])?.arrayValue ?? []
            out.append(ADFBuild.node("mediaInline", attrs: attrs, marks: mediaMarks))
            return
        }
        note("adf.inline-image", "ADF has no inline external images; image \"\(ASTToADF.name(of: image))\" written as a link")
        if case .url(let url) = image.source {
            let text = image.alt.isEmpty ? url : image.alt
            out.append(ADFBuild.text(text, marks: adding(ADFBuild.mark("link", attrs: JSONObject(["href": .string(url)])), to: marks)))
        } else {
            out.append(ADFBuild.text(ASTToADF.name(of: image), marks: marks))
        }
    }

    private mutating func span(_ span: Span, marks: [JSONValue], into out: inout [JSONValue]) {
        let attributes = span.attributes
        if let markText = attributes[named: ADFAttribute.mark] {
            if let mark = ADFJSON.value(markText), mark.objectValue?["type"]?.stringValue != nil {
                return write(span.content, marks: adding(mark, to: marks), into: &out)
            }
        }
        if let node = attributes[named: ADFAttribute.node] {
            var inner: [JSONValue] = []
            write(span.content, marks: marks, into: &inner)
            let extra = ADFJSON.object(attributes[named: ADFAttribute.attrs])
            if inner.count == 1, case .object(var object) = inner[0], object["type"]?.stringValue == node {
                var attrs = object["attrs"]?.objectValue ?? JSONObject()
                for member in extra.members { attrs[member.key] = member.value }
                object["attrs"] = .object(attrs)
                inner[0] = .object(object)
            }
            return out.append(contentsOf: inner)
        }
        var marks = marks
        if let color = attributes[named: ADFAttribute.color] {
            if let hex = ASTToADF.hexColor(color) { marks = adding(ADFBuild.mark("textColor", attrs: JSONObject(["color": .string(hex)])), to: marks) }
            else { note("adf.color", "text colour \"\(color)\" is neither #rrggbb nor rgb(); dropped", .info) }
        }
        if let color = attributes[named: ADFAttribute.backgroundColor] {
            if let hex = ASTToADF.hexColor(color) { marks = adding(ADFBuild.mark("backgroundColor", attrs: JSONObject(["color": .string(hex)])), to: marks) }
            else { note("adf.color", "background colour \"\(color)\" is neither #rrggbb nor rgb(); dropped", .info) }
        }
        let foreign = attributes.filter { !$0.name.hasPrefix("adf.") && $0.name != ADFAttribute.color && $0.name != ADFAttribute.backgroundColor }
        if !foreign.isEmpty { reportForeign(foreign, "span") }
        write(span.content, marks: marks, into: &out)
    }

    // MARK: - Mark helpers

    private func adding(_ type: String, to marks: [JSONValue]) -> [JSONValue] {
        adding(ADFBuild.mark(type), to: marks)
    }

    private func adding(_ mark: JSONValue, to marks: [JSONValue]) -> [JSONValue] {
        Self.merging(mark, into: marks)
    }

    /// `marks` plus `mark`; a mark of the same type is replaced (the inner one wins), so
    /// no node gets two links, two subsup or two colours. Shared with `ADFLossiness`.
    static func merging(_ mark: JSONValue, into marks: [JSONValue]) -> [JSONValue] {
        let type = ASTToADF.type(of: mark)
        var result = marks
        if let index = result.firstIndex(where: { ASTToADF.type(of: $0) == type }) {
            if type == "annotation" && result[index] != mark { result.append(mark); return result }
            result[index] = mark
            return result
        }
        result.append(mark)
        return result
    }

    static func type(of node: JSONValue) -> String { node.objectValue?["type"]?.stringValue ?? "" }

    /// Merges neighbouring text nodes with equal marks (ADF splits text only where marks change).
    static func mergeTexts(_ nodes: [JSONValue]) -> [JSONValue] {
        var result: [JSONValue] = []
        result.reserveCapacity(nodes.count)
        for node in nodes {
            if case .object(let object) = node, object["type"]?.stringValue == "text", case .string(let text)? = object["text"],
               case .object(var previous)? = result.last, previous["type"]?.stringValue == "text",
               case .string(let previousText)? = previous["text"], previous["marks"] == object["marks"] {
                previous["text"] = .string(previousText + text)
                result[result.count - 1] = .object(previous)
            } else {
                result.append(node)
            }
        }
        return result
    }

    static func statusColor(_ colour: String?) -> String {
        switch colour?.lowercased() {
        case "purple": return "purple"
        case "blue": return "blue"
        case "red": return "red"
        case "yellow": return "yellow"
        case "green": return "green"
        default: return "neutral"
        }
    }

    /// The `#rrggbb` form ADF requires of a CSS colour: hex as it is, and `rgb(r, g, b)` (what
    /// the Confluence editor writes into storage) converted; nil for anything else.
    static func hexColor(_ text: String) -> String? {
        if isHexColor(text) { return text }
        let trimmed = text.filter { $0 != " " }.lowercased()
        guard trimmed.hasPrefix("rgb("), trimmed.hasSuffix(")") else { return nil }
        let parts = trimmed.dropFirst(4).dropLast().split(separator: ",", omittingEmptySubsequences: false)
        let channels = parts.compactMap { UInt8($0) }
        guard parts.count == 3, channels.count == 3 else { return nil }
        let digits = Array("0123456789abcdef")
        return "#" + String(channels.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    static func isHexColor(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 7 && bytes[0] == UInt8(ascii: "#") && bytes.dropFirst().allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
        }
    }

    static func describe(_ target: LinkTarget) -> String {
        switch target {
        case .url(let url): return url
        case .anchor(let anchor): return "#" + anchor
        case .issue(let key): return key
        case .space(let key): return "space " + key
        case .page(let page): return "page \"" + page.title + "\""
        case .attachment(let attachment): return "attachment \"" + attachment.fileName + "\""
        case .user(let id): return "user " + id
        }
    }

    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            case 0x20: out += "+"
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
