// Writes the sample document to a folder for manual inspection when SPINE_DOCX_OUT is set.

import Foundation
import SpineCore
import SpineTestSupport
import SpineWord
import XCTest

final class SampleOutputTests: XCTestCase {
    /// Writes `sample.docx` and `sample.xml` (Flat OPC); Scripts/check-docx.sh runs this.
    func testWriteSampleFiles() throws {
        let options = ConversionOptions(baseDirectory: Fixtures.root.appendingPathComponent("word").path,
                                        siteURL: "https://example.atlassian.net")
        let docx = try DocxWriter().write(SampleDocuments.carried, options: options)
        let flat = try FlatOPCWriter().write(SampleDocuments.carried, options: options)
        XCTAssertGreaterThan(docx.bytes.count, 1000)
        XCTAssertTrue(flat.bytes.starts(with: Array("<?xml".utf8)))
        guard let folder = ProcessInfo.processInfo.environment["SPINE_DOCX_OUT"] else { return }
        try Data(docx.bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent("sample.docx"))
        try Data(flat.bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent("sample.xml"))
    }
}
