// Checks written inlines by reading them back: where emphasis delimiters would pair differently
// (delimiter-dense text), the sequence is rewritten with `<em>`/`<strong>`/`<del>` tags.

import SpineCore

extension MarkdownRenderer {
    /// Renders a paragraph's, heading's or cell's inlines. When they hold emphasis, strong
    /// emphasis or strikethrough, the output is parsed back; if the delimiters pair up
    /// differently, the delimiters are written as tags instead, which always read back.
    mutating func checkedInlines(_ content: [Inline], inTable: Bool = false, breaksAllowed: Bool = true) -> [UInt8] {
        let written = inlines(content, inTable: inTable, breaksAllowed: breaksAllowed)
        guard !delimitersAsTags, Self.hasDelimiters(content) else { return written }
        var expected: [UInt8] = []
        let checker = self
        Self.shape(content, breaks: breaksAllowed, footnotes: footnoteLabels,
                   rawHTML: { checker.shapeOfReading(MarkdownRenderer.escapedRawHTML($0)) }, into: &expected)
        guard shapeOfReading(written) != expected else { return written }
        delimitersAsTags = true
        let tagged = inlines(content, inTable: inTable, breaksAllowed: breaksAllowed)
        delimitersAsTags = false
        return shapeOfReading(tagged) == expected ? tagged : written
    }

    /// The shape of the inlines the reader makes of `written`.
    func shapeOfReading(_ written: [UInt8]) -> [UInt8] {
        var parser = InlineParser(fixLines(written), references: [:], footnotes: normalizedFootnoteLabels, extendedAutolinks: true)
        parser.parse()
        var builder = InlineBuilder(parser)
        var shape: [UInt8] = []
        Self.shape(builder.build(), breaks: true, into: &shape)
        return shape
    }

    static func hasDelimiters(_ inlines: [Inline]) -> Bool {
        inlines.contains { inline in
            switch inline {
            case .emphasis, .strong, .strikethrough: return true
            case .underline(let c), .superscript(let c), .subscript(let c): return hasDelimiters(c)
            case .link(let link): return hasDelimiters(link.content)
            case .span(let span): return hasDelimiters(span.content)
            default: return false
            }
        }
    }

    /// Text and nesting of inlines: text bytes, a marker per break and leaf, and bracketed
    /// markers around containers. Equal shapes mean the delimiters paired as intended. Without
    /// `breaks` (headings, cells), line breaks are the spaces the writer puts in their place.
    /// With `footnotes` (the defined labels, lowercased), a reference to an undefined footnote
    /// is the text `[^label]` it reads back as.
    /// `rawHTML` gives the shape inline HTML reads back as (its tags and the text between them).
    static func shape(_ inlines: [Inline], breaks: Bool, footnotes: Set<String>? = nil, rawHTML: ((String) -> [UInt8])? = nil,
                      into out: inout [UInt8]) {
        func wrap(_ kind: UInt8, _ content: [Inline], into out: inout [UInt8]) {
            out += [1, kind]
            shape(content, breaks: breaks, footnotes: footnotes, rawHTML: rawHTML, into: &out)
            out.append(2)
        }
        for (index, inline) in inlines.enumerated() {
            switch inline {
            case .text(let text): out += text.utf8
            // a soft break right after another break is not written (markdown.break-after-break)
            case .softBreak where breaks && followsBreak(inlines, index): continue
            case .softBreak, .lineBreak: out.append(breaks ? ASCII.newline : ASCII.space)
            case .emphasis(let c): wrap(0x65, c, into: &out)
            case .strong(let c): wrap(0x73, c, into: &out)
            case .strikethrough(let c): wrap(0x64, c, into: &out)
            case .underline(let c): wrap(0x75, c, into: &out)
            case .superscript(let c): wrap(0x5E, c, into: &out)
            case .subscript(let c): wrap(0x76, c, into: &out)
            case .link(let link): wrap(0x6C, withoutNestedLinks(link.content), into: &out)
            case .span(let span): wrap(0x6E, span.content, into: &out)
            case .footnoteReference(let label) where footnotes.map({ !$0.contains(label.lowercased()) }) ?? false:
                out += Array("[^\(label)]".utf8)
            case .raw(let raw) where raw.format == "html" && rawHTML != nil:
                out += rawHTML?(breaks ? raw.content : raw.content.replacingAll("\n", " ")) ?? []
            case .code, .image, .mention, .issue, .status, .date, .emoji, .anchor, .placeholder, .footnoteReference, .raw:
                out.append(3)
            }
        }
    }
}
