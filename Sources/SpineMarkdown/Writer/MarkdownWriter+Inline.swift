// Markdown writing of inlines: escaping that is as small as is safe, delimiters, code spans, links.

import SpineCore

extension MarkdownRenderer {
    // MARK: - Inline sequences

    /// Renders inlines on one logical paragraph; `inTable` escapes pipes and forbids line breaks.
    /// `delimited` says the list is the content of emphasis or strong emphasis.
    mutating func inlines(_ inlines: [Inline], inTable: Bool = false, breaksAllowed: Bool = true, delimited: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        for index in inlines.indices {
            inline(inlines, index, into: &out, inTable: inTable, breaksAllowed: breaksAllowed, delimited: delimited)
        }
        return out
    }

    mutating func inline(_ list: [Inline], _ index: Int, into out: inout [UInt8], inTable: Bool, breaksAllowed: Bool, delimited: Bool) {
        let inline = list[index]
        switch inline {
        case .text(let text):
            let previous = index > 0 ? list[index - 1] : nil
            let next = index + 1 < list.count ? list[index + 1] : nil
            escapeText(text, into: &out, inTable: inTable, previous: previous, next: next)
        case .emphasis(let content) where delimitersAsTags:
            out.append("<em>")
            out += inlines(content, inTable: inTable, breaksAllowed: breaksAllowed)
            out.append("</em>")
        case .strong(let content) where delimitersAsTags:
            out.append("<strong>")
            out += inlines(content, inTable: inTable, breaksAllowed: breaksAllowed)
            out.append("</strong>")
        case .strikethrough(let content) where delimitersAsTags:
            out.append("<del>")
            out += inlines(content, inTable: inTable, breaksAllowed: breaksAllowed)
            out.append("</del>")
        case .emphasis(let content):
            let atEdge = delimited && (index == 0 || index == list.count - 1)
            // nested emphasis alternates `*` and `_` where `_` can open and close
            let underscoreFits = out.last.map { !isAlphanumeric($0) } ?? true
                && !(index + 1 < list.count && startsAlphanumeric(list[index + 1]))
            let underscore = atEdge || useUnderscore(list, index, out: out) || (insideStarEmphasis && underscoreFits)
            let char: StaticString = underscore ? "_" : "*"
            let saved = insideStarEmphasis
            insideStarEmphasis = !underscore
            out.append(char)
            out += inlines(content, inTable: inTable, breaksAllowed: breaksAllowed, delimited: true)
            out.append(char)
            insideStarEmphasis = saved
        case .strong(let content):
            out.append("**")
            out += inlines(content, inTable: inTable, breaksAllowed: breaksAllowed, delimited: true)
            out.append("**")
        case .strikethrough(let content):
            out.append("~~")
            out += inlines(content, inTable: inTable, breaksAllowed: breaksAllowed)
            out.append("~~")
        case .code(let code):
            codeSpan(code, into: &out, inTable: inTable)
        case .link(let link):
            self.link(link, into: &out, inTable: inTable, breaksAllowed: breaksAllowed)
        case .image(let image):
            self.image(image, into: &out, inTable: inTable)
        case .lineBreak:
            if breaksAllowed {
                out.append("\\\n")
            } else {
                note(.warning, "markdown.break-dropped", "a line break inside a table cell or heading was written as a space")
                out.append(ASCII.space)
            }
        case .softBreak:
            if breaksAllowed {
                // right after another break it would leave a blank line, which ends the paragraph
                if Self.followsBreak(list, index) {
                    note(.info, "markdown.break-after-break", "a soft break right after another line break has no Markdown form and was dropped")
                    return
                }
                out.append(ASCII.newline)
            } else {
                note(.warning, "markdown.break-dropped", "a line break inside a table cell or heading was written as a space")
                out.append(ASCII.space)
            }
        case .footnoteReference(let label):
            if !footnoteLabels.contains(label.lowercased()) {
                note(.warning, "markdown.footnote-undefined", "footnote reference [^\(label)] has no definition; it reads back as text")
            }
            out.append("[^")
            out.append(contentsOf: label.utf8)
            out.append("]")
        case .raw(let raw):
            if raw.format == "html" {
                // line breaks inside raw HTML are marked so line fixing leaves them alone
                for b in MarkdownRenderer.escapedRawHTML(raw.content) { out.append(b == ASCII.newline ? MarkdownRenderer.rawNewline : b) }
            } else {
                note(.info, "markdown.raw-inline", "inline \(raw.format) content is written as `…`{=\(raw.format)}")
                if out.last == ASCII.backtick { endWithoutBacktick(list, index, into: &out, inTable: inTable) }
                codeSpan(raw.content, into: &out, inTable: inTable)
                out.append("{=")
                out.append(contentsOf: raw.format.utf8)
                out.append("}")
            }
        case .issue(let issue) where siteURL != nil && issue.attributes.isEmpty && InlineConventions.isIssueKey(issue.key):
            // With a site an issue reference is a live link on GitHub; the reader maps it back.
            link(Link(target: .issue(issue.key), content: [.text(issue.key)]), into: &out, inTable: inTable, breaksAllowed: breaksAllowed)
        case .underline, .superscript, .subscript, .mention, .issue, .status, .date, .emoji, .anchor, .placeholder, .span:
            var dropped: [String] = []
            guard let tags = InlineTags.tags(for: inline, dropped: &dropped) else { return }
            if !dropped.isEmpty {
                note(.warning, "markdown.attribute-dropped", "attributes that are not valid HTML names were dropped: " + dropped.joined(separator: ", "))
            }
            out.append(contentsOf: tags.open.utf8)
            out += inlines(tags.content, inTable: inTable, breaksAllowed: breaksAllowed)
            out.append(contentsOf: tags.close.utf8)
        }
    }

    /// `content` with every link replaced by its content, inside containers too.
    static func withoutNestedLinks(_ content: [Inline]) -> [Inline] {
        guard containsLink(content) else { return content }
        return content.flatMap { inline -> [Inline] in
            switch inline {
            case .link(let link): return withoutNestedLinks(link.content)
            case .emphasis(let c): return [.emphasis(withoutNestedLinks(c))]
            case .strong(let c): return [.strong(withoutNestedLinks(c))]
            case .strikethrough(let c): return [.strikethrough(withoutNestedLinks(c))]
            case .underline(let c): return [.underline(withoutNestedLinks(c))]
            case .superscript(let c): return [.superscript(withoutNestedLinks(c))]
            case .subscript(let c): return [.subscript(withoutNestedLinks(c))]
            case .span(var span):
                span.content = withoutNestedLinks(span.content)
                return [.span(span)]
            case .text, .code, .image, .lineBreak, .softBreak, .mention, .issue, .status, .date, .emoji,
                 .footnoteReference, .anchor, .placeholder, .raw:
                return [inline]
            }
        }
    }

    /// Whether `content` holds a link at any depth.
    static func containsLink(_ content: [Inline]) -> Bool {
        content.contains { inline in
            switch inline {
            case .link: return true
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .underline(let c), .superscript(let c), .subscript(let c):
                return containsLink(c)
            case .span(let span): return containsLink(span.content)
            default: return false
            }
        }
    }

    /// Whether the inline before `index` (past inlines that write nothing) is a line break.
    static func followsBreak(_ list: [Inline], _ index: Int) -> Bool {
        var i = index - 1
        while i >= 0, list[i] == .text("") || list[i] == .code("") { i -= 1 }
        guard i >= 0 else { return false }
        return list[i] == .lineBreak || list[i] == .softBreak
    }

    func startsAlphanumeric(_ inline: Inline) -> Bool {
        if case .text(let t) = inline, let f = t.utf8.first { return isAlphanumeric(f) }
        return false
    }

    /// `_` where `*` would merge with a neighbouring `*` run (`**_x_**`, `*a*_b_`).
    func useUnderscore(_ list: [Inline], _ index: Int, out: [UInt8]) -> Bool {
        if let last = out.last, isAlphanumeric(last) { return false }
        if index + 1 < list.count, case .text(let t) = list[index + 1], let f = t.utf8.first, isAlphanumeric(f) { return false }
        if out.last == ASCII.star { return true }
        if index + 1 < list.count {
            switch list[index + 1] {
            case .emphasis, .strong: return true
            default: break
            }
        }
        return false
    }

    // MARK: - Text escaping

    mutating func escapeText(_ text: String, into out: inout [UInt8], inTable: Bool, previous: Inline?, next: Inline?) {
        let bytes = Array(text.utf8)
        let count = bytes.count
        for i in 0..<count {
            let c = bytes[i]
            switch c {
            case ASCII.backslash, ASCII.backtick, ASCII.star, ASCII.lbracket, ASCII.rbracket, ASCII.lt, ASCII.tilde:
                out.append(ASCII.backslash)
                out.append(c)
            case ASCII.lparen where i == 0 && out.last == ASCII.rbracket:
                // `[^1](x)` would be a link: after a footnote reference `(` is escaped
                if case .footnoteReference? = previous { out.append(ASCII.backslash) }
                out.append(c)
            case ASCII.underscore:
                let before = i > 0 ? bytes[i - 1] : 0
                let after = i + 1 < count ? bytes[i + 1] : 0
                if !(isAlphanumeric(before) && isAlphanumeric(after)) { out.append(ASCII.backslash) }
                out.append(c)
            case ASCII.amp:
                if i + 1 < count, isLetter(bytes[i + 1]) || bytes[i + 1] == ASCII.hash { out.append(ASCII.backslash) }
                out.append(c)
            case ASCII.pipe:
                if inTable { out.append(ASCII.backslash) }
                out.append(c)
            case ASCII.bang:
                if i + 1 == count, let next, isBracketStart(next) { out.append(ASCII.backslash) }
                out.append(c)
            case ASCII.at:
                if i > 0, Autolinks.isEmailLocalGFM(bytes[i - 1]) { out.append(ASCII.backslash) }
                out.append(c)
            case ASCII.dot:
                // www. at a boundary would become a GFM autolink
                if i >= 3, bytes[i - 1] == 0x77, bytes[i - 2] == 0x77, bytes[i - 3] == 0x77,
                   i == 3 || Autolinks.isBoundary(bytes[i - 4]) { out.append(ASCII.backslash) }
                out.append(c)
            case ASCII.colon:
                // http:// https:// ftp:// would become GFM autolinks
                if i + 2 < count, bytes[i + 1] == ASCII.slash, bytes[i + 2] == ASCII.slash, endsWithScheme(bytes, i) { out.append(ASCII.backslash) }
                out.append(c)
            case 0x7B:
                if i == 0, i + 1 < count, bytes[i + 1] == ASCII.equals, let previous, case .code = previous { out.append(ASCII.backslash) }
                out.append(c)
            case ASCII.newline:
                out.append("&#10;")
            case ASCII.cr:
                out.append("&#13;")
            default:
                out.append(c)
            }
        }
    }

    func isBracketStart(_ inline: Inline) -> Bool {
        switch inline {
        case .link, .footnoteReference: return true
        default: return false
        }
    }

    func endsWithScheme(_ b: [UInt8], _ colon: Int) -> Bool {
        for scheme in ["http", "https", "ftp"] {
            let s = Array(scheme.utf8)
            let start = colon - s.count
            if start >= 0, Array(b[start..<colon]).map(lowerASCII) == s, start == 0 || Autolinks.isBoundary(b[start - 1]) { return true }
        }
        return false
    }

    // MARK: - Code spans, links, images

    mutating func codeSpan(_ code: String, into out: inout [UInt8], inTable: Bool) {
        var text = code
        if text.contains("\n") {
            note(.warning, "markdown.code-newline", "a line break inside inline code was written as a space")
            text = text.replacingAll("\n", " ")
        }
        if text.isEmpty {
            note(.warning, "markdown.empty-code", "empty inline code cannot be written in Markdown; it was dropped")
            return
        }
        if out.last == ASCII.backtick {
            // right after another code span the backtick runs would merge: use the tag form
            out.append("<code>")
            escapeText(text, into: &out, inTable: inTable, previous: nil, next: nil)
            out.append("</code>")
            return
        }
        let bytes = Array(text.utf8)
        var longest = 0, run = 0
        for b in bytes {
            if b == ASCII.backtick { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = [UInt8](repeating: ASCII.backtick, count: longest + 1)
        let allSpaces = bytes.allSatisfy { $0 == ASCII.space }
        let pad = !allSpaces && (bytes.first == ASCII.backtick || bytes.last == ASCII.backtick
            || (bytes.first == ASCII.space && bytes.last == ASCII.space))
        out += fence
        if pad { out.append(ASCII.space) }
        for b in bytes {
            if inTable && b == ASCII.pipe { out.append(ASCII.backslash) }
            out.append(b)
        }
        if pad { out.append(ASCII.space) }
        out += fence
    }

    mutating func link(_ link: Link, into out: inout [UInt8], inTable: Bool, breaksAllowed: Bool) {
        guard !insideLink else {
            // Markdown links cannot contain links: the inner one keeps its text only
            note(.warning, "markdown.nested-link", "a link inside a link's text was written as its text")
            out += inlines(link.content, inTable: inTable, breaksAllowed: breaksAllowed)
            return
        }
        let url = InlineConventions.url(for: link.target, site: siteURL)
        if link.title == nil, link.content == [.text(url)], isAutolinkable(url) {
            out.append(ASCII.lt)
            out.append(contentsOf: url.utf8)
            out.append(ASCII.gt)
            return
        }
        if link.title == nil, url.hasPrefix("mailto:"), link.content == [.text(String(url.dropFirst(7)))],
           let email = Optional(Array(url.utf8.dropFirst(7))), Autolinks.scanAngleEmail([ASCII.lt] + email + [ASCII.gt], at: 0, end: email.count + 2) != nil {
            out.append(ASCII.lt)
            out += email
            out.append(ASCII.gt)
            return
        }
        out.append(ASCII.lbracket)
        // Markdown links cannot contain links: an inner one keeps its text only, written as one
        // run with the text around it (so a break ending it is a break before what follows)
        let content = Self.withoutNestedLinks(link.content)
        if content != link.content, Self.containsLink(link.content) {
            note(.warning, "markdown.nested-link", "a link inside a link's text was written as its text")
        }
        insideLink = true
        out += inlines(content, inTable: inTable, breaksAllowed: breaksAllowed)
        insideLink = false
        out.append(ASCII.rbracket)
        destination(url, title: link.title, into: &out, inTable: inTable)
    }

    func isAutolinkable(_ url: String) -> Bool {
        let bytes = Array(url.utf8)
        guard let found = Autolinks.scanAngle([ASCII.lt] + bytes + [ASCII.gt], at: 0, end: bytes.count + 2), !found.isEmail else { return false }
        return found.next == bytes.count + 2 && !url.contains("\\") && !url.contains("&")
    }

    mutating func destination(_ url: String, title: String?, into out: inout [UInt8], inTable: Bool) {
        out.append(ASCII.lparen)
        let bytes = Array(url.utf8)
        if bytes.contains(ASCII.newline) || bytes.contains(ASCII.cr) {
            note(.warning, "markdown.url-newline", "a line break inside a link destination was removed")
        }
        let needsAngle = bytes.isEmpty || bytes.contains { $0 <= 0x20 || $0 == 0x7F }
        if needsAngle { out.append(ASCII.lt) }
        for b in bytes where b != ASCII.newline && b != ASCII.cr {
            switch b {
            case ASCII.backslash, ASCII.lt, ASCII.gt, ASCII.lparen, ASCII.rparen, ASCII.amp:
                out.append(ASCII.backslash)
            case ASCII.pipe where inTable:
                out.append(ASCII.backslash)
            default:
                break
            }
            out.append(b)
        }
        if needsAngle { out.append(ASCII.gt) }
        if let title {
            out.append(" \"")
            for b in title.utf8 {
                switch b {
                case ASCII.backslash, ASCII.quote, ASCII.amp: out.append(ASCII.backslash)
                case ASCII.pipe where inTable: out.append(ASCII.backslash)
                default: break
                }
                out.append(b)
            }
            out.append(ASCII.quote)
        }
        out.append(ASCII.rparen)
    }

    mutating func image(_ image: Image, into out: inout [UInt8], inTable: Bool) {
        if image.width != nil || image.height != nil || !image.attributes.isEmpty {
            note(.warning, "markdown.image-attributes", "image size and presentation attributes cannot be written in Markdown and were dropped")
        }
        out.append("![")
        escapeText(image.alt, into: &out, inTable: inTable, previous: nil, next: nil)
        out.append(ASCII.rbracket)
        destination(InlineConventions.imageURL(image.source), title: image.title, into: &out, inTable: inTable)
    }
}
