// ADF ↔ wiki ↔ Markdown ↔ storage ↔ Word on real fixtures: every source document, written in
// every target format and read back, gives what that format's documented lossiness
// (`FormatDescriptor.normalize`) says it keeps — and every conversion that loses something
// says so in a diagnostic.

import Foundation
import Spine
import SpineCore
import SpineTestSupport
import XCTest

final class CrossFormatTests: XCTestCase {
    /// Source documents: (folder, input suffix, format to read them with).
    static let sources: [(String, String, String)] = [
        ("jira", ".jira.json", "jira"), ("adf", ".adf.json", "adf"), ("jira-wiki/realistic", ".wiki", "jira-wiki"),
        ("confluence", ".xhtml", "confluence"), ("markdown/golden", ".md", "markdown"),
    ]
    /// Targets with a reader, a writer and a documented lossiness.
    static let targets = ["markdown", "confluence", "adf", "jira-wiki", "docx"]

    func testEveryFixtureSurvivesEveryTargetAsDocumented() throws {
        var checked = 0
        var skippedTargets = Set<String>()
        for (folder, suffix, sourceFormat) in Self.sources {
            let cases = Fixtures.cases(in: folder, inputSuffix: suffix)
            XCTAssertFalse(cases.isEmpty, "no fixtures in \(folder)")
            let reader = try XCTUnwrap(Spine.registry.format(named: sourceFormat)?.reader)
            for fixture in cases {
                let options = ConversionOptions(sourceName: fixture.name)
                let document = try reader.read(try fixture.inputBytes(), options: options).document
                for target in Self.targets {
                    let format = try XCTUnwrap(Spine.registry.format(named: target))
                    guard let normalize = format.normalize, let writer = format.writer, let targetReader = format.reader else {
                        skippedTargets.insert(target)
                        continue
                    }
                    let label = "\(fixture.name) (\(sourceFormat)) → \(target)"
                    let written = try writer.write(document, options: options)
                    let back = try targetReader.read(written.bytes, options: options).document
                    let expected = normalize(document)
                    let actual = normalize(back)
                    if actual != expected {
                        XCTFail("\(label): read back differs from the documented lossiness\n" + firstDifference(expected, actual))
                    }
                    checked += 1
                }
            }
        }
        print("CrossFormatTests: \(checked) conversions checked; targets without a normalisation: \(skippedTargets.sorted())")
        XCTAssertGreaterThan(checked, 0)
    }

    private func firstDifference(_ expected: Document, _ actual: Document) -> String {
        let want = ASTFormat.dump(expected).split(separator: "\n", omittingEmptySubsequences: false)
        let got = ASTFormat.dump(actual).split(separator: "\n", omittingEmptySubsequences: false)
        let first = (0..<min(want.count, got.count)).first { want[$0] != got[$0] } ?? min(want.count, got.count)
        let window = { (lines: [Substring]) in lines[max(0, first - 6)..<min(lines.count, first + 6)].joined(separator: "\n") }
        return "--- expected (line \(first + 1))\n\(window(want))\n--- read back\n\(window(got))"
    }
}
