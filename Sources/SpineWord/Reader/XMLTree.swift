// Parses one package part with libxml2 into a small Swift element tree the mappers walk.

import CLibXML2
import SpineCore

/// An XML element: namespace URI, local name, attributes and children in document order.
final class XElement {
    let namespace: String
    let name: String
    /// (namespace URI, local name, value).
    var attributes: [(namespace: String, name: String, value: String)] = []
    var children: [XNode] = []
    /// 1-based source line, for diagnostics.
    let line: Int

    init(namespace: String, name: String, line: Int) {
        self.namespace = namespace
        self.name = name
        self.line = line
    }

    /// True for `w:<name>` (WordprocessingML main namespace).
    func isW(_ local: String) -> Bool { name == local && namespace == XNS.w }

    /// A `w:` attribute (or an unqualified one of the same name).
    func w(_ local: String) -> String? {
        attributes.first { $0.name == local && ($0.namespace == XNS.w || $0.namespace.isEmpty) }?.value
    }

    /// An attribute in `namespace` (empty: unqualified).
    func attribute(_ local: String, _ namespace: String = "") -> String? {
        attributes.first { $0.name == local && $0.namespace == namespace }?.value
    }

    /// Child elements.
    var elements: [XElement] {
        children.compactMap { if case .element(let element) = $0 { return element } else { return nil } }
    }

    /// The first child element `w:<local>`.
    func childW(_ local: String) -> XElement? {
        for case .element(let element) in children where element.isW(local) { return element }
        return nil
    }

    /// The first child element with `local` name in `namespace`.
    func child(_ local: String, _ namespace: String) -> XElement? {
        for case .element(let element) in children where element.name == local && element.namespace == namespace { return element }
        return nil
    }

    /// The first descendant (depth-first) with `local` name in `namespace`.
    func descendant(_ local: String, _ namespace: String) -> XElement? {
        var stack: [XElement] = [self]
        while let next = stack.popLast() {
            for case .element(let element) in next.children.reversed() {
                if element.name == local && element.namespace == namespace { return element }
            }
            for case .element(let element) in next.children.reversed() { stack.append(element) }
        }
        return nil
    }

    /// The concatenated text of all descendant text nodes.
    var textContent: String {
        var text = ""
        var stack: [XNode] = children.reversed()
        while let next = stack.popLast() {
            switch next {
            case .text(let value): text += value
            case .element(let element): stack.append(contentsOf: element.children.reversed())
            }
        }
        return text
    }
}

/// A child of an element.
enum XNode {
    case element(XElement)
    case text(String)
}

/// Namespace URIs the reader compares against (Strict OOXML URIs are mapped to these).
enum XNS {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    static let a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let pic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
    static let mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    static let m = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    static let v = "urn:schemas-microsoft-com:vml"
    static let pkg = "http://schemas.microsoft.com/office/2006/xmlPackage"

    /// Strict (ISO 29500) namespaces and their transitional equivalents.
    static let strict: [String: String] = [
        "http://purl.oclc.org/ooxml/wordprocessingml/main": w,
        "http://purl.oclc.org/ooxml/officeDocument/relationships": r,
        "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing": wp,
        "http://purl.oclc.org/ooxml/drawingml/main": a,
        "http://purl.oclc.org/ooxml/drawingml/picture": pic,
        "http://purl.oclc.org/ooxml/officeDocument/math": m,
    ]

    /// `mc:Choice Requires` prefixes whose markup the reader handles or can safely see through.
    static let understoodPrefixes: Set<String> = ["w14", "w15", "w16se", "w16cid", "wp14", "wps", "wpg", "a14"]
}

/// libxml2 parsing with network access, DTD loading and entity substitution off.
enum XMLTree {
    /// Parses `bytes` (the part called `partName`) into its root element.
    static func parse(_ bytes: ArraySlice<UInt8>, partName: String) throws(SpineError) -> XElement {
        guard let context = xmlNewParserCtxt() else {
            throw SpineError(.io, code: "docx.xml", "libxml2 could not allocate a parser")
        }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlCtxtReadMemory(context, $0, Int32(clamping: buffer.count), partName, "UTF-8", options)
                }
            }
        }
        guard let document, let root = xmlDocGetRootElement(document) else {
            let error = context.pointee.lastError
            let message = error.message.map { String(cString: $0).trimmingCharactersSpaces() } ?? "empty or unreadable XML"
            if let document { xmlFreeDoc(document) }
            throw SpineError.malformed("docx.xml", "\(partName) is not well-formed XML: \(message)",
                                       at: SourceLocation(line: error.line > 0 ? Int(error.line) : nil,
                                                          column: error.int2 > 0 ? Int(error.int2) : nil, path: partName))
        }
        defer { xmlFreeDoc(document) }
        return convert(root)
    }

    /// Copies a libxml2 element (recursion is bounded by libxml2's own 256-level depth limit).
    private static func convert(_ node: xmlNodePtr) -> XElement {
        let element = XElement(namespace: namespace(node.pointee.ns), name: string(node.pointee.name),
                               line: Int(xmlGetLineNo(node)))
        var attribute = node.pointee.properties
        while let current = attribute {
            var value = ""
            if let text = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                value = String(cString: text)
                spine_xmlFree(text)
            }
            element.attributes.append((namespace(current.pointee.ns), string(current.pointee.name), value))
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let converted = convert(current)
                if converted.name == "AlternateContent", converted.namespace == XNS.mc {
                    // Markup compatibility: the first Choice we understand, else the Fallback.
                    element.children.append(contentsOf: chooseAlternative(converted))
                } else {
                    element.children.append(.element(converted))
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { element.children.append(.text(String(cString: content))) }
            default:
                break   // comments, processing instructions, unexpanded entity references
            }
            child = current.pointee.next
        }
        return element
    }

    private static func chooseAlternative(_ alternate: XElement) -> [XNode] {
        for choice in alternate.elements where choice.name == "Choice" {
            let required = (choice.attribute("Requires") ?? "").split(separator: " ").map(String.init)
            if required.allSatisfy(XNS.understoodPrefixes.contains) { return choice.children }
        }
        return alternate.elements.first { $0.name == "Fallback" }?.children ?? []
    }

    private static func namespace(_ ns: xmlNsPtr?) -> String {
        guard let href = ns?.pointee.href else { return "" }
        let uri = String(cString: href)
        return XNS.strict[uri] ?? uri
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
