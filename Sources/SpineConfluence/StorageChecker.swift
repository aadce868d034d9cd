// The pre-flight check: judges storage XHTML the way Confluence will, beyond well-formedness.

import SpineCore
import SpineXML

/// Validates a storage body (or a page JSON envelope holding one) before it is uploaded:
/// well-formedness, macro names and parameters, nesting Confluence rejects or mangles,
/// attribute values, empty links, duplicate anchors and task ids, and constructs the Cloud
/// editor can only show as legacy content. Every finding carries the line and column in the
/// checked text. Errors mean Confluence would refuse or break the page.
///
/// Codes: `storage.malformed` (and the reader's byte-pass codes), `storage.check.nesting`,
/// `storage.check.parent`, `storage.check.unknown-macro`, `storage.check.parameter`,
/// `storage.check.missing-parameter`, `storage.check.value`, `storage.check.body`,
/// `storage.check.empty-link`, `storage.check.duplicate-anchor`, `storage.check.duplicate-task-id`,
/// `storage.check.duplicate-macro-id`, `storage.check.layout`, `storage.check.unsupported-html`,
/// `storage.check.unknown-element`, `storage.check.legacy-editor`.
public struct StorageChecker: Sendable {
    public init() {}

    /// Checks `bytes` and returns every finding, errors first in document order.
    public func check(_ bytes: [UInt8]) -> [Diagnostic] {
        var body = bytes
        if let first = bytes.first(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }), first == UInt8(ascii: "{") {
            do {
                guard let value = try JSONParser.parse(bytes)["body"]?["storage"]?["value"]?.stringValue else {
                    return [Diagnostic(.error, code: "storage.envelope", "the page JSON has no body.storage.value", at: SourceLocation(path: "$.body"))]
                }
                body = Array(value.utf8)
            } catch {
                return [Diagnostic(.error, code: error.code, error.message, at: error.location)]
            }
        }
        let input: StorageInput
        do {
            input = try StorageInput(body)
        } catch {
            return [Diagnostic(.error, code: error.code, error.message, at: error.location)]
        }
        let parsed: XMLParseResult
        do {
            parsed = try XMLTreeParser.parse(input.prepared, options: XMLParseOptions(maxDepth: 200),
                                             locate: { input.location(ofOriginal: input.originalOffset(ofPrepared: $0)) })
        } catch {
            return input.diagnostics + [Diagnostic(.error, code: error.code == "xml.malformed" ? "storage.malformed" : error.code,
                                                   "Confluence will reject this body: " + error.message, at: error.location)]
        }
        var walker = StorageCheckWalker(input: input)
        for diagnostic in parsed.diagnostics where diagnostic.code == "xml.namespace" {
            walker.findings.append(Diagnostic(.error, code: "storage.check.prefix",
                                              diagnostic.message + "; Confluence only knows the ac:, ri: and at: prefixes", at: diagnostic.location))
        }
        walker.walkTop(parsed.document.root)
        return input.diagnostics + walker.findings
    }
}

/// One pass over the element tree, collecting findings.
struct StorageCheckWalker {
    let input: StorageInput
    var findings: [Diagnostic] = []
    var anchors: [String: Int] = [:]
    var taskIDs: Set<String> = []
    var macroIDs: Set<String> = []

    init(input: StorageInput) {
        self.input = input
    }

    mutating func report(_ severity: Severity, _ code: String, _ message: String, _ element: XMLElement) {
        let location = element.sourceRange.map { input.location(ofOriginal: input.originalOffset(ofPrepared: $0.lowerBound)) }
            ?? SourceLocation(line: element.line)
        findings.append(Diagnostic(severity, code: code, message, at: location))
    }

    mutating func walkTop(_ root: XMLElement) {
        let top = root.childElements
        if top.contains(where: { $0.name == "ac:layout" }), top.contains(where: { $0.name != "ac:layout" }) {
            if let loose = top.first(where: { $0.name != "ac:layout" }) {
                report(.warning, "storage.check.layout", "content outside ac:layout next to a layout renders unreliably; put it inside a section", loose)
            }
        }
        for child in top { walk(child, ancestors: [root.name]) }
    }

    // MARK: - Elements

    static let paragraphLike: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6"]
    static let knownHTML: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "strong", "b", "em", "i", "u", "s", "del", "strike", "sub", "sup",
        "code", "small", "big", "span", "a", "blockquote", "pre", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr",
        "th", "td", "colgroup", "col", "time", "div", "ins", "cite", "q", "abbr", "kbd", "var", "samp", "mark", "img", "caption",
    ]
    static let rejectedHTML: Set<String> = ["script", "style", "iframe", "object", "embed", "form", "input", "button", "textarea", "select"]
    static let requiredParent: [String: Set<String>] = [
        "li": ["ul", "ol"], "tr": ["table", "thead", "tbody", "tfoot"], "td": ["tr"], "th": ["tr"],
        "thead": ["table"], "tbody": ["table"], "tfoot": ["table"], "colgroup": ["table"], "col": ["colgroup"],
        "ac:parameter": ["ac:structured-macro", "ac:macro"], "ac:rich-text-body": ["ac:structured-macro", "ac:macro"],
        "ac:plain-text-body": ["ac:structured-macro", "ac:macro"], "ac:plain-text-link-body": ["ac:link"], "ac:link-body": ["ac:link"],
        "ac:task": ["ac:task-list"], "ac:task-id": ["ac:task"], "ac:task-uuid": ["ac:task"], "ac:task-status": ["ac:task"],
        "ac:task-body": ["ac:task"], "ac:layout-section": ["ac:layout"], "ac:layout-cell": ["ac:layout-section"],
        "ac:caption": ["ac:image"],
    ]
    static let blockContainers: Set<String> = ["ac:rich-text-body", "td", "th", "li", "ac:layout-cell", "blockquote", "ac:task-body"]
    static let resourceParents: Set<String> = ["ac:link", "ac:image", "ac:parameter", "ri:attachment", "ri:shortcut"]

    mutating func walk(_ element: XMLElement, ancestors: [String]) {
        let parent = ancestors.last ?? ""
        let name = element.name
        if let allowed = StorageCheckWalker.requiredParent[name], !allowed.contains(parent) {
            report(.error, "storage.check.parent", "<\(name)> must be inside \(allowed.sorted().map { "<" + $0 + ">" }.joined(separator: " or ")), not <\(parent)>", element)
        }
        if name.hasPrefix("ri:"), !StorageCheckWalker.resourceParents.contains(parent) {
            report(.error, "storage.check.parent", "<\(name)> must be inside ac:link, ac:image or a macro parameter", element)
        }
        if name == "ac:layout" && ancestors.count > 1 {
            report(.error, "storage.check.parent", "ac:layout is only allowed at the top level of a page", element)
        }
        let paragraphIndex = ancestors.lastIndex(where: StorageCheckWalker.paragraphLike.contains) ?? -1
        let containerIndex = ancestors.lastIndex(where: StorageCheckWalker.blockContainers.contains) ?? -1
        let inParagraph = paragraphIndex > containerIndex
        if inParagraph, StorageClassifier.isBlock(element), !StorageMacro.isMacro(element), !StorageCheckWalker.requiredParent.keys.contains(name) || name == "li" {
            let container = ancestors.last(where: StorageCheckWalker.paragraphLike.contains) ?? "p"
            report(.error, "storage.check.nesting", "<\(name)> is a block and cannot be inside <\(container)>; Confluence rejects or splits it", element)
        }
        if StorageCheckWalker.rejectedHTML.contains(name) {
            report(.error, "storage.check.unsupported-html", "<\(name)> is not allowed in storage format; Confluence strips or escapes it", element)
        } else if !name.contains(":"), !StorageCheckWalker.knownHTML.contains(name) {
            report(.warning, "storage.check.unknown-element", "<\(name)> is not part of the storage format", element)
        }
        checkElement(element, ancestors: ancestors)
        let childAncestors = ancestors + [name]
        for child in element.childElements { walk(child, ancestors: childAncestors) }
    }
}
