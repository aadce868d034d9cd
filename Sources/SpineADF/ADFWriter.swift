// AST → ADF JSON: the public writer of the `adf` format.

import SpineCore

/// Writes Atlassian Document Format. The output validates against Atlassian's ADF JSON
/// schema and obeys the rules the schema cannot express (no empty text nodes, `code` only
/// with `link`, marks only where allowed, nesting limits). What ADF cannot hold gets the
/// closest rendering and a diagnostic.
///
/// Settings: `adf.compact` (`true` writes one line; default pretty, two-space indentation).
public struct ADFWriter: FormatWriter {
    public init() {}

    public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
        let result = self.document(for: document.blocks, options: options)
        let writer = options.flag("adf.compact", default: false) ? JSONWriter.compact : JSONWriter(indent: 2)
        var diagnostics = result.diagnostics
        // An ADF document is a body only: title, labels and the other metadata have no place in it.
        var metadata = document.metadata
        metadata.source = nil
        if metadata != Metadata() {
            diagnostics.append(Diagnostic(.info, code: "adf.metadata-dropped", "an ADF document holds only the body; the document's metadata (title, labels, …) was not written"))
        }
        return WriteResult(bytes: writer.write(result.value), diagnostics: diagnostics)
    }

    /// The ADF document (`{"version":1,"type":"doc","content":[…]}`) for `blocks`, with diagnostics.
    /// Used by the Jira writer for v3 descriptions.
    public func document(for blocks: [Block], options: ConversionOptions = ConversionOptions()) -> (value: JSONValue, diagnostics: [Diagnostic]) {
        var mapping = ASTToADF(siteURL: options.siteURL)
        var content: [JSONValue] = []
        mapping.write(blocks, in: .doc, into: &content)
        let doc: JSONValue = .object(JSONObject([
            JSONObject.Member("type", "doc"), JSONObject.Member("version", 1), JSONObject.Member("content", .array(content)),
        ]))
        return (doc, mapping.diagnostics)
    }
}

/// Where a block is being written: decides which ADF nodes the schema allows there.
enum ADFContext {
    case doc, layoutColumn, expand, nestedExpand, bodiedExtension, tableCell, panel, blockquote, listItem

    /// ADF block node kinds, for the allowed-content checks.
    enum Kind {
        case heading, table, panel, blockquote, rule, expand, nestedExpand, layoutSection, taskList, decisionList
        case mediaGroup, blockCard, embedCard, bodiedExtension
    }

    /// The kind of an ADF block node type, nil for types allowed everywhere or unknown.
    static func kind(of type: String) -> Kind? {
        switch type {
        case "heading": return .heading
        case "table": return .table
        case "panel": return .panel
        case "blockquote": return .blockquote
        case "rule": return .rule
        case "expand": return .expand
        case "nestedExpand": return .nestedExpand
        case "layoutSection": return .layoutSection
        case "taskList": return .taskList
        case "decisionList": return .decisionList
        case "mediaGroup": return .mediaGroup
        case "blockCard": return .blockCard
        case "embedCard": return .embedCard
        case "bodiedExtension": return .bodiedExtension
        default: return nil
        }
    }

    /// True when the schema allows `kind` directly inside this context. Paragraphs, bullet and
    /// ordered lists, code blocks, mediaSingle and extensions are allowed everywhere.
    func allows(_ kind: Kind) -> Bool {
        switch (self, kind) {
        case (.doc, .nestedExpand): return false
        case (.doc, _): return true
        case (.layoutColumn, .nestedExpand), (.layoutColumn, .layoutSection): return false
        case (.layoutColumn, _): return true
        case (.expand, .expand), (.expand, .layoutSection), (.expand, .bodiedExtension): return false
        case (.expand, _): return true
        case (.bodiedExtension, .expand), (.bodiedExtension, .nestedExpand), (.bodiedExtension, .layoutSection),
             (.bodiedExtension, .bodiedExtension): return false
        case (.bodiedExtension, _): return true
        case (.tableCell, .table), (.tableCell, .expand), (.tableCell, .layoutSection), (.tableCell, .bodiedExtension): return false
        case (.tableCell, _): return true
        case (.nestedExpand, .heading), (.nestedExpand, .rule), (.nestedExpand, .panel), (.nestedExpand, .blockquote),
             (.nestedExpand, .taskList), (.nestedExpand, .decisionList), (.nestedExpand, .mediaGroup): return true
        case (.nestedExpand, _): return false
        case (.panel, .heading), (.panel, .rule), (.panel, .taskList), (.panel, .decisionList), (.panel, .mediaGroup),
             (.panel, .blockCard): return true
        case (.panel, _): return false
        case (.blockquote, .mediaGroup): return true
        case (.blockquote, _): return false
        case (.listItem, .taskList): return true
        case (.listItem, _): return false
        }
    }
}

/// Builds ADF node objects with members in the conventional order: type, attrs, content, marks, text.
enum ADFBuild {
    static func node(_ type: String, attrs: JSONObject = JSONObject(), content: [JSONValue]? = nil,
                     marks: [JSONValue] = [], text: String? = nil, keepEmptyAttrs: Bool = false) -> JSONValue {
        var members: [JSONObject.Member] = [JSONObject.Member("type", .string(type))]
        members.reserveCapacity(4)
        if !attrs.isEmpty || keepEmptyAttrs { members.append(JSONObject.Member("attrs", .object(attrs))) }
        if let content { members.append(JSONObject.Member("content", .array(content))) }
        if let text { members.append(JSONObject.Member("text", .string(text))) }
        if !marks.isEmpty { members.append(JSONObject.Member("marks", .array(marks))) }
        return .object(JSONObject(members))
    }

    static func mark(_ type: String, attrs: JSONObject = JSONObject()) -> JSONValue {
        attrs.isEmpty ? .object(JSONObject([JSONObject.Member("type", .string(type))]))
            : .object(JSONObject([JSONObject.Member("type", .string(type)), JSONObject.Member("attrs", .object(attrs))]))
    }

    static func text(_ text: String, marks: [JSONValue] = []) -> JSONValue {
        node("text", marks: marks, text: text)
    }

    static let emptyParagraph = node("paragraph", content: [])

    /// `base` with `extra`'s members added where `base` has none of that name.
    static func merge(_ base: JSONObject, extra: JSONObject) -> JSONObject {
        var result = base
        for member in extra.members where result[member.key] == nil { result.append(member.key, member.value) }
        return result
    }

    /// A JSON number for a width or size given as text; nil when it is not a number.
    static func number(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        var trimmed = Substring(text)
        if trimmed.hasSuffix("px") { trimmed = trimmed.dropLast(2) }
        if trimmed.hasSuffix("%") { trimmed = trimmed.dropLast() }
        guard let value = Double(trimmed), value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int(value))) }
        return .number(String(value))
    }
}

/// ADF details kept on AST attributes (see `ADFAttribute`), parsed back for writing.
struct ADFExtras {
    /// The ADF node type a Division or Span stands for (`adf.node`).
    var node: String?
    var attrs = JSONObject()
    var marks: [JSONValue] = []
    var items: [JSONValue] = []

    init() {}

    init(_ attributes: [Attribute]) {
        for attribute in attributes {
            switch attribute.name {
            case ADFAttribute.node: node = attribute.value
            case ADFAttribute.attrs: attrs = ADFJSON.object(attribute.value)
            case ADFAttribute.marks: marks = ADFJSON.value(attribute.value)?.arrayValue ?? []
            case ADFAttribute.items: items = ADFJSON.value(attribute.value)?.arrayValue ?? []
            default: break
            }
        }
    }

    /// The extra attrs of child `index` (list item, table row, layout column).
    func item(_ index: Int) -> JSONObject {
        index < items.count ? (items[index].objectValue ?? JSONObject()) : JSONObject()
    }

    /// Attributes that are not Spine's `adf.*` ones (lost in ADF).
    static func foreign(_ attributes: [Attribute]) -> [Attribute] {
        attributes.filter { !$0.name.hasPrefix("adf.") }
    }
}
