// Inline mapping: text, HTML phrase elements, links, images, emoticons, dates, placeholders.

import SpineCore
import SpineXML

extension StorageMapper {
    // MARK: - Inline context

    /// Maps the children of an element with inline content. Whitespace runs collapse to one space.
    func inlines(_ nodes: [XMLNode]) -> [Inline] {
        var result: [Inline] = []
        for node in nodes {
            switch node {
            case .text(let text), .cdata(let text):
                var collapsed = StorageText.collapse(text)
                // Space at the start of a line is not rendered, so none after a forced break.
                if collapsed.utf8.first == 32, let last = result.last, StorageMapper.isLineBreak(last) { collapsed.removeFirst() }
                if case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(previous + collapsed)
                } else if !collapsed.isEmpty {
                    result.append(.text(collapsed))
                }
            case .element(let element):
                result.append(inline(element))
            case .comment(let text):
                result.append(.raw(Raw(format: "confluence", content: "<!--" + text + "-->")))
            case .processingInstruction(let target, let data):
                result.append(.raw(Raw(format: "confluence", content: "<?" + target + " " + data + "?>")))
            }
        }
        return result
    }

    /// True when a `time` element's only content is its own `datetime` value.
    static func isDateText(_ element: XMLElement, _ date: String) -> Bool {
        guard element.children.count == 1, case .text(let text) = element.children[0] else { return false }
        return text == date
    }

    /// A line break, or one wrapped to keep its element's attributes.
    static func isLineBreak(_ inline: Inline) -> Bool {
        if case .lineBreak = inline { return true }
        if case .span(let span) = inline, span.content.count == 1, case .lineBreak = span.content[0] { return true }
        return false
    }

    /// The phrase element `name` around `content`, or nil when `name` is not one.
    private static func phrase(_ name: String, _ content: @autoclosure () -> [Inline]) -> Inline? {
        switch name {
        case "strong", "b": return .strong(content())
        case "em", "i": return .emphasis(content())
        case "u": return .underline(content())
        case "s", "del", "strike": return .strikethrough(content())
        case "sub": return .subscript(content())
        case "sup": return .superscript(content())
        default: return nil
        }
    }

    /// Elements kept as a Span named by `storage.element`.
    private static let spanElements: Set<String> = ["small", "big", "ins", "cite", "q", "abbr", "kbd", "var", "samp", "mark",
                                                    "ac:inline-comment-marker"]

    /// Maps one element in inline context.
    func inline(_ element: XMLElement) -> Inline {
        if let phrase = StorageMapper.phrase(element.name, inlines(element.children)) {
            return withAttributes(element, phrase)
        }
        switch element.name {
        case "code":
            guard element.children.allSatisfy({ $0.element == nil }) else {
                return rawInline(element, "storage.raw", "code with markup inside kept raw")
            }
            return withAttributes(element, .code(element.textContent))
        case "br":
            return element.children.isEmpty ? withAttributes(element, .lineBreak) : rawInline(element, "storage.raw", "br with content kept raw")
        case "span":
            let spanAttributes = astAttributes(attributes(of: element)).map { attribute in
                attribute.name == "style" ? Span.colour(fromStyle: attribute.value).map { Attribute("color", $0) } ?? attribute : attribute
            }
            return .span(Span(attributes: spanAttributes, content: inlines(element.children)))
        case "a":
            return anchorLink(element)
        case "ac:link":
            return link(element)
        case "ac:image":
            return image(element).map(Inline.image) ?? rawInline(element, "storage.raw", "image with a caption or an unknown source kept raw")
        case "ac:emoticon":
            return emoticon(element)
        case "time":
            // HTML spells the date out as content too (`<time datetime="X">X</time>`, what Markdown
            // writes); Confluence renders the attribute, so content equal to it adds nothing.
            guard let date = element.attribute("datetime"),
                  element.children.isEmpty || StorageMapper.isDateText(element, date) else {
                return rawInline(element, "storage.raw", "time element without datetime kept raw")
            }
            return withAttributes(element, .date(date), excluding: ["datetime"])
        case "ac:placeholder":
            guard element.children.allSatisfy({ $0.element == nil }) else {
                return rawInline(element, "storage.raw", "placeholder with markup kept raw")
            }
            return withAttributes(element, .placeholder(element.textContent))
        case "ac:structured-macro", "ac:macro":
            return inlineMacro(element)
        default:
            if StorageMapper.spanElements.contains(element.name) {
                return .span(Span(attributes: [Attribute(StorageConvention.element, element.name)] + astAttributes(attributes(of: element)),
                                  content: inlines(element.children)))
            }
            if StorageClassifier.isBlock(element) {
                return rawInline(element, "storage.block-in-inline", "<\(element.name)> inside inline content kept raw (Confluence may reject it)",
                                 severity: .warning)
            }
            return rawInline(element, "storage.unknown-element", "<\(element.name)> is not part of the storage format; kept raw", severity: .warning)
        }
    }

    /// Wraps `inline` in a Span carrying the element's attributes (other than `excluding`) when it has any.
    func withAttributes(_ element: XMLElement, _ inline: Inline, excluding: Set<String> = []) -> Inline {
        let attributes = self.attributes(of: element).filter { !excluding.contains($0.name) }
        return wrap(inline, element.name, astAttributes(attributes))
    }

    func wrap(_ inline: Inline, _ elementName: String, _ attributes: [Attribute]) -> Inline {
        guard !attributes.isEmpty else { return inline }
        return .span(Span(attributes: [Attribute(StorageConvention.attributesOf, elementName)] + attributes, content: [inline]))
    }

    // MARK: - Links

    private func anchorLink(_ element: XMLElement) -> Inline {
        guard let href = element.attribute("href") else {
            return rawInline(element, "storage.raw", "<a> without href kept raw")
        }
        let title = element.attribute("title")
        let link = Inline.link(Link(target: .url(href), content: inlines(element.children), title: title))
        return withAttributes(element, link, excluding: ["href", "title"])
    }

    /// `ac:link`: a resource identifier (page, attachment, user, space, url) or an anchor, plus an optional body.
    private func link(_ element: XMLElement) -> Inline {
        var resource: XMLElement?
        var body: XMLElement?
        for child in element.children {
            switch child {
            case .text(let text) where StorageText.isWhitespace(text): continue
            case .element(let child) where child.name.hasPrefix("ri:") && resource == nil && body == nil: resource = child
            case .element(let child) where (child.name == "ac:plain-text-link-body" || child.name == "ac:link-body") && body == nil: body = child
            default: return rawInline(element, "storage.raw", "link with unexpected content kept raw")
            }
        }
        var overrides = astAttributes(attributes(of: element).filter { $0.name != "ac:anchor" })
        let anchor = element.attribute("ac:anchor")
        var content: [Inline] = []
        if let body {
            guard body.attributes.isEmpty else { return rawInline(element, "storage.raw", "link body with attributes kept raw") }
            if body.name == "ac:plain-text-link-body" {
                guard body.children.allSatisfy({ $0.element == nil }) else { return rawInline(element, "storage.raw", "plain link body with markup kept raw") }
                let text = body.textContent
                content = text.isEmpty ? [] : [.text(text)]
                if content.isEmpty { overrides.append(Attribute(StorageConvention.linkBody, "plain")) }
            } else {
                content = inlines(body.children)
                if StorageWriter.defaultLinkBody(content) != "rich" { overrides.append(Attribute(StorageConvention.linkBody, "rich")) }
            }
        }
        guard let resource else {
            guard let anchor else { return rawInline(element, "storage.empty-link", "link without target kept raw", severity: .warning) }
            return wrap(.link(Link(target: .anchor(anchor), content: content)), "ac:link", overrides)
        }
        let extra = { (consumed: Set<String>) in self.astAttributes(self.attributes(of: resource).filter { !consumed.contains($0.name) }) }
        switch resource.name {
        case "ri:page":
            guard resource.children.isEmpty, let title = resource.attribute("ri:content-title") else { break }
            let page = PageLink(spaceKey: resource.attribute("ri:space-key"), title: title, anchor: anchor,
                                contentID: resource.attribute("ri:content-id"))
            return wrap(.link(Link(target: .page(page), content: content)), "ac:link",
                        overrides + extra(["ri:content-title", "ri:space-key", "ri:content-id"]))
        case "ri:attachment":
            guard anchor == nil, let attachment = attachmentLink(resource) else { break }
            return wrap(.link(Link(target: .attachment(attachment.link), content: content)), "ac:link", overrides + attachment.extra)
        case "ri:user":
            guard anchor == nil, resource.children.isEmpty, content.allSatisfy({ if case .text = $0 { return true }; return false }) else { break }
            let key = ["ri:account-id", "ri:userkey", "ri:username"].first { resource.attribute($0) != nil }
            guard let key, let id = resource.attribute(key) else { break }
            if key != "ri:account-id" { overrides.append(Attribute(StorageConvention.userAttribute, key)) }
            let name = content.isEmpty ? nil : content.map(\.plainText).joined()
            return wrap(.mention(Mention(accountID: id, displayName: name)), "ac:link", overrides + extra([key]))
        case "ri:space":
            guard anchor == nil, resource.children.isEmpty, let key = resource.attribute("ri:space-key") else { break }
            return wrap(.link(Link(target: .space(key), content: content)), "ac:link", overrides + extra(["ri:space-key"]))
        case "ri:url":
            guard anchor == nil, resource.children.isEmpty, let url = resource.attribute("ri:value") else { break }
            return wrap(.link(Link(target: .url(url), content: content)), "ac:link",
                        overrides + [Attribute(StorageConvention.element, "ri:url")] + extra(["ri:value"]))
        default:
            break
        }
        return rawInline(element, "storage.raw", "link to <\(resource.name)> kept raw")
    }

    /// `ri:attachment` with an optional nested `ri:page`; nil when it holds anything else.
    func attachmentLink(_ resource: XMLElement) -> (link: AttachmentLink, extra: [Attribute])? {
        guard let fileName = resource.attribute("ri:filename") else { return nil }
        var page: PageLink?
        for child in resource.children {
            guard case .element(let pageElement) = child, pageElement.name == "ri:page", page == nil, pageElement.children.isEmpty,
                  let title = pageElement.attribute("ri:content-title"),
                  pageElement.attributes.allSatisfy({ ["ri:content-title", "ri:space-key"].contains($0.name) }) else {
                if case .text(let text) = child, StorageText.isWhitespace(text) { continue }
                return nil
            }
            page = PageLink(spaceKey: pageElement.attribute("ri:space-key"), title: title)
        }
        let extra = astAttributes(attributes(of: resource).filter { $0.name != "ri:filename" })
        return (AttachmentLink(page: page, fileName: fileName), extra)
    }

    // MARK: - Images and emoticons

    /// `ac:image` with an attachment or URL source; nil when it has a caption or anything else.
    func image(_ element: XMLElement) -> Image? {
        let resources = element.children.filter { node in
            if case .text(let text) = node { return !StorageText.isWhitespace(text) }
            return true
        }
        guard resources.count == 1, let resource = resources[0].element else { return nil }
        let source: Image.Source
        var resourceExtra: [Attribute]
        switch resource.name {
        case "ri:attachment":
            guard let attachment = attachmentLink(resource) else { return nil }
            source = .attachment(attachment.link)
            resourceExtra = attachment.extra
        case "ri:url":
            guard resource.children.isEmpty, let url = resource.attribute("ri:value") else { return nil }
            source = .url(url)
            resourceExtra = astAttributes(attributes(of: resource).filter { $0.name != "ri:value" })
        default:
            return nil
        }
        var image = Image(source: source)
        var rest: [Attribute] = []
        for attribute in attributes(of: element) {
            switch attribute.name {
            case "ac:alt" where !attribute.value.isEmpty: image.alt = attribute.value
            case "ac:title": image.title = attribute.value
            case "ac:width": image.width = attribute.value
            case "ac:height": image.height = attribute.value
            default: rest.append(Attribute(attribute.name, attribute.value))
            }
        }
        image.attributes = rest + resourceExtra
        return image
    }

    private func emoticon(_ element: XMLElement) -> Inline {
        guard element.children.isEmpty, let name = element.attribute("ac:name") else {
            return rawInline(element, "storage.raw", "emoticon without a name kept raw")
        }
        var emoji = Emoji(shortName: name)
        if let short = element.attribute("ac:emoji-shortname") {
            emoji.shortName = short.count > 2 && short.hasPrefix(":") && short.hasSuffix(":") ? String(short.dropFirst().dropLast()) : short
        }
        emoji.fallback = element.attribute("ac:emoji-fallback")
        emoji.id = element.attribute("ac:emoji-id")
        // Keep whatever differs from what the writer would produce for this emoji.
        let produced: [String] = StorageWriter.emoticonAttributes(emoji).map { $0.name + "=" + $0.value }
        let actual = attributes(of: element)
        let found: [String] = actual.map { $0.name + "=" + $0.value }
        if Set(produced) == Set(found) {
            return .emoji(emoji)
        }
        return .span(Span(attributes: [Attribute(StorageConvention.attributesOf, "ac:emoticon"), Attribute("storage.exact", "true")]
                          + astAttributes(actual), content: [.emoji(emoji)]))
    }
}
