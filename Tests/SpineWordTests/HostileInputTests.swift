// Damaged, truncated, oversized and deeply nested input: located errors or diagnostics, never a crash.

import SpineCore
import SpineTestSupport
@testable import SpineWord
import XCTest

final class HostileInputTests: XCTestCase {
    private func sample() throws -> [UInt8] {
        try DocxWriter().write(SampleDocuments.carried, options: ConversionOptions()).bytes
    }

    private func error(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> SpineError? {
        do {
            _ = try DocxReader().read(bytes, options: ConversionOptions())
            return nil
        } catch {
            return error
        }
    }

    func testNotAZipIsALocatedError() {
        let failure = error(Array("hello, world".utf8))
        XCTAssertEqual(failure?.code, "docx.not-a-package")
        XCTAssertNotNil(failure?.location)
    }

    func testEveryTruncationFailsCleanly() throws {
        let bytes = try sample()
        var step = 1
        var length = 0
        while length < bytes.count {
            let failure = error(Array(bytes[0..<length]))
            XCTAssertNotNil(failure, "truncated to \(length) bytes should fail")
            XCTAssertNotNil(failure?.location, "error at \(length) bytes is located")
            length += step
            step = min(step * 2, 97)
        }
    }

    func testRandomCorruptionNeverCrashes() throws {
        let original = try sample()
        var seed: UInt64 = 0x5EED
        var failures = 0
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<4 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                let index = Int(seed >> 33) % bytes.count
                bytes[index] = UInt8(truncatingIfNeeded: seed >> 17)
            }
            do {
                _ = try DocxReader().read(bytes, options: ConversionOptions())
            } catch {
                failures += 1
                XCTAssertFalse(error.code.isEmpty)
            }
        }
        XCTAssertGreaterThan(failures, 0, "some corruptions must be detected (CRC, structure)")
    }

    func testCRCMismatchIsReported() throws {
        var bytes = try sample()
        // Flip a byte inside word/document.xml's deflated data.
        let entry = try XCTUnwrap(ZipReader(bytes, entryLimit: 1 << 24, totalLimit: 1 << 24).entry(named: "word/document.xml"))
        let dataStart = entry.localHeaderOffset + 30 + Int(bytes[entry.localHeaderOffset + 26]) + Int(bytes[entry.localHeaderOffset + 28])
        bytes[dataStart + entry.compressedSize / 2] ^= 0x10
        let failure = error(bytes)
        XCTAssertTrue(["docx.zip-crc", "docx.zip-corrupt"].contains(failure?.code ?? ""), "\(String(describing: failure))")
    }

    func testZipBombIsRefused() throws {
        var writer = ZipWriter()
        try writer.add(name: "word/document.xml", data: [UInt8](repeating: 0x20, count: 200_000), method: .deflate)
        let zip = writer.finish()
        XCTAssertLessThan(zip.count, 2_000, "the test entry compresses well")
        var reader = try ZipReader(zip, entryLimit: 10_000, totalLimit: 20_000)
        XCTAssertThrowsError(try reader.data(of: XCTUnwrap(reader.entry(named: "word/document.xml")))) { error in
            XCTAssertEqual((error as? SpineError)?.code, "docx.zip-too-large")
        }
    }

    func testMalformedDocumentXMLIsLocated() throws {
        var writer = ZipWriter()
        try writer.add(name: "word/document.xml", data: Array("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\n<w:body><w:p>\n</w:body></w:document>".utf8), method: .deflate)
        let failure = error(writer.finish())
        XCTAssertEqual(failure?.code, "docx.xml")
        XCTAssertNotNil(failure?.location?.line)
        XCTAssertEqual(failure?.location?.path, "word/document.xml")
    }

    func testMissingDocumentPartIsAnError() throws {
        var writer = ZipWriter()
        try writer.add(name: "hello.txt", data: Array("hi".utf8), method: .store)
        XCTAssertEqual(error(writer.finish())?.code, "docx.no-document")
    }

    func testDeeplyNestedTablesDoNotOverflow() throws {
        let depth = 300
        var xml = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        xml += String(repeating: "<w:tbl><w:tr><w:tc>", count: depth) + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>"
        xml += String(repeating: "</w:tc></w:tr></w:tbl>", count: depth) + "</w:body></w:document>"
        var writer = ZipWriter()
        try writer.add(name: "word/document.xml", data: Array(xml.utf8), method: .deflate)
        // libxml2 refuses documents nested this deep; either way the result is an error or a bounded read.
        do {
            let result = try DocxReader().read(writer.finish(), options: ConversionOptions())
            XCTAssertFalse(result.diagnostics.isEmpty)
        } catch {
            XCTAssertEqual(error.code, "docx.xml")
        }
    }

    func testDeeplyNestedASTIsWrittenWithADiagnostic() throws {
        var block = Block.paragraph([.text("core")])
        for _ in 0..<5_000 { block = .quote([block]) }
        var inline = Inline.text("x")
        for _ in 0..<5_000 { inline = .strong([inline]) }
        let result = try DocxWriter().write(Document(blocks: [block, .paragraph([inline])]), options: ConversionOptions())
        XCTAssertTrue(result.diagnostics.contains { $0.code == "docx.too-deep" })
        XCTAssertNoThrow(try DocxReader().read(result.bytes, options: ConversionOptions()))
    }

    func testFlatOPCThatIsNotAPackage() {
        XCTAssertThrowsError(try FlatOPCReader().read(Array("<html/>".utf8), options: ConversionOptions())) { error in
            XCTAssertEqual((error as? SpineError)?.code, "flat-opc.not-a-package")
        }
        XCTAssertThrowsError(try FlatOPCReader().read(Array("<unclosed".utf8), options: ConversionOptions())) { error in
            XCTAssertEqual((error as? SpineError)?.code, "docx.xml")
        }
    }
}
