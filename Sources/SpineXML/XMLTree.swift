// The element tree SpineXML parses into: value types with ordered attributes, text, CDATA and comments.

// MARK: - Nodes

/// One node of a parsed XML tree.
public enum XMLNode: Hashable, Sendable {
    /// An element with its attributes and children.
    case element(XMLElement)
    /// Character data (entity and character references already replaced).
    case text(String)
    /// The content of one `<![CDATA[…]]>` section, exactly as written.
    case cdata(String)
    /// The content of one `<!--…-->` comment.
    case comment(String)
    /// A processing instruction `<?target data?>`.
    case processingInstruction(target: String, data: String)

    /// The element, when this node is one.
    public var element: XMLElement? {
        if case .element(let element) = self { return element }
        return nil
    }
}

/// One attribute, named as written (`ac:name`, `xmlns:w`, `href`).
public struct XMLAttribute: Hashable, Sendable {
    /// The qualified name as written in the source: `prefix:local` or `local`.
    public var name: String
    /// The value with references replaced.
    public var value: String
    /// The namespace URI the prefix resolved to, when it resolved.
    public var namespaceURI: String?

    public init(_ name: String, _ value: String, namespaceURI: String? = nil) {
        self.name = name
        self.value = value
        self.namespaceURI = namespaceURI
    }
}

// MARK: - Elements

/// An element. Names keep their prefix as written (`ac:structured-macro`), so documents that use
/// prefixes without declaring them (Confluence storage) still round-trip.
public struct XMLElement: Hashable, Sendable {
    /// The qualified name as written: `prefix:local` or `local`.
    public var name: String
    /// The namespace URI the prefix resolved to, when it resolved.
    public var namespaceURI: String?
    /// Attributes in source order; namespace declarations (`xmlns`, `xmlns:p`) come first.
    public var attributes: [XMLAttribute]
    /// Child nodes in source order.
    public var children: [XMLNode]
    // Positions are stored as 32-bit values (the parser refuses inputs over 2 GB): this keeps
    // `XMLNode` small, and a parse moves and stores one per node.
    private var storedLine: Int32
    private var storedColumn: Int32
    private var rangeStart: Int32 = -1
    private var rangeEnd: Int32 = -1

    /// 1-based line of the start tag's `<` (0 when built in code).
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    /// 1-based byte column of the start tag's `<` (0 when built in code).
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }
    /// The element's bytes in the parsed input, from `<` to the end of its end tag, when known
    /// (nil for offsets beyond 2 GB, which no parsed input has).
    public var sourceRange: Range<Int>? {
        get { rangeStart < 0 ? nil : Int(rangeStart)..<Int(rangeEnd) }
        set {
            if let newValue, newValue.lowerBound >= 0, newValue.upperBound <= Int(Int32.max) {
                rangeStart = Int32(newValue.lowerBound)
                rangeEnd = Int32(newValue.upperBound)
            } else {
                rangeStart = -1
                rangeEnd = -1
            }
        }
    }

    public init(name: String, namespaceURI: String? = nil, attributes: [XMLAttribute] = [],
                children: [XMLNode] = [], line: Int = 0, column: Int = 0, sourceRange: Range<Int>? = nil) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.children = children
        self.storedLine = Int32(clamping: line)
        self.storedColumn = Int32(clamping: column)
        self.sourceRange = sourceRange
    }

    /// The prefix (`ac` in `ac:link`), or nil.
    public var prefix: String? {
        guard let colon = name.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        return String(name[..<colon])
    }

    /// The name without its prefix.
    public var localName: String {
        guard let colon = name.utf8.firstIndex(of: UInt8(ascii: ":")) else { return name }
        return String(name[name.utf8.index(after: colon)...])
    }

    /// The value of the attribute with qualified name `name`, or nil.
    public func attribute(_ name: String) -> String? {
        for attribute in attributes where attribute.name == name { return attribute.value }
        return nil
    }

    /// The child elements, in order.
    public var childElements: [XMLElement] {
        children.compactMap(\.element)
    }

    /// True when a child element satisfies `predicate` (without building `childElements`).
    public func hasChildElement(where predicate: (XMLElement) -> Bool) -> Bool {
        for case .element(let child) in children where predicate(child) { return true }
        return false
    }

    /// The first child element called `name`.
    public func firstChild(named name: String) -> XMLElement? {
        for case .element(let child) in children where child.name == name { return child }
        return nil
    }

    /// The concatenated text and CDATA of this element and its descendants.
    public var textContent: String {
        var text = ""
        appendText(to: &text)
        return text
    }

    private func appendText(to text: inout String) {
        for child in children {
            switch child {
            case .text(let value), .cdata(let value): text += value
            case .element(let element): element.appendText(to: &text)
            case .comment, .processingInstruction: break
            }
        }
    }
}

// MARK: - Documents

/// A parsed document: the root element plus whatever came before and after it.
public struct XMLDocument: Hashable, Sendable {
    /// Comments and processing instructions before the root element.
    public var prologue: [XMLNode]
    public var root: XMLElement
    /// Comments and processing instructions after the root element.
    public var epilogue: [XMLNode]

    public init(prologue: [XMLNode] = [], root: XMLElement, epilogue: [XMLNode] = []) {
        self.prologue = prologue
        self.root = root
        self.epilogue = epilogue
    }
}
