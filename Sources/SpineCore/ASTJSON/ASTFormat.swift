// The `ast` format: Spine's own AST as JSON, readable and writable, for tests and tooling.

/// Registry entry, reader and writer for Spine's AST JSON.
public enum ASTFormat {
    public static let descriptor = FormatDescriptor(
        name: "ast", aliases: ["json-ast"], summary: "Spine's AST as JSON (stable, sorted keys)",
        extensions: [".ast.json"], ambiguousExtensions: [".json"], reader: Reader(), writer: Writer())

    /// Reads AST JSON; malformed JSON or a wrong shape is an error located by line/column or JSON path.
    public struct Reader: FormatReader {
        public init() {}
        public func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
            let value = try JSONParser.parse(input)
            return ReadResult(document: try ASTDecoder.decodeDocument(value))
        }
    }

    /// Writes AST JSON in the stable form: two-space indentation, sorted keys, trailing newline.
    public struct Writer: FormatWriter {
        public init() {}
        public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
            WriteResult(bytes: JSONWriter.stable.write(ASTEncoder.encode(document)))
        }
    }

    /// The stable JSON text of a document (what `spine convert … -t ast` prints).
    public static func dump(_ document: Document) -> String {
        String(decoding: JSONWriter.stable.write(ASTEncoder.encode(document)), as: UTF8.self)
    }

    /// The stable JSON text of a list of blocks, for compact test expectations.
    public static func dump(_ blocks: [Block]) -> String {
        String(decoding: JSONWriter.stable.write(.array(blocks.map(ASTEncoder.encode))), as: UTF8.self)
    }
}
