// Turns a storage body (a fragment with undeclared prefixes and HTML entities) into a well-formed
// XML document for libxml2, and maps positions in that document back to the original input.

import SpineCore

/// A storage body prepared for the XML parser: wrapped in a synthetic root that declares the
/// `ac`, `ri` and `at` prefixes, with HTML named entities rewritten to numeric references in
/// one byte pass (outside CDATA and comments). libxml2 therefore never sees an entity it would
/// have to look up, and `<!DOCTYPE`/`<!ENTITY` in the input are refused before parsing.
struct StorageInput {
    /// The synthetic root's start tag, on the body's first line so line numbers stay exact.
    static let rootName = "spine-storage"
    static let openRoot = Array(("<" + rootName + " xmlns:ac=\"http://atlassian.com/content\""
        + " xmlns:ri=\"http://atlassian.com/resource/identifier\" xmlns:at=\"http://atlassian.com/template\">").utf8)
    static let closeRoot = Array(("</" + rootName + ">").utf8)

    /// The original input (without a removed byte-order mark).
    let original: [UInt8]
    /// What the parser reads.
    private(set) var prepared: [UInt8] = []
    /// Recoveries and notes from the byte pass.
    private(set) var diagnostics: [Diagnostic] = []
    /// Bytes removed from the front of the caller's input (a BOM).
    private let leadingTrim: Int

    /// One rewrite: prepared[preparedStart..<preparedEnd] stands for original[originalStart..<originalEnd].
    private struct Edit {
        var preparedStart: Int, preparedEnd: Int, originalStart: Int, originalEnd: Int
    }
    private var edits: [Edit] = []
    /// Built on the first location asked for (most reads never ask), shared by copies.
    private let lines = LineIndex()

    // MARK: - Preparing

    init(_ input: [UInt8]) throws(SpineError) {
        var bytes = input
        var trim = 0
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .malformed("storage.encoding", "the input is UTF-16; storage bodies are UTF-8", at: SourceLocation(line: 1, column: 1))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
            trim = 3
        }
        original = bytes
        leadingTrim = trim
        if trim > 0 {
            diagnostics.append(.info("storage.bom-removed", "removed a UTF-8 byte-order mark before the body", at: SourceLocation(line: 1, column: 1)))
        }
        try prepare()
    }

    private mutating func prepare() throws(SpineError) {
        prepared.reserveCapacity(original.count + StorageInput.openRoot.count + StorageInput.closeRoot.count + 64)
        prepared.append(contentsOf: StorageInput.openRoot)
        edits.append(Edit(preparedStart: 0, preparedEnd: prepared.count, originalStart: 0, originalEnd: 0))
        let count = original.count
        var copied = 0
        var index = skipXMLDeclaration()
        if index > 0 {
            diagnostics.append(.info("storage.xml-declaration", "ignored an XML declaration before the body", at: SourceLocation(line: 1, column: 1)))
            edits.append(Edit(preparedStart: prepared.count, preparedEnd: prepared.count, originalStart: 0, originalEnd: index))
            copied = index
        }
        while index < count {
            index = StorageInput.nextMarkupOrReference(in: original, from: index)
            guard index < count else { break }
            let byte = original[index]
            if byte == UInt8(ascii: "<") {
                index = try skipMarkup(at: index)
            } else if byte == UInt8(ascii: "&") {
                if let (length, replacement) = entityReplacement(at: index) {
                    prepared.append(contentsOf: original[copied..<index])
                    let start = prepared.count
                    prepared.append(contentsOf: replacement)
                    edits.append(Edit(preparedStart: start, preparedEnd: prepared.count, originalStart: index, originalEnd: index + length))
                    index += length
                    copied = index
                } else {
                    index += 1
                }
            } else {
                index += 1
            }
        }
        prepared.append(contentsOf: original[copied..<count])
        prepared.append(contentsOf: StorageInput.closeRoot)
    }

    /// The index of the next `<` or `&` from `start` (or the end): all other bytes are copied as they are.
    private static func nextMarkupOrReference(in bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var index = start
            while index < buffer.count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") { return index }
                index += 1
            }
            return buffer.count
        }
    }

    /// Skips `<?xml …?>` at the very start (a declaration inside the synthetic root would be an error).
    private func skipXMLDeclaration() -> Int {
        guard original.starts(with: Array("<?xml".utf8)), original.count > 5,
              [32, 9, 10, 13].contains(original[5]) else { return 0 }
        var index = 5
        while index + 1 < original.count {
            if original[index] == UInt8(ascii: "?") && original[index + 1] == UInt8(ascii: ">") { return index + 2 }
            index += 1
        }
        return 0
    }

    /// At `<`: skips CDATA sections and comments whole (entities there are text), refuses
    /// document type and entity declarations, and otherwise moves one byte on.
    private func skipMarkup(at index: Int) throws(SpineError) -> Int {
        guard index + 1 < original.count, original[index + 1] == UInt8(ascii: "!") else { return index + 1 }
        if matches("<![CDATA[", at: index) { return skip(past: "]]>", from: index + 9) }
        if matches("<!--", at: index) { return skip(past: "-->", from: index + 4) }
        if matchesIgnoringCase("<!DOCTYPE", at: index) || matchesIgnoringCase("<!ENTITY", at: index) {
            throw .malformed("storage.doctype", "document type and entity declarations are not allowed in a storage body",
                             at: location(ofOriginal: index))
        }
        return index + 1
    }

    private func matches(_ text: String, at index: Int) -> Bool {
        var position = index
        for byte in text.utf8 {
            guard position < original.count, original[position] == byte else { return false }
            position += 1
        }
        return true
    }

    private func matchesIgnoringCase(_ text: String, at index: Int) -> Bool {
        var position = index
        for byte in text.utf8 {
            guard position < original.count, original[position] | 0x20 == byte | 0x20 else { return false }
            position += 1
        }
        return true
    }

    /// The index after the next `terminator`, or the end of input (the parser reports the unclosed construct).
    private func skip(past terminator: String, from start: Int) -> Int {
        let pattern = Array(terminator.utf8)
        var index = start
        while index + pattern.count <= original.count {
            if original[index] == pattern[0] && original[index + 1] == pattern[1] && original[index + 2] == pattern[2] {
                return index + pattern.count
            }
            index += 1
        }
        return original.count
    }

    // MARK: - Entities

    /// For `&` at `index`: nil when the reference is one XML understands (`&#…;`, `&amp;` and the
    /// other predefined four); otherwise the length consumed and the replacement bytes — numeric
    /// references for HTML names, `&amp;` for a stray ampersand or an unknown name (kept as text,
    /// with a warning).
    private mutating func entityReplacement(at index: Int) -> (Int, [UInt8])? {
        var end = index + 1
        if end < original.count && original[end] == UInt8(ascii: "#") {
            end += 1
            while end < original.count && isAlphanumeric(original[end]) { end += 1 }
            if end < original.count && original[end] == UInt8(ascii: ";") && end > index + 2 { return nil }
            return stray(at: index)
        }
        while end < original.count && isAlphanumeric(original[end]) && end - index <= 40 { end += 1 }
        guard end < original.count, original[end] == UInt8(ascii: ";"), end > index + 1 else { return stray(at: index) }
        let name = String(decoding: original[(index + 1)..<end], as: UTF8.self)
        switch name {
        case "amp", "lt", "gt", "quot", "apos": return nil
        default: break
        }
        guard let codePoints = HTMLEntities.codePoints(of: name) else {
            diagnostics.append(.warning("storage.unknown-entity", "&\(name); is not an HTML entity; kept as text",
                                        at: location(ofOriginal: index)))
            return (1, Array("&amp;".utf8))
        }
        var replacement: [UInt8] = []
        for codePoint in codePoints {
            replacement.append(contentsOf: "&#x".utf8)
            replacement.append(contentsOf: String(codePoint, radix: 16, uppercase: true).utf8)
            replacement.append(UInt8(ascii: ";"))
        }
        return (end + 1 - index, replacement)
    }

    private mutating func stray(at index: Int) -> (Int, [UInt8]) {
        diagnostics.append(.warning("storage.stray-ampersand", "a bare '&' was read as the character '&' (write &amp;)",
                                    at: location(ofOriginal: index)))
        return (1, Array("&amp;".utf8))
    }

    private func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte | 0x20 >= 97 && byte | 0x20 <= 122)
    }

    // MARK: - Locations

    /// The offset in the original input that a prepared offset stands for.
    func originalOffset(ofPrepared offset: Int) -> Int {
        var low = 0
        var high = edits.count - 1
        while low < high {  // the last edit starting at or before `offset`
            let middle = (low + high + 1) / 2
            if edits[middle].preparedStart <= offset { low = middle } else { high = middle - 1 }
        }
        let edit = edits[low]
        if offset < edit.preparedEnd { return edit.originalStart }
        return min(original.count, edit.originalEnd + (offset - edit.preparedEnd))
    }

    /// Line and byte column (1-based) of an original offset, as the user's file numbers them.
    func location(ofOriginal offset: Int) -> SourceLocation {
        let starts = lines.starts(of: original)
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let column = offset - starts[low] + 1 + (low == 0 ? leadingTrim : 0)
        return SourceLocation(line: low + 1, column: column)
    }


    /// The original bytes of a prepared range (for raw nodes: the exact input text).
    func originalText(ofPrepared range: Range<Int>) -> String {
        let start = originalOffset(ofPrepared: range.lowerBound)
        let end = originalOffset(ofPrepared: range.upperBound)
        guard start <= end, end <= original.count else { return "" }
        return String(decoding: original[start..<end], as: UTF8.self)
    }
}

// MARK: - Line index

/// The offsets where lines start, computed once on first use.
private final class LineIndex {
    private var cached: [Int]?

    func starts(of bytes: [UInt8]) -> [Int] {
        if let cached { return cached }
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index] == 10 { starts.append(index + 1) }
        }
        cached = starts
        return starts
    }
}
