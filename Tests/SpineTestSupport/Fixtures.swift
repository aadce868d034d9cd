// Fixture discovery for the tests: walks Fixtures/<format>/ and pairs inputs with expected outputs.

import Foundation
import SpineCore

/// Locates the repository's `Fixtures/` folder and pairs fixture files by name.
public enum Fixtures {
    /// The repository root (the folder holding Package.swift), found from this source file.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `Fixtures/` in the repository.
    public static var root: URL { repositoryRoot.appendingPathComponent("Fixtures") }

    /// One input file and the expected outputs that share its base name.
    public struct Case: CustomStringConvertible, Sendable {
        /// The input file.
        public var input: URL
        /// The name without the input suffix (`page-layouts` for `page-layouts.xhtml`).
        public var name: String
        /// Expected outputs by suffix: `.md` → `page-layouts.md`, `.expected.xhtml` → …
        public var expected: [String: URL]
        public var description: String { name }

        /// The bytes of the input.
        public func inputBytes() throws -> [UInt8] { Array(try Data(contentsOf: input)) }

        /// The expected output with `suffix`, as text, or nil when no such file exists.
        public func expectedText(_ suffix: String) throws -> String? {
            guard let url = expected[suffix] else { return nil }
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    /// Every file in `Fixtures/<folder>` (recursively) whose name ends with `inputSuffix`,
    /// paired with the files named `<base><suffix>` beside it for each of `expectedSuffixes`.
    /// Sorted by path so test order is stable.
    public static func cases(in folder: String, inputSuffix: String, expectedSuffixes: [String] = []) -> [Case] {
        let directory = root.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var cases: [Case] = []
        for case let url as URL in enumerator where url.lastPathComponent.hasSuffix(inputSuffix) {
            let fileName = url.lastPathComponent
            let base = String(fileName.dropLast(inputSuffix.count))
            var expected: [String: URL] = [:]
            for suffix in expectedSuffixes {
                let candidate = url.deletingLastPathComponent().appendingPathComponent(base + suffix)
                if candidate != url, FileManager.default.fileExists(atPath: candidate.path) { expected[suffix] = candidate }
            }
            cases.append(Case(input: url, name: base, expected: expected))
        }
        return cases.sorted { $0.input.path < $1.input.path }
    }

    /// True when expectations should be re-recorded (`SPINE_RECORD=1`). Recording tests write
    /// the new expectation and then fail, so a person reviews the diff before committing.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["SPINE_RECORD"] == "1" }

    /// Writes `text` as the new expectation at `url` (used only when recording).
    public static func record(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }
}
