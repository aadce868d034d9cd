// Diagnostics and errors: values returned by readers and writers, printed only by the CLI.

/// Where in an input something was found. Any combination of line/column (text formats)
/// and a path (JSON path such as `$.issues[3].fields.description`, or an element path such
/// as `/p[2]/ac:structured-macro[1]`) may be present.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int?
    /// 1-based column, counted in bytes.
    public var column: Int?
    /// A JSON path, element path, or CSV cell (`row 4, column "Summary"`).
    public var path: String?

    public init(line: Int? = nil, column: Int? = nil, path: String? = nil) {
        self.line = line
        self.column = column
        self.path = path
    }

    /// `12:5`, `12`, or empty; the path is appended after a space when present.
    public var description: String {
        var text = ""
        if let line {
            text += String(line)
            if let column { text += ":" + String(column) }
        }
        if let path {
            text += text.isEmpty ? path : " (" + path + ")"
        }
        return text
    }
}

/// How serious a diagnostic is.
public enum Severity: String, Hashable, Sendable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A finding about the input or about a lossy step, returned with the result.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    /// A stable code such as `storage.unknown-macro` or `markdown.raw-dropped`; tests match on it.
    public var code: String
    public var message: String
    public var location: SourceLocation?

    public init(_ severity: Severity, code: String, _ message: String, at location: SourceLocation? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    public static func warning(_ code: String, _ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.warning, code: code, message, at: location)
    }

    public static func info(_ code: String, _ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.info, code: code, message, at: location)
    }

    /// `file:line:col: warning: message [code]`, the form the CLI prints.
    public func formatted(file: String) -> String {
        var prefix = file
        if let location {
            if let line = location.line {
                prefix += ":" + String(line)
                if let column = location.column { prefix += ":" + String(column) }
            }
        }
        // One line per diagnostic, whatever a library put into the message (libxml2 adds
        // "\nBytes: …" lines): tools that read `file:line:col: severity:` rely on it.
        var text = prefix + ": " + severity.rawValue + ": " + Self.singleLine(message)
        if let path = location?.path { text += " at " + path }
        text += " [" + code + "]"
        return text
    }

    public var description: String { formatted(file: "<input>") }

    /// `text` with line breaks (and the spaces around them) turned into "; ".
    static func singleLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { line in line.drop(while: { $0 == " " || $0 == "\t" }) }
            .map { line in String(line.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed()) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }
}

/// Why a conversion failed. One error type for every layer; the message is complete
/// in itself and the location says where.
public struct SpineError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// The input is not valid in its format.
        case malformedInput
        /// The input is valid but cannot be converted (a writer's precondition failed).
        case unsupported
        /// A file or network operation failed.
        case io
        /// A command line or option is wrong.
        case usage
        /// `--strict` turned warnings into a failure.
        case strict
    }
    public var kind: Kind
    public var code: String
    public var message: String
    public var location: SourceLocation?

    public init(_ kind: Kind, code: String, _ message: String, at location: SourceLocation? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.location = location
    }

    /// A malformed-input error.
    public static func malformed(_ code: String, _ message: String, at location: SourceLocation? = nil) -> SpineError {
        SpineError(.malformedInput, code: code, message, at: location)
    }

    /// `file:line:col: error: message`.
    public func formatted(file: String) -> String {
        Diagnostic(.error, code: code, message, at: location).formatted(file: file)
    }

    public var description: String { formatted(file: "<input>") }
}
