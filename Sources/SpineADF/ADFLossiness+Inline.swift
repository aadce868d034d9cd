// The adf lossiness, inline part: formatting flattened to marked runs and regrouped as the reader nests marks.

import SpineCore

extension ADFLossiness {
    /// One ADF inline as the writer writes it: a text node, a `code`-marked text node or a node without marks.
    private enum Leaf {
        case text(String)
        case code(String)
        case node(Inline)
    }

    /// A leaf with its marks, outermost first.
    private struct Run {
        var marks: [JSONValue]
        var leaf: Leaf
    }

    /// Inline content as ADF keeps it: formatting becomes marks (one per type, the inner one wins;
    /// `code` keeps only `link`), nodes ADF cannot format lose their formatting, neighbouring text
    /// with equal marks merges, and marks nest back in order, neighbours sharing an outer mark
    /// sharing one wrapper. ADF-native content (raw ADF, `adf.node` spans, inline media) is mapped
    /// by the writer and reader themselves.
    static func normalInlines(_ content: [Inline]) -> [Inline]? {
        var runs: [Run] = []
        guard flatten(content, marks: [], into: &runs) else { return nil }
        var merged: [Run] = []
        for run in runs {
            if let last = merged.last, last.marks == run.marks {
                switch (last.leaf, run.leaf) {
                case (.text(let a), .text(let b)): merged[merged.count - 1].leaf = .text(a + b); continue
                case (.code(let a), .code(let b)): merged[merged.count - 1].leaf = .code(a + b); continue
                default: break
                }
            }
            merged.append(run)
        }
        return group(merged[...], depth: 0)
    }

    // MARK: - Flattening (the writer's rules)

    /// Appends the runs of `content`; false when it holds ADF-native content mapped by the writer itself.
    private static func flatten(_ content: [Inline], marks: [JSONValue], into runs: inout [Run]) -> Bool {
        for inline in content {
            guard flatten(inline, marks: marks, into: &runs) else { return false }
        }
        return true
    }

    private static func flatten(_ inline: Inline, marks: [JSONValue], into runs: inout [Run]) -> Bool {
        switch inline {
        case .text(let text):
            if !text.isEmpty { runs.append(Run(marks: marks, leaf: .text(text))) }
        case .emphasis(let content): return flatten(content, marks: adding(ADFBuild.mark("em"), to: marks), into: &runs)
        case .strong(let content): return flatten(content, marks: adding(ADFBuild.mark("strong"), to: marks), into: &runs)
        case .strikethrough(let content): return flatten(content, marks: adding(ADFBuild.mark("strike"), to: marks), into: &runs)
        case .underline(let content): return flatten(content, marks: adding(ADFBuild.mark("underline"), to: marks), into: &runs)
        case .superscript(let content):
            return flatten(content, marks: adding(ADFBuild.mark("subsup", attrs: JSONObject(["type": "sup"])), to: marks), into: &runs)
        case .subscript(let content):
            return flatten(content, marks: adding(ADFBuild.mark("subsup", attrs: JSONObject(["type": "sub"])), to: marks), into: &runs)
        case .code(let text):
            // ADF allows the code mark only with link (and annotation): other formatting is dropped.
            let kept = marks.filter { ["link", "annotation"].contains(ASTToADF.type(of: $0)) }
            if !text.isEmpty { runs.append(Run(marks: kept, leaf: .code(text))) }
        case .link(let link):
            return flatten(link: link, marks: marks, into: &runs)
        case .image(let image):
            guard image.attributes[named: ADFAttribute.node] != "mediaInline" else { return false }
            // No inline external images in ADF: the alt text (or URL) linked to the image.
            if case .url(let url) = image.source {
                let link = ADFBuild.mark("link", attrs: JSONObject(["href": .string(url)]))
                runs.append(Run(marks: adding(link, to: marks), leaf: .text(image.alt.isEmpty ? url : image.alt)))
            } else {
                let name = ASTToADF.name(of: image)
                if !name.isEmpty { runs.append(Run(marks: marks, leaf: .text(name))) }
            }
        case .lineBreak:
            runs.append(Run(marks: [], leaf: .node(.lineBreak)))
        case .softBreak:
            runs.append(Run(marks: marks, leaf: .text(" ")))
        case .mention(let mention):
            runs.append(Run(marks: [], leaf: .node(.mention(mention))))
        case .issue(let issue):
            card(issue.attributes[named: ADFAttribute.url], orText: issue.key, marks: marks, into: &runs)
        case .status(let status):
            if !status.text.isEmpty {
                runs.append(Run(marks: [], leaf: .node(.status(Status(text: status.text, colour: ASTToADF.statusColor(status.colour))))))
            }
        case .date(let text):
            guard !text.isEmpty else { return true }
            let timestamp = ADFDate.timestamp(fromISO: text) ?? text
            runs.append(Run(marks: [], leaf: .node(.date(ADFDate.iso(fromTimestamp: timestamp) ?? timestamp))))
        case .emoji(let emoji):
            guard !emoji.shortName.isEmpty else { return false }
            runs.append(Run(marks: [], leaf: .node(.emoji(emoji))))
        case .footnoteReference(let label):
            return flatten(.superscript([.text("[" + label + "]")]), marks: marks, into: &runs)
        case .anchor:
            break
        case .placeholder(let text):
            runs.append(Run(marks: [], leaf: .node(.placeholder(text))))
        case .span(let span):
            return flatten(span: span, marks: marks, into: &runs)
        case .raw(let raw):
            if raw.format == "adf", ADFJSON.value(raw.content)?.objectValue?["type"]?.stringValue != nil { return false }
            // Raw content of another format: inline code, without formatting.
            if !raw.content.isEmpty { runs.append(Run(marks: [], leaf: .code(raw.content))) }
        }
        return true
    }

    private static func flatten(link: Link, marks: [JSONValue], into runs: inout [Run]) -> Bool {
        if link.content.isEmpty {
            switch link.target {
            case .user(let id): runs.append(Run(marks: [], leaf: .node(.mention(Mention(accountID: id)))))
            case .url(let url): card(url, orText: url, marks: marks, into: &runs)
            case .issue(let key): card(nil, orText: key, marks: marks, into: &runs)
            case .anchor(let anchor): card("#" + anchor, orText: anchor, marks: marks, into: &runs)
            case .page, .space, .attachment: runs.append(Run(marks: marks, leaf: .text(ASTToADF.describe(link.target))))
            }
            return true
        }
        let href: String
        switch link.target {
        case .url(let url): href = url
        case .anchor(let anchor): href = "#" + anchor
        case .issue, .space, .page, .attachment, .user:
            // Without a site URL ADF cannot point there: the link text stays, the link goes.
            return flatten(link.content, marks: marks, into: &runs)
        }
        var attrs = JSONObject([JSONObject.Member("href", .string(href))])
        if let title = link.title { attrs.append("title", .string(title)) }
        return flatten(link.content, marks: adding(ADFBuild.mark("link", attrs: attrs), to: marks), into: &runs)
    }

    /// An `inlineCard` for `url` (read back as an issue for `…/browse/KEY`, else an empty-content link),
    /// or `text` when there is no URL.
    private static func card(_ url: String?, orText text: String, marks: [JSONValue], into runs: inout [Run]) {
        guard let url else {
            if !text.isEmpty { runs.append(Run(marks: marks, leaf: .text(text))) }
            return
        }
        if let key = ADFToAST.issueKey(inBrowseURL: url) {
            runs.append(Run(marks: [], leaf: .node(.issue(IssueReference(key: key, attributes: [Attribute(ADFAttribute.url, url)])))))
        } else {
            runs.append(Run(marks: [], leaf: .node(.link(Link(target: .url(url), content: [])))))
        }
    }

    private static func flatten(span: Span, marks: [JSONValue], into runs: inout [Run]) -> Bool {
        let attributes = span.attributes
        if let mark = ADFJSON.value(attributes[named: ADFAttribute.mark]), mark.objectValue?["type"]?.stringValue != nil {
            return flatten(span.content, marks: adding(mark, to: marks), into: &runs)
        }
        if attributes[named: ADFAttribute.node] != nil { return false }
        var marks = marks
        // Colours ADF can express (#rrggbb, rgb() converted) become marks; other colours and attributes are dropped.
        if let color = attributes[named: ADFAttribute.color].flatMap(ASTToADF.hexColor) {
            marks = adding(ADFBuild.mark("textColor", attrs: JSONObject(["color": .string(color)])), to: marks)
        }
        if let color = attributes[named: ADFAttribute.backgroundColor].flatMap(ASTToADF.hexColor) {
            marks = adding(ADFBuild.mark("backgroundColor", attrs: JSONObject(["color": .string(color)])), to: marks)
        }
        return flatten(span.content, marks: marks, into: &runs)
    }

    /// `marks` plus `mark`, as the writer merges them (the inner one wins).
    private static func adding(_ mark: JSONValue, to marks: [JSONValue]) -> [JSONValue] {
        ASTToADF.merging(mark, into: marks)
    }

    // MARK: - Regrouping (the reader's rules)

    private static func group(_ runs: ArraySlice<Run>, depth: Int) -> [Inline] {
        var result: [Inline] = []
        var index = runs.startIndex
        while index < runs.endIndex {
            let run = runs[index]
            guard depth < run.marks.count else {
                switch run.leaf {
                case .text(let text):
                    if case .text(let previous)? = result.last { result[result.count - 1] = .text(previous + text) } else { result.append(.text(text)) }
                case .code(let text): result.append(.code(text))
                case .node(let inline): result.append(inline)
                }
                index += 1
                continue
            }
            let mark = run.marks[depth]
            var end = index + 1
            while end < runs.endIndex, depth < runs[end].marks.count, runs[end].marks[depth] == mark { end += 1 }
            result.append(apply(mark, to: group(runs[index..<end], depth: depth + 1)))
            index = end
        }
        return result
    }

    /// The inline a mark reads back as.
    private static func apply(_ mark: JSONValue, to content: [Inline]) -> Inline {
        let attrs = mark.objectValue?["attrs"]?.objectValue ?? JSONObject()
        let plain = attrs.isEmpty
        switch ASTToADF.type(of: mark) {
        case "strong" where plain: return .strong(content)
        case "em" where plain: return .emphasis(content)
        case "underline" where plain: return .underline(content)
        case "strike" where plain: return .strikethrough(content)
        case "subsup" where attrs.count == 1 && attrs["type"]?.stringValue == "sup": return .superscript(content)
        case "subsup" where attrs.count == 1 && attrs["type"]?.stringValue == "sub": return .subscript(content)
        case "link":
            if let href = attrs["href"]?.stringValue, attrs.members.allSatisfy({ $0.key == "href" || $0.key == "title" }),
               attrs["title"].map({ $0.stringValue != nil }) ?? true {
                return .link(Link(target: .url(href), content: content, title: attrs["title"]?.stringValue))
            }
        case "textColor":
            if let color = attrs["color"]?.stringValue {
                return .span(Span(attributes: [Attribute(ADFAttribute.mark, ADFJSON.text(mark)), Attribute(ADFAttribute.color, color)], content: content))
            }
        case "backgroundColor":
            if let color = attrs["color"]?.stringValue {
                return .span(Span(attributes: [Attribute(ADFAttribute.mark, ADFJSON.text(mark)), Attribute(ADFAttribute.backgroundColor, color)], content: content))
            }
        default:
            break
        }
        return .span(Span(attributes: [Attribute(ADFAttribute.mark, ADFJSON.text(mark))], content: content))
    }
}
