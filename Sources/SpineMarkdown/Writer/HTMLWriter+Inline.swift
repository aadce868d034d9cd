// HTML rendering of inlines, requirements and footnotes.

import SpineCore

extension HTMLRenderer {
    // MARK: - Inlines

    mutating func inlines(_ inlines: [Inline]) {
        for inline in inlines { self.inline(inline) }
    }

    mutating func inline(_ inline: Inline) {
        switch inline {
        case .text(let s): text(s)
        case .emphasis(let c): wrap("em", c)
        case .strong(let c): wrap("strong", c)
        case .strikethrough(let c): wrap("del", c)
        case .underline(let c): wrap("ins", c)
        case .superscript(let c): wrap("sup", c)
        case .subscript(let c): wrap("sub", c)
        case .code(let s):
            raw("<code>")
            text(s)
            raw("</code>")
        case .link(let link):
            raw("<a href=\"")
            HTMLText.appendURL(href(link.target), to: &out)
            raw("\"")
            if let title = link.title { attribute("title", title) }
            raw(">")
            inlines(link.content)
            raw("</a>")
        case .image(let image):
            self.image(image)
        case .lineBreak:
            raw("<br />\n")
        case .softBreak:
            raw("\n")
        case .mention(let mention):
            raw("<span class=\"mention\"")
            attribute("data-account-id", mention.accountID)
            raw(">")
            text("@" + (mention.displayName ?? mention.accountID))
            raw("</span>")
        case .issue(let issue):
            raw("<a class=\"jira-issue\" href=\"")
            HTMLText.appendURL(href(.issue(issue.key)), to: &out)
            raw("\">")
            text(issue.key)
            raw("</a>")
        case .status(let status):
            raw("<span class=\"status\"")
            if let colour = status.colour { attribute("data-colour", colour) }
            raw(">")
            text(status.text)
            raw("</span>")
        case .date(let date):
            raw("<time")
            attribute("datetime", date)
            raw(">")
            text(date)
            raw("</time>")
        case .emoji(let emoji):
            text(emoji.fallback ?? ":" + emoji.shortName + ":")
        case .footnoteReference(let label):
            footnoteReference(label)
        case .anchor(let id):
            raw("<a")
            attribute("id", id)
            raw("></a>")
        case .placeholder(let text):
            raw("<span class=\"placeholder\">")
            self.text(text)
            raw("</span>")
        case .span(let span):
            raw("<span")
            for a in span.attributes where InlineConventions.isAttributeName(a.name) {
                if a.name == "color" { attribute("style", Span.style(forColour: a.value)) } else { attribute(a.name, a.value) }
            }
            raw(">")
            inlines(span.content)
            raw("</span>")
        case .raw(let content):
            rawContent(content)
        }
    }

    mutating func wrap(_ tag: StaticString, _ content: [Inline]) {
        raw("<")
        raw(tag)
        raw(">")
        inlines(content)
        raw("</")
        raw(tag)
        raw(">")
    }

    mutating func image(_ image: Image) {
        raw("<img src=\"")
        HTMLText.appendURL(InlineConventions.imageURL(image.source), to: &out)
        raw("\"")
        attribute("alt", image.alt)
        if let title = image.title { attribute("title", title) }
        if let width = image.width { attribute("width", width) }
        if let height = image.height { attribute("height", height) }
        raw(" />")
    }

    /// The `href` of a link target; Jira issues link to the site when one is configured.
    func href(_ target: LinkTarget) -> String {
        if case .issue(let key) = target, let siteURL {
            return (siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL) + "/browse/" + key
        }
        return InlineConventions.url(for: target)
    }

    // MARK: - Requirements

    mutating func requirement(_ requirement: Requirement, depth: Int) {
        let level = String(min(2 + depth, 6))
        cr()
        raw("<section class=\"requirement\"")
        if let key = requirement.key { attribute("data-key", key) }
        raw(">\n<h" + level + ">")
        text((requirement.key.map { $0 + ": " } ?? "") + requirement.summary)
        raw("</h" + level + ">\n<dl>\n")
        for (name, value) in RequirementFields.displayFields(requirement) {
            raw("<dt>")
            text(name)
            raw("</dt><dd>")
            text(value)
            raw("</dd>\n")
        }
        raw("</dl>\n")
        blocks(requirement.description, tight: false)
        if !requirement.acceptanceCriteria.isEmpty {
            cr()
            raw("<h" + String(min(3 + depth, 6)) + ">Acceptance criteria</h" + String(min(3 + depth, 6)) + ">\n")
            blocks(requirement.acceptanceCriteria, tight: false)
        }
        for child in requirement.children { self.requirement(child, depth: depth + 1) }
        cr()
        raw("</section>\n")
    }

    // MARK: - Footnotes

    mutating func collectFootnotes(_ blocks: [Block]) {
        for block in blocks {
            switch block {
            case .footnote(let note):
                if footnotes[note.label.lowercased()] == nil { footnotes[note.label.lowercased()] = note }
                collectFootnotes(note.blocks)
            case .quote(let b):
                collectFootnotes(b)
            case .division(let division):
                collectFootnotes(division.blocks)
            case .list(let list):
                for item in list.items { collectFootnotes(item.blocks) }
            default:
                break
            }
        }
    }

    mutating func footnoteReference(_ label: String) {
        let key = label.lowercased()
        var number = footnoteOrder.firstIndex(of: key).map { $0 + 1 }
        if number == nil {
            footnoteOrder.append(key)
            number = footnoteOrder.count
        }
        let n = String(number!)
        raw("<sup class=\"footnote-ref\"><a href=\"#fn-")
        HTMLText.appendURL(label, to: &out)
        raw("\" id=\"fnref-")
        HTMLText.appendURL(label, to: &out)
        raw("\" data-footnote-ref=\"\">" + n + "</a></sup>")
    }

    mutating func footnoteSection() {
        var order = footnoteOrder.filter { footnotes[$0] != nil }
        for key in footnotes.keys.sorted() where !order.contains(key) { order.append(key) }
        guard !order.isEmpty else { return }
        cr()
        raw("<section class=\"footnotes\" data-footnotes=\"\">\n<ol>\n")
        var index = 0
        while index < order.count {
            guard let note = footnotes[order[index]] else { index += 1; continue }
            raw("<li id=\"fn-")
            HTMLText.appendURL(note.label, to: &out)
            raw("\">\n")
            // the back reference goes inside a final paragraph, as GitHub renders it
            var content = note.blocks
            var lastParagraph: [Inline]?
            if case .paragraph(let inlines)? = content.last {
                lastParagraph = inlines
                content.removeLast()
            }
            blocks(content, tight: false)
            cr()
            if let lastParagraph {
                raw("<p>")
                inlines(lastParagraph)
                raw(" ")
            }
            raw("<a href=\"#fnref-")
            HTMLText.appendURL(note.label, to: &out)
            raw("\" class=\"footnote-backref\" data-footnote-backref=\"\" aria-label=\"Back to reference " + String(index + 1) + "\">↩</a>")
            raw(lastParagraph == nil ? "\n</li>\n" : "</p>\n</li>\n")
            index += 1
            // references inside footnotes may add new entries
            for key in footnoteOrder where !order.contains(key) && footnotes[key] != nil { order.append(key) }
        }
        raw("</ol>\n</section>\n")
    }
}

/// GFM's tag filter: neutralises `<title>`, `<textarea>`, `<style>`, `<xmp>`, `<iframe>`,
/// `<noembed>`, `<noframes>`, `<script>` and `<plaintext>` in raw HTML.
enum TagFilter {
    static let names = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]

    static func apply(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == ASCII.lt, isFiltered(bytes, at: i) {
                out.append("&lt;")
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        return string(out)
    }

    static func isFiltered(_ b: [UInt8], at index: Int) -> Bool {
        var i = index + 1
        if i < b.count, b[i] == ASCII.slash { i += 1 }
        for name in names {
            let n = Array(name.utf8)
            guard i + n.count <= b.count else { continue }
            var k = 0
            while k < n.count, lowerASCII(b[i + k]) == n[k] { k += 1 }
            guard k == n.count else { continue }
            let after: UInt8 = i + k < b.count ? b[i + k] : ASCII.gt
            if isWhitespaceByte(after) || after == ASCII.gt || after == ASCII.slash { return true }
        }
        return false
    }
}
