// The RFC 4180 layer: quoting, line ends, BOM, delimiters, located errors, streaming.

import Foundation
import SpineCore
@testable import SpineCSV
import XCTest

final class CSVParserTests: XCTestCase {
    private func parse(_ text: String, delimiter: Character = ",") throws -> CSVTable {
        try CSVTable.parse(Array(text.utf8), delimiter: delimiter.asciiValue!).table
    }

    private func error(_ text: String) -> SpineError? {
        do {
            _ = try CSVTable.parse(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Reading

    func testQuotedFieldsWithDoubledQuotesDelimitersAndNewlines() throws {
        let table = try parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\r\nline2\nline3\rline4\"\r\n")
        XCTAssertEqual(table.header, ["a", "b", "c"])
        XCTAssertEqual(table.records, [["x, y", "say \"hi\"", "line1\r\nline2\nline3\rline4"]])
    }

    func testLineEndsLFCRAndCRLFAndAMissingFinalLineEnd() throws {
        XCTAssertEqual(try parse("h1,h2\n1,2\r3,4\r\n5,6").records, [["1", "2"], ["3", "4"], ["5", "6"]])
    }

    func testEmptyAndTrailingEmptyFieldsAreKept() throws {
        let table = try parse("a,b,c\n,,\nx,,\n,,z")
        XCTAssertEqual(table.records, [["", "", ""], ["x", "", ""], ["", "", "z"]])
        XCTAssertEqual(try parse("a,b\nx,").records, [["x", ""]])
    }

    func testSpacesAreSignificantAndStrayQuotesInUnquotedCellsAreLiteral() throws {
        XCTAssertEqual(try parse("a,b\n  x ,5\" screen\n").records, [["  x ", "5\" screen"]])
    }

    func testByteOrderMarkIsSkippedAndRemembered() throws {
        let table = try CSVTable.parse([0xEF, 0xBB, 0xBF] + Array("Summary,Key\nA,B\n".utf8)).table
        XCTAssertEqual(table.header, ["Summary", "Key"])
        XCTAssertTrue(table.hadBOM)
    }

    func testSemicolonAndTabDelimiters() throws {
        XCTAssertEqual(try parse("a;b\n\"1;2\";3,4\n", delimiter: ";").records, [["1;2", "3,4"]])
        XCTAssertEqual(try parse("a\tb\nx y\t\"t\tz\"\n", delimiter: "\t").records, [["x y", "t\tz"]])
    }

    func testDelimiterDetectionLooksOutsideQuotesInTheHeaderLine() {
        XCTAssertEqual(CSVDialect.detectDelimiter(Array("a;b;\"c,d,e\"\n1,2,3,4,5".utf8)[...]), UInt8(ascii: ";"))
        XCTAssertEqual(CSVDialect.detectDelimiter(Array("a\tb\tc,d".utf8)[...]), 0x09)
        XCTAssertEqual(CSVDialect.detectDelimiter(Array("Summary\nx;y;z".utf8)[...]), UInt8(ascii: ","))
    }

    func testBlankLinesAreSkippedWithADiagnostic() throws {
        let result = try CSVTable.parse(Array("a,b\n\n1,2\r\n\r\n3,4\n".utf8))
        XCTAssertEqual(result.table.records, [["1", "2"], ["3", "4"]])
        XCTAssertEqual(result.diagnostics.map(\.code), ["csv.blank-lines-skipped"])
    }

    func testInvalidUTF8IsRepairedAndReportedWithItsCell() throws {
        let result = try CSVTable.parse(Array("a,b\nok,".utf8) + [0xFF, 0x41] + [0x0A])
        XCTAssertEqual(result.table.records, [["ok", "\u{FFFD}A"]])
        XCTAssertEqual(result.diagnostics.first?.code, "csv.invalid-utf8")
        XCTAssertEqual(result.diagnostics.first?.location?.path, "row 2, column 2")
    }

    // MARK: - Errors

    func testUnbalancedQuoteIsLocatedAtTheOpeningQuote() throws {
        let error = try XCTUnwrap(error("a,b\n1,2\n3,\"open\nstill open\n"))
        XCTAssertEqual(error.code, "csv.unbalanced-quote")
        XCTAssertEqual(error.location?.line, 3)
        XCTAssertEqual(error.location?.column, 3)
        XCTAssertEqual(error.location?.path, "row 3, column 2")
    }

    func testTextAfterAClosingQuoteIsAnError() throws {
        let error = try XCTUnwrap(error("a,b\n\"x\"y,2\n"))
        XCTAssertEqual(error.code, "csv.text-after-quote")
        XCTAssertEqual(error.location?.path, "row 2, column 1")
        XCTAssertEqual(error.location?.column, 4)
    }

    func testRaggedRowsAreLocatedErrors() throws {
        let short = try XCTUnwrap(error("a,b,c\n1,2,3\n\"multi\nline\",2\n"))
        XCTAssertEqual(short.code, "csv.ragged-row")
        XCTAssertEqual(short.location?.line, 3)
        XCTAssertEqual(short.location?.path, "row 3, column 3")
        XCTAssertTrue(short.message.contains("\"c\""), short.message)
        let long = try XCTUnwrap(error("a,b\n1,2,3\n"))
        XCTAssertEqual(long.location?.path, "row 2, column 3")
    }

    func testEmptyInputHasNoHeader() throws {
        XCTAssertEqual(error("")?.code, "csv.no-header")
        XCTAssertEqual(error("\n\n")?.code, "csv.no-header")
    }

    // MARK: - Writing

    func testCellsWithOtherDelimitersAreQuotedSoDetectionStaysRight() {
        // A header cell full of tabs (fuzz finding 636e…) made the comma file look tab-separated.
        let table = CSVTable(header: ["Summary", "P\t\t\t\tarent id", "a;b"], records: [["x", "y", "z"]])
        let bytes = table.bytes()
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "Summary,\"P\t\t\t\tarent id\",\"a;b\"\r\nx,y,z\r\n")
        XCTAssertEqual(CSVDialect.detectDelimiter(bytes[...]), UInt8(ascii: ","))
    }

    func testEncoderQuotesOnlyWhatNeedsIt() {
        let table = CSVTable(header: ["a", "b"], records: [["plain", "with,comma"], ["say \"x\"", "two\nlines"], [" pad", ""]])
        XCTAssertEqual(String(decoding: table.bytes(), as: UTF8.self),
                       "a,b\r\nplain,\"with,comma\"\r\n\"say \"\"x\"\"\",\"two\nlines\"\r\n\" pad\",\r\n")
    }

    func testSafeFormulasNeutraliseFormulaCellsButNotNumbers() {
        let table = CSVTable(header: ["v"], records: [["=1+2"], ["+cmd|' /C calc'!A0"], ["-2+3"], ["@SUM(A1)"],
                                                      ["\tx"], ["-3"], ["+1.5"], ["a=b"], ["=x,y"]])
        let text = String(decoding: table.bytes(dialect: CSVDialect(safeFormulas: true)), as: UTF8.self)
        XCTAssertEqual(text, "v\r\n'=1+2\r\n'+cmd|' /C calc'!A0\r\n'-2+3\r\n'@SUM(A1)\r\n\"'\tx\"\r\n-3\r\n+1.5\r\na=b\r\n\"'=x,y\"\r\n")
        XCTAssertEqual(String(decoding: table.bytes(), as: UTF8.self).split(separator: "\r\n")[1], "=1+2")
    }

    func testRandomTablesSurviveEncodeAndParse() throws {
        var generator = SeededGenerator(seed: 42)
        let alphabet: [String] = ["a", "Z", " ", ",", ";", "\"", "\r", "\n", "\r\n", "é", "日", "🚀", "=", "\t", "''"]
        for delimiter in [",", ";", "\t"] {
            for _ in 0..<50 {
                let width = Int.random(in: 1...6, using: &generator)
                func cell() -> String {
                    (0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
                }
                let header = (0..<width).map { "h\($0)" + cell() }
                let records = (0..<Int.random(in: 0...6, using: &generator)).map { _ in (0..<width).map { _ in cell() } }
                    .filter { !($0.count == 1 && $0[0].isEmpty) } // a lone empty cell is a blank line
                let byte = Character(delimiter).asciiValue!
                let table = CSVTable(header: header, records: records)
                let parsed = try CSVTable.parse(table.bytes(dialect: CSVDialect(delimiter: byte)), delimiter: byte).table
                XCTAssertEqual(parsed, table)
            }
        }
    }

    // MARK: - Adversarial input

    func testRandomByteSoupEitherParsesOrFailsWithALocatedError() {
        var generator = SeededGenerator(seed: 7)
        let alphabet: [UInt8] = [0x2C, 0x22, 0x0D, 0x0A, 0x61, 0xFF, 0xE6, 0x3B, 0x20]
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            do {
                _ = try JiraCSVReader().read(bytes, options: ConversionOptions())
            } catch {
                XCTAssertNotNil(error.location, "\(error)")
            }
        }
    }

    func testLongRunsOfQuotesParseInOnePass() throws {
        let quotes = [UInt8](repeating: 0x22, count: 1_000_000)
        let table = try CSVTable.parse(Array("h\n".utf8) + quotes + [0x0A]).table
        XCTAssertEqual(table.records[0][0].utf8.count, 499_999, "a quoted cell of 999,998 bytes holds 499,999 doubled quotes")
        XCTAssertThrowsError(try CSVTable.parse(Array("h\n".utf8) + quotes.dropLast() + [0x0A]))
    }

    // MARK: - Streaming

    func testFileStreamGivesTheSameRecordsAtEveryChunkSize() throws {
        let text = "\u{FEFF}a,b,c\r\n\"x\r\n\"\"y\"\"\",,\"z\"\r\n1,\"\",3\r\n\r\nlast,\"q\"\"\",end"
        let expected = try CSVTable.parse(Array(text.utf8)).table
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spine-csv-stream-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        for chunkSize in [16, 17, 19, 23, 64] {
            var rows = try CSVRows(source: CSVFileStream(path: url.path, delimiter: UInt8(ascii: ","), chunkSize: chunkSize))
            var records: [[String]] = []
            var fields: [String] = []
            while try rows.next(into: &fields) { records.append(fields) }
            XCTAssertEqual(rows.header, expected.header, "chunk \(chunkSize)")
            XCTAssertEqual(records, expected.records, "chunk \(chunkSize)")
            XCTAssertTrue(rows.source.hadBOM)
        }
    }

    func testFileStreamReportsAnUnbalancedQuoteLikeTheBufferReader() throws {
        let text = "a,b\n1,\"never\nclosed"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spine-csv-bad-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var rows = try CSVRows(source: CSVFileStream(path: url.path, delimiter: UInt8(ascii: ","), chunkSize: 16))
        var fields: [String] = []
        XCTAssertThrowsError(try rows.next(into: &fields)) { error in
            XCTAssertEqual((error as? SpineError)?.code, "csv.unbalanced-quote")
            XCTAssertEqual((error as? SpineError)?.location?.line, 2)
            XCTAssertEqual((error as? SpineError)?.location?.path, "row 2, column 2")
        }
    }
}

/// A small deterministic random generator (SplitMix64) so generated cases are repeatable.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

final class UTF8ValidationTests: XCTestCase {
    private func valid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { CSVRecordParser.isValidUTF8($0) }
    }

    func testAgreesWithTheStandardLibraryOnEdgeCases() {
        let cases: [[UInt8]] = [
            Array("plain ascii".utf8), Array("日本語 عمود 🚀 é".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xE2, 0x28, 0xA1], [0xFF],
        ]
        for bytes in cases {
            XCTAssertEqual(valid(bytes), String(validating: bytes, as: UTF8.self) != nil, "\(bytes)")
        }
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 1...6, using: &generator)).map { _ in UInt8.random(in: 0x70...0xFF, using: &generator) }
            XCTAssertEqual(valid(bytes), String(validating: bytes, as: UTF8.self) != nil, "\(bytes)")
        }
    }
}
