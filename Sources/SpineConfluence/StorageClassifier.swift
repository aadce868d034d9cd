// Which storage elements are blocks, and the canonical form used to compare storage bodies.

import SpineCore
import SpineXML

/// Block/inline classification shared by the reader, the checker and the canonicaliser.
enum StorageClassifier {
    static let blockElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr",
        "td", "th", "colgroup", "col", "pre", "hr", "blockquote", "div", "ac:task-list", "ac:task", "ac:task-body",
        "ac:layout", "ac:layout-section", "ac:layout-cell", "ac:rich-text-body", "ac:adf-extension", "spine-storage",
    ]
    /// Macros that sit inside text.
    static let inlineMacros: Set<String> = ["status", "anchor", "jira", "mention", "emoticon", "view-file", "multiexcerpt-include"]

    /// Structural children whose surrounding whitespace is never content (macro parameters,
    /// task fields, resource identifiers, ADF extension parts).
    static let structuralElements: Set<String> = [
        "ac:parameter", "ac:plain-text-body", "ac:task-id", "ac:task-uuid", "ac:task-status", "ac:caption",
        "ac:plain-text-link-body", "ri:page", "ri:attachment", "ri:user", "ri:space", "ri:url", "ri:blog-post",
        "ri:content-entity", "ri:shortcut", "ac:adf-node", "ac:adf-attribute", "ac:adf-content", "ac:adf-fallback",
    ]

    /// Blocks plus structural children: what the canonical form trims whitespace around.
    static func isCanonicalBlock(_ element: XMLElement) -> Bool {
        structuralElements.contains(element.name) || isBlock(element)
    }

    /// True when `element` is a block in a block container.
    static func isBlock(_ element: XMLElement) -> Bool {
        if blockElements.contains(element.name) { return true }
        if StorageMacro.isMacro(element) {
            let name = element.attribute("ac:name") ?? ""
            if name == "jira" {  // the single-issue form is inline, the query form a block
                return element.hasChildElement { $0.name == "ac:parameter" && $0.attribute("ac:name") == "jqlQuery" }
            }
            return !inlineMacros.contains(name)
        }
        return false
    }
}

/// The canonical form of storage bodies, used to state what "storage → AST → storage is
/// lossless" means: attribute order, `ac:parameter` order, entity spelling, CDATA splitting,
/// insignificant whitespace, Cloud `local-id` attributes and the spellings Confluence itself
/// normalises on save (`b`→`strong`, `i`→`em`, `del`/`strike`→`s`) do not count.
public enum StorageCanonicalizer {
    /// The canonical bytes of a storage body.
    public static func canonicalBytes(_ storage: [UInt8]) throws(SpineError) -> [UInt8] {
        let input = try StorageInput(storage)
        let parsed = try XMLTreeParser.parse(input.prepared)
        let canonicalizer = XMLCanonicalizer(preserveWhitespaceIn: ["pre", "ac:plain-text-body", "ac:plain-text-link-body", "code"],
                                             isBlock: { StorageClassifier.isCanonicalBlock($0) })
        return canonicalizer.canonicalBytes(normalise(parsed.document.root.children))
    }

    /// The canonical text of a storage body.
    public static func canonicalText(_ storage: String) throws(SpineError) -> String {
        String(decoding: try canonicalBytes(Array(storage.utf8)), as: UTF8.self)
    }

    private static let renamed = ["b": "strong", "i": "em", "del": "s", "strike": "s"]

    private static func normalise(_ nodes: [XMLNode]) -> [XMLNode] {
        nodes.indices.map { index in
            let node = nodes[index]
            if case .text(let text) = node, index > 0, nodes[index - 1].element?.name == "br" {
                // Space at the start of a line is not rendered (the reader drops it too).
                return .text(String(decoding: text.utf8.drop(while: { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }), as: UTF8.self))
            }
            guard case .element(var element) = node else { return node }
            if let name = renamed[element.name] { element.name = name }
            element.attributes.removeAll(where: StorageMapper.isLocalID)
            if element.name == "time", let date = element.attribute("datetime"), StorageMapper.isDateText(element, date) {
                element.children = []  // the reader reads `<time datetime="X">X</time>` as the date X
            }
            element.children = normalise(element.children)
            if StorageMacro.isMacro(element) {
                // Parameters first, sorted by name; then the body.
                let parameters = element.children.filter { $0.element?.name == "ac:parameter" }
                    .sorted { ($0.element?.attribute("ac:name") ?? "") < ($1.element?.attribute("ac:name") ?? "") }
                let others = element.children.filter { $0.element?.name != "ac:parameter" }
                element.children = parameters + others
            }
            return .element(element)
        }
    }
}
