// Runs the spec-style examples in Fixtures/jira-wiki/*.spec: input → AST dump, then
// AST → wiki (optionally compared) → AST again, which must be equal unless marked lossy.

import Foundation
import SpineCore
import SpineJiraWiki
import SpineTestSupport
import XCTest

final class WikiSpecTests: XCTestCase {
    /// Every example in every spec file.
    func testSpecExamples() throws {
        let files = Fixtures.cases(in: "jira-wiki", inputSuffix: ".spec")
        XCTAssertFalse(files.isEmpty, "no spec files found")
        var total = 0
        for file in files {
            let text = try String(contentsOf: file.input, encoding: .utf8)
            let examples = SpecFile.parse(text)
            XCTAssertFalse(examples.isEmpty, "\(file.name): no examples")
            var recorded = text
            var outcomes: [(SpecExample, String, String)] = []
            for example in examples {
                total += 1
                let outcome = check(example, file: file.name)
                outcomes.append((example, outcome.actualAST, outcome.actualWiki))
            }
            // Later examples first, so earlier line numbers stay valid while recording.
            for (example, ast, wiki) in outcomes.reversed() where Fixtures.isRecording {
                if let old = example.wiki {
                    recorded = SpecFile.replace(in: recorded, example: example, section: "wiki", old: old, new: wiki)
                }
                recorded = SpecFile.replace(in: recorded, example: example, section: "ast", old: example.ast, new: ast)
            }
            if Fixtures.isRecording, recorded != text {
                try Fixtures.record(recorded, to: file.input)
                XCTFail("\(file.name): expectations re-recorded; review the diff")
            }
        }
        XCTAssertGreaterThan(total, 100, "expected the spec files to hold many examples")
    }

    /// Checks one example and returns what the code produced (for recording).
    private func check(_ example: SpecExample, file: String) -> (actualAST: String, actualWiki: String) {
        let reader = JiraWikiReader()
        let writer = JiraWikiWriter()
        let location = "\(file).spec:\(example.line) [\(example.name)]"
        let read = reader.blocks(from: example.input)
        let blocks = read.document.blocks
        let dump = SpecFile.dump(blocks)
        XCTAssertEqual(dump, example.ast, "\(location): AST differs")
        for code in example.expectedCodes {
            XCTAssertTrue(read.diagnostics.contains { $0.code == code }, "\(location): reader diagnostic \(code) missing: \(read.diagnostics)")
        }
        let written = writer.text(for: blocks)
        let wiki = written.text.isEmpty ? "" : written.text + "\n"
        if let expected = example.wiki {
            XCTAssertEqual(wiki, expected, "\(location): written wiki differs")
        }
        let again = reader.blocks(from: written.text).document.blocks
        if example.lossy {
            XCTAssertFalse(written.diagnostics.isEmpty, "\(location): marked lossy but the writer reported nothing")
        } else {
            XCTAssertEqual(again, blocks, "\(location): round trip changed the AST\nwiki:\n\(written.text)\nback:\n\(SpecFile.dump(again))")
        }
        return (dump, wiki)
    }
}

/// One example of a spec file.
struct SpecExample {
    var name: String
    var line: Int
    var input: String
    var ast: String
    var wiki: String?
    var lossy: Bool
    /// Reader diagnostic codes the example expects (`%%% example: name [lossy] {code,code}`).
    var expectedCodes: [String]
}

/// The spec file format: `%%% example: name [lossy]`, input lines, `%%% ast`, one compact
/// JSON block per line, optionally `%%% wiki` and the expected writer output, `%%% end`.
enum SpecFile {
    static func parse(_ text: String) -> [SpecExample] {
        var examples: [SpecExample] = []
        var current: SpecExample?
        var section = ""
        var buffer = ""
        func finishSection() {
            switch section {
            case "input": current?.input = String(buffer.dropLast(buffer.hasSuffix("\n") ? 1 : 0))
            case "ast": current?.ast = buffer
            case "wiki": current?.wiki = buffer
            default: break
            }
            buffer = ""
        }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("%%% example: ") {
                var header = String(line.dropFirst("%%% example: ".count))
                var codes: [String] = []
                if let open = header.firstIndex(of: "{"), header.hasSuffix("}") {
                    codes = header[header.index(after: open)..<header.index(before: header.endIndex)]
                        .split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                    header = String(header[..<open]).trimmingCharacters(in: .whitespaces)
                }
                let lossy = header.hasSuffix("[lossy]")
                if lossy { header = String(header.dropLast("[lossy]".count)).trimmingCharacters(in: .whitespaces) }
                current = SpecExample(name: header, line: number + 1, input: "", ast: "", wiki: nil, lossy: lossy, expectedCodes: codes)
                section = "input"
                buffer = ""
            } else if line == "%%% ast" || line == "%%% wiki" {
                finishSection()
                section = String(line.dropFirst(4))
            } else if line == "%%% end" {
                finishSection()
                if let example = current { examples.append(example) }
                current = nil
                section = ""
            } else if current != nil {
                buffer += line + "\n"
            }
        }
        return examples
    }

    /// Replaces the first `section` body equal to `old` after the example's header line.
    static func replace(in text: String, example: SpecExample, section: String, old: String, new: String) -> String {
        guard old != new else { return text }
        var lines = text.components(separatedBy: "\n")
        var index = example.line
        while index < lines.count, lines[index] != "%%% " + section { index += 1 }
        guard index < lines.count else { return text }
        var end = index + 1
        while end < lines.count, !lines[end].hasPrefix("%%% ") { end += 1 }
        var replacement = new.components(separatedBy: "\n")
        if replacement.last == "" { replacement.removeLast() }
        lines.replaceSubrange((index + 1)..<end, with: replacement)
        return lines.joined(separator: "\n")
    }

    /// One compact JSON line per block, keys sorted.
    static func dump(_ blocks: [Block]) -> String {
        let writer = JSONWriter(indent: nil, sortKeys: true)
        return blocks.map { writer.string(ASTEncoder.encode($0)) + "\n" }.joined()
    }
}
