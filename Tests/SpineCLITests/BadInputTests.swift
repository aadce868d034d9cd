// The CLI on bad input, for every reader: empty files, binary garbage, truncated files, the
// wrong -f, a 0-byte .docx. Each run ends with exit 0 (the format accepts anything) or with
// exactly one located error line and exit 1 — never a crash, a usage error or a partial file.

import Foundation
import Spine
import SpineCLI
import SpineCore
import SpineRobustness
import SpineTestSupport
import XCTest

final class BadInputTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws { directory = try makeTemporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// One realistic input per reader, cut in half for the truncation cases.
    static let samples: [String: String] = [
        "markdown": "markdown/golden/prd-checkout.md", "confluence": "confluence/anchors-and-links.xhtml",
        "adf": "adf/every-node.adf.json", "jira": "jira/epic-v2.jira.json", "jira-wiki": "jira-wiki/realistic",
        "jira-csv": "csv/cloud-export.csv", "docx": "word/real/pandoc-prd.docx", "flat-opc": "word/word-features.flat.xml",
        "ast": "word/word-features.ast.json",
    ]

    /// Formats that accept any bytes (every byte sequence is a document in them).
    static let acceptsAnything: Set = ["markdown", "jira-wiki"]

    private struct Outcome {
        var code: ExitCode
        var errors: [String]
    }

    /// Converts `bytes` (saved as `name`) from `format` to AST JSON into `out.ast.json`, then
    /// checks the invariants every outcome must keep.
    @discardableResult
    private func convert(_ bytes: [UInt8], name: String, format: String, file: StaticString = #filePath, line: UInt = #line) throws -> Outcome {
        let input = directory.appendingPathComponent(name)
        try Data(bytes).write(to: input)
        let output = directory.appendingPathComponent("out.ast.json")
        try? FileManager.default.removeItem(at: output)
        let io = BufferIO(directory: directory.path)
        let code = CommandLineTool.run(["convert", name, "-f", format, "-t", "ast", "-o", "out.ast.json"], io: io)
        let errorLines = io.errors.filter { $0.contains(": error: ") }
        let label = "\(format) on \(name)"
        switch code {
        case .success:
            XCTAssertEqual(errorLines, [], label, file: file, line: line)
            let written = try Data(contentsOf: output)
            XCTAssertNoThrow(try ASTFormat.Reader().read(Array(written), options: ConversionOptions()), "\(label): output is not AST JSON", file: file, line: line)
        case .failure:
            XCTAssertEqual(errorLines.count, 1, "\(label): \(io.errors)", file: file, line: line)
            if let error = errorLines.first {
                XCTAssertTrue(error.hasPrefix(name + ":"), "\(label): \(error)", file: file, line: line)
                XCTAssertFalse(error.contains("\n"), "\(label): one line: \(error)", file: file, line: line)
                let lineNumbered = error.dropFirst(name.count + 1).first?.isNumber == true
                XCTAssertTrue(lineNumbered || error.contains(" at "), "\(label): no location in \(error)", file: file, line: line)
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "\(label): output left behind", file: file, line: line)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != name }
            XCTAssertEqual(leftovers, [], "\(label): temporary files left behind", file: file, line: line)
        default:
            XCTFail("\(label): exit \(code) with \(io.errors)", file: file, line: line)
        }
        try FileManager.default.removeItem(at: input)
        return Outcome(code: code, errors: io.errors)
    }

    private var readers: [String] { Spine.registry.formats.filter { $0.reader != nil }.map(\.name) }

    func testEveryReaderHasASample() {
        XCTAssertEqual(Set(readers).subtracting(Self.samples.keys), [])
    }

    func testEmptyInput() throws {
        for format in readers {
            let outcome = try convert([], name: "empty.input", format: format)
            XCTAssertEqual(outcome.code, Self.acceptsAnything.contains(format) || format == "confluence" ? .success : .failure, format)
        }
    }

    func testZeroByteDocx() throws {
        let outcome = try convert([], name: "report.docx", format: "docx")
        XCTAssertEqual(outcome.code, .failure)
        XCTAssertTrue(outcome.errors.first?.contains("not a .docx") == true, "\(outcome.errors)")
    }

    func testBinaryGarbage() throws {
        var random = SeededRandom(seed: 7)
        for seed in 0..<4 {
            let garbage = (0..<(512 << seed)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            for format in readers {
                let outcome = try convert(garbage, name: "garbage.bin", format: format)
                if !Self.acceptsAnything.contains(format) { XCTAssertEqual(outcome.code, .failure, format) }
            }
        }
    }

    func testTruncatedFiles() throws {
        for format in readers {
            guard let sample = Self.samples[format] else { continue }
            var url = Fixtures.root.appendingPathComponent(sample)
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                let first = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted().first { $0.hasSuffix(".wiki") || $0.hasSuffix(".jira") }
                url.appendPathComponent(try XCTUnwrap(first, "no wiki file in \(sample)"))
            }
            let bytes = Array(try Data(contentsOf: url))
            XCTAssertGreaterThan(bytes.count, 100, sample)
            let outcome = try convert(Array(bytes[..<(bytes.count / 2)]), name: "cut." + url.pathExtension, format: format)
            // JSON, ZIP and XML packages cannot be complete when cut; text formats may be.
            if ["adf", "jira", "ast", "docx", "flat-opc"].contains(format) { XCTAssertEqual(outcome.code, .failure, format) }
        }
    }

    func testWrongFormatFlag() throws {
        let markdown = Array("# Title\n\nSome *text*.\n".utf8)
        for format in ["adf", "jira", "ast", "docx", "flat-opc", "jira-csv"] {
            XCTAssertEqual(try convert(markdown, name: "prd.md", format: format).code, .failure, format)
        }
        let docx = Array(try Data(contentsOf: Fixtures.root.appendingPathComponent("word/real/pandoc-prd.docx")))
        for format in ["confluence", "adf", "jira", "ast", "jira-csv"] {
            XCTAssertEqual(try convert(docx, name: "prd.docx", format: format).code, .failure, format)
        }
        // Documented recovery: `-f flat-opc` on a ZIP package reads it as the .docx it is.
        XCTAssertEqual(try convert(docx, name: "prd.docx", format: "flat-opc").code, .success)
    }
}
