// ADF ↔ wiki ↔ Markdown ↔ storage ↔ Word on real fixtures: every source document, written in
// every target format and read back, gives what that format's documented lossiness
// (`FormatDescriptor.normalize`) says it keeps — and every conversion that changes the document
// at all (beyond the same-meaning forms in `SameMeaning`) says so in a diagnostic.

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
                    let (before, after) = (SameMeaning.canonical(document), SameMeaning.canonical(back))
                    if written.diagnostics.isEmpty, after != before {
                        XCTFail("\(label): the conversion changed the document without a diagnostic\n"
                                + firstDifference(JSONWriter.stable.string(before), JSONWriter.stable.string(after)))
                    }
                    checked += 1
                }
            }
        }
        print("CrossFormatTests: \(checked) conversions checked; targets without a normalisation: \(skippedTargets.sorted())")
        XCTAssertGreaterThan(checked, 0)
    }

    /// Compares documents up to differences that do not change what a reader sees, so that any
    /// other difference after a conversion without diagnostics is a silent loss.
    enum SameMeaning {
        static func canonical(_ document: Document) -> JSONValue {
            var copy = document
            copy.metadata.source = nil  // where the document was read from, not what it says
            guard let value = try? JSONParser.parse(Array(ASTFormat.dump(copy).utf8)) else { return .null }
            return canonical(value)
        }

        private static func canonical(_ value: JSONValue) -> JSONValue {
            switch value {
            case .array(let items):
                var result: [JSONValue] = []
                for item in items.map(canonical) {
                    // Blanks at the start of a line after a break are not shown (HTML collapses them).
                    if item["type"]?.stringValue == "text", let text = item["text"]?.stringValue,
                       text.allSatisfy({ $0 == " " || $0 == "\t" }), result.last?["type"]?.stringValue == "lineBreak" { continue }
                    result.append(item)
                }
                return .array(result)
            case .object(var object):
                object.members = object.members.map { JSONObject.Member($0.key, canonical($0.value)) }
                // An emoji's fallback that is just its `:shortName:` says nothing more.
                if object["type"]?.stringValue == "emoji", let short = object["shortName"]?.stringValue,
                   object["fallback"]?.stringValue == ":" + short + ":" {
                    object.members.removeAll { $0.key == "fallback" }
                }
                // A list item (or cell) holding one empty paragraph holds nothing.
                if let blocks = object["blocks"]?.arrayValue, blocks.count == 1, blocks[0]["type"]?.stringValue == "paragraph",
                   blocks[0]["content"]?.arrayValue?.isEmpty == true {
                    object["blocks"] = .array([])
                }
                // Table columns that say nothing (no width, no alignment) are no columns.
                if let columns = object["columns"]?.arrayValue, columns.allSatisfy({ $0.objectValue?.isEmpty == true }) {
                    object["columns"] = nil
                }
                // A link to `#name` is a link to the anchor `name`.
                if object.keys == ["url"], let url = object["url"]?.stringValue, url.hasPrefix("#") {
                    return .object(JSONObject([JSONObject.Member("anchor", .string(String(url.dropFirst())))]))
                }
                return .object(object)
            default:
                return value
            }
        }
    }

    private func firstDifference(_ expected: Document, _ actual: Document) -> String {
        firstDifference(ASTFormat.dump(expected), ASTFormat.dump(actual))
    }

    private func firstDifference(_ expected: String, _ actual: String) -> String {
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = (0..<min(want.count, got.count)).first { want[$0] != got[$0] } ?? min(want.count, got.count)
        let window = { (lines: [Substring]) in lines[max(0, first - 6)..<min(lines.count, first + 6)].joined(separator: "\n") }
        return "--- expected (line \(first + 1))\n\(window(want))\n--- read back\n\(window(got))"
    }
}
