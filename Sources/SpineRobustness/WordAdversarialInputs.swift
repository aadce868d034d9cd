// Worst-case shapes for the Word readers: raw WordprocessingML in a Flat OPC package or in a
// minimal stored .docx (so that the package size follows the content size).

extension AdversarialInputs {
    static let wordShapes: [Shape] = [
        Shape(format: "flat-opc", name: "many paragraphs") { flatOPC(repeated("<w:p><w:r><w:t>word</w:t></w:r></w:p>", size: body($0))) },
        Shape(format: "flat-opc", name: "formatting toggles") {
            flatOPC(repeated("<w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>b</w:t></w:r>",
                             size: body($0), prefix: "<w:p>", suffix: "</w:p>"))
        },
        Shape(format: "flat-opc", name: "deep tables") {
            // Tables nested 60 deep, side by side: libxml2 refuses documents deeper than 256 levels outright.
            flatOPC(repeated(String(repeating: "<w:tbl><w:tr><w:tc>", count: 60) + "<w:p/>"
                             + String(repeating: "<w:p/></w:tc></w:tr></w:tbl>", count: 60), size: body($0)))
        },
        Shape(format: "flat-opc", name: "huge table") {
            flatOPC(repeated("<w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>", size: body($0),
                             prefix: "<w:tbl>", suffix: "</w:tbl>"))
        },
        Shape(format: "flat-opc", name: "one long run") {
            flatOPC(repeated("ab ", size: body($0), prefix: "<w:p><w:r><w:t>", suffix: "</w:t></w:r></w:p>"))
        },
        Shape(format: "docx", name: "many paragraphs") { docx(repeated("<w:p><w:r><w:t>word</w:t></w:r></w:p>", size: body($0))) },
        Shape(format: "docx", name: "huge table") {
            docx(repeated("<w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>", size: body($0),
                          prefix: "<w:tbl>", suffix: "</w:tbl>"))
        },
    ]

    // MARK: - Packages

    private static let flatOPCHead = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">\
        <pkg:part pkg:name="/_rels/.rels" pkg:contentType="application/vnd.openxmlformats-package.relationships+xml"><pkg:xmlData>\
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        </Relationships></pkg:xmlData></pkg:part>\
        <pkg:part pkg:name="/word/document.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml">\
        <pkg:xmlData><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
        """
    private static let flatOPCTail = "</w:body></w:document></pkg:xmlData></pkg:part></pkg:package>\n"

    /// The body size that makes a Flat OPC package of about `size` bytes.
    private static func body(_ size: Int) -> Int { max(64, size - flatOPCHead.utf8.count - flatOPCTail.utf8.count) }

    private static func flatOPC(_ body: [UInt8]) -> [UInt8] { Array(flatOPCHead.utf8) + body + Array(flatOPCTail.utf8) }

    /// A .docx package (stored ZIP) holding just the relationships and the document part.
    private static func docx(_ body: [UInt8]) -> [UInt8] {
        let types = """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """
        let relationships = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """
        let document = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>".utf8)
            + body + Array("</w:body></w:document>".utf8)
        return StoredZip.archive([("[Content_Types].xml", Array(types.utf8)), ("_rels/.rels", Array(relationships.utf8)), ("word/document.xml", document)])
    }
}

/// The smallest ZIP writer: stored entries, no timestamps (enough for generated test packages).
enum StoredZip {
    static func archive(_ entries: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ value: Int, _ buffer: inout [UInt8]) { buffer += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
        func u32(_ value: UInt32, _ buffer: inout [UInt8]) { for shift in stride(from: 0, to: 32, by: 8) { buffer.append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = crc32(entry.bytes)
            let offset = UInt32(out.count)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(UInt32(entry.bytes.count), &out); u32(UInt32(entry.bytes.count), &out)
            u16(name.count, &out); u16(0, &out)
            out += name + entry.bytes
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0x21, &central)
            u32(crc, &central); u32(UInt32(entry.bytes.count), &central); u32(UInt32(entry.bytes.count), &central)
            u16(name.count, &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central); u32(0, &central); u32(offset, &central)
            central += name
        }
        let directoryOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(directoryOffset, &out); u16(0, &out)
        return out
    }

    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), bit by bit: inputs here are small.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
