// Input and output for commands: injectable streams, and atomic file output.

import Foundation
import SpineCore

/// Where a command reads and writes. The real one uses the process's streams; tests use buffers.
public protocol CommandIO: AnyObject {
    /// All of standard input.
    func readStandardInput() -> [UInt8]
    /// Writes bytes to standard output, unchanged (binary-safe).
    func writeStandardOutput(_ bytes: [UInt8])
    /// Writes a line of text to standard error.
    func writeError(_ line: String)
    /// True when standard output is a terminal (binary output is refused there).
    var standardOutputIsTerminal: Bool { get }
    /// True when standard error is a terminal (progress lines are shown only then).
    var standardErrorIsTerminal: Bool { get }
    /// The working directory relative paths are resolved against.
    var currentDirectory: String { get }
}

/// The process's own streams.
public final class ProcessIO: CommandIO {
    public init() {}

    public func readStandardInput() -> [UInt8] {
        Array(FileHandle.standardInput.readDataToEndOfFile())
    }

    public func writeStandardOutput(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    public func writeError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    public var standardOutputIsTerminal: Bool { isatty(1) == 1 }
    public var standardErrorIsTerminal: Bool { isatty(2) == 1 }
    public var currentDirectory: String { FileManager.default.currentDirectoryPath }
}

/// File helpers with the error messages the CLI prints.
public enum Files {
    /// Reads a whole file; a directory, a missing file or an unreadable one is an I/O error.
    public static func read(_ path: String) throws(SpineError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SpineError(.io, code: "io.not-found", "cannot read '\(path)': no such file")
        }
        if isDirectory.boolValue { throw SpineError(.io, code: "io.is-directory", "cannot read '\(path)': it is a directory") }
        guard let bytes = readWhole(path) else {
            throw SpineError(.io, code: "io.unreadable", "cannot read '\(path)': permission denied or unreadable")
        }
        return bytes
    }

    /// Writes `bytes` to a new file at `path` (no intermediate `Data` copy); the reason on failure.
    private static func writeWhole(_ bytes: [UInt8], to path: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var written = 0
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                written += count
            }
        }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        return failure
    }

    /// The file's bytes read straight into one array (no intermediate `Data` copy), or nil.
    private static func readWhole(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 { if errno == EINTR { continue } else { return nil } }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        // Files whose size `stat` does not know (pipes, /proc) or that grew: read on to the end.
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 { if errno == EINTR { continue } else { return nil } }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside it, renamed over `path`
    /// only when complete, so a failed run never leaves a partial output file.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(SpineError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent("." + url.lastPathComponent + ".spine-" + String(getpid()) + ".tmp")
        if let reason = writeWhole(bytes, to: temporary.path) {
            try? FileManager.default.removeItem(at: temporary)
            throw SpineError(.io, code: "io.unwritable", "cannot write '\(path)': \(reason)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw SpineError(.io, code: "io.unwritable", "cannot write '\(path)': \(reason)")
        }
    }
}
