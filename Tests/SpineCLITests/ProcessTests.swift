// The built `spine` executable, run as a process: exit codes and byte-exact standard output.

import Foundation
import SpineCore
import SpineTestSupport
import XCTest

final class ProcessTests: XCTestCase {
    /// `swift test` builds every product; the executable sits beside the test bundle.
    private var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("spine")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return Fixtures.repositoryRoot.appendingPathComponent(".build/debug/spine")
    }

    private func run(_ arguments: [String], input: [UInt8] = []) throws -> (status: Int32, output: [UInt8], error: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, Array(output), String(decoding: error, as: UTF8.self))
    }

    func testPipesStandardInputToStandardOutputExactly() throws {
        let text = ASTFormat.dump(SampleDocuments.everyNodeKind)
        let result = try run(["convert", "-", "-f", "ast", "-t", "ast"], input: Array(text.utf8))
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.output, Array(text.utf8))
        XCTAssertEqual(result.error, "")
    }

    func testExitCodes() throws {
        XCTAssertEqual(try run(["convert", "-", "-f", "ast", "-t", "ast"], input: Array("{".utf8)).status, 1)
        XCTAssertEqual(try run(["convert", "--no-such-flag"]).status, 2)
        let version = try run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(String(decoding: version.output, as: UTF8.self).hasPrefix("spine "))
    }

    func testErrorIsOneLocatedLine() throws {
        let result = try run(["convert", "-", "-f", "ast", "-t", "ast"], input: Array("{\"blocks\": [1]}".utf8))
        XCTAssertEqual(result.status, 1)
        let lines = result.error.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.error)
        XCTAssertTrue(lines[0].hasPrefix("<stdin>: error: expected an object, found number at $.blocks[0]"), result.error)
    }
}
