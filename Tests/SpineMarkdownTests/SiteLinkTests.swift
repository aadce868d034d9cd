// Jira issue links with a site (`ConversionOptions.siteURL`): written as `<site>/browse/KEY`
// links that work on GitHub, and read back as issue links; without a site, `jira-issue:KEY`.

import SpineCore
import SpineMarkdown
import XCTest

final class SiteLinkTests: XCTestCase {
    let site = ConversionOptions(siteURL: "https://example.atlassian.net/")
    let noSite = ConversionOptions()
    let document = Document(blocks: [.paragraph([
        .link(Link(target: .issue("PW-1"), content: [.text("PW-1")])), .text(" and "),
        .link(Link(target: .issue("lower-1"), content: [.text("odd key")])),
    ])])

    func write(_ document: Document, _ options: ConversionOptions) throws -> String {
        String(decoding: try MarkdownWriter().write(document, options: options).bytes, as: UTF8.self)
    }

    func read(_ text: String, _ options: ConversionOptions) throws -> Document {
        try MarkdownReader().read(Array(text.utf8), options: options).document
    }

    func testIssueLinksGoToTheSiteAndReadBack() throws {
        let written = try write(document, site)
        // keys that are not Jira-shaped keep the pseudo-scheme, so they still read back
        XCTAssertEqual(written, "[PW-1](https://example.atlassian.net/browse/PW-1) and [odd key](jira-issue:lower-1)\n")
        XCTAssertEqual(try read(written, site), document)
        XCTAssertEqual(try write(try read(written, site), site), written)
    }

    func testWithoutASiteTheBehaviourIsUnchanged() throws {
        let written = try write(document, noSite)
        XCTAssertEqual(written, "[PW-1](jira-issue:PW-1) and [odd key](jira-issue:lower-1)\n")
        XCTAssertEqual(try read(written, noSite), document)
        // a browse URL read without a site is an ordinary link
        let browse = try read("[PW-1](https://example.atlassian.net/browse/PW-1)", noSite)
        XCTAssertEqual(browse.blocks, [.paragraph([.link(Link(target: .url("https://example.atlassian.net/browse/PW-1"), content: [.text("PW-1")]))])])
    }

    func testOnlyIssueShapedBrowseLinksOfTheSameSiteAreIssues() throws {
        let text = "<https://example.atlassian.net/browse/PW-7> [b](https://example.atlassian.net/browse/PW) [c](https://other.example/browse/PW-7)"
        guard case .paragraph(let inlines)? = try read(text, site).blocks.first else { return XCTFail("no paragraph") }
        let targets = inlines.compactMap { inline -> LinkTarget? in
            if case .link(let link) = inline { return link.target } else { return nil }
        }
        XCTAssertEqual(targets, [.issue("PW-7"), .url("https://example.atlassian.net/browse/PW"), .url("https://other.example/browse/PW-7")])
    }
}
