// The Markdown reader: CommonMark 0.31.2 + GFM + front matter, from bytes to the AST.

import SpineCore

/// Reads CommonMark 0.31.2 with the GFM extensions (tables, task items, strikethrough,
/// extended autolinks, footnotes), GitHub alerts, front matter and Spine's conventions.
/// Any byte sequence is accepted; only malformed front matter is an error.
public struct MarkdownReader: FormatReader {
    public init() {}

    /// Reads `input`. Settings: `markdown.autolinks` (extended autolinks, default true),
    /// `markdown.front-matter` (default true). With `options.siteURL`, links to
    /// `<site>/browse/KEY` read as links to the Jira issue KEY.
    public func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
        var diagnostics: [Diagnostic] = []
        var bytes = MarkdownReader.sanitize(input, diagnostics: &diagnostics)
        var metadata = Metadata()
        var bodyStart = 0
        var firstLine = 1
        if options.flag("markdown.front-matter", default: true), let front = try FrontMatter.parse(bytes) {
            metadata = front.metadata
            bodyStart = front.bodyStart
            firstLine = front.bodyLine
        }
        if bodyStart > 0 { bytes.removeSubrange(0..<min(bodyStart, bytes.count)) }
        let parser = BlockParser(bytes, firstLine: firstLine)
        parser.parse(from: 0)
        var builder = DocumentBuilder(parser, extendedAutolinks: options.flag("markdown.autolinks", default: true))
        builder.siteURL = InlineConventions.site(options.siteURL)
        let blocks = builder.blocks(of: parser.document)
        diagnostics += parser.diagnostics + builder.diagnostics
        return ReadResult(document: Document(metadata: metadata, blocks: blocks), diagnostics: diagnostics)
    }

    /// Repairs invalid UTF-8 and NUL bytes (both become U+FFFD, with a warning) and drops a BOM.
    static func sanitize(_ input: [UInt8], diagnostics: inout [Diagnostic]) -> [UInt8] {
        var bytes = input
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes.removeFirst(3) }
        var valid = true
        var hasNul = false
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < buffer.count {
                let b = buffer[i]
                if b < 0x80 {
                    if b == 0 { hasNul = true }
                    i += 1
                    continue
                }
                let length = b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : (b >= 0xC2 ? 2 : 0))
                if length == 0 || i + length > buffer.count || b > 0xF4 { valid = false; return }
                for k in 1..<length where buffer[i + k] & 0xC0 != 0x80 { valid = false; return }
                let b1 = buffer[i + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F) {
                    valid = false
                    return
                }
                i += length
            }
        }
        if !valid {
            let firstBad = firstInvalidLine(bytes)
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
            diagnostics.append(.warning("markdown.invalid-utf8", "invalid UTF-8 replaced by U+FFFD",
                                        at: SourceLocation(line: firstBad)))
        }
        if !valid { hasNul = bytes.contains(0) }
        if hasNul {
            var repaired: [UInt8] = []
            repaired.reserveCapacity(bytes.count + 16)
            for b in bytes { if b == 0 { repaired += [0xEF, 0xBF, 0xBD] } else { repaired.append(b) } }
            bytes = repaired
        }
        return bytes
    }

    static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (i, b) in bytes.enumerated() where b == ASCII.newline {
            if String(validating: bytes[start..<i], as: UTF8.self) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }
}
