// AST → docx/Flat OPC → AST gives the same AST for everything Word carries.

import SpineCore
import SpineTestSupport
import SpineWord
import XCTest

final class RoundTripTests: XCTestCase {
    private var options: ConversionOptions {
        ConversionOptions(baseDirectory: Fixtures.root.appendingPathComponent("word").path, siteURL: "https://example.atlassian.net")
    }

    private func assertSameAST(_ expected: Document, _ actual: Document, file: StaticString = #filePath, line: UInt = #line) {
        let want = ASTFormat.dump(expected)
        let got = ASTFormat.dump(actual)
        guard want != got else { return }
        let wantLines = want.split(separator: "\n", omittingEmptySubsequences: false)
        let gotLines = got.split(separator: "\n", omittingEmptySubsequences: false)
        let first = (0..<min(wantLines.count, gotLines.count)).first { wantLines[$0] != gotLines[$0] } ?? min(wantLines.count, gotLines.count)
        let context = { (lines: [Substring]) in lines[max(0, first - 8)..<min(lines.count, first + 8)].joined(separator: "\n") }
        XCTFail("ASTs differ at line \(first + 1)\n--- expected\n\(context(wantLines))\n--- actual\n\(context(gotLines))", file: file, line: line)
    }

    func testDocxRoundTripKeepsEverythingWordCarries() throws {
        let written = try DocxWriter().write(SampleDocuments.carried, options: options)
        let read = try DocxReader().read(written.bytes, options: options)
        assertSameAST(SampleDocuments.carried, read.document)
        XCTAssertEqual(read.diagnostics.filter { $0.severity >= .warning }, [], "reading Spine's own output should be clean")
    }

    func testFlatOPCRoundTripKeepsEverythingWordCarries() throws {
        let written = try FlatOPCWriter().write(SampleDocuments.carried, options: options)
        let read = try FlatOPCReader().read(written.bytes, options: options)
        assertSameAST(SampleDocuments.carried, read.document)
    }

    func testWritingIsDeterministic() throws {
        let first = try DocxWriter().write(SampleDocuments.carried, options: options).bytes
        let second = try DocxWriter().write(SampleDocuments.carried, options: options).bytes
        XCTAssertEqual(first, second)
    }

    func testEveryLossyConstructIsReported() throws {
        for (name, block, code) in SampleDocuments.lossy {
            let result = try DocxWriter().write(Document(blocks: [block]), options: ConversionOptions(baseDirectory: options.baseDirectory))
            XCTAssertTrue(result.diagnostics.contains { $0.code == code }, "\(name): expected \(code), got \(result.diagnostics.map(\.code))")
            XCTAssertTrue(result.diagnostics.allSatisfy { $0.location != nil }, "\(name): diagnostics must be located")
        }
    }
}
