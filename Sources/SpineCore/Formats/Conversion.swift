// The Reader and Writer protocols every format implements, and their options and results.

/// Options shared by every reader and writer. Format-specific settings live in `settings`
/// under a `format.name` key (for example `csv.delimiter`), read through typed accessors
/// that each format module adds in an extension.
public struct ConversionOptions: Hashable, Sendable {
    /// The input's name for messages (a path, or `-`).
    public var sourceName: String?
    /// The directory relative paths (images, linked files) are resolved against.
    public var baseDirectory: String?
    /// The Atlassian site (`https://example.atlassian.net`), used to make issue and page links absolute.
    public var siteURL: String?
    /// Format-specific settings, `format.key` → value.
    public var settings: [String: String]

    public init(sourceName: String? = nil, baseDirectory: String? = nil, siteURL: String? = nil,
                settings: [String: String] = [:]) {
        self.sourceName = sourceName
        self.baseDirectory = baseDirectory
        self.siteURL = siteURL
        self.settings = settings
    }

    /// A setting's value.
    public subscript(setting key: String) -> String? {
        get { settings[key] }
        set { settings[key] = newValue }
    }

    /// A boolean setting (`true`/`yes`/`1` or `false`/`no`/`0`), `default` when absent.
    public func flag(_ key: String, default value: Bool) -> Bool {
        switch settings[key]?.lowercased() {
        case "true", "yes", "1", "on": return true
        case "false", "no", "0", "off": return false
        default: return value
        }
    }
}

/// What a reader returns: the document and what it noticed.
public struct ReadResult: Sendable {
    public var document: Document
    public var diagnostics: [Diagnostic]
    public init(document: Document, diagnostics: [Diagnostic] = []) {
        self.document = document
        self.diagnostics = diagnostics
    }
}

/// What a writer returns: the bytes and what was lossy.
public struct WriteResult: Sendable {
    public var bytes: [UInt8]
    public var diagnostics: [Diagnostic]
    public init(bytes: [UInt8], diagnostics: [Diagnostic] = []) {
        self.bytes = bytes
        self.diagnostics = diagnostics
    }
}

/// Turns a format's bytes into a document. Readers never print and never crash on bad
/// input: they throw a located `SpineError` or recover with a diagnostic.
public protocol FormatReader: Sendable {
    func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult
}

/// Turns a document into a format's bytes. Anything the format cannot carry is rendered
/// as well as it can be and reported in a diagnostic, never dropped silently.
public protocol FormatWriter: Sendable {
    func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult
}
