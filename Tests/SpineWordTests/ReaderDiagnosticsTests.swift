// What the reader reports when a Word document holds more than the AST carries.

import Foundation
import SpineCore
import SpineTestSupport
import SpineWord
import XCTest

final class ReaderDiagnosticsTests: XCTestCase {
    func testWordFeaturesAreReportedWithLocations() throws {
        let url = Fixtures.root.appendingPathComponent("word/word-features.flat.xml")
        let result = try FlatOPCReader().read(Array(try Data(contentsOf: url)), options: ConversionOptions())
        let codes = Set(result.diagnostics.map(\.code))
        XCTAssertTrue(codes.contains("docx.tracked-changes"), "\(codes)")
        XCTAssertTrue(codes.contains("docx.text-box"), "\(codes)")
        for diagnostic in result.diagnostics {
            XCTAssertNotNil(diagnostic.location?.line, "\(diagnostic) has a line")
            XCTAssertEqual(diagnostic.location?.path, "word/document.xml")
        }
    }

    func testDocxReaderAcceptsFlatOPCAndFlatReaderAcceptsDocx() throws {
        let document = Document(blocks: [.paragraph([.text("either container")])])
        let docx = try DocxWriter().write(document, options: ConversionOptions()).bytes
        let flat = try FlatOPCWriter().write(document, options: ConversionOptions()).bytes
        XCTAssertEqual(try FlatOPCReader().read(docx, options: ConversionOptions()).document, document)
        XCTAssertEqual(try DocxReader().read(flat, options: ConversionOptions()).document, document)
    }

    func testRegistryDescriptors() {
        let names = WordFormats.descriptors.map(\.name)
        XCTAssertEqual(names, ["docx", "flat-opc"])
        XCTAssertEqual(WordFormats.descriptors.first?.extensions, [".docx"])
        XCTAssertEqual(WordFormats.descriptors.first?.isBinary, true)
        XCTAssertEqual(WordFormats.descriptors.last?.ambiguousExtensions, [".xml"])
    }
}
