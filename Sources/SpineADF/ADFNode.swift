// The typed ADF model: a checked, zero-copy view of one ADF node or mark over parsed JSON.

import SpineCore

/// One ADF node (`doc`, `paragraph`, `text`, …) as a typed view over its JSON object.
/// Building a node checks the shape every node shares (an object with a string `type`,
/// `attrs` an object, `content` and `marks` arrays, `text` a string) and reports where it is wrong.
public struct ADFNode: Sendable {
    /// The node type (`paragraph`, `mediaSingle`, …).
    public let type: String
    /// The node's `attrs`, empty when absent.
    public let attrs: JSONObject
    /// The child nodes' JSON, empty when `content` is absent.
    public let contentValues: [JSONValue]
    /// True when the node has a `content` member (even an empty one).
    public let hasContent: Bool
    /// The node's marks, in source order.
    public let marks: [ADFMark]
    /// The text of a `text` node.
    public let text: String?
    /// The node exactly as read, for raw pass-through.
    public let json: JSONValue
    /// The path of the array holding the node (or the node's own path when `index` is nil);
    /// the full path is built only when asked for, which keeps reading fast.
    private let container: String
    private let index: Int?

    /// The node's JSON path (`$.content[2].content[0]`).
    public var path: String {
        guard let index else { return container }
        return JSONPath.appending(container, index: index)
    }

    /// Checks `value` as an ADF node at `path`.
    public init(_ value: JSONValue, path: String) throws(SpineError) {
        try self.init(value, container: path, index: nil)
    }

    /// Checks `value` as element `index` of the array at `container`.
    init(_ value: JSONValue, container: String, index: Int?) throws(SpineError) {
        self.container = container
        self.index = index
        let path = { index.map { JSONPath.appending(container, index: $0) } ?? container }
        guard case .object(let object) = value else {
            throw ADFNode.shapeError("an ADF node must be an object, found \(value.kindName)", path())
        }
        var type: String?
        var attrs = JSONObject()
        var content: [JSONValue] = []
        var hasContent = false
        var marks: [ADFMark] = []
        var text: String?
        for member in object.members {
            switch member.key {
            case "type":
                guard case .string(let name) = member.value else {
                    throw ADFNode.shapeError("\"type\" must be a string, found \(member.value.kindName)", JSONPath.appending(path(), "type"))
                }
                type = name
            case "attrs":
                switch member.value {
                case .object(let value): attrs = value
                case .null: break
                default: throw ADFNode.shapeError("\"attrs\" must be an object, found \(member.value.kindName)", JSONPath.appending(path(), "attrs"))
                }
            case "content":
                switch member.value {
                case .array(let values): content = values; hasContent = true
                case .null: break
                default: throw ADFNode.shapeError("\"content\" must be an array, found \(member.value.kindName)", JSONPath.appending(path(), "content"))
                }
            case "marks":
                switch member.value {
                case .array(let values):
                    marks.reserveCapacity(values.count)
                    for (index, mark) in values.enumerated() {
                        guard let checked = ADFMark(checking: mark) else {
                            _ = try ADFMark(mark, path: JSONPath.appending(JSONPath.appending(path(), "marks"), index: index))
                            continue
                        }
                        marks.append(checked)
                    }
                case .null: break
                default: throw ADFNode.shapeError("\"marks\" must be an array, found \(member.value.kindName)", JSONPath.appending(path(), "marks"))
                }
            case "text":
                guard case .string(let value) = member.value else {
                    throw ADFNode.shapeError("\"text\" must be a string, found \(member.value.kindName)", JSONPath.appending(path(), "text"))
                }
                text = value
            default:
                break
            }
        }
        guard let type else { throw ADFNode.shapeError("an ADF node needs a \"type\"", path()) }
        self.type = type
        self.attrs = attrs
        self.contentValues = content
        self.hasContent = hasContent
        self.marks = marks
        self.text = text
        self.json = value
    }

    /// The child nodes, each checked.
    public func children() throws(SpineError) -> [ADFNode] {
        var nodes: [ADFNode] = []
        nodes.reserveCapacity(contentValues.count)
        let contentPath = JSONPath.appending(path, "content")
        for (index, value) in contentValues.enumerated() {
            nodes.append(try ADFNode(value, container: contentPath, index: index))
        }
        return nodes
    }

    /// The string attribute `name`, nil when absent or not a string.
    public func string(_ name: String) -> String? { attrs[name]?.stringValue }

    /// The attribute `name` as number text, nil when absent or not a number.
    public func number(_ name: String) -> String? {
        if case .number(let text)? = attrs[name] { return text }
        return nil
    }

    /// The attributes other than `names`, in source order (what the AST cannot name).
    public func attrs(excluding names: Set<String>) -> JSONObject {
        if attrs.isEmpty { return attrs }
        return JSONObject(attrs.members.filter { !names.contains($0.key) })
    }

    /// The JSON path of attribute `name`.
    public func attrPath(_ name: String) -> String {
        JSONPath.appending(JSONPath.appending(path, "attrs"), name)
    }

    static func shapeError(_ message: String, _ path: String) -> SpineError {
        SpineError.malformed("adf.shape", message, at: SourceLocation(path: path))
    }
}

/// One ADF mark (`strong`, `link`, …) as a typed view over its JSON object.
public struct ADFMark: Sendable, Hashable {
    /// The mark type.
    public let type: String
    /// The mark's `attrs`, empty when absent.
    public let attrs: JSONObject
    /// The mark exactly as read.
    public let json: JSONValue

    /// Checks `value` as an ADF mark at `path`.
    public init(_ value: JSONValue, path: String) throws(SpineError) {
        guard case .object(let object) = value else {
            throw ADFNode.shapeError("an ADF mark must be an object, found \(value.kindName)", path)
        }
        guard case .string(let type)? = object["type"] else {
            throw ADFNode.shapeError("an ADF mark needs a string \"type\"", path)
        }
        self.type = type
        switch object["attrs"] {
        case .object(let attrs)?: self.attrs = attrs
        case nil, .null?: self.attrs = JSONObject()
        case let other?:
            throw ADFNode.shapeError("\"attrs\" must be an object, found \(other.kindName)", JSONPath.appending(path, "attrs"))
        }
        self.json = value
    }

    /// The mark when `value` has the shape of one, nil otherwise (the throwing init then says why).
    init?(checking value: JSONValue) {
        guard case .object(let object) = value, case .string(let type)? = object["type"] else { return nil }
        switch object["attrs"] {
        case .object(let attrs)?: self.attrs = attrs
        case nil, .null?: self.attrs = JSONObject()
        default: return nil
        }
        self.type = type
        self.json = value
    }

    /// The string attribute `name`.
    public func string(_ name: String) -> String? { attrs[name]?.stringValue }
}
