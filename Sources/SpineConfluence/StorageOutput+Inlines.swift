// Inline writing: every Inline case, without a default.

import SpineCore

extension StorageOutput {
    func writeInlines(_ inlines: [Inline]) {
        for inline in inlines { writeInline(inline, extras: []) }
    }

    /// Writes one inline; `extras` are attributes for its outer element (from a Span wrapper).
    func writeInline(_ inline: Inline, extras: [Attribute]) {
        let extraXML = extras.isEmpty ? [] : StorageOutput.xmlAttributes(extras)
        switch inline {
        case .text(let value):
            text(value)
        case .emphasis(let content):
            element("em", extraXML) { writeInlines(content) }
        case .strong(let content):
            element("strong", extraXML) { writeInlines(content) }
        case .strikethrough(let content):
            element("s", extraXML) { writeInlines(content) }
        case .underline(let content):
            element("u", extraXML) { writeInlines(content) }
        case .superscript(let content):
            element("sup", extraXML) { writeInlines(content) }
        case .subscript(let content):
            element("sub", extraXML) { writeInlines(content) }
        case .code(let value):
            element("code", extraXML) { text(value) }
        case .link(let link):
            writeLink(link, extras: extras)
        case .image(let image):
            writeImage(image, extras: extras)
        case .lineBreak:
            empty("br", extraXML)
        case .softBreak:
            text(" ")
        case .mention(let mention):
            let key = extras[named: StorageConvention.userAttribute] ?? "ri:account-id"
            let body: [Inline] = mention.displayName.map { [.text($0)] } ?? []
            writeLinkElement(resource: { resourceExtras in
                self.empty("ri:user", StorageOutput.merge([(key, mention.accountID)], resourceExtras))
            }, anchor: nil, content: body, extras: extras)
        case .issue(let issue):
            macro("jira", parameters: [("key", issue.key)], attributes: issue.attributes + extras, body: .none)
        case .status(let status):
            var parameters: [(String, String)] = [("title", status.text)]
            if let colour = status.colour { parameters.append(("colour", colour)) }
            if status.subtle { parameters.append(("subtle", "true")) }
            macro("status", parameters: parameters, attributes: extras, body: .none)
        case .date(let date):
            empty("time", StorageOutput.merge([("datetime", date)], extraXML))
        case .emoji(let emoji):
            if extras[named: "storage.exact"] == "true" {
                empty("ac:emoticon", extraXML)
            } else {
                empty("ac:emoticon", StorageOutput.merge(StorageWriter.emoticonAttributes(emoji).map { ($0.name, $0.value) }, extraXML))
            }
        case .footnoteReference(let label):
            info("storage.footnote", "footnote reference [\(label)] written as a superscript link to its anchor")
            element("sup") {
                writeLinkElement(resource: nil, anchor: "fn-" + label, content: [.text("[" + label + "]")], extras: [])
            }
        case .anchor(let name):
            macro("anchor", parameters: [("", name)], attributes: extras, body: .none)
        case .placeholder(let value):
            element("ac:placeholder", extraXML) { text(value) }
        case .span(let span):
            writeSpan(span)
        case .raw(let raw):
            if raw.format == "confluence" {
                self.raw(raw.content, inline: true)
            } else if raw.format == "html", StorageOutput.isWellFormedStorage(raw.content) {
                info("storage.raw-html", "raw HTML written as storage markup; Confluence drops what it does not support")
                self.raw(raw.content, inline: true, strict: false)
            } else {
                warn("storage.raw-foreign", "raw \(raw.format) inline content written as code")
                element("code") { text(raw.content) }
            }
        }
    }

    private func writeSpan(_ span: Span) {
        let first = span.attributes.first
        if first?.name == StorageConvention.attributesOf, span.content.count == 1 {
            writeInline(span.content[0], extras: Array(span.attributes.dropFirst()))
        } else if first?.name == StorageConvention.element, let name = first?.value, StorageOutput.isXMLName(name) {
            element(name, StorageOutput.xmlAttributes(Array(span.attributes.dropFirst()))) { writeInlines(span.content) }
        } else {
            var attributes: [(String, String)] = []
            for attribute in span.attributes where !attribute.name.hasPrefix("storage.") {
                switch attribute.name {
                case "color", "colour", "textColor": attributes.append(("style", Span.style(forColour: attribute.value)))
                default: attributes.append((attribute.name, attribute.value))
                }
            }
            element("span", attributes) { writeInlines(span.content) }
        }
    }

    // MARK: - Links

    private func writeLink(_ link: Link, extras: [Attribute]) {
        switch link.target {
        case .url(let url):
            if extras[named: StorageConvention.element] == "ri:url" {
                writeLinkElement(resource: { self.empty("ri:url", StorageOutput.merge([("ri:value", url)], $0)) },
                                 anchor: nil, content: link.content, extras: extras)
                return
            }
            var attributes: [(String, String)] = [("href", url)]
            if let title = link.title { attributes.append(("title", title)) }
            open("a", StorageOutput.merge(attributes, StorageOutput.xmlAttributes(extras)))
            if link.content.isEmpty {
                info("storage.empty-link-text", "a link without text shows its URL")
                text(url)
            } else {
                writeInlines(link.content)
            }
            close("a")
            return
        case .page(let page):
            writeLinkElement(resource: { resourceExtras in
                var attributes: [(String, String)] = []
                if let space = page.spaceKey { attributes.append(("ri:space-key", space)) }
                attributes.append(("ri:content-title", page.title))
                if let id = page.contentID { attributes.append(("ri:content-id", id)) }
                self.empty("ri:page", StorageOutput.merge(attributes, resourceExtras))
            }, anchor: page.anchor, content: link.content, extras: extras)
        case .attachment(let attachment):
            writeLinkElement(resource: { self.writeAttachment(attachment, extras: $0) }, anchor: nil, content: link.content, extras: extras)
        case .anchor(let anchor):
            writeLinkElement(resource: nil, anchor: anchor, content: link.content, extras: extras)
        case .issue(let key):
            if let site = options.siteURL {
                let base = site.hasSuffix("/") ? String(site.dropLast()) : site
                writeLink(Link(target: .url(base + "/browse/" + key), content: link.content.isEmpty ? [.text(key)] : link.content,
                               title: link.title), extras: extras)
            } else {
                if !link.content.isEmpty && link.content != [.text(key)] {
                    info("storage.issue-link-text", "link text of \(key) replaced by the jira macro (no site URL to link to)")
                }
                macro("jira", parameters: [("key", key)], attributes: extras, body: .none)
            }
            return
        case .user(let account):
            writeLinkElement(resource: { self.empty("ri:user", StorageOutput.merge([("ri:account-id", account)], $0)) },
                             anchor: nil, content: link.content, extras: extras)
        case .space(let key):
            writeLinkElement(resource: { self.empty("ri:space", StorageOutput.merge([("ri:space-key", key)], $0)) },
                             anchor: nil, content: link.content, extras: extras)
        }
        if link.title != nil { info("storage.link-title", "link title dropped (Confluence links have none)") }
    }

    /// Writes `ac:link` with an optional resource identifier and a body in the form the content needs.
    func writeLinkElement(resource: (([(String, String)]) -> Void)?, anchor: String?, content: [Inline], extras: [Attribute]) {
        var attributes: [(String, String)] = []
        if let anchor { attributes.append(("ac:anchor", anchor)) }
        let real = extras.filter { !$0.name.hasPrefix("storage.") }
        attributes = StorageOutput.merge(attributes, real.filter { !$0.name.hasPrefix("ri:") }.map { ($0.name, $0.value) })
        open("ac:link", attributes)
        resource?(real.filter { $0.name.hasPrefix("ri:") }.map { ($0.name, $0.value) })
        switch extras[named: StorageConvention.linkBody] ?? StorageWriter.defaultLinkBody(content) {
        case "none":
            break
        case "plain":
            open("ac:plain-text-link-body")
            cdata(content.map(\.plainText).joined())
            close("ac:plain-text-link-body")
        default:
            element("ac:link-body") { writeInlines(content) }
        }
        close("ac:link")
    }
}
