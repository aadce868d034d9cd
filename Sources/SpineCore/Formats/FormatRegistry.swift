// The format registry: names, aliases and file extensions mapped to readers and writers.

/// One format as the registry knows it.
public struct FormatDescriptor: Sendable {
    /// The canonical name used by `-f`/`-t` (`markdown`, `confluence`, …).
    public var name: String
    public var aliases: [String]
    /// One line for `spine formats`.
    public var summary: String
    /// File-name suffixes, with the dot, longest first where they overlap (`.adf.json`).
    public var extensions: [String]
    /// Suffixes that only identify this format when it is named explicitly (`.json`, `.xml`).
    public var ambiguousExtensions: [String]
    public var reader: (any FormatReader)?
    public var writer: (any FormatWriter)?
    /// Output is binary (never printed to a terminal as text).
    public var isBinary: Bool
    /// The format's documented lossiness as a function: maps any document to the document
    /// that writing it in this format and reading it back yields. Round-trip and property
    /// tests check `read(write(d)) == normalize(d)`; nil means "no loss" (the identity).
    public var normalize: (@Sendable (Document) -> Document)?

    public init(name: String, aliases: [String] = [], summary: String, extensions: [String] = [],
                ambiguousExtensions: [String] = [], reader: (any FormatReader)? = nil,
                writer: (any FormatWriter)? = nil, isBinary: Bool = false,
                normalize: (@Sendable (Document) -> Document)? = nil) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.extensions = extensions
        self.ambiguousExtensions = ambiguousExtensions
        self.reader = reader
        self.writer = writer
        self.isBinary = isBinary
        self.normalize = normalize
    }
}

/// All formats Spine knows. The CLI and the library look formats up here and never
/// switch on format names themselves.
public struct FormatRegistry: Sendable {
    public private(set) var formats: [FormatDescriptor]

    public init(_ formats: [FormatDescriptor] = []) {
        self.formats = []
        for format in formats { register(format) }
    }

    /// Adds a format, replacing one of the same name.
    public mutating func register(_ format: FormatDescriptor) {
        if let index = formats.firstIndex(where: { $0.name == format.name }) {
            formats[index] = format
        } else {
            formats.append(format)
        }
    }

    /// The format called `name` or one of its aliases (case-insensitive).
    public func format(named name: String) -> FormatDescriptor? {
        let wanted = name.lowercased()
        return formats.first { $0.name == wanted || $0.aliases.contains(wanted) }
    }

    /// The format a path's suffix identifies unambiguously, preferring the longest matching
    /// suffix (`x.adf.json` is ADF, `x.storage.xml` Confluence). `forWriting` restricts the
    /// answer to formats with a writer, otherwise to formats with a reader.
    public func format(forPath path: String, forWriting: Bool) -> FormatDescriptor? {
        let lower = path.lowercased()
        var best: (length: Int, format: FormatDescriptor)?
        for format in formats where (forWriting ? format.writer != nil : format.reader != nil) {
            for suffix in format.extensions where lower.hasSuffix(suffix) {
                if best == nil || suffix.count > best!.length { best = (suffix.count, format) }
            }
        }
        return best?.format
    }

    /// The names of formats that accept `path`'s suffix only when named (for the error message).
    public func candidates(forAmbiguousPath path: String) -> [String] {
        let lower = path.lowercased()
        return formats.filter { format in format.ambiguousExtensions.contains { lower.hasSuffix($0) } }.map(\.name)
    }
}
