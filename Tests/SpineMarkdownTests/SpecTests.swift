// Runs every CommonMark 0.31.2 example and the GFM extension examples through reader + HTML writer.

import SpineCore
import SpineMarkdown
import XCTest

final class SpecTests: XCTestCase {
    func testCommonMarkSpec() throws {
        let examples = try Spec.commonMark()
        XCTAssertEqual(examples.count, 652)
        var failures: [String] = []
        for example in examples {
            let html = try Spec.render(example.markdown, settings: ["markdown.autolinks": "false", "markdown.front-matter": "false"])
            if Spec.normalize(html) != Spec.normalize(example.html) {
                failures.append("example \(example.number) (\(example.section)):\n\(example.markdown)--- expected\n\(example.html)--- got\n\(html)")
            }
        }
        print("CommonMark 0.31.2: \(examples.count - failures.count)/\(examples.count) examples pass")
        XCTAssertTrue(failures.isEmpty, "\(failures.count) failing:\n" + failures.prefix(40).joined(separator: "\n"))
    }

    func testGFMExtensionExamples() throws {
        let examples = try Spec.gfm().filter { !$0.extensionName.isEmpty }
        XCTAssertEqual(examples.count, 24)
        var failures: [String] = []
        for example in examples {
            var settings = ["markdown.front-matter": "false"]
            if example.extensionName == "tagfilter" { settings["html.tagfilter"] = "true" }
            let html = try Spec.render(example.markdown, settings: settings)
            if Spec.normalize(html) != Spec.normalize(example.html) {
                failures.append("example \(example.number) [\(example.extensionName)]:\n\(example.markdown)--- expected\n\(example.html)--- got\n\(html)")
            }
        }
        print("GFM 0.29 extensions: \(examples.count - failures.count)/\(examples.count) examples pass")
        XCTAssertTrue(failures.isEmpty, "\(failures.count) failing:\n" + failures.joined(separator: "\n"))
    }
}
