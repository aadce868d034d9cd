// Parses UTF-8 bytes into an XMLDocument with libxml2's SAX2 interface, with safe options.

import CLibXML2
import SpineCore

// MARK: - Options

/// Limits and behaviour of `XMLTreeParser`. The defaults are safe for untrusted input.
public struct XMLParseOptions: Hashable, Sendable {
    /// Elements nested deeper than this stop the parse with an error.
    public var maxDepth: Int
    /// Inputs larger than this are refused before parsing.
    public var maxInputBytes: Int
    /// Continue after well-formedness errors (reported as warnings) instead of failing.
    public var recover: Bool

    public init(maxDepth: Int = 256, maxInputBytes: Int = 1 << 30, recover: Bool = false) {
        self.maxDepth = maxDepth
        self.maxInputBytes = maxInputBytes
        self.recover = recover
    }
}

/// A parsed document and the diagnostics (namespace problems, recovered errors) found on the way.
public struct XMLParseResult: Sendable {
    public var document: XMLDocument
    public var diagnostics: [Diagnostic]
}

// MARK: - Parser

/// Parses XML with libxml2 into an `XMLDocument`.
///
/// Safety: network access is off (`XML_PARSE_NONET`), no DTD is loaded, entities are never
/// substituted, and any `<!ENTITY` declaration stops the parse with `xml.entity-declaration`,
/// so neither external entities (XXE) nor expansion bombs can take effect. libxml2's own
/// size limits stay on (no `XML_PARSE_HUGE`); nesting is bounded by `maxDepth`.
///
/// Error codes: `xml.malformed` (with the libxml2 message), `xml.entity-declaration`,
/// `xml.too-deep`, `xml.too-large`; warning `xml.namespace` for undeclared prefixes (the
/// element keeps its prefixed name).
public enum XMLTreeParser {
    /// Parses `bytes`. `locate` turns a byte offset in `bytes` into the location reported to
    /// the user (callers that wrapped or rewrote their input map offsets back with it).
    public static func parse(_ bytes: [UInt8], options: XMLParseOptions = XMLParseOptions(),
                             locate: ((Int) -> SourceLocation)? = nil) throws(SpineError) -> XMLParseResult {
        if bytes.count > options.maxInputBytes {
            throw .malformed("xml.too-large", "input of \(bytes.count) bytes exceeds the limit of \(options.maxInputBytes) bytes",
                             at: SourceLocation(line: 1, column: 1))
        }
        if bytes.count > Int(Int32.max) {
            throw .malformed("xml.too-large", "input exceeds 2 GB", at: SourceLocation(line: 1, column: 1))
        }
        libxml2Initialized.touch()
        let outcome: Result<XMLParseResult, SpineError> = bytes.withUnsafeBufferPointer { buffer in
            let builder = UnsafeMutablePointer<XMLTreeBuilder>.allocate(capacity: 1)
            builder.initialize(to: XMLTreeBuilder(input: buffer, maxDepth: options.maxDepth, recover: options.recover))
            defer {
                builder.pointee.releaseOpenNodes()
                builder.deinitialize(count: 1)
                builder.deallocate()
            }
            builder.pointee.locate = locate
            return XMLTreeBuilder.run(builder)
        }
        return try outcome.get()
    }

    /// Parses UTF-8 text (convenience for tests and small documents).
    public static func parse(_ text: String, options: XMLParseOptions = XMLParseOptions()) throws(SpineError) -> XMLParseResult {
        try parse(Array(text.utf8), options: options)
    }
}

/// `xmlInitParser` must run once before the first parse; a static `let` gives that thread-safely.
private struct LibXML2Initialization: Sendable {
    init() { xmlInitParser() }
    func touch() {}
}
private let libxml2Initialized = LibXML2Initialization()

// MARK: - Running libxml2

extension XMLTreeBuilder {
    /// Creates the parser context, installs the SAX handler, parses and collects the result.
    /// The callbacks mutate `builder.pointee` while libxml2 runs, so no access to it spans the parse.
    static func run(_ builder: UnsafeMutablePointer<XMLTreeBuilder>) -> Result<XMLParseResult, SpineError> {
        let input = builder.pointee.input
        let count = Int32(input.count)
        let base = input.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
        let empty: [CChar] = [0]
        let context: xmlParserCtxtPtr? = empty.withUnsafeBufferPointer { emptyPointer in
            xmlCreateMemoryParserCtxt(base ?? emptyPointer.baseAddress, count)
        }
        guard let context else {
            return .failure(.malformed("xml.malformed", "libxml2 could not create a parser", at: SourceLocation(line: 1, column: 1)))
        }
        defer { xmlFreeParserCtxt(context) }
        let recover = builder.pointee.recover
        var flags = Int32(XML_PARSE_NONET.rawValue)
        if recover { flags |= Int32(XML_PARSE_RECOVER.rawValue) }
        xmlCtxtUseOptions(context, flags)
        context.pointee.sax.pointee = XMLTreeBuilder.saxHandler()
        context.pointee.linenumbers = 1
        context.pointee._private = UnsafeMutableRawPointer(builder)
        builder.pointee.context = context
        xmlParseDocument(context)
        builder.pointee.context = nil
        if let failure = builder.pointee.failure { return .failure(failure) }
        if context.pointee.wellFormed == 0 && !recover {
            return .failure(.malformed("xml.malformed", "the document is not well-formed", at: builder.pointee.location(ofOffset: 0)))
        }
        return builder.pointee.finish()
    }
}
