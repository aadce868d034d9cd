// Throughput of the storage reader against libxml2 alone. Prints MB/s when SPINE_BENCH=1
// (build with -c release); otherwise runs once on a small corpus and checks only results.

import CLibXML2
import Foundation
import SpineConfluence
import SpineCore
import SpineTestSupport
import SpineXML
import XCTest

final class StorageBenchmarkTests: XCTestCase {
    /// Every fixture body, repeated until the corpus reaches `bytes`.
    private func corpus(bytes: Int) throws -> [UInt8] {
        let pages = try Fixtures.cases(in: "confluence", inputSuffix: ".xhtml").map { try $0.inputBytes() }
        var corpus: [UInt8] = []
        corpus.reserveCapacity(bytes + 100_000)
        while corpus.count < bytes {
            for page in pages {
                corpus += page
                corpus.append(10)
            }
        }
        return corpus
    }

    private func seconds(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }

    func testReaderThroughputAgainstLibxml2Alone() throws {
        let benchmarking = ProcessInfo.processInfo.environment["SPINE_BENCH"] == "1"
        let input = try corpus(bytes: benchmarking ? 16 << 20 : 1)
        let repeats = benchmarking ? 3 : 1
        let megabytes = Double(input.count) / 1_048_576
        // The same well-formed bytes libxml2 sees inside the reader: wrapped, entities numeric.
        let wrapped = try StorageReader.wellFormedDocument(input)

        let domTime = seconds(repeats) {
            wrapped.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    let document = xmlReadMemory(pointer, Int32(buffer.count), nil, "UTF-8", Int32(XML_PARSE_NONET.rawValue))
                    XCTAssertNotNil(document)
                    xmlFreeDoc(document)
                }
            }
        }
        var elementCount = 0
        let treeTime = try seconds(repeats) { elementCount = try XMLTreeParser.parse(wrapped).document.root.childElements.count }
        var document = Document()
        let readTime = try seconds(repeats) { document = try StorageReader().read(input, options: ConversionOptions()).document }
        var json: [UInt8] = []
        let jsonTime = try seconds(repeats) { json = try ASTFormat.Writer().write(document, options: ConversionOptions()).bytes }
        var written: [UInt8] = []
        let writeTime = try seconds(repeats) { written = try StorageWriter().write(document, options: ConversionOptions()).bytes }

        XCTAssertGreaterThan(elementCount, 0)
        XCTAssertFalse(document.blocks.isEmpty)
        XCTAssertFalse(json.isEmpty)
        XCTAssertFalse(written.isEmpty)
        if benchmarking {
            func line(_ label: String, _ time: Double) -> String {
                label.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: "%7.3f s %8.1f MB/s %6.2f× floor", time, megabytes / time, time / domTime)
            }
            print(String(format: "storage corpus: %.1f MB (%d fixture pages repeated), best of %d", megabytes, 34, repeats))
            print(line("libxml2 xmlReadMemory (DOM) — the floor", domTime))
            print(line("SpineXML tree (SAX2 → Swift tree)", treeTime))
            print(line("storage → AST (StorageReader)", readTime))
            print(line("storage → AST → AST JSON", readTime + jsonTime))
            print(line("AST → storage (StorageWriter)", writeTime))
        }
    }
}
