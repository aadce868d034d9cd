// A typed view of one `ac:structured-macro` (or legacy `ac:macro`) element: name, parameters, body.

import SpineCore
import SpineXML

/// One macro as the storage format writes it. `isSimple` is false when the element holds
/// anything this view does not model (parameters with markup, two bodies, stray children);
/// such macros are kept raw so nothing is lost.
struct StorageMacro {
    enum Body {
        case none
        /// `ac:plain-text-body`: the concatenated CDATA/text.
        case plain(String)
        /// `ac:rich-text-body`: its child nodes.
        case rich([XMLNode])
    }

    /// `ac:name`.
    var name: String
    /// `ac:structured-macro` or `ac:macro`.
    var elementName: String
    /// The element's attributes other than `ac:name`, in order (`ac:schema-version`, `ac:macro-id`, `data-layout`).
    var elementAttributes: [XMLAttribute]
    /// Parameters in order; the unnamed default parameter has the name "".
    var parameters: [(name: String, value: String)]
    var body: Body
    var isSimple: Bool

    static func isMacro(_ element: XMLElement) -> Bool {
        element.name == "ac:structured-macro" || element.name == "ac:macro"
    }

    init(_ element: XMLElement) {
        name = element.attribute("ac:name") ?? ""
        elementName = element.name
        elementAttributes = element.attributes.filter { $0.name != "ac:name" }
        parameters = []
        body = .none
        isSimple = true
        for child in element.children {
            switch child {
            case .text(let text):
                if !StorageText.isWhitespace(text) { isSimple = false }
            case .element(let child) where child.name == "ac:parameter":
                if child.children.contains(where: { $0.element != nil || isComment($0) }) || child.attributes.count != 1 {
                    isSimple = false
                }
                parameters.append((child.attribute("ac:name") ?? "", child.textContent))
            case .element(let child) where child.name == "ac:plain-text-body":
                if case .none = body, child.attributes.isEmpty, !child.children.contains(where: { $0.element != nil }) {
                    body = .plain(child.textContent)
                } else {
                    isSimple = false
                }
            case .element(let child) where child.name == "ac:rich-text-body":
                if case .none = body, child.attributes.isEmpty { body = .rich(child.children) } else { isSimple = false }
            default:
                isSimple = false
            }
        }
    }

    private func isComment(_ node: XMLNode) -> Bool {
        if case .comment = node { return true }
        return false
    }

    /// The value of parameter `name`.
    func parameter(_ name: String) -> String? {
        parameters.first(where: { $0.name == name })?.value
    }

    /// Element attributes (prefixed `_`) and the parameters not in `named`, as AST attributes.
    func extraAttributes(excluding named: Set<String>) -> [Attribute] {
        var attributes: [Attribute] = []
        if elementName != "ac:structured-macro" { attributes.append(Attribute(StorageConvention.macroElement, elementName)) }
        for attribute in elementAttributes { attributes.append(Attribute(StorageConvention.elementAttribute + attribute.name, attribute.value)) }
        for parameter in parameters where !named.contains(parameter.name) {
            attributes.append(Attribute(parameter.name, parameter.value))
        }
        return attributes
    }
}

// MARK: - Conventions

/// Names of the pseudo-attributes Spine uses to carry storage details through the AST.
enum StorageConvention {
    /// Prefix of a macro's or `pre`'s own element attributes (`_ac:macro-id`), told apart from
    /// macro parameters (plain names). `_` keeps them valid HTML attribute names, so they survive
    /// on the `<span>` Markdown writes for inline nodes.
    static let elementAttribute = "_"
    /// On a Division/Span: the remaining attributes belong to the single child's own element.
    static let attributesOf = "storage.attributes-of"
    /// On a Division/Span: the container is this element (`div`, `small`, `ac:inline-comment-marker`).
    static let element = "storage.element"
    /// On a CodeBlock: the form it came from (`pre`, `noformat`); absent means the code macro.
    static let codeForm = "storage.form"
    /// On a macro node: `ac:macro` for legacy macros.
    static let macroElement = "storage.macro-element"
    /// On a Division: the macro it stands for (`details`).
    static let macro = "storage.macro"
    /// On a link wrapper: `rich`, `plain` or `none` when the body form differs from the default.
    static let linkBody = "storage.link-body"
    /// On a mention wrapper: the `ri:user` attribute that holds the id (`ri:userkey`, `ri:username`).
    static let userAttribute = "storage.user-attribute"
    /// On a table cell: paragraphs were written without `<p>`.
    static let bareCell = "storage.bare"
    /// On a table: the `colgroup` element, verbatim, when it is not plain widths.
    static let colgroup = "storage.colgroup"
    /// On a table: rows were direct children of `table` (no `tbody`).
    static let bareRows = "storage.bare-rows"
    /// On a task-list wrapper: space-separated `ac:task-id` / `ac:task-uuid` values in document order.
    static let taskIDs = "storage.task-ids"
    static let taskUUIDs = "storage.task-uuids"
    /// The `details` macro `id` that marks a requirement.
    static let requirementMarker = "spine-requirement"
}

// MARK: - Text helpers

enum StorageText {
    static func isWhitespace(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
    }

    /// Runs of XML whitespace become one space (HTML rendering rules).
    static func collapse(_ text: String) -> String { XMLCanonicalizer.collapseWhitespace(text) }
}
