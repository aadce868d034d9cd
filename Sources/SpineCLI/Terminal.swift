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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpineError(.io, code: "io.unreadable", "cannot read '\(path)': permission denied or unreadable")
        }
        return Array(data)
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside it, renamed over `path`
    /// only when complete, so a failed run never leaves a partial output file.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(SpineError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent("." + url.lastPathComponent + ".spine-" + String(getpid()) + ".tmp")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw SpineError(.io, code: "io.unwritable", "cannot write '\(path)': \(describe(error))")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw SpineError(.io, code: "io.unwritable", "cannot write '\(path)': \(reason)")
        }
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileNoSuchFileError || nsError.code == 4 {
            return "no such directory"
        }
        return nsError.localizedDescription
    }
}
