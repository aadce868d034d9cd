// `spine convert`, `formats`, help and version through the in-process CLI: exit codes,
// diagnostics, atomic output.

import Foundation
import Spine
import SpineCLI
import SpineCore
import SpineTestSupport
import XCTest

final class ConvertCommandTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func run(_ arguments: [String], input: [UInt8] = []) -> (ExitCode, BufferIO) {
        let io = BufferIO(input: input, directory: directory.path)
        return (CommandLineTool.run(arguments, io: io), io)
    }

    private func write(_ text: String, to name: String) throws -> String {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        return name
    }

    func testASTRoundTripIsByteForByte() throws {
        let text = ASTFormat.dump(SampleDocuments.everyNodeKind)
        let input = try write(text, to: "doc.json")
        let (code, io) = run(["convert", input, "-f", "ast", "-t", "ast"])
        XCTAssertEqual(code, .success, io.errors.joined(separator: "\n"))
        XCTAssertEqual(io.outputText, text)
    }

    func testInfersFormatsFromExtensionsAndWritesFile() throws {
        let input = try write(ASTFormat.dump(Document(blocks: [.rule])), to: "doc.ast.json")
        let (code, io) = run(["convert", input, "-o", "out.ast.json"])
        XCTAssertEqual(code, .success, io.errors.joined(separator: "\n"))
        let written = try String(contentsOf: directory.appendingPathComponent("out.ast.json"), encoding: .utf8)
        XCTAssertEqual(written, ASTFormat.dump(Document(blocks: [.rule])))
        XCTAssertTrue(io.output.isEmpty)
    }

    func testMalformedInputIsLocatedExitOneAndNoOutputFile() throws {
        let input = try write("{\n  \"blocks\": [\n    {\"type\": \"rule\"},\n  ]\n}", to: "bad.json")
        let (code, io) = run(["convert", input, "-f", "ast", "-o", "out.ast.json"])
        XCTAssertEqual(code, .failure)
        XCTAssertEqual(io.errors.count, 1)
        XCTAssertTrue(io.errors[0].hasPrefix("bad.json:4:3: error: "), io.errors[0])
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.ast.json").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != "bad.json" }
        XCTAssertEqual(leftovers, [], "no temporary or partial files")
    }

    func testFailedRunKeepsAnExistingOutputFileUnchanged() throws {
        let output = try write("previous", to: "out.ast.json")
        let input = try write("not json", to: "bad.json")
        let (code, _) = run(["convert", input, "-f", "ast", "-o", output])
        XCTAssertEqual(code, .failure)
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent(output), encoding: .utf8), "previous")
    }

    func testStandardInputNeedsAFormat() {
        let (code, io) = run(["convert", "-", "-t", "ast"], input: Array("{\"blocks\":[]}".utf8))
        XCTAssertEqual(code, .usage)
        XCTAssertTrue(io.errors[0].contains("needs -f"), io.errors[0])
        let (code2, io2) = run(["convert", "-f", "ast", "-t", "ast"], input: Array("{\"blocks\":[]}".utf8))
        XCTAssertEqual(code2, .success)
        XCTAssertEqual(io2.outputText, "{\n  \"blocks\": []\n}\n")
    }

    func testUsageErrors() throws {
        let input = try write("{}", to: "x.json")
        XCTAssertEqual(run(["convert", input, "-t", "ast"]).0, .usage)           // .json is ambiguous
        XCTAssertEqual(run(["convert", input, "-f", "nope", "-t", "ast"]).0, .usage)
        XCTAssertEqual(run(["convert", input, "-f", "ast"]).0, .usage)           // no output format
        XCTAssertEqual(run(["convert", "a", "b", "-t", "ast"]).0, .usage)
        XCTAssertEqual(run(["convert", "--bogus"]).0, .usage)
        XCTAssertEqual(run(["frobnicate"]).0, .usage)
        XCTAssertEqual(run([]).0, .usage)
    }

    func testMissingInputAndDirectoryInputFailWithExitOne() throws {
        let (code, io) = run(["convert", "missing.ast.json", "-t", "ast"])
        XCTAssertEqual(code, .failure)
        XCTAssertTrue(io.errors[0].contains("no such file"), io.errors[0])
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("dir.ast.json"), withIntermediateDirectories: false)
        let (code2, io2) = run(["convert", "dir.ast.json", "-t", "ast"])
        XCTAssertEqual(code2, .failure)
        XCTAssertTrue(io2.errors[0].contains("directory"), io2.errors[0])
    }

    func testUnwritableOutputFailsWithExitOne() throws {
        let input = try write(ASTFormat.dump(Document()), to: "doc.ast.json")
        let (code, io) = run(["convert", input, "-o", "no/such/dir/out.ast.json"])
        XCTAssertEqual(code, .failure)
        XCTAssertTrue(io.errors[0].contains("cannot write"), io.errors[0])
    }

    func testFormatsListsTheRegistry() {
        let (code, io) = run(["formats"])
        XCTAssertEqual(code, .success)
        for format in Spine.registry.formats {
            XCTAssertTrue(io.outputText.contains("\n" + format.name + " "), "\(format.name) missing from:\n\(io.outputText)")
        }
    }

    func testHelpAndVersion() {
        let (code, io) = run(["--version"])
        XCTAssertEqual(code, .success)
        XCTAssertEqual(io.outputText, "spine \(Spine.version)\n")
        let (helpCode, helpIO) = run(["convert", "--help"])
        XCTAssertEqual(helpCode, .success)
        XCTAssertTrue(helpIO.outputText.hasPrefix("usage: spine convert"))
        XCTAssertEqual(run(["help", "formats"]).0, .success)
        XCTAssertEqual(run(["help", "nope"]).0, .usage)
    }
}

final class StreamingTraceTests: XCTestCase {
    func testFileToTraceCSVIsStreamedAndMatchesTheGolden() throws {
        let io = BufferIO(directory: Fixtures.repositoryRoot.path)
        let code = CommandLineTool.run(["convert", "Fixtures/csv/cloud-export.csv", "-t", "trace-csv"], io: io)
        XCTAssertEqual(code, .success, io.errors.joined(separator: "\n"))
        let golden = try Data(contentsOf: Fixtures.root.appendingPathComponent("csv/cloud-export.trace.csv"))
        XCTAssertEqual(io.output, Array(golden))
    }
}
