// The .docx container: ZIP structure (offsets, CRC-32, sizes), content types and well-formed parts.

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SpineCore
import SpineTestSupport
@testable import SpineWord
import XCTest

final class PackageTests: XCTestCase {
    struct Entry {
        var name: String
        var method: Int
        var flags: Int
        var crc: UInt32
        var compressed: Int
        var size: Int
        var offset: Int
    }

    /// An attribute by name (FoundationXML's `attribute(forName:)` misses attributes under a default namespace on Linux).
    private func attribute(_ element: XMLElement, _ name: String) -> XMLNode? {
        element.attributes?.first { $0.name == name }
    }

    private func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }

    /// An independent CRC-32 (bitwise, polynomial 0xEDB88320) so the test does not trust zlib's use.
    private func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// Parses the central directory by hand, checking it against every local header.
    private func entries(_ zip: [UInt8]) throws -> [Entry] {
        let end = zip.count - 22
        XCTAssertEqual(u32(zip, end), 0x0605_4b50, "end record at the very end (no comment)")
        let count = u16(zip, end + 10)
        let size = u32(zip, end + 12)
        let offset = u32(zip, end + 16)
        XCTAssertEqual(offset + size, end, "central directory ends where the end record starts")
        var result: [Entry] = []
        var position = offset
        for _ in 0..<count {
            XCTAssertEqual(u32(zip, position), 0x0201_4b50)
            let nameLength = u16(zip, position + 28)
            let entry = Entry(name: String(decoding: zip[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self),
                              method: u16(zip, position + 10), flags: u16(zip, position + 8), crc: UInt32(u32(zip, position + 16)),
                              compressed: u32(zip, position + 20), size: u32(zip, position + 24), offset: u32(zip, position + 42))
            position += 46 + nameLength + u16(zip, position + 30) + u16(zip, position + 32)
            // The local header repeats the same facts.
            let local = entry.offset
            XCTAssertEqual(u32(zip, local), 0x0403_4b50, entry.name)
            XCTAssertEqual(u16(zip, local + 6), entry.flags, entry.name)
            XCTAssertEqual(u16(zip, local + 6) & 0x0800, 0x0800, "UTF-8 name flag on \(entry.name)")
            XCTAssertEqual(u16(zip, local + 6) & 0x0008, 0, "no data descriptor in \(entry.name)")
            XCTAssertEqual(UInt32(u32(zip, local + 14)), entry.crc, entry.name)
            XCTAssertEqual(u32(zip, local + 18), entry.compressed, entry.name)
            XCTAssertEqual(u32(zip, local + 22), entry.size, entry.name)
            XCTAssertEqual(String(decoding: zip[(local + 30)..<(local + 30 + u16(zip, local + 26))], as: UTF8.self), entry.name)
            result.append(entry)
        }
        XCTAssertEqual(position, end)
        return result
    }

    private func data(_ zip: [UInt8], _ entry: Entry) -> ArraySlice<UInt8> {
        let start = entry.offset + 30 + u16(zip, entry.offset + 26) + u16(zip, entry.offset + 28)
        return zip[start..<(start + entry.compressed)]
    }

    private var options: ConversionOptions {
        ConversionOptions(baseDirectory: Fixtures.root.appendingPathComponent("word").path, siteURL: "https://example.atlassian.net")
    }

    func testStoredPackageHasConsistentOffsetsAndChecksums() throws {
        var stored = options
        stored[setting: "docx.compression"] = "store"
        let zip = try DocxWriter().write(SampleDocuments.carried, options: stored).bytes
        let list = try entries(zip)
        XCTAssertEqual(list.first?.name, "[Content_Types].xml")
        var expectedOffset = 0
        for entry in list {
            XCTAssertEqual(entry.offset, expectedOffset, "entries are contiguous: \(entry.name)")
            XCTAssertEqual(entry.method, 0)
            XCTAssertEqual(entry.compressed, entry.size)
            XCTAssertEqual(crc32(data(zip, entry)), entry.crc, "CRC-32 of \(entry.name)")
            expectedOffset = entry.offset + 30 + entry.name.utf8.count + entry.compressed
        }
        XCTAssertFalse(list.contains { $0.name.hasPrefix("/") }, "entry names have no leading slash")
    }

    func testDeflatedPackageInflatesToTheRecordedChecksums() throws {
        let zip = try DocxWriter().write(SampleDocuments.carried, options: options).bytes
        let list = try entries(zip)
        XCTAssertTrue(list.contains { $0.method == 8 }, "XML parts are deflated")
        var reader = try ZipReader(zip, entryLimit: 1 << 24, totalLimit: 1 << 26)
        for entry in list {
            let bytes = try reader.data(of: XCTUnwrap(reader.entry(named: entry.name)))
            XCTAssertEqual(bytes.count, entry.size, entry.name)
            XCTAssertEqual(crc32(bytes[...]), entry.crc, entry.name)
        }
    }

    func testEveryPartIsWellFormedXMLWithTheRightContentType() throws {
        var stored = options
        stored[setting: "docx.compression"] = "store"
        let zip = try DocxWriter().write(SampleDocuments.carried, options: stored).bytes
        let list = try entries(zip)
        var parts: [String: [UInt8]] = [:]
        for entry in list { parts[entry.name] = Array(data(zip, entry)) }
        let types = try XCTUnwrap(parts["[Content_Types].xml"])
        let document = try XMLDocument(data: Data(types))
        var defaults: [String: String] = [:]
        var overrides: [String: String] = [:]
        for node in document.rootElement()?.children ?? [] {
            guard let element = node as? XMLElement else { continue }
            let type = attribute(element, "ContentType")?.stringValue ?? ""
            if element.name == "Default", let ext = attribute(element, "Extension")?.stringValue { defaults[ext] = type }
            if element.name == "Override", let name = attribute(element, "PartName")?.stringValue { overrides[name] = type }
        }
        let expected = [
            "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
            "word/numbering.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
            "word/settings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
            "word/footnotes.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
            "_rels/.rels": "application/vnd.openxmlformats-package.relationships+xml",
            "word/_rels/document.xml.rels": "application/vnd.openxmlformats-package.relationships+xml",
            "word/media/image1.png": "image/png",
        ]
        for (name, bytes) in parts where name != "[Content_Types].xml" {
            let ext = String(name.split(separator: ".").last ?? "")
            let type = overrides["/" + name] ?? defaults[ext]
            XCTAssertNotNil(type, "\(name) has no content type")
            if let want = expected[name] { XCTAssertEqual(type, want, name) }
            if name.hasSuffix(".xml") || name.hasSuffix(".rels") {
                XCTAssertNoThrow(try XMLDocument(data: Data(bytes)), "\(name) is not well-formed XML")
            }
        }
        for name in expected.keys { XCTAssertNotNil(parts[name], "missing part \(name)") }
        // Every relationship target of the document exists (or is external).
        let rels = try XMLDocument(data: Data(XCTUnwrap(parts["word/_rels/document.xml.rels"])))
        for node in rels.rootElement()?.children ?? [] {
            guard let element = node as? XMLElement, attribute(element, "TargetMode")?.stringValue != "External",
                  let target = attribute(element, "Target")?.stringValue else { continue }
            XCTAssertNotNil(parts["word/" + target], "relationship target word/\(target) is missing")
        }
    }

    func testFlatOPCHasEveryPartButNoContentTypesPart() throws {
        let flat = try FlatOPCWriter().write(SampleDocuments.carried, options: options).bytes
        let document = try XMLDocument(data: Data(flat))
        let parts = (document.rootElement()?.children ?? []).compactMap { $0 as? XMLElement }
        let names = parts.compactMap { attribute($0, "pkg:name")?.stringValue }
        XCTAssertTrue(names.contains("/word/document.xml"))
        XCTAssertTrue(names.contains("/_rels/.rels"))
        XCTAssertTrue(names.contains("/word/media/image1.png"))
        XCTAssertFalse(names.contains("/[Content_Types].xml"))
        XCTAssertTrue(String(decoding: flat.prefix(120), as: UTF8.self).contains("<?mso-application progid=\"Word.Document\"?>"))
        for part in parts {
            XCTAssertNotNil(attribute(part, "pkg:contentType"), "every part has a content type")
        }
    }

    func testBase64RoundTrip() {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            XCTAssertEqual(Base64.decode(Base64.encode(bytes, lineLength: 76)[...]), bytes)
        }
        XCTAssertEqual(String(decoding: Base64.encode(Array("Man".utf8), lineLength: 76), as: UTF8.self), "TWFu")
        XCTAssertEqual(String(decoding: Base64.encode(Array("Ma".utf8), lineLength: 76), as: UTF8.self), "TWE=")
    }
}
