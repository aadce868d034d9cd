// Access to the parts of a package being read, from a ZIP or a Flat OPC file.

import SpineCore

/// The parts of a package being read. ZIP entries are inflated lazily; Flat OPC parts are
/// already parsed. Relationship targets are resolved to part names here.
struct PartSource {
    private enum Storage {
        case zip(ZipReader)
        case flat(xml: [String: XElement], binary: [String: [UInt8]])
    }
    private var storage: Storage

    /// Caps for ZIP input: one part, and everything inflated (defends against zip bombs).
    static let partLimit = 512 << 20
    static let totalLimit = 1 << 30

    /// A .docx (ZIP) package.
    init(zip bytes: [UInt8]) throws(SpineError) {
        storage = .zip(try ZipReader(bytes, entryLimit: Self.partLimit, totalLimit: Self.totalLimit))
    }

    /// A Flat OPC package (`pkg:package`).
    init(flat bytes: [UInt8]) throws(SpineError) {
        let root = try XMLTree.parse(bytes[...], partName: "Flat OPC package")
        guard root.name == "package", root.namespace == XNS.pkg else {
            throw SpineError.malformed("flat-opc.not-a-package", "The XML is not a Flat OPC package (root is <\(root.name)>, expected pkg:package)",
                                       at: SourceLocation(line: root.line, path: "/" + root.name))
        }
        var xml: [String: XElement] = [:]
        var binary: [String: [UInt8]] = [:]
        for part in root.elements where part.name == "part" && part.namespace == XNS.pkg {
            guard var name = part.attribute("name", XNS.pkg) else { continue }
            if name.hasPrefix("/") { name.removeFirst() }
            name = name.lowercased()
            if let data = part.child("xmlData", XNS.pkg), let content = data.elements.first {
                xml[name] = content
            } else if let data = part.child("binaryData", XNS.pkg) {
                guard let decoded = Base64.decode(Array(data.textContent.utf8)[...]) else {
                    throw SpineError.malformed("flat-opc.base64", "Part /\(name) has invalid base64 data", at: SourceLocation(line: data.line, path: "/" + name))
                }
                binary[name] = decoded
            }
        }
        storage = .flat(xml: xml, binary: binary)
    }

    /// The parsed XML of part `name`, or nil when the package has no such part.
    mutating func xml(_ name: String) throws(SpineError) -> XElement? {
        switch storage {
        case .flat(let xml, _):
            return xml[Self.key(name)]
        case .zip(var zip):
            guard let entry = zip.entry(named: name) else { return nil }
            let bytes = try zip.data(of: entry)
            storage = .zip(zip)
            return try XMLTree.parse(bytes[...], partName: entry.name)
        }
    }

    /// The bytes of a binary part (an image), or nil.
    mutating func binary(_ name: String) throws(SpineError) -> [UInt8]? {
        switch storage {
        case .flat(_, let binary):
            return binary[Self.key(name)]
        case .zip(var zip):
            guard let entry = zip.entry(named: name) else { return nil }
            let bytes = try zip.data(of: entry)
            storage = .zip(zip)
            return bytes
        }
    }

    private static func key(_ name: String) -> String {
        name.hasPrefix("/") ? String(name.dropFirst()).lowercased() : name.lowercased()
    }

    /// The relationships of part `name` (from `<dir>/_rels/<file>.rels`), by id.
    mutating func relationships(of name: String) throws(SpineError) -> [String: Relationship] {
        let directory = Self.directory(of: name)
        let file = name.split(separator: "/").last.map(String.init) ?? name
        guard let root = try xml(directory + "_rels/" + file + ".rels") else { return [:] }
        var result: [String: Relationship] = [:]
        for element in root.elements where element.name == "Relationship" {
            guard let id = element.attribute("Id"), let type = element.attribute("Type"), let target = element.attribute("Target") else { continue }
            let external = element.attribute("TargetMode") == "External"
            result[id] = Relationship(id: id, type: type, target: external ? target : Self.resolve(target, from: directory), external: external)
        }
        return result
    }

    /// `word/` for `word/document.xml`, empty for a root part.
    static func directory(of name: String) -> String {
        guard let slash = name.lastIndex(of: "/") else { return "" }
        return String(name[...slash])
    }

    /// A relative target resolved against `directory` into a part name (`..` and `.` removed).
    static func resolve(_ target: String, from directory: String) -> String {
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : directory + target
        var segments: [Substring] = []
        for segment in path.split(separator: "/") {
            if segment == "." { continue }
            if segment == ".." { _ = segments.popLast(); continue }
            segments.append(segment)
        }
        return URLText.unescaped(Substring(segments.joined(separator: "/")), plusIsSpace: false)
    }
}
