// The `flat-opc` writer: a document as one XML file Word opens directly.

import SpineCore

/// Writes a Flat OPC package (`pkg:package`): the same parts as `DocxWriter`, XML parts
/// inline, binary parts base64-encoded. Takes the same `docx.*` settings.
public struct FlatOPCWriter: FormatWriter {
    public init() {}

    public func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
        let package = WordPackage.build(document, options: options)
        var xml = XMLBytes(capacity: package.parts.reduce(1024) { $0 + $1.bytes.count + 256 })
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<?mso-application progid=\"Word.Document\"?>\n")
        xml.raw("<pkg:package xmlns:pkg=\"\(OPC.flatPackageNS)\">")
        for part in package.parts {
            xml.raw("<pkg:part pkg:name=\"/")
            xml.attribute(part.name)
            xml.raw("\" pkg:contentType=\"")
            xml.attribute(part.contentType)
            if part.isXML {
                xml.raw(part.contentType == OPC.relationshipsContentType ? "\" pkg:padding=\"256\"><pkg:xmlData>" : "\"><pkg:xmlData>")
                xml.raw(bytes: Self.withoutDeclaration(part.bytes))
                xml.raw("</pkg:xmlData></pkg:part>")
            } else {
                xml.raw("\" pkg:compression=\"store\"><pkg:binaryData>")
                xml.raw(bytes: Base64.encode(part.bytes, lineLength: 76))
                xml.raw("</pkg:binaryData></pkg:part>")
            }
        }
        xml.raw("</pkg:package>\n")
        return WriteResult(bytes: xml.bytes, diagnostics: package.diagnostics)
    }

    /// The part without its `<?xml …?>` declaration and trailing newline (not allowed inside `pkg:xmlData`).
    static func withoutDeclaration(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var slice = bytes[...]
        if slice.starts(with: "<?xml".utf8), let end = slice.firstIndex(of: UInt8(ascii: ">")) {
            slice = slice[(end + 1)...]
        }
        while let first = slice.first, first == 0x0A || first == 0x0D { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x0A || last == 0x0D { slice = slice.dropLast() }
        return slice
    }
}

/// Base64 (RFC 4648) for binary Flat OPC parts.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes `bytes`, inserting a line feed every `lineLength` characters.
    static func encode(_ bytes: [UInt8], lineLength: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + bytes.count / 50 + 4)
        var column = 0
        var index = 0
        func emit(_ value: UInt8) {
            if column == lineLength {
                out.append(0x0A)
                column = 0
            }
            out.append(value)
            column += 1
        }
        while index + 2 < bytes.count {
            let value = Int(bytes[index]) << 16 | Int(bytes[index + 1]) << 8 | Int(bytes[index + 2])
            emit(alphabet[value >> 18 & 63]); emit(alphabet[value >> 12 & 63]); emit(alphabet[value >> 6 & 63]); emit(alphabet[value & 63])
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let value = Int(bytes[index]) << 16 | (rest == 2 ? Int(bytes[index + 1]) << 8 : 0)
            emit(alphabet[value >> 18 & 63]); emit(alphabet[value >> 12 & 63])
            emit(rest == 2 ? alphabet[value >> 6 & 63] : UInt8(ascii: "=")); emit(UInt8(ascii: "="))
        }
        return out
    }

    /// Decodes base64, ignoring whitespace; nil on other invalid characters.
    static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var buffer = 0
        var bits = 0
        for byte in text {
            let value: Int
            switch byte {
            case 0x41...0x5A: value = Int(byte) - 0x41
            case 0x61...0x7A: value = Int(byte) - 0x61 + 26
            case 0x30...0x39: value = Int(byte) - 0x30 + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="), 0x20, 0x09, 0x0A, 0x0D: continue
            default: return nil
            }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(buffer >> bits & 0xFF))
            }
        }
        return out
    }
}
