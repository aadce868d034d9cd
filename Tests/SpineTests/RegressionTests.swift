// Every input a fuzzer ever flagged, replayed through the same invariant checks.

import Foundation
import SpineRobustness
import SpineTestSupport
import XCTest

final class RegressionTests: XCTestCase {
    func testEveryRegressionInputKeepsTheInvariants() throws {
        let root = Fixtures.root.appendingPathComponent("regressions")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        var checked = 0
        for folder in folders.sorted() {
            guard let target = FuzzTarget.named(folder) else {
                XCTFail("Fixtures/regressions/\(folder): no reader called \(folder)")
                continue
            }
            let directory = root.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                let bytes = Array(try Data(contentsOf: directory.appendingPathComponent(file)))
                if let violation = target.check(bytes) { XCTFail("\(folder)/\(file): \(violation)") }
                checked += 1
            }
        }
        // The seed set below always exists, so the test cannot pass vacuously.
        XCTAssertGreaterThan(checked, 0)
    }

    /// The fuzzers' seeds (`Scripts/fuzz.sh`): every fixture of a reader keeps the invariants too.
    static let seedSuffixes: [(target: String, suffixes: [String])] = [
        ("markdown", [".md", ".markdown"]), ("confluence", [".xhtml"]), ("adf", [".adf.json"]),
        ("jira", [".jira.json"]), ("jira-wiki", [".wiki", ".jira"]), ("jira-csv", [".csv"]), ("docx", [".docx"]),
        ("flat-opc", [".flat.xml"]), ("ast", [".ast.json"]),
    ]

    func testEveryFixtureKeepsTheInvariants() throws {
        let files = FileManager.default.enumerator(atPath: Fixtures.root.path)?.compactMap { $0 as? String } ?? []
        var failures: [String] = []
        var checked = 0
        for (name, suffixes) in Self.seedSuffixes {
            let target = try XCTUnwrap(FuzzTarget.named(name))
            for file in files.sorted() where suffixes.contains(where: file.hasSuffix) && !file.hasPrefix("regressions/") && !file.hasPrefix("findings/") {
                let bytes = Array(try Data(contentsOf: Fixtures.root.appendingPathComponent(file)))
                if let violation = target.check(bytes) { failures.append("\(name): \(file): \(violation)") }
                checked += 1
            }
        }
        XCTAssertEqual(failures, [], "\(failures.count) of \(checked) fixtures break an invariant")
        XCTAssertGreaterThan(checked, 100)
    }

    func testCheckRefusesAnErrorWithoutLocation() {
        // The AST reader always locates errors; garbage must be refused cleanly, not flagged.
        let target = FuzzTarget.named("ast")!
        XCTAssertNil(target.check(Array("\u{0}\u{1}garbage".utf8)))
        XCTAssertNil(target.check(Array("{\"blocks\":[{\"type\":\"rule\"}]}".utf8)))
    }
}
