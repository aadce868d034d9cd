// Whole-file reading and atomic writing without Foundation's Data copies.

import Foundation
import SpineCLI
import XCTest

final class FilesTests: XCTestCase {
    func testWrittenBytesReadBackExactly() throws {
        let path = NSTemporaryDirectory() + "spine-files-\(getpid()).bin"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Files.writeAtomically(bytes, to: path)
        XCTAssertEqual(try Files.read(path), bytes)
        try Files.writeAtomically([1, 2, 3], to: path)
        XCTAssertEqual(try Files.read(path), [1, 2, 3], "a shorter file replaces the longer one entirely")
    }

    func testFilesWithoutAKnownSizeAreReadToTheirEnd() throws {
        // /proc files report size 0 to stat but have content.
        let status = try Files.read("/proc/self/status")
        XCTAssertTrue(String(decoding: status, as: UTF8.self).contains("Name:"))
    }
}
