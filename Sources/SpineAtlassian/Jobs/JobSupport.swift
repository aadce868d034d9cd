// What every job shares: progress reports, bounded concurrency, format lookup, files and names.

import Foundation
import SpineCore

/// One progress step of a long job (the CLI turns it into a progress line on a terminal).
public struct JobProgress: Sendable {
    /// Items finished so far.
    public var done: Int
    /// Items in total (0 while unknown).
    public var total: Int
    /// What was just finished (a page title, a file).
    public var item: String
}

/// A progress callback.
public typealias ProgressHandler = @Sendable (JobProgress) -> Void

/// Runs `body` for every item with at most `jobs` at once and hands each result, in
/// completion order, to `collect` (which runs on the caller's task, one at a time).
func forEachConcurrently<Item: Sendable, Result: Sendable>(
    _ items: [Item], jobs: Int, _ body: @escaping @Sendable (Item) async throws -> Result,
    collect: (Result) throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: Result.self) { group in
        var next = 0
        for _ in 0..<min(max(1, jobs), items.count) {
            let item = items[next]
            group.addTask { try await body(item) }
            next += 1
        }
        while let result = try await group.next() {
            try collect(result)
            if next < items.count {
                let item = items[next]
                group.addTask { try await body(item) }
                next += 1
            }
        }
    }
}

/// Maps any error a job meets to a `SpineError` (the token is already redacted by the client).
func spineError(_ error: any Error) -> SpineError {
    if let error = error as? SpineError { return error }
    if let error = error as? AtlassianError { return error.spineError }
    if error is CancellationError { return SpineError(.io, code: "job.cancelled", "the job was cancelled") }
    return SpineError(.io, code: "job.failed", String(describing: error))
}

/// A registry lookup that fails with a clear message.
func formatReader(_ registry: FormatRegistry, _ name: String) throws(SpineError) -> any FormatReader {
    guard let reader = registry.format(named: name)?.reader else {
        throw SpineError(.unsupported, code: "job.no-reader", "no '\(name)' reader is registered")
    }
    return reader
}

func formatWriter(_ registry: FormatRegistry, _ name: String) throws(SpineError) -> any FormatWriter {
    guard let writer = registry.format(named: name)?.writer else {
        throw SpineError(.unsupported, code: "job.no-writer", "no '\(name)' writer is registered")
    }
    return writer
}

// MARK: - Files

enum Files {
    /// Writes `bytes` to `path` through a temporary file and a rename, creating directories.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(SpineError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw SpineError(.io, code: "job.write", "cannot write \(path): \(error.localizedDescription)")
        }
    }

    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// `path` relative to the directory `fromDirectory` (both relative to the same root, `/`-separated).
    static func relativePath(_ path: String, fromDirectory directory: String) -> String {
        let target = path.split(separator: "/").map(String.init)
        let base = directory.split(separator: "/").map(String.init)
        var common = 0
        while common < base.count, common < target.count - 1, base[common] == target[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        return (ups + target[common...]).joined(separator: "/")
    }

    /// The directory part of a relative path (`a/b/c.md` → `a/b`, `c.md` → ``).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}

// MARK: - Names

enum FileNames {
    /// A stable, portable file-name stem for a title: lower-case ASCII letters and digits,
    /// other letters (CJK, accented) kept, everything else a single `-`; at most 80 bytes.
    static func slug(_ title: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in title.unicodeScalars {
            let keep: Bool
            if scalar.isASCII {
                keep = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
            } else {
                keep = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            if keep {
                if pendingDash && !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar.isASCII ? Unicode.Scalar(UInt8(scalar.value)).lowercasedASCII : scalar)
            } else {
                pendingDash = true
            }
            if out.utf8.count >= 80 { break }
        }
        return out.isEmpty ? "page" : out
    }

    /// A file name as stored on disk: path separators, control characters and leading dots replaced.
    static func safeFileName(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            if scalar == "/" || scalar == "\\" || scalar.value < 0x20 || scalar == ":" { out += "_" } else { out.unicodeScalars.append(scalar) }
        }
        while out.hasPrefix(".") { out = "_" + out.dropFirst() }
        return out.isEmpty ? "file" : out
    }
}

extension Unicode.Scalar {
    fileprivate var lowercasedASCII: Unicode.Scalar {
        (self >= "A" && self <= "Z") ? Unicode.Scalar(value + 32) ?? self : self
    }
}
