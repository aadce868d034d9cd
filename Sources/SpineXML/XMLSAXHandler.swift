// The libxml2 SAX2 callbacks: C function pointers that forward to the XMLTreeBuilder.

import CLibXML2
import SpineCore

extension XMLTreeBuilder {
    // MARK: - Handler

    /// A SAX2 handler with only the callbacks Spine needs. Everything that could load or
    /// substitute external content (external subset, entity lookup, references) stays nil,
    /// and an entity declaration stops the parse.
    static func saxHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes in
            guard let builder = XMLTreeBuilder.from(context), let localName else { return }
            builder.pointee.handleStart(localName: localName, prefix: prefix, uri: uri,
                                namespaceCount: Int(namespaceCount), namespaces: namespaces,
                                attributeCount: Int(attributeCount) - Int(defaultedCount), attributes: attributes)
        }
        handler.endElementNs = { context, _, _, _ in
            XMLTreeBuilder.from(context)?.pointee.endElement()
        }
        handler.characters = { context, bytes, length in
            guard let bytes, length > 0 else { return }
            XMLTreeBuilder.from(context)?.pointee.appendText(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        handler.ignorableWhitespace = handler.characters
        handler.cdataBlock = { context, bytes, length in
            guard let builder = XMLTreeBuilder.from(context) else { return }
            builder.pointee.flushText()
            let text = bytes.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(length)), as: UTF8.self) } ?? ""
            builder.pointee.append(.cdata(text))
        }
        handler.comment = { context, value in
            guard let builder = XMLTreeBuilder.from(context) else { return }
            builder.pointee.flushText()
            builder.pointee.append(.comment(value.map { String(cString: $0) } ?? ""))
        }
        handler.processingInstruction = { context, target, data in
            guard let builder = XMLTreeBuilder.from(context) else { return }
            builder.pointee.flushText()
            builder.pointee.append(.processingInstruction(target: target.map { String(cString: $0) } ?? "",
                                                  data: data.map { String(cString: $0) } ?? ""))
        }
        handler.entityDecl = { context, name, _, _, _, _ in
            guard let builder = XMLTreeBuilder.from(context) else { return }
            let entity = name.map { String(cString: $0) } ?? "?"
            let line = builder.pointee.context.map { Int($0.pointee.input.pointee.line) }
            builder.pointee.stop(.malformed("xml.entity-declaration",
                                    "entity declarations are not allowed (<!ENTITY \(entity) …>); the document was refused unread",
                                    at: SourceLocation(line: line)))
        }
        handler.serror = { context, error in
            guard let builder = XMLTreeBuilder.from(context), let error else { return }
            builder.pointee.handleError(error.pointee)
        }
        return handler
    }

    // MARK: - Events

    mutating func handleStart(localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
                     namespaceCount: Int, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                     attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        var list: [XMLAttribute] = []
        if namespaceCount > 0 || attributeCount > 0 { list.reserveCapacity(namespaceCount + attributeCount) }
        if let namespaces {
            for index in 0..<namespaceCount {
                let declared = namespaces[2 * index]
                let name = declared.map { "xmlns:" + String(cString: $0) } ?? "xmlns"
                list.append(XMLAttribute(name, namespaceString(namespaces[2 * index + 1]) ?? ""))
            }
        }
        if let attributes {
            for index in 0..<max(0, attributeCount) {
                guard let local = attributes[5 * index] else { continue }
                let name = qualifiedName(local, attributes[5 * index + 1])
                var value = ""
                if let start = attributes[5 * index + 3], let end = attributes[5 * index + 4] {
                    value = XMLTreeBuilder.attributeValue(UnsafeBufferPointer(start: start, count: end - start))
                }
                list.append(XMLAttribute(name, value, namespaceURI: namespaceString(attributes[5 * index + 2])))
            }
        }
        startElement(name: qualifiedName(localName, prefix), namespaceURI: namespaceString(uri), attributes: list)
    }

    /// Without entity substitution libxml2 hands attribute values over with each `&` spelled
    /// `&#38;` (a literal `&` cannot occur otherwise, and no other entity can be declared), so
    /// that is the only reference left to decode.
    static func attributeValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        let reference = Array("&#38;".utf8)
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), index + 5 <= bytes.count, Array(bytes[index..<index + 5]) == reference {
                out.append(UInt8(ascii: "&"))
                index += 5
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func handleError(_ error: xmlError) {
        let raw = error.message.map { String(cString: $0) } ?? "XML error"
        let message = raw.hasSuffix("\n") ? String(raw.dropLast()) : raw
        let line = Int(error.line)
        let location: SourceLocation
        if line > 0 {
            location = self.location(ofOffset: offset(line: line, characterColumn: max(1, Int(error.int2))))
        } else {
            location = SourceLocation()
        }
        if error.domain == Int32(XML_FROM_NAMESPACE.rawValue) {
            diagnostics.append(.warning("xml.namespace", message, at: location))
        } else if error.level == XML_ERR_WARNING {
            diagnostics.append(.warning("xml.warning", message, at: location))
        } else if recover {
            diagnostics.append(.warning("xml.recovered", message + " (recovered)", at: location))
        } else if failure == nil {
            failure = .malformed("xml.malformed", message, at: location)
        }
    }
}
