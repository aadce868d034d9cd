// Codable conformances: the AST encodes to, and decodes from, its stable JSON form.

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? container.decode(Int.self) {
            self = .number(String(integer))
        } else if let number = try? container.decode(Double.self) {
            self = .number(String(number))
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            let keyed = try decoder.container(keyedBy: AnyKey.self)
            var object = JSONObject()
            // Foundation's decoders do not promise member order; sort for a stable result.
            for key in keyed.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                object.append(key.stringValue, try keyed.decode(JSONValue.self, forKey: key))
            }
            self = .object(object)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .number(let text):
            var container = encoder.singleValueContainer()
            if let integer = Int(text) { try container.encode(integer) } else { try container.encode(Double(text) ?? 0) }
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case .object(let object):
            var container = encoder.container(keyedBy: AnyKey.self)
            for member in object { try container.encode(member.value, forKey: AnyKey(member.key)) }
        }
    }
}

/// A coding key for arbitrary member names.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Shared plumbing: encode through `ASTEncoder`, decode through `ASTDecoder`, with the
/// decoder's coding path as the JSON path in errors.
private func path(of decoder: any Decoder) -> String {
    decoder.codingPath.reduce("$") { path, key in
        key.intValue.map { JSONPath.appending(path, index: $0) } ?? JSONPath.appending(path, key.stringValue)
    }
}

extension Document: Codable {
    public init(from decoder: any Decoder) throws {
        self = try ASTDecoder.decodeDocument(try JSONValue(from: decoder))
    }
    public func encode(to encoder: any Encoder) throws { try ASTEncoder.encode(self).encode(to: encoder) }
}

extension Block: Codable {
    public init(from decoder: any Decoder) throws {
        self = try ASTDecoder.decodeBlock(ASTValue(value: try JSONValue(from: decoder), path: path(of: decoder)))
    }
    public func encode(to encoder: any Encoder) throws { try ASTEncoder.encode(self).encode(to: encoder) }
}

extension Inline: Codable {
    public init(from decoder: any Decoder) throws {
        self = try ASTDecoder.decodeInline(ASTValue(value: try JSONValue(from: decoder), path: path(of: decoder)))
    }
    public func encode(to encoder: any Encoder) throws { try ASTEncoder.encode(self).encode(to: encoder) }
}

extension Requirement: Codable {
    public init(from decoder: any Decoder) throws {
        self = try ASTDecoder.decodeRequirement(ASTValue(value: try JSONValue(from: decoder), path: path(of: decoder)))
    }
    public func encode(to encoder: any Encoder) throws { try ASTEncoder.encode(self).encode(to: encoder) }
}
