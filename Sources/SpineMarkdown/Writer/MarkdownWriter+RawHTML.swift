// Markdown writing of inline raw HTML: the text between tags escaped, and the `{=fmt}` span's
// neighbour rewritten so its backticks stay its own.

import SpineCore

extension MarkdownRenderer {
    /// Inline HTML with the text between its tags escaped: Markdown reads that text as
    /// Markdown, so `<kbd>`</kbd>` would open a code span with a later backtick. Tags,
    /// comments and entities are kept as they are (an entity means the same in both).
    static func escapedRawHTML(_ content: String) -> [UInt8] {
        let bytes = Array(content.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == ASCII.lt, i + 1 < bytes.count, isTagStart(bytes[i + 1]) {
                let end = tagEnd(bytes, from: i)
                out += bytes[i..<end]
                i = end
                continue
            }
            switch c {
            case ASCII.backslash, ASCII.backtick, ASCII.star, ASCII.underscore, ASCII.lbracket, ASCII.rbracket,
                 ASCII.tilde, ASCII.pipe, ASCII.lt:
                out.append(ASCII.backslash)
            default: break
            }
            out.append(c)
            i += 1
        }
        return out
    }

    private static func isTagStart(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == ASCII.slash || b == ASCII.bang || b == ASCII.question
    }

    /// The index after the tag, comment, CDATA section or processing instruction starting at
    /// `start`: quoted `>` do not end a tag.
    private static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int {
        for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>")] where bytes[start...].starts(with: open.utf8) {
            let closer = Array(close.utf8)
            var i = start + open.utf8.count
            while i + closer.count <= bytes.count, !bytes[i...].starts(with: closer) { i += 1 }
            return min(i + closer.count, bytes.count)
        }
        var quote: UInt8? = nil
        var i = start + 1
        while i < bytes.count {
            let b = bytes[i]
            if let q = quote {
                if b == q { quote = nil }
            } else if b == ASCII.quote || b == ASCII.apostrophe {
                quote = b
            } else if b == ASCII.gt {
                return i + 1
            }
            i += 1
        }
        return bytes.count
    }

    /// Before a `{=fmt}` code span, which must start with backticks of its own: rewrites the
    /// code span or escaped backtick just written in a form that does not end with one.
    mutating func endWithoutBacktick(_ list: [Inline], _ index: Int, into out: inout [UInt8], inTable: Bool) {
        guard index > 0 else { return }
        switch list[index - 1] {
        case .code(let code) where !code.contains("\n"):
            var span: [UInt8] = []
            codeSpan(code, into: &span, inTable: inTable)
            guard !span.isEmpty, out.count >= span.count, Array(out[(out.count - span.count)...]) == span else { return }
            out.removeLast(span.count)
            out.append("<code>")
            escapeText(code, into: &out, inTable: inTable, previous: nil, next: nil)
            out.append("</code>")
        case .text:
            guard out.count >= 2, out[out.count - 2] == ASCII.backslash else { return }
            out.removeLast(2)
            out.append("&#96;")
        default:
            return
        }
    }
}
