// Builds the XMLDocument from libxml2 SAX2 events, with interned names and byte ranges.

import CLibXML2
import SpineCore

// MARK: - Builder state

/// Receives SAX2 events for one parse. Lives only for the duration of `XMLTreeParser.parse`, in
/// memory that parse allocates: the callbacks reach it through libxml2's `_private` pointer and
/// mutate it in place (a struct behind a pointer needs no dynamic exclusivity checks, which on
/// a class's stored properties cost more than the tree building itself).
struct XMLTreeBuilder {
    let input: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    let recover: Bool
    var locate: ((Int) -> SourceLocation)?
    var context: xmlParserCtxtPtr?

    /// The open elements, outermost first; their children collect in `openChildren`, from
    /// `childStarts[i]` on for `stack[i]`, until the element closes.
    private var stack: [XMLElement] = []
    private var childStarts: [Int] = []
    private var openChildren = XMLNodeStack()
    private var pendingText: [UInt8] = []
    private var prologue: [XMLNode] = []
    private var epilogue: [XMLNode] = []
    private var root: XMLElement?
    var diagnostics: [Diagnostic] = []
    var failure: SpineError?

    /// Names and URIs come from libxml2's dictionary, so one pointer means one string.
    private struct NameKey: Hashable {
        var local: UnsafeRawPointer
        var prefix: UnsafeRawPointer?
    }
    private var names: [NameKey: String] = [:]
    /// A direct-mapped cache in front of `names`, indexed by the local name's pointer bits:
    /// a page uses a few dozen names, and hashing the key for every element shows in profiles.
    private var recentNames = [(key: NameKey, name: String)?](repeating: nil, count: 64)
    private var uris: [UnsafeRawPointer: String] = [:]
    private var lastURIPointer: UnsafeRawPointer?
    private var lastURI: String?

    /// Incremental line counting for element start offsets, which only grow.
    private var countedOffset = 0
    private var countedLine = 1
    private var countedLineStart = 0

    init(input: UnsafeBufferPointer<UInt8>, maxDepth: Int, recover: Bool) {
        self.input = input
        self.maxDepth = maxDepth
        self.recover = recover
        pendingText.reserveCapacity(256)
    }

    /// The builder of the parse that `context` (libxml2's parser context) belongs to.
    static func from(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<XMLTreeBuilder>? {
        guard let context else { return nil }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let opaque = parser.pointee._private else { return nil }
        return opaque.assumingMemoryBound(to: XMLTreeBuilder.self)
    }

    /// Frees the nodes of elements still open (a stopped parse); called once, after `finish`.
    mutating func releaseOpenNodes() {
        openChildren.release()
    }

    // MARK: - Offsets and locations

    /// The absolute byte offset of libxml2's read position in the input, when it maps 1:1.
    private var currentOffset: Int? {
        guard let input = context?.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base else { return nil }
        if let buffer = input.pointee.buf, buffer.pointee.encoder != nil { return nil }
        let offset = Int(input.pointee.consumed) + (cur - base)
        return offset >= 0 && offset <= self.input.count ? offset : nil
    }

    /// Line and byte column of `offset`, counting forward from the last counted offset.
    private mutating func lineAndColumn(ofStart offset: Int) -> (Int, Int) {
        if offset < countedOffset {
            countedOffset = 0; countedLine = 1; countedLineStart = 0
        }
        var index = countedOffset
        while index < offset {
            if input[index] == 10 { countedLine += 1; countedLineStart = index + 1 }
            index += 1
        }
        countedOffset = offset
        return (countedLine, offset - countedLineStart + 1)
    }

    /// The reported location of a byte offset.
    func location(ofOffset offset: Int) -> SourceLocation {
        if let locate { return locate(offset) }
        var line = 1
        var lineStart = 0
        var index = 0
        while index < offset && index < input.count {
            if input[index] == 10 { line += 1; lineStart = index + 1 }
            index += 1
        }
        return SourceLocation(line: line, column: offset - lineStart + 1)
    }

    /// The byte offset of libxml2's (line, character column) position.
    func offset(line: Int, characterColumn: Int) -> Int {
        var index = 0
        var currentLine = 1
        while currentLine < line && index < input.count {
            if input[index] == 10 { currentLine += 1 }
            index += 1
        }
        var characters = 1
        while characters < characterColumn && index < input.count && input[index] != 10 {
            index += 1
            while index < input.count && input[index] & 0xC0 == 0x80 { index += 1 }
            characters += 1
        }
        return index
    }

    // MARK: - Names

    mutating func qualifiedName(_ local: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?) -> String {
        let key = NameKey(local: UnsafeRawPointer(local), prefix: prefix.map(UnsafeRawPointer.init))
        let slot = Int(truncatingIfNeeded: UInt(bitPattern: local) >> 3) & (recentNames.count - 1)
        if let recent = recentNames[slot], recent.key == key { return recent.name }
        let name: String
        if let known = names[key] {
            name = known
        } else {
            var built = String(cString: local)
            if let prefix { built = String(cString: prefix) + ":" + built }
            names[key] = built
            name = built
        }
        recentNames[slot] = (key, name)
        return name
    }

    mutating func namespaceString(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        let key = UnsafeRawPointer(pointer)
        if key == lastURIPointer { return lastURI }  // consecutive elements mostly share one
        let uri: String
        if let known = uris[key] {
            uri = known
        } else {
            uri = String(cString: pointer)
            uris[key] = uri
        }
        lastURIPointer = key
        lastURI = uri
        return uri
    }

    // MARK: - Tree building

    mutating func flushText() {
        guard !pendingText.isEmpty else { return }
        append(.text(String(decoding: pendingText, as: UTF8.self)))
        pendingText.removeAll(keepingCapacity: true)
    }

    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        pendingText.append(contentsOf: bytes)
    }

    mutating func append(_ node: consuming XMLNode) {
        if stack.isEmpty {
            if root == nil { prologue.append(node) } else { epilogue.append(node) }
            return
        }
        openChildren.append(node)
    }

    mutating func startElement(name: String, namespaceURI: String?, attributes: [XMLAttribute]) {
        flushText()
        if stack.count >= maxDepth {
            stop(.malformed("xml.too-deep", "elements are nested deeper than \(maxDepth) levels",
                            at: currentOffset.map(location(ofOffset:))))
            return
        }
        var element = XMLElement(name: name, namespaceURI: namespaceURI, attributes: attributes)
        if let end = currentOffset {
            var start = end
            while start > 0 && input[start] != UInt8(ascii: "<") { start -= 1 }
            let (line, column) = lineAndColumn(ofStart: start)
            element.line = line
            element.column = column
            element.sourceRange = start..<start
        } else if let input = context?.pointee.input {
            element.line = Int(input.pointee.line)
            element.column = Int(input.pointee.col)
        }
        stack.append(element)
        childStarts.append(openChildren.count)
    }

    mutating func endElement() {
        flushText()
        guard var element = stack.popLast(), let start = childStarts.popLast() else { return }
        element.children = openChildren.take(from: start)
        if let range = element.sourceRange {
            if let end = currentOffset, end > range.lowerBound, input[end - 1] == UInt8(ascii: ">") {
                element.sourceRange = range.lowerBound..<end
            } else {
                element.sourceRange = nil
            }
        }
        if stack.isEmpty {
            if root == nil { root = element } else { epilogue.append(.element(element)) }
        } else {
            openChildren.append(.element(element))
        }
    }

    mutating func stop(_ error: SpineError) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    /// Closes elements left open (recovery mode) and assembles the document.
    mutating func finish() -> Result<XMLParseResult, SpineError> {
        flushText()
        while var element = stack.popLast(), let start = childStarts.popLast() {
            element.children = openChildren.take(from: start)
            element.sourceRange = nil
            if stack.isEmpty { root = root ?? element } else { openChildren.append(.element(element)) }
        }
        guard let root else {
            return .failure(.malformed("xml.malformed", "the document has no root element", at: SourceLocation(line: 1, column: 1)))
        }
        return .success(XMLParseResult(document: XMLDocument(prologue: prologue, root: root, epilogue: epilogue),
                                       diagnostics: diagnostics))
    }
}
