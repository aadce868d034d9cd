// Golden files: each project's v3 search response collated to Markdown (`<project>.md`) and
// Confluence storage (`<project>.xhtml`), compared byte for byte. SPINE_RECORD=1 rewrites them and fails.

import Foundation
import Spine
import SpineCollate
import SpineCore
import SpineTestSupport
import XCTest

final class GoldenTests: XCTestCase {
    private let site = "https://example.atlassian.net"

    func testCollatedProjectsMatchTheirGoldenFiles() throws {
        let cases = Fixtures.cases(in: "collate", inputSuffix: ".v3.json", expectedSuffixes: [".md", ".xhtml"])
        XCTAssertEqual(cases.map(\.name), ["billing", "onboarding", "password-reset"])
        for fixture in cases {
            let read = try Spine.read(try fixture.inputBytes(), from: "jira", options: ConversionOptions(siteURL: site))
            let collation = try Collator(options: CollateOptions(siteURL: site)).collate(Collator.requirements(in: read.document))
            for (suffix, format) in [(".md", "markdown"), (".xhtml", "confluence")] {
                let written = try Spine.write(collation.document, to: format, options: ConversionOptions(siteURL: site))
                let actual = String(decoding: written.bytes, as: UTF8.self)
                let url = fixture.input.deletingLastPathComponent().appendingPathComponent(fixture.name + suffix)
                if Fixtures.isRecording {
                    try Fixtures.record(actual, to: url)
                    XCTFail("recorded \(url.lastPathComponent); review the diff and run again without SPINE_RECORD")
                    continue
                }
                let expected = try XCTUnwrap(try fixture.expectedText(suffix), "missing \(fixture.name + suffix)")
                XCTAssertEqual(actual, expected, "\(fixture.name)\(suffix) differs; SPINE_RECORD=1 rewrites it")
            }
        }
    }
}
