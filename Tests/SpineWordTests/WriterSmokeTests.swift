// Writes sample packages (and real-world documents re-written by Spine) for Scripts/check-docx.sh.

import Foundation
import SpineCore
import SpineTestSupport
import SpineWord
import XCTest

final class SampleOutputTests: XCTestCase {
    /// Writes `sample.docx`, `sample-flat.xml` (Flat OPC) and `rewritten-<fixture>.docx` into `SPINE_DOCX_OUT` when set;
    /// always checks that each re-written fixture reads back to the AST it was written from.
    func testWriteSampleFiles() throws {
        let options = ConversionOptions(baseDirectory: Fixtures.root.appendingPathComponent("word").path,
                                        siteURL: "https://example.atlassian.net")
        var outputs: [(String, [UInt8])] = []
        let docx = try DocxWriter().write(SampleDocuments.carried, options: options)
        let flat = try FlatOPCWriter().write(SampleDocuments.carried, options: options)
        XCTAssertTrue(flat.bytes.starts(with: Array("<?xml".utf8)))
        outputs.append(("sample.docx", docx.bytes))
        outputs.append(("sample-flat.xml", flat.bytes))
        for fixture in Fixtures.cases(in: "word/real", inputSuffix: ".docx") {
            let read = try DocxReader().read(fixture.inputBytes(), options: ConversionOptions())
            let written = try DocxWriter().write(read.document, options: ConversionOptions())
            let again = try DocxReader().read(written.bytes, options: ConversionOptions())
            if written.diagnostics.contains(where: { $0.code == "docx.image-missing" }) {
                // Embedded pictures come back as attachments Spine cannot find on disk: reported, so not compared.
                XCTAssertTrue(ASTFormat.dump(read.document).contains("\"attachment\""), fixture.name)
            } else {
                XCTAssertEqual(ASTFormat.dump(again.document), ASTFormat.dump(read.document), "\(fixture.name) changes when Spine re-writes it")
            }
            outputs.append(("rewritten-\(fixture.name).docx", written.bytes))
        }
        guard let folder = ProcessInfo.processInfo.environment["SPINE_DOCX_OUT"] else { return }
        for (name, bytes) in outputs {
            try Data(bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
    }
}
