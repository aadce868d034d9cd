// An in-memory CommandIO for running the CLI in tests.

import Foundation
import SpineCLI

/// Captures standard output and error; serves standard input from a buffer.
final class BufferIO: CommandIO {
    var input: [UInt8]
    var output: [UInt8] = []
    var errors: [String] = []
    var standardOutputIsTerminal = false
    var standardErrorIsTerminal = false
    let currentDirectory: String

    init(input: [UInt8] = [], directory: String) {
        self.input = input
        self.currentDirectory = directory
    }

    func readStandardInput() -> [UInt8] { input }
    func writeStandardOutput(_ bytes: [UInt8]) { output += bytes }
    func writeError(_ line: String) { errors.append(line) }

    var outputText: String { String(decoding: output, as: UTF8.self) }
}

/// A fresh temporary directory per test, removed afterwards.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("spine-cli-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
