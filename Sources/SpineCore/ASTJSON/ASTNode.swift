// Typed access to JSON values with their paths, for decoders that report where input is wrong.

/// A JSON value together with its path in the document.
public struct ASTValue: Sendable {
    public var value: JSONValue
    public var path: String

    public init(value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    /// The value as an object, or a located error.
    public func object() throws(SpineError) -> ASTNode { try ASTNode(value, path) }

    /// The value as a string, or a located error.
    public func string() throws(SpineError) -> String {
        guard case .string(let text) = value else { throw error("expected a string, found \(value.kindName)") }
        return text
    }

    public func error(_ message: String) -> SpineError {
        SpineError.malformed("json.shape", message, at: SourceLocation(path: path))
    }
}

/// A JSON object together with its path; typed member access with located errors.
public struct ASTNode: Sendable {
    public let object: JSONObject
    public let path: String

    public init(_ value: JSONValue, _ path: String) throws(SpineError) {
        guard case .object(let object) = value else {
            throw SpineError.malformed("json.shape", "expected an object, found \(value.kindName)", at: SourceLocation(path: path))
        }
        self.object = object
        self.path = path
    }

    /// The member `key`, or nil when absent or null.
    public func optional(_ key: String) -> ASTValue? {
        guard let value = object[key], value != .null else { return nil }
        return ASTValue(value: value, path: JSONPath.appending(path, key))
    }

    public func string(_ key: String) throws(SpineError) -> String {
        guard let member = optional(key) else { throw error("missing member \"\(key)\"") }
        return try member.string()
    }

    public func string(optional key: String) throws(SpineError) -> String? {
        guard let member = optional(key) else { return nil }
        return try member.string()
    }

    public func int(_ key: String) throws(SpineError) -> Int {
        guard let value = try int(optional: key) else { throw error("missing member \"\(key)\"") }
        return value
    }

    public func int(optional key: String) throws(SpineError) -> Int? {
        guard let member = optional(key) else { return nil }
        guard case .number(let text) = member.value, let number = Int(text) else {
            throw member.error("expected an integer, found \(member.value.kindName)")
        }
        return number
    }

    public func bool(optional key: String) throws(SpineError) -> Bool? {
        guard let member = optional(key) else { return nil }
        guard case .bool(let flag) = member.value else { throw member.error("expected true or false, found \(member.value.kindName)") }
        return flag
    }

    /// The array member `key`; a located error when absent or not an array.
    public func array(_ key: String) throws(SpineError) -> [ASTValue] {
        guard optional(key) != nil else { throw error("missing member \"\(key)\"") }
        return try array(optional: key)
    }

    /// The array member `key`, empty when absent.
    public func array(optional key: String) throws(SpineError) -> [ASTValue] {
        guard let member = optional(key) else { return [] }
        guard case .array(let elements) = member.value else { throw member.error("expected an array, found \(member.value.kindName)") }
        return elements.enumerated().map { ASTValue(value: $0.element, path: JSONPath.appending(member.path, index: $0.offset)) }
    }

    /// The array-of-strings member `key`, empty when absent.
    public func strings(_ key: String) throws(SpineError) -> [String] {
        try array(optional: key).map { (element) throws(SpineError) in try element.string() }
    }

    public func error(_ message: String) -> SpineError {
        SpineError.malformed("json.shape", message, at: SourceLocation(path: path))
    }
}
