// The inline level of the wiki writer: effects (simple or `{*}` forced form as word
// boundaries require), links, mentions, images, emoticons and closest renderings.

import SpineCore

extension WikiEmitter {
    // MARK: - Inline sequences

    /// Writes inlines. In a multi-line context (paragraphs, list items) a line break is a
    /// newline where that reads back the same; elsewhere, and where it would not, it is `\\`.
    mutating func writeInlines(_ inlines: [Inline], multiLine: Bool, lineStart: Bool, trailing: UInt8? = nil) {
        var atLineStart = lineStart
        for (index, inline) in inlines.enumerated() {
            let following = index == inlines.count - 1 ? trailing : Self.firstByte(of: inlines, after: index, multiLine: multiLine)
            if case .lineBreak = inline, multiLine, newlineIsSafe(inlines, at: index) {
                write("\n")
                atLineStart = true
                continue
            }
            writeInline(inline, following: following, multiLine: multiLine, lineStart: atLineStart)
            atLineStart = false
        }
    }

    /// A newline reads back as one line break only between two lines that both have content
    /// and neither side has blanks the reader would trim (a following `\\` counts as content,
    /// which also keeps two breaks from being written as `\\\\`).
    private func newlineIsSafe(_ inlines: [Inline], at index: Int) -> Bool {
        guard index + 1 < inlines.count, let last = out.last, last != Byte.newline, !Byte.isBlank(last) else { return false }
        switch inlines[index + 1] {
        case .lineBreak: return true
        case .softBreak: return false
        case .text(let text): return !(text.utf8.first.map(Byte.isWhitespace) ?? true)
        // A macro tag alone at the start of a line reads back as a block of its own.
        case .raw(let raw): return raw.content.utf8.first != Byte.openBrace
        default: return true
        }
    }

    /// The first byte written after inline `index` (nil: nothing on this line).
    static func firstByte(of inlines: [Inline], after index: Int, multiLine: Bool) -> UInt8? {
        guard index + 1 < inlines.count else { return nil }
        switch inlines[index + 1] {
        case .text(let text): return text.utf8.first ?? firstByte(of: inlines, after: index + 1, multiLine: multiLine)
        case .softBreak: return Byte.space
        case .lineBreak: return multiLine ? Byte.newline : Byte.backslash
        case .image: return Byte.bang
        case .link(let link):
            switch link.target {
            case .page, .space:
                // Written as its text (or title) alone.
                let shown: [Inline] = link.content.isEmpty ? [.text(targetText(link.target))] : link.content
                return firstByte(of: shown + Array(inlines[(index + 2)...]), after: -1, multiLine: multiLine)
            case .url, .anchor, .attachment, .issue, .user:
                return Byte.openBracket
            }
        case .issue(let issue) where !WikiVocabulary.isIssueKey(issue.key[...]):
            return issue.key.utf8.first ?? firstByte(of: inlines, after: index + 1, multiLine: multiLine)
        case .mention, .issue: return Byte.openBracket
        case .date(let date): return date.utf8.first ?? firstByte(of: inlines, after: index + 1, multiLine: multiLine)
        case .emoji: return Byte.colon
        case .placeholder: return firstByte(of: inlines, after: index + 1, multiLine: multiLine)
        case .raw(let raw): return raw.content.utf8.first
        case .span(let span) where span.attributes[named: "color"] == nil && span.attributes[named: "textColor"] == nil:
            if span.attributes[named: "class"] == "citation" { return Byte.question }
            return firstByte(of: span.content + Array(inlines[(index + 2)...]), after: -1, multiLine: multiLine)
        default: return Byte.openBrace
        }
    }

    // MARK: - One inline

    /// Writes one inline; `following` is the next byte on the line, for escaping decisions.
    mutating func writeInline(_ inline: Inline, following: UInt8?, multiLine: Bool, lineStart: Bool = false) {
        switch inline {
        case .text(let text):
            WikiTextEscaper.append(text, to: &out, following: following, lineStart: lineStart)
        case .emphasis(let content): writeEffect("_", content, following: following)
        case .strong(let content): writeEffect("*", content, following: following, lineStart: lineStart)
        case .strikethrough(let content): writeEffect("-", content, following: following)
        case .underline(let content): writeEffect("+", content, following: following)
        case .superscript(let content): writeEffect("^", content, following: following)
        case .subscript(let content): writeEffect("~", content, following: following)
        case .code(let code):
            guard !code.isEmpty else { return }
            write("{{")
            WikiTextEscaper.append(code, to: &out, following: Byte.closeBrace, lineStart: false, inCode: true)
            write("}}")
        case .link(let link):
            writeLink(link)
        case .image(let image):
            writeImageInline(image)
        case .lineBreak:
            write("\\\\")
        case .softBreak:
            write(" ")
        case .mention(let mention):
            writeMention(mention)
        case .issue(let issue):
            writeIssue(issue, following: following)
        case .status(let status):
            writeStatus(status, following: following)
        case .date(let date):
            lossy("jira-wiki.date-as-text", "Jira wiki markup has no date node; dates were written as text", severity: .info)
            WikiTextEscaper.append(date, to: &out, following: following, lineStart: lineStart)
        case .emoji(let emoji):
            writeEmoji(emoji, following: following)
        case .footnoteReference(let label):
            lossy("jira-wiki.footnote-as-text", "Jira wiki markup has no footnotes; references were written as superscript [label]")
            writeEffect("^", [.text("[" + label + "]")], following: following)
        case .anchor(let name):
            writeAnchor(name)
        case .placeholder:
            lossy("jira-wiki.placeholder-dropped", "editor placeholders have no wiki form and were left out", severity: .info)
        case .span(let span):
            writeSpan(span, following: following)
        case .raw(let raw):
            if raw.format == "jira-wiki", WikiMacroTag.namesBlockMacro(raw.content) {
                // Read inline (in a list item, after `{{`, …) this tag was raw; written back next
                // to other text it may open or close a block instead, so it is written as text.
                lossy("jira-wiki.macro-tag-as-text",
                      "a block macro tag kept as raw inline markup was written as escaped text (in another place it would open or close a block)")
                writeInline(.text(raw.content), following: following, multiLine: multiLine)
            } else if raw.format == "jira-wiki" {
                write(raw.content)
            } else {
                lossy("jira-wiki.raw-as-text", "raw \(raw.format) content cannot be rendered in wiki markup; written as monospace text")
                writeInline(.code(raw.content), following: following, multiLine: multiLine)
            }
        }
    }

    // MARK: - Effects

    /// `*x*` when the word boundaries allow it, else the forced form `{*}x{*}`.
    /// At the start of a line, `*#` or `**` followed by a space would start a list: there the
    /// forced form is used when the content starts with `#` or `*`.
    private mutating func writeEffect(_ delimiter: String, _ content: [Inline], following: UInt8?, lineStart: Bool = false) {
        guard !content.isEmpty else { return }
        if openEffects.contains(delimiter) {
            writeInlines(content, multiLine: false, lineStart: false, trailing: following)
            return
        }
        let plain = render(content, effect: delimiter, trailing: delimiter.utf8.first)
        guard let first = plain.first, let last = plain.last else { return }
        let listLike = lineStart && delimiter == "*" && (first == Byte.hash || first == Byte.star)
        let simple = delimiter == "??"
            || (!listLike && !WikiTextEscaper.isWordBefore(out) && !Self.isWordByte(following)
                && !Byte.isWhitespace(first) && !Byte.isWhitespace(last))
        let rendered = simple ? plain : render(content, effect: delimiter, trailing: Byte.openBrace)
        write(simple ? delimiter : "{" + delimiter + "}")
        out.append(contentsOf: rendered)
        write(simple ? delimiter : "{" + delimiter + "}")
    }

    /// Renders inlines into a separate buffer (so the delimiter form can depend on the result).
    mutating func render(_ content: [Inline], effect: String?, trailing: UInt8? = nil) -> [UInt8] {
        let saved = out
        out = []
        if let effect { openEffects.insert(effect) }
        writeInlines(content, multiLine: false, lineStart: false, trailing: trailing)
        if let effect { openEffects.remove(effect) }
        let rendered = out
        out = saved
        return rendered
    }

    private static func isWordByte(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return Byte.isASCIIAlnum(byte) || byte >= 0x80
    }

    /// Colour and citation spans; other span attributes have no wiki form.
    private mutating func writeSpan(_ span: Span, following: UInt8?) {
        let colour = span.attributes[named: "color"] ?? span.attributes[named: "textColor"]
        let known: Set<String> = ["color", "textColor", "class"]
        if span.attributes.contains(where: { !known.contains($0.name) })
            || (span.attributes[named: "class"].map { $0 != "citation" } ?? false) {
            lossy("jira-wiki.span-attributes", "inline attributes other than colour and citation have no wiki form", severity: .info)
        }
        var content = span.content
        if span.attributes[named: "class"] == "citation" {
            if colour == nil {
                writeEffect("??", content, following: following)
                return
            }
            content = [.span(Span(attributes: [Attribute("class", "citation")], content: content))]
        }
        guard let colour, !openEffects.contains("color") else {
            if colour != nil {
                lossy("jira-wiki.nested-colour", "Jira colour spans cannot nest; the inner colour was dropped", severity: .info)
            }
            writeInlines(content, multiLine: false, lineStart: false, trailing: following)
            return
        }
        let start = out.count
        write("{color:" + parameterText(colour) + "}")
        let contentStart = out.count
        openEffects.insert("color")
        writeInlines(content, multiLine: false, lineStart: false, trailing: Byte.openBrace)
        openEffects.remove("color")
        // an empty `{color:x}{color}` reads back as text: a span that writes nothing is left out
        if out.count == contentStart {
            out.removeSubrange(start...)
            return
        }
        write("{color}")
    }

    // MARK: - Links and references

    private mutating func writeLink(_ link: Link) {
        if openEffects.contains("link") {
            lossy("jira-wiki.nested-link", "links inside link text cannot be expressed; the inner link's text was kept", severity: .info)
            writeInlines(link.content.isEmpty ? [.text(Self.targetText(link.target))] : link.content, multiLine: false, lineStart: false)
            return
        }
        var target = Self.writtenTarget(link.target)
        switch link.target {
        case .url, .anchor, .issue: break
        case .attachment(let attachment):
            if attachment.page != nil {
                lossy("jira-wiki.attachment-page", "links to another page's attachment keep only the file name")
            }
        case .user(let id): target = "~" + Self.userTarget(id)
        case .page, .space:
            lossy("jira-wiki.page-link-as-text", "Jira wiki markup cannot link Confluence pages or spaces; the link text was kept")
        }
        guard let target else {
            // Confluence shows a page or space link without text as the page title (space key).
            writeInlines(link.content.isEmpty ? [.text(Self.targetText(link.target))] : link.content, multiLine: false, lineStart: false)
            return
        }
        write("[")
        // `[docs/x.html]` would stay literal text: a target the bare form cannot carry gets itself as text.
        if !link.content.isEmpty || link.title != nil || !Self.isBareLinkTarget(target) {
            let lowered = Self.plainLinkText(link.content)
            if lowered.changed {
                lossy("jira-wiki.nested-link", "links inside link text cannot be expressed; the inner link's text was kept", severity: .info)
            }
            let alias = link.content.isEmpty ? [Inline.text(target)] : lowered.content
            out.append(contentsOf: render(alias, effect: "link", trailing: Byte.pipe))
            write("|")
        }
        write(target)
        if let title = link.title { write("|" + parameterText(Self.linkTitle(title))) }
        write("]")
    }

    /// Whether `[target]` alone reads back as a link (or an issue reference): anchors,
    /// attachments, users, URLs with a scheme and issue keys.
    static func isBareLinkTarget(_ target: String) -> Bool {
        target.hasPrefix("#") || target.hasPrefix("^") || target.hasPrefix("~") || WikiParser.hasScheme(target)
            || WikiVocabulary.isIssueKey(target[...])
    }

    /// The target as written between the brackets, for URL, anchor, attachment and issue targets.
    static func writtenTarget(_ target: LinkTarget) -> String? {
        switch target {
        case .url(let url): return linkSafe(url)
        case .anchor(let anchor): return "#" + linkSafe(anchor)
        case .attachment(let attachment): return "^" + attachmentSafe(attachment.fileName)
        case .issue(let key): return linkSafe(key)
        case .user, .page, .space: return nil
        }
    }

    /// Link text as written: wiki links cannot nest, so links, mentions and issue references
    /// inside it become their text (`changed` tells whether any did).
    static func plainLinkText(_ content: [Inline]) -> (content: [Inline], changed: Bool) {
        var changed = false
        func lower(_ inlines: [Inline]) -> [Inline] {
            inlines.flatMap { inline -> [Inline] in
                switch inline {
                case .link(let link):
                    changed = true
                    return link.content.isEmpty ? [.text(targetText(link.target))] : lower(link.content)
                case .mention(let mention): changed = true; return [.text(mention.displayName ?? mention.accountID)]
                case .issue(let issue): changed = true; return [.text(issue.key)]
                case .emphasis(let inner): return [.emphasis(lower(inner))]
                case .strong(let inner): return [.strong(lower(inner))]
                case .strikethrough(let inner): return [.strikethrough(lower(inner))]
                case .underline(let inner): return [.underline(lower(inner))]
                case .superscript(let inner): return [.superscript(lower(inner))]
                case .subscript(let inner): return [.subscript(lower(inner))]
                case .span(var span): span.content = lower(span.content); return [.span(span)]
                case .text, .code, .lineBreak, .softBreak, .image, .status, .date, .emoji, .footnoteReference,
                     .anchor, .placeholder, .raw:
                    return [inline]
                }
            }
        }
        let result = lower(content)
        return (result, changed)
    }

    private mutating func writeMention(_ mention: Mention) {
        if openEffects.contains("link") {
            lossy("jira-wiki.nested-link", "links inside link text cannot be expressed; the inner link's text was kept", severity: .info)
            writeInlines([.text(mention.displayName ?? mention.accountID)], multiLine: false, lineStart: false)
            return
        }
        write("[")
        if let name = mention.displayName, !name.isEmpty {
            out.append(contentsOf: render([.text(name)], effect: "link", trailing: Byte.pipe))
            write("|")
        } else if WikiVocabulary.isCloudAccountID(mention.accountID) {
            lossy("jira-wiki.mention-without-name",
                  "mentions without a display name are written as [~account]; Jira shows the name only if it knows the account",
                  severity: .info)
        }
        write("~" + Self.userTarget(mention.accountID) + "]")
    }

    /// The text a link target shows when it has no content.
    static func targetText(_ target: LinkTarget) -> String {
        switch target {
        case .url(let url): return url
        case .anchor(let anchor): return anchor
        case .attachment(let attachment): return attachment.fileName
        case .issue(let key), .user(let key), .space(let key): return key
        case .page(let page): return page.title
        }
    }

    /// `accountid:` is added for Cloud account ids; other ids are Data Center user names.
    static func userTarget(_ id: String) -> String {
        WikiVocabulary.isCloudAccountID(id) ? "accountid:" + id : linkSafe(id)
    }

    private mutating func writeIssue(_ issue: IssueReference, following: UInt8?) {
        if !issue.attributes.isEmpty {
            lossy("jira-wiki.issue-attributes", "issue macro details (server, columns) have no wiki form", severity: .info)
        }
        if WikiVocabulary.isIssueKey(issue.key[...]), !openEffects.contains("link") {
            write("[" + issue.key + "]")
        } else {
            lossy("jira-wiki.issue-key-as-text", "an issue reference inside link text or with an unusual key was written as text")
            WikiTextEscaper.append(issue.key, to: &out, following: following, lineStart: false)
        }
    }

    /// Jira wiki markup has no lozenge: bold bracketed text in the lozenge's colour.
    private mutating func writeStatus(_ status: Status, following: UInt8?) {
        lossy("jira-wiki.status-approximated", "Jira wiki markup has no status lozenge; written as coloured bold text")
        let bold = Inline.strong([.text("[" + status.text.uppercased() + "]")])
        if let colour = WikiVocabulary.statusTextColour(status.colour) {
            writeSpan(Span(attributes: [Attribute("color", colour)], content: [bold]), following: following)
        } else {
            writeInline(bold, following: following, multiLine: false)
        }
    }

    private mutating func writeEmoji(_ emoji: Emoji, following: UInt8?) {
        let name = emoji.shortName.hasPrefix(":") && emoji.shortName.hasSuffix(":") && emoji.shortName.count > 1
            ? String(emoji.shortName.dropFirst().dropLast()) : emoji.shortName
        // An emoticon directly before a letter or digit is not read as one, so there the
        // Unicode fallback is written instead.
        if let markup = WikiVocabulary.markupByShortName[name]
            ?? emoji.id.flatMap({ id in WikiVocabulary.emoticons.first(where: { $0.id == id })?.markup }),
           !(following.map(Byte.isASCIIAlnum) ?? false) {
            write(markup)
            return
        }
        lossy("jira-wiki.emoji-as-text", "emoji without a Jira emoticon were written as their Unicode character or :name:", severity: .info)
        WikiTextEscaper.append(emoji.fallback ?? ":" + name + ":", to: &out, following: following, lineStart: false)
    }

    /// An attachment file name as a link target: like `linkSafe`, but spaces are kept (Jira
    /// finds `[^export spec.pdf]` by its name; `%20` would name another file).
    static func attachmentSafe(_ fileName: String) -> String { percentEncoded(fileName, keepingSpaces: true) }

    /// A link target without the characters that end a link.
    static func linkSafe(_ text: String) -> String { percentEncoded(text, keepingSpaces: false) }

    private static func percentEncoded(_ text: String, keepingSpaces: Bool) -> String {
        var result = ""
        for character in text {
            switch character {
            case " " where !keepingSpaces: result += "%20"
            case "|": result += "%7C"
            case "]": result += "%5D"
            case "[": result += "%5B"
            case "\n": result += "%0A"
            case "\r": result += "%0D"
            default: result.append(character)
            }
        }
        return result
    }
}
