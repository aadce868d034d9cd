// Every Fixtures/csv/*.csv: AST golden, trace golden, CSV → AST → CSV cell equality, streaming = in memory.

import Foundation
import SpineCore
import SpineCSV
import SpineTestSupport
import XCTest

final class JiraCSVFixtureTests: XCTestCase {
    private let cases = Fixtures.cases(in: "csv", inputSuffix: ".csv", expectedSuffixes: [".ast.json", ".trace.csv"])
        .filter { !$0.name.hasSuffix(".trace") }

    func testThereAreFixtures() {
        XCTAssertGreaterThanOrEqual(cases.count, 3)
    }

    func testReaderMatchesTheASTGolden() throws {
        for fixture in cases {
            let result = try JiraCSVReader().read(try fixture.inputBytes(), options: ConversionOptions())
            try compare(ASTFormat.dump(result.document), fixture, suffix: ".ast.json")
        }
    }

    func testTraceWriterMatchesTheTraceGolden() throws {
        for fixture in cases {
            let document = try JiraCSVReader().read(try fixture.inputBytes(), options: ConversionOptions()).document
            let bytes = try TraceCSVWriter().write(document, options: ConversionOptions()).bytes
            try compare(String(decoding: bytes, as: UTF8.self), fixture, suffix: ".trace.csv")
        }
    }

    /// CSV → AST → CSV gives the same header, rows, column order and cell values.
    func testRoundTripKeepsEveryCell() throws {
        for fixture in cases {
            let input = try fixture.inputBytes()
            let read = try JiraCSVReader().read(input, options: ConversionOptions())
            let written = try JiraCSVWriter().write(read.document, options: ConversionOptions())
            let delimiter = CSVDialect.detectDelimiter(input[...])
            let before = try CSVTable.parse(input, delimiter: delimiter).table
            let after = try CSVTable.parse(written.bytes, delimiter: delimiter).table
            XCTAssertEqual(after.header, before.header, fixture.name)
            XCTAssertEqual(after.records.count, before.records.count, fixture.name)
            for (index, (old, new)) in zip(before.records, after.records).enumerated() {
                for column in old.indices where old[column] != new[column] {
                    XCTFail("\(fixture.name): row \(index + 2), column \(column + 1) \"\(before.header[column])\": \(old[column].debugDescription) became \(new[column].debugDescription)")
                }
            }
            XCTAssertEqual(after.hadBOM, before.hadBOM, fixture.name)
            // And the AST read back is the same AST.
            let reread = try JiraCSVReader().read(written.bytes, options: ConversionOptions()).document
            XCTAssertEqual(reread.blocks, read.document.blocks, fixture.name)
        }
    }

    func testStreamingTraceEqualsTheInMemoryTrace() throws {
        for fixture in cases {
            let document = try JiraCSVReader().read(try fixture.inputBytes(), options: ConversionOptions()).document
            let inMemory = try TraceCSVWriter().write(document, options: ConversionOptions()).bytes
            for chunkSize in [64, 1 << 20] {
                let streamed = try JiraCSVStreaming.traceMatrix(fromFile: fixture.input.path, chunkSize: chunkSize).bytes
                XCTAssertEqual(String(decoding: streamed, as: UTF8.self), String(decoding: inMemory, as: UTF8.self),
                               "\(fixture.name) chunk \(chunkSize)")
            }
        }
    }

    // MARK: - Helpers

    private func compare(_ actual: String, _ fixture: Fixtures.Case, suffix: String) throws {
        let url = fixture.input.deletingLastPathComponent().appendingPathComponent(fixture.name + suffix)
        if Fixtures.isRecording {
            try Fixtures.record(actual, to: url)
            XCTFail("recorded \(url.lastPathComponent); review it and run again without SPINE_RECORD")
            return
        }
        guard let expectedURL = fixture.expected[suffix] else {
            XCTFail("missing \(url.lastPathComponent); run with SPINE_RECORD=1 and review it")
            return
        }
        // Bytes, not text: Foundation's decoding would drop the BOM the trace writer emits.
        let expected = String(decoding: try Data(contentsOf: expectedURL), as: UTF8.self)
        XCTAssertEqual(actual, expected, "\(fixture.name)\(suffix)")
    }
}

final class JiraCSVCorpusTests: XCTestCase {
    /// The benchmark corpus is valid Jira CSV and survives the round trip like the fixtures.
    func testGeneratedCorpusReadsAndRoundTrips() throws {
        let input = JiraCSVCorpus.generate(size: 64 * 1024)
        let read = try JiraCSVReader().read(input, options: ConversionOptions())
        XCTAssertGreaterThan(read.document.blocks.count, 50)
        let written = try JiraCSVWriter().write(read.document, options: ConversionOptions()).bytes
        XCTAssertEqual(try CSVTable.parse(written).table, try CSVTable.parse(input).table)
        let trace = try TraceCSVWriter().write(read.document, options: ConversionOptions()).bytes
        let epicRow = try CSVTable.parse(trace).table.records[0]
        XCTAssertEqual(epicRow[0], "REQ-1")
        XCTAssertTrue(epicRow[5].hasPrefix("REQ-2, REQ-3, REQ-4, REQ-5, REQ-7"), epicRow[5])
    }
}
