// Turns the inline parser's arena into AST inlines: merges text, finds GFM extended autolinks,
// and bounds nesting depth.

import SpineCore

struct InlineBuilder {
    /// Deepest inline nesting kept; deeper wrappers are flattened into their parent.
    static let maxDepth = 64

    let parser: InlineParser
    var flattened = false
    /// The Jira site (no trailing slash) whose `/browse/KEY` links are issue links.
    var siteURL: String?

    init(_ parser: InlineParser) {
        self.parser = parser
    }

    func poolString(_ start: Int32, _ length: Int32) -> String {
        string(parser.pool[Int(start)..<Int(start + length)])
    }

    /// Appends the leaves under `first` without their wrappers, iteratively (no recursion).
    func appendFlattened(from first: Int32, into out: inout [Inline]) {
        var pending: [Int32] = [first]
        while let start = pending.popLast() {
            var index = start
            while index >= 0 {
                let node = parser.nodes[Int(index)]
                switch node.kind {
                case .emphasis, .strong, .strikethrough, .link, .image, .footnoteRef:
                    if node.next >= 0 { pending.append(node.next) }
                    index = node.first
                    continue
                case .text, .escaped:
                    let text = poolString(node.start, node.length)
                    if case .text(let previous)? = out.last { out[out.count - 1] = .text(previous + text) } else { out.append(.text(text)) }
                case .softBreak: out.append(.softBreak)
                case .lineBreak: out.append(.lineBreak)
                case .code: out.append(.code(poolString(node.start, node.length)))
                case .html: out.append(.raw(Raw(format: "html", content: poolString(node.start, node.length))))
                case .raw: out.append(.raw(Raw(format: poolString(node.titleStart, node.titleLength), content: poolString(node.start, node.length))))
                }
                index = node.next
            }
        }
    }

    mutating func build() -> [Inline] {
        var out: [Inline] = []
        append(from: parser.head, depth: 0, inLink: false, into: &out)
        return InlineConventions.pairHTML(out)
    }

    /// Appends the nodes of a sibling list to `out`.
    mutating func append(from first: Int32, depth: Int, inLink: Bool, into out: inout [Inline]) {
        var text: [UInt8] = []
        var index = first
        func flush(_ out: inout [Inline]) {
            guard !text.isEmpty else { return }
            out.append(.text(string(text)))
            text.removeAll(keepingCapacity: true)
        }
        while index >= 0 {
            let node = parser.nodes[Int(index)]
            index = node.next
            if node.kind == .text || node.kind == .escaped {
                text.append(contentsOf: parser.pool[Int(node.start)..<Int(node.start + node.length)])
                continue
            }
            flush(&out)
            switch node.kind {
            case .text, .escaped:
                break
            case .softBreak:
                out.append(.softBreak)
            case .lineBreak:
                out.append(.lineBreak)
            case .code:
                out.append(.code(poolString(node.start, node.length)))
            case .html:
                out.append(.raw(Raw(format: "html", content: poolString(node.start, node.length))))
            case .raw:
                out.append(.raw(Raw(format: poolString(node.titleStart, node.titleLength), content: poolString(node.start, node.length))))
            case .footnoteRef:
                out.append(.footnoteReference(poolString(node.start, node.length)))
            case .emphasis, .strong, .strikethrough:
                if depth >= InlineBuilder.maxDepth {
                    flattened = true
                    appendFlattened(from: node.first, into: &out)
                    continue
                }
                var children: [Inline] = []
                append(from: node.first, depth: depth + 1, inLink: inLink, into: &children)
                children = InlineConventions.pairHTML(children)
                switch node.kind {
                case .emphasis: out.append(.emphasis(children))
                case .strong: out.append(.strong(children))
                default: out.append(.strikethrough(children))
                }
            case .link where inLink:
                // an extended autolink inside link text: links do not nest, keep its text
                append(from: node.first, depth: depth, inLink: true, into: &out)
            case .link:
                var children: [Inline] = []
                if depth >= InlineBuilder.maxDepth { appendFlattened(from: node.first, into: &children) } else {
                    append(from: node.first, depth: depth + 1, inLink: true, into: &children)
                }
                children = InlineConventions.pairHTML(children)
                let url = poolString(node.start, node.length)
                let title = node.titleLength >= 0 ? poolString(node.titleStart, node.titleLength) : nil
                out.append(InlineConventions.linkInline(url: url, content: children, title: title, site: siteURL))
            case .image:
                var children: [Inline] = []
                if depth >= InlineBuilder.maxDepth { appendFlattened(from: node.first, into: &children) } else {
                    append(from: node.first, depth: depth + 1, inLink: true, into: &children)
                }
                let url = poolString(node.start, node.length)
                let title = node.titleLength >= 0 ? poolString(node.titleStart, node.titleLength) : nil
                out.append(.image(Image(source: InlineConventions.imageSource(url), alt: PlainText.of(children), title: title)))
            }
        }
        flush(&out)
    }
}

/// Plain text of inlines (image alt text, summaries, table-of-contents entries).
enum PlainText {
    static func of(_ inlines: [Inline]) -> String {
        var out = ""
        append(inlines, to: &out)
        return out
    }

    static func append(_ inlines: [Inline], to out: inout String) {
        for inline in inlines {
            switch inline {
            case .text(let s), .code(let s), .date(let s), .placeholder(let s): out += s
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .underline(let c), .superscript(let c), .subscript(let c):
                append(c, to: &out)
            case .link(let link): append(link.content, to: &out)
            case .image(let image): out += image.alt
            case .lineBreak, .softBreak: out += " "
            case .mention(let m): out += "@" + (m.displayName ?? m.accountID)
            case .issue(let i): out += i.key
            case .status(let s): out += s.text
            case .emoji(let e): out += e.fallback ?? ":" + e.shortName + ":"
            case .footnoteReference(let label): out += "[^" + label + "]"
            case .anchor: break
            case .span(let span): append(span.content, to: &out)
            case .raw(let raw): out += raw.content
            }
        }
    }
}
