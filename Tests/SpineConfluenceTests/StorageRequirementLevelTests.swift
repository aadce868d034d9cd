// Requirement heading levels: only a deeper heading makes a child, also at h6, and the writer
// picks levels that read back as the same tree (fuzz finding 4db5…).

import SpineConfluence
import SpineCore
import XCTest

final class StorageRequirementLevelTests: XCTestCase {
    private func write(_ blocks: [Block]) throws -> (String, [Diagnostic]) {
        let result = try StorageWriter().write(Document(blocks: blocks), options: ConversionOptions())
        return (String(decoding: result.bytes, as: UTF8.self), result.diagnostics)
    }

    private func read(_ storage: String) throws -> [Block] {
        try StorageReader().read(Array(storage.utf8), options: ConversionOptions()).document.blocks
    }

    private func requirement(_ key: String, children: [Requirement] = []) -> Requirement {
        Requirement(key: key, summary: "Summary of " + key, type: "Story", children: children)
    }

    /// A requirement in the storage layout, heading at `level`.
    private func storage(_ key: String, level: Int) -> String {
        "<h\(level)>\(key): Summary of \(key)</h\(level)><ac:structured-macro ac:name=\"details\"><ac:parameter ac:name=\"id\">spine-requirement</ac:parameter>"
            + "<ac:rich-text-body><table><tbody><tr><th><p>Key</p></th><td><p>\(key)</p></td></tr>"
            + "<tr><th><p>Type</p></th><td><p>Story</p></td></tr></tbody></table></ac:rich-text-body></ac:structured-macro>"
    }

    // MARK: - Reading

    func testRequirementsAtTheSameLevelAreSiblingsAlsoAtH6() throws {
        let blocks = try read("<h5>Stories</h5>" + storage("A-1", level: 6) + storage("A-2", level: 6) + storage("A-3", level: 6))
        XCTAssertEqual(blocks, [.heading(Heading(level: 5, content: [.text("Stories")])),
                                .requirement(requirement("A-1")), .requirement(requirement("A-2")), .requirement(requirement("A-3"))],
                       ASTFormat.dump(Document(blocks: blocks)))
    }

    func testADeeperHeadingIsAChildAndAShallowerOneEndsTheChildren() throws {
        let blocks = try read(storage("A-1", level: 4) + storage("A-2", level: 6) + storage("A-3", level: 5) + storage("A-4", level: 4))
        XCTAssertEqual(blocks, [.requirement(requirement("A-1", children: [requirement("A-2"), requirement("A-3")])),
                                .requirement(requirement("A-4"))],
                       ASTFormat.dump(Document(blocks: blocks)))
    }

    // MARK: - Writing

    /// The finding's shape: an ordinary h5 heading, then a requirement, then one with a child.
    /// Both used to be written at h6 with the child at h6 too, which read back nested wrongly.
    func testRequirementsAfterAnH5HeadingReadBackAsTheSameTree() throws {
        let blocks: [Block] = [.heading(Heading(level: 5, content: [.text("ONB-6: Checklist state API")])),
                               .requirement(requirement("ONB-7")),
                               .requirement(requirement("ONB-3", children: [requirement("ONB-8")])),
                               .requirement(requirement("ONB-5"))]
        let (text, diagnostics) = try write(blocks)
        XCTAssertTrue(text.contains("<h6>ONB-7: Summary of ONB-7</h6>"), text)
        XCTAssertTrue(text.contains("<h5>ONB-3: Summary of ONB-3</h5>"), text)
        XCTAssertTrue(text.contains("<h6>ONB-8: Summary of ONB-8</h6>"), text)
        XCTAssertTrue(text.contains("<h5>ONB-5: Summary of ONB-5</h5>"), "a sibling is never deeper than the requirement before it\n" + text)
        XCTAssertFalse(diagnostics.contains { $0.code == "storage.requirement-depth" })
        let reread = try read(text)
        XCTAssertEqual(reread, blocks, ASTFormat.dump(Document(blocks: reread)))
        XCTAssertEqual(try write(reread).0, text)
    }

    func testSixLevelsFitAndSevenAreWrittenAsSiblingsWithAWarning() throws {
        func chain(_ depth: Int) -> Requirement {
            depth == 1 ? requirement("R-\(depth)") : requirement("R-\(depth)", children: [chain(depth - 1)])
        }
        let six: [Block] = [.heading(Heading(level: 4, content: [.text("Deep")])), .requirement(chain(6))]
        let (sixText, sixDiagnostics) = try write(six)
        XCTAssertTrue(sixText.contains("<h1>R-6: ") && sixText.contains("<h6>R-1: "), sixText)
        XCTAssertEqual(try read(sixText), six)
        XCTAssertFalse(sixDiagnostics.contains { $0.code == "storage.requirement-depth" })

        let (sevenText, sevenDiagnostics) = try write([.requirement(chain(7))])
        XCTAssertTrue(sevenDiagnostics.contains { $0.code == "storage.requirement-depth" }, "\(sevenDiagnostics)")
        // R-2 sits at h6: its child R-1 follows at h6 and reads back as R-2's sibling under R-3.
        let flattened = requirement("R-7", children: [requirement("R-6", children: [requirement("R-5", children: [
            requirement("R-4", children: [requirement("R-3", children: [requirement("R-2"), requirement("R-1")])])])])])
        let reread = try read(sevenText)
        XCTAssertEqual(reread, [.requirement(flattened)], ASTFormat.dump(Document(blocks: reread)))
        XCTAssertEqual(try write(reread).0, sevenText)
    }
}
