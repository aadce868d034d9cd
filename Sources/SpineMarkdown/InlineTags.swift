// The inline HTML forms of AST inlines Markdown has no syntax for (superscript, status, mention, …),
// written by the Markdown writer and read back by the reader.

import SpineCore

enum InlineTags {
    /// `data-spine` values naming typed inlines.
    enum Role: String {
        case status, mention, issue, emoji, placeholder
    }

    /// The node a matched `<name attrs>content</name>` pair stands for; nil to keep it raw.
    static func node(name: String, attributes: [(String, String)], content: [Inline]) -> Inline? {
        func attribute(_ key: String) -> String? { attributes.first(where: { $0.0 == key })?.1 }
        switch name {
        case "sup": return attributes.isEmpty ? .superscript(content) : nil
        case "sub": return attributes.isEmpty ? .subscript(content) : nil
        case "ins": return attributes.isEmpty ? .underline(content) : nil
        case "em": return attributes.isEmpty ? .emphasis(content) : nil
        case "strong": return attributes.isEmpty ? .strong(content) : nil
        case "del": return attributes.isEmpty ? .strikethrough(content) : nil
        case "code":
            guard attributes.isEmpty, !content.isEmpty, content.allSatisfy({ if case .text = $0 { return true } else { return false } }) else { return nil }
            return .code(PlainText.of(content))
        case "time":
            guard attributes.count == 1, let value = attribute("datetime") else { return nil }
            return .date(value)
        case "a":
            guard attributes.count == 1, let id = attribute("id"), content.isEmpty else { return nil }
            return .anchor(id)
        case "span":
            let text = PlainText.of(content)
            switch attribute("data-spine").flatMap(Role.init(rawValue:)) {
            case .status:
                return .status(Status(text: text, colour: attribute("data-colour"), subtle: attribute("data-subtle") == "true"))
            case .mention:
                guard let id = attribute("data-account-id") else { return nil }
                let shown = text.hasPrefix("@") ? String(text.dropFirst()) : text
                return .mention(Mention(accountID: id, displayName: attribute("data-anonymous") == "true" ? nil : shown))
            case .issue:
                guard let key = attribute("data-key") else { return nil }
                let extra = attributes.compactMap { key, value in
                    key.hasPrefix("data-a-") ? Attribute(String(key.dropFirst(7)), value) : nil
                }
                return .issue(IssueReference(key: key, attributes: extra))
            case .emoji:
                guard let shortName = attribute("data-short-name") else { return nil }
                return .emoji(Emoji(shortName: shortName, fallback: text == ":" + shortName + ":" ? nil : text, id: attribute("data-id")))
            case .placeholder:
                return .placeholder(text)
            case nil:
                guard !attributes.isEmpty else { return nil }
                // `data-spine-span=""` alone marks a span without attributes
                if attributes.count == 1, attributes[0] == ("data-spine-span", "") { return .span(Span(attributes: [], content: content)) }
                // A style that is just a colour is the writer's spelling of the `color` attribute.
                return .span(Span(attributes: attributes.map { name, value in
                    name == "style" ? Span.colour(fromStyle: value).map { Attribute("color", $0) } ?? Attribute(name, value) : Attribute(name, value)
                }, content: content))
            }
        default:
            return nil
        }
    }

    /// The tag pair and content that write a typed inline; nil for inlines with Markdown syntax.
    /// `dropped` collects attribute names that cannot be written.
    static func tags(for inline: Inline, dropped: inout [String]) -> (open: String, close: String, content: [Inline])? {
        func tag(_ name: String, _ attributes: [(String, String)], _ content: [Inline]) -> (String, String, [Inline]) {
            (InlineConventions.openTag(name, attributes), "</" + name + ">", content)
        }
        switch inline {
        case .superscript(let c): return tag("sup", [], c)
        case .subscript(let c): return tag("sub", [], c)
        case .underline(let c): return tag("ins", [], c)
        case .date(let d): return tag("time", [("datetime", d)], [.text(d)])
        case .anchor(let id): return tag("a", [("id", id)], [])
        case .status(let s):
            var attributes = [("data-spine", "status")]
            if let colour = s.colour { attributes.append(("data-colour", colour)) }
            if s.subtle { attributes.append(("data-subtle", "true")) }
            return tag("span", attributes, [.text(s.text)])
        case .mention(let m):
            var attributes = [("data-spine", "mention"), ("data-account-id", m.accountID)]
            if m.displayName == nil { attributes.append(("data-anonymous", "true")) }
            return tag("span", attributes, [.text("@" + (m.displayName ?? m.accountID))])
        case .issue(let i):
            var attributes = [("data-spine", "issue"), ("data-key", i.key)]
            for a in i.attributes {
                if InlineConventions.isAttributeName("data-a-" + a.name) { attributes.append(("data-a-" + a.name, a.value)) } else { dropped.append(a.name) }
            }
            return tag("span", attributes, [.text(i.key)])
        case .emoji(let e):
            var attributes = [("data-spine", "emoji"), ("data-short-name", e.shortName)]
            if let id = e.id { attributes.append(("data-id", id)) }
            return tag("span", attributes, [.text(e.fallback ?? ":" + e.shortName + ":")])
        case .placeholder(let p): return tag("span", [("data-spine", "placeholder")], [.text(p)])
        case .span(let span):
            var attributes: [(String, String)] = []
            for a in span.attributes {
                if a.name == "color", Span.colour(fromStyle: Span.style(forColour: a.value)) == a.value {
                    attributes.append(("style", Span.style(forColour: a.value)))  // valid HTML, read back as `color`
                } else if InlineConventions.isAttributeName(a.name), a.name != "data-spine" { attributes.append((a.name, a.value)) } else { dropped.append(a.name) }
            }
            if attributes.isEmpty { attributes.append(("data-spine-span", "")) }
            return tag("span", attributes, span.content)
        case .text, .emphasis, .strong, .strikethrough, .code, .link, .image, .lineBreak, .softBreak, .footnoteReference, .raw:
            return nil
        }
    }
}
