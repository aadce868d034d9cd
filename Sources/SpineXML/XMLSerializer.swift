// Writes XML trees as deterministic bytes, and canonicalises trees for comparisons.

import SpineCore

// MARK: - Serializer

/// Writes elements as UTF-8 XML: empty elements self-close, text and attribute values are
/// escaped (`&amp; &lt; &gt; &quot;`, control whitespace in attributes as character references),
/// non-ASCII is written as UTF-8, CDATA sections are kept with `]]>` split across sections.
/// The same tree always gives the same bytes.
public struct XMLSerializer: Sendable {
    /// Write attributes sorted by qualified name instead of in source order.
    public var sortAttributes: Bool

    public init(sortAttributes: Bool = false) {
        self.sortAttributes = sortAttributes
    }

    /// The bytes of `element` and its descendants.
    public func serialize(_ element: XMLElement) -> [UInt8] {
        var out: [UInt8] = []
        write(.element(element), to: &out)
        return out
    }

    /// The bytes of a sequence of nodes (a fragment).
    public func serialize(_ nodes: [XMLNode]) -> [UInt8] {
        var out: [UInt8] = []
        for node in nodes { write(node, to: &out) }
        return out
    }

    /// Appends `node` to `out`.
    public func write(_ node: XMLNode, to out: inout [UInt8]) {
        switch node {
        case .element(let element):
            out.append(UInt8(ascii: "<"))
            out.append(contentsOf: element.name.utf8)
            let attributes = sortAttributes ? element.attributes.sorted { $0.name < $1.name } : element.attributes
            for attribute in attributes {
                out.append(UInt8(ascii: " "))
                out.append(contentsOf: attribute.name.utf8)
                out.append(contentsOf: "=\"".utf8)
                XMLSerializer.appendEscapedAttributeValue(attribute.value, to: &out)
                out.append(UInt8(ascii: "\""))
            }
            if element.children.isEmpty {
                out.append(contentsOf: "/>".utf8)
                return
            }
            out.append(UInt8(ascii: ">"))
            for child in element.children { write(child, to: &out) }
            out.append(contentsOf: "</".utf8)
            out.append(contentsOf: element.name.utf8)
            out.append(UInt8(ascii: ">"))
        case .text(let text):
            XMLSerializer.appendEscapedText(text, to: &out)
        case .cdata(let text):
            XMLSerializer.appendCDATA(text, to: &out)
        case .comment(let text):
            out.append(contentsOf: "<!--".utf8)
            out.append(contentsOf: text.utf8)
            out.append(contentsOf: "-->".utf8)
        case .processingInstruction(let target, let data):
            out.append(contentsOf: "<?".utf8)
            out.append(contentsOf: target.utf8)
            if !data.isEmpty {
                out.append(UInt8(ascii: " "))
                out.append(contentsOf: data.utf8)
            }
            out.append(contentsOf: "?>".utf8)
        }
    }

    // MARK: - Escaping

    /// Appends character data with `&`, `<`, `>` and carriage returns escaped.
    public static func appendEscapedText(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case 13: out.append(contentsOf: "&#13;".utf8)
            default: out.append(byte)
            }
        }
    }

    /// Appends an attribute value for double quotes; tabs and line ends become character
    /// references so attribute-value normalisation does not change them on the next parse.
    public static func appendEscapedAttributeValue(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case 9: out.append(contentsOf: "&#9;".utf8)
            case 10: out.append(contentsOf: "&#10;".utf8)
            case 13: out.append(contentsOf: "&#13;".utf8)
            default: out.append(byte)
            }
        }
    }

    /// Appends `text` as CDATA. Each `]]>` inside is split as `]]]]><![CDATA[>`, so the
    /// concatenated sections read back as exactly `text`.
    public static func appendCDATA(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: "<![CDATA[".utf8)
        var pending = 0  // how many `]` were just written
        for byte in text.utf8 {
            if byte == UInt8(ascii: ">") && pending >= 2 {
                out.append(contentsOf: "]]><![CDATA[".utf8)
            }
            out.append(byte)
            pending = byte == UInt8(ascii: "]") ? pending + 1 : 0
        }
        out.append(contentsOf: "]]>".utf8)
    }
}

// MARK: - Canonical form

/// Normalises trees so that two documents that differ only in attribute order, entity
/// spelling, CDATA splitting or insignificant whitespace compare equal.
///
/// Whitespace rules (HTML-like, outside `preserveWhitespaceIn`): runs of whitespace become one
/// space; a whitespace-only text node next to a block element, or at the start or end of a
/// block element, is dropped; text at the start or end of a block element is trimmed.
public struct XMLCanonicalizer: Sendable {
    /// Elements whose whitespace is content (`pre`, CDATA-carrying bodies): kept untouched.
    public var preserveWhitespaceIn: Set<String>
    /// Which elements are blocks (whitespace around them does not matter). The document root is one.
    public var isBlock: @Sendable (XMLElement) -> Bool
    /// Write CDATA content as escaped text (so CDATA and text with the same content compare equal).
    public var cdataAsText: Bool
    /// Drop comments.
    public var dropComments: Bool

    public init(preserveWhitespaceIn: Set<String> = [], isBlock: @escaping @Sendable (XMLElement) -> Bool = { _ in true },
                cdataAsText: Bool = false, dropComments: Bool = false) {
        self.preserveWhitespaceIn = preserveWhitespaceIn
        self.isBlock = isBlock
        self.cdataAsText = cdataAsText
        self.dropComments = dropComments
    }

    /// The canonical bytes of a sequence of sibling nodes at the top level of a fragment.
    public func canonicalBytes(_ nodes: [XMLNode]) -> [UInt8] {
        XMLSerializer(sortAttributes: true).serialize(canonicalNodes(nodes, parentIsBlock: true, preserve: false))
    }

    /// The canonical form of the children of one parent.
    public func canonicalNodes(_ nodes: [XMLNode], parentIsBlock: Bool, preserve: Bool) -> [XMLNode] {
        var merged: [XMLNode] = []
        for node in nodes {
            switch node {
            case .element(var element):
                let keep = preserve || preserveWhitespaceIn.contains(element.name)
                element.children = canonicalNodes(element.children, parentIsBlock: isBlock(element), preserve: keep)
                element.attributes.sort { $0.name < $1.name }
                element.line = 0
                element.column = 0
                element.sourceRange = nil
                element.namespaceURI = nil
                for index in element.attributes.indices { element.attributes[index].namespaceURI = nil }
                merged.append(.element(element))
            case .text(let text):
                appendText(text, to: &merged)
            case .cdata(let text):
                if cdataAsText {
                    appendText(text, to: &merged)
                } else if case .cdata(let previous)? = merged.last {
                    merged[merged.count - 1] = .cdata(previous + text)
                } else {
                    merged.append(.cdata(text))
                }
            case .comment:
                if !dropComments { merged.append(node) }
            case .processingInstruction:
                merged.append(node)
            }
        }
        guard !preserve else { return merged }
        var result: [XMLNode] = []
        for (index, node) in merged.enumerated() {
            guard case .text(let raw) = node else { result.append(node); continue }
            var text = XMLCanonicalizer.collapseWhitespace(raw)
            let blockBefore = index == 0 ? parentIsBlock : isBlockNode(merged[index - 1])
            let blockAfter = index == merged.count - 1 ? parentIsBlock : isBlockNode(merged[index + 1])
            if blockBefore, text.utf8.first == 32 { text.removeFirst() }
            if blockAfter, text.utf8.last == 32 { text.removeLast() }
            if !text.isEmpty { result.append(.text(text)) }
        }
        return result
    }

    private func isBlockNode(_ node: XMLNode) -> Bool {
        if case .element(let element) = node { return isBlock(element) }
        return false
    }

    private func appendText(_ text: String, to result: inout [XMLNode]) {
        if case .text(let previous)? = result.last {
            result[result.count - 1] = .text(previous + text)
        } else {
            result.append(.text(text))
        }
    }

    /// True when `bytes` hold a tab, CR, LF or two spaces in a row. Almost every byte is above
    /// the space, so that is tested first: this scan runs over all text a reader maps.
    private static func hasWhitespaceToCollapse(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousSpace = false
        for index in bytes.indices {
            let byte = bytes[index]
            if byte > 32 {
                previousSpace = false
            } else if byte == 32 {
                if previousSpace { return true }
                previousSpace = true
            } else if byte == 9 || byte == 10 || byte == 13 {
                return true
            } else {
                previousSpace = false
            }
        }
        return false
    }

    /// Runs of XML whitespace (space, tab, CR, LF) become one space, as HTML renders them.
    /// Text with nothing to collapse is returned as it is, without copying.
    public static func collapseWhitespace(_ text: String) -> String {
        let needs = text.utf8.withContiguousStorageIfAvailable(hasWhitespaceToCollapse)
            ?? Array(text.utf8).withUnsafeBufferPointer(hasWhitespaceToCollapse)
        guard needs else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var inSpace = false
        for byte in text.utf8 {
            if byte == 32 || byte == 9 || byte == 10 || byte == 13 {
                if !inSpace { out.append(32) }
                inSpace = true
            } else {
                out.append(byte)
                inSpace = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
