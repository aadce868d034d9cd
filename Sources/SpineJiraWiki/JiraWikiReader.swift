// Jira wiki markup → AST: the public entry point of the wiki reader.

import SpineCore

/// Reads Jira wiki markup (Jira Data Center / Server, the v2 REST API's rich-text fields,
/// Jira CSV descriptions). Never fails: markup that is not understood stays text or becomes
/// a raw `jira-wiki` node with a diagnostic.
public struct JiraWikiReader: FormatReader {
    public init() {}

    /// Reads a whole wiki-markup document.
    public func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
        let bytes = Self.normalize(input)
        let (blocks, diagnostics) = bytes.withUnsafeBufferPointer { buffer -> ([Block], [Diagnostic]) in
            var parser = WikiParser(text: buffer, path: options.sourceName)
            var position = 0
            let blocks = parser.parseBlocks(&position, end: buffer.count, open: []).blocks
            // Text is decoded with U+FFFD for bytes that are not UTF-8; say so once, where it starts.
            let encoding: [Diagnostic] = UTF8Validation.isValid(buffer) ? [] : [
                .warning("jira-wiki.invalid-utf8", "bytes that are not UTF-8 were replaced with U+FFFD",
                         at: SourceLocation(line: Self.firstInvalidLine(buffer))),
            ]
            return (blocks, encoding + parser.diagnostics)
        }
        return ReadResult(document: Document(blocks: blocks), diagnostics: diagnostics)
    }

    /// Reads a wiki-markup string (a description field) into blocks.
    public func blocks(from text: String, options: ConversionOptions = ConversionOptions()) -> ReadResult {
        (try? read(Array(text.utf8), options: options)) ?? ReadResult(document: Document())
    }

    /// The line of the first byte that does not start a valid UTF-8 sequence.
    static func firstInvalidLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.newline { line += 1 }
            let length = byte < 0x80 ? 1 : byte >= 0xC2 && byte < 0xE0 ? 2 : byte >= 0xE0 && byte < 0xF0 ? 3 : byte >= 0xF0 && byte < 0xF5 ? 4 : 0
            guard length > 0, index + length <= bytes.count,
                  UTF8Validation.isValid(UnsafeBufferPointer(rebasing: bytes[index..<(index + length)])) else { return line }
            index += length
        }
        return line
    }

    /// Drops a byte-order mark and turns CR LF and lone CR line ends into LF.
    static func normalize(_ input: [UInt8]) -> [UInt8] {
        var start = 0
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { start = 3 }
        guard input.contains(Byte.carriageReturn) else { return start == 0 ? input : Array(input[start...]) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = start
        while index < input.count {
            let byte = input[index]
            if byte == Byte.carriageReturn {
                output.append(Byte.newline)
                if index + 1 < input.count, input[index + 1] == Byte.newline { index += 1 }
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }
}
