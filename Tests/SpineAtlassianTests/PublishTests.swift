// `publish` end to end: a folder of Markdown becomes a page tree, then re-runs skip unchanged pages.

import Foundation
import XCTest
import SpineCore
import AtlassianTestServer
@testable import SpineAtlassian

final class PublishTests: XCTestCase {
    private func writeDocs(_ directory: TemporaryDirectory) throws {
        func write(_ path: String, _ text: String) throws {
            let url = URL(fileURLWithPath: directory.path + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("overview.md", "---\ntitle: Product overview\nlabels: [prd, q3]\n---\n# Ignored heading\n\nRead [the install guide](guide/install.md) first.\n\n![Architecture](img/arch%20v2.png)\n")
        try write("img/arch v2.png", "PNGDATA")
        try write("guide/index.md", "---\ntitle: Guide\n---\nEverything about running it.\n")
        try write("guide/install.md", "# Install\n\nBack to the [overview](../overview.md#goals) or [elsewhere](https://example.com/x.md).\n")
        try write("guide/advanced/tuning.md", "# Tuning\n\nFast.\n")
    }

    private func publish(_ site: TestSite, _ directory: TemporaryDirectory, dryRun: Bool = false) async throws -> PublishReport {
        let options = PublishOptions(inputs: [directory.path], space: "DOC", parent: "Home", labels: ["spine"], dryRun: dryRun)
        return try await PublishJob(client: site.client, registry: MiniMarkdownFormat.registry, options: options).run()
    }

    func testPublishingAFolderOfMarkdownBuildsThePageTree() async throws {
        let site = try TestSite()
        site.server.addSpace("DOC")
        let home = site.server.addPage(space: "DOC", title: "Home", storage: "<p>home</p>")
        let directory = try TemporaryDirectory()
        try writeDocs(directory)
        let report = try await publish(site, directory)
        XCTAssertEqual(report.steps.map(\.title), ["Product overview", "Guide", "Install", "advanced", "Tuning"])
        XCTAssertEqual(report.steps.map(\.action), [.create, .create, .create, .create, .create])
        XCTAssertEqual(report.attachmentsUploaded, 1)

        let overview = try XCTUnwrap(site.server.page(space: "DOC", title: "Product overview"))
        XCTAssertEqual(overview.parentID, home)
        XCTAssertEqual(overview.labels, ["prd", "q3", "spine"])
        XCTAssertTrue(overview.storage.contains("<ac:link><ri:page ri:content-title=\"Install\" /><ac:plain-text-link-body><![CDATA[the install guide]]></ac:plain-text-link-body></ac:link>"), overview.storage)
        XCTAssertTrue(overview.storage.contains("<ac:image><ri:attachment ri:filename=\"arch v2.png\" /></ac:image>"), overview.storage)
        XCTAssertEqual(site.server.attachments(of: overview.id).map(\.fileName), ["arch v2.png"])
        XCTAssertEqual(site.server.attachments(of: overview.id).first?.data, Array("PNGDATA".utf8))

        let guide = try XCTUnwrap(site.server.page(space: "DOC", title: "Guide"))
        XCTAssertEqual(guide.parentID, home)
        XCTAssertEqual(guide.storage, "<p>Everything about running it.</p>")
        let install = try XCTUnwrap(site.server.page(space: "DOC", title: "Install"))
        XCTAssertEqual(install.parentID, guide.id)
        XCTAssertTrue(install.storage.contains("<ri:page ri:content-title=\"Product overview\" />"), install.storage)
        XCTAssertTrue(install.storage.contains("<a href=\"https://example.com/x.md\">elsewhere</a>"), install.storage)
        let advanced = try XCTUnwrap(site.server.page(space: "DOC", title: "advanced"))
        XCTAssertEqual(advanced.parentID, guide.id)
        XCTAssertTrue(advanced.storage.contains("ac:name=\"children\""))
        XCTAssertEqual(site.server.page(space: "DOC", title: "Tuning")?.parentID, advanced.id)
    }

    func testRepublishSkipsUnchangedPagesAndUpdatesChangedOnes() async throws {
        let site = try TestSite()
        site.server.addSpace("DOC")
        site.server.addPage(space: "DOC", title: "Home", storage: "<p>home</p>")
        let directory = try TemporaryDirectory()
        try writeDocs(directory)
        _ = try await publish(site, directory)

        site.server.resetRequestLog()
        let again = try await publish(site, directory)
        XCTAssertEqual(again.steps.map(\.action), [.unchanged, .unchanged, .unchanged, .unchanged, .unchanged])
        XCTAssertFalse(site.server.requests.contains { !$0.hasPrefix("GET ") }, "\(site.server.requests.filter { !$0.hasPrefix("GET ") })")

        try Data("# Install\n\nNow with more steps.\n".utf8).write(to: URL(fileURLWithPath: directory.path + "/guide/install.md"))
        let third = try await publish(site, directory)
        XCTAssertEqual(third.steps.map(\.action), [.unchanged, .unchanged, .update, .unchanged, .unchanged])
        let install = try XCTUnwrap(site.server.page(space: "DOC", title: "Install"))
        XCTAssertEqual(install.version, 2)
        XCTAssertEqual(install.storage, "<h1>Install</h1><p>Now with more steps.</p>")
        XCTAssertEqual(site.server.pages(inSpace: "DOC").count, 6)
    }

    func testDryRunWritesNothingAndATakenTitleIsRefused() async throws {
        let site = try TestSite()
        site.server.addSpace("DOC")
        site.server.addPage(space: "DOC", title: "Home", storage: "<p>home</p>")
        let directory = try TemporaryDirectory()
        try writeDocs(directory)
        site.server.resetRequestLog()
        let plan = try await publish(site, directory, dryRun: true)
        XCTAssertEqual(plan.steps.map(\.action), [.create, .create, .create, .create, .create])
        XCTAssertFalse(site.server.requests.contains { !$0.hasPrefix("GET ") })

        site.server.addPage(space: "DOC", title: "Guide", storage: "<p>someone else's</p>")
        do {
            _ = try await publish(site, directory)
            XCTFail("a same-titled page elsewhere must not be taken over")
        } catch let error as SpineError {
            XCTAssertEqual(error.code, "publish.title-taken")
        }
        XCTAssertEqual(site.server.page(space: "DOC", title: "Guide")?.storage, "<p>someone else's</p>")
    }
}

final class PublishADFAndUserMapTests: XCTestCase {
    func testBodyADFGoesThroughTheV2PagesAPI() async throws {
        let site = try TestSite()
        site.server.addSpace("DOC")
        let directory = try TemporaryDirectory()
        try Data("---\ntitle: Cloud editor page\nlabels: [adf]\n---\n# Hello\n\nPlain text.\n".utf8)
            .write(to: URL(fileURLWithPath: directory.path + "/page.md"))
        var registry = MiniMarkdownFormat.registry
        registry.register(MiniADFFormat.descriptor)
        let options = PublishOptions(inputs: [directory.path + "/page.md"], space: "DOC", body: .adf)
        let report = try await PublishJob(client: site.client, registry: registry, options: options).run()
        XCTAssertEqual(report.steps.map(\.action), [.create])
        XCTAssertTrue(site.server.requests.contains("POST /wiki/api/v2/pages"))
        let page = try XCTUnwrap(site.server.page(space: "DOC", title: "Cloud editor page"))
        let adf = try JSONParser.parse(Array(try XCTUnwrap(page.adf).utf8))
        XCTAssertEqual(adf["content"]?.arrayValue?.first?["type"]?.stringValue, "heading")
        XCTAssertEqual(adf["content"]?.arrayValue?.last?["content"]?.arrayValue?.first?["text"]?.stringValue, "Plain text.")
        XCTAssertEqual(page.labels, ["adf"])

        try Data("---\ntitle: Cloud editor page\nlabels: [adf]\n---\nChanged.\n".utf8).write(to: URL(fileURLWithPath: directory.path + "/page.md"))
        let update = try await PublishJob(client: site.client, registry: registry, options: options).run()
        XCTAssertEqual(update.steps.map(\.action), [.update])
        XCTAssertTrue(site.server.requests.contains("PUT /wiki/api/v2/pages/\(page.id)"))
        XCTAssertEqual(site.server.page(page.id)?.version, 2)
    }

    func testUserMapParsesQuotedFieldsHeaderAndComments() throws {
        let csv = "old,accountId\n# a comment\n8a7f808a,557058:alice\n\"bob, the builder\",\"557058:\"\"bob\"\"\"\r\n\n"
        XCTAssertEqual(try UserMap.parse(Array(csv.utf8)), ["8a7f808a": "557058:alice", "bob, the builder": "557058:\"bob\""])
        XCTAssertThrowsError(try UserMap.parse(Array("x,\"open\n".utf8))) { error in
            XCTAssertEqual((error as? SpineError)?.location?.line, 1)
        }
        XCTAssertThrowsError(try UserMap.parse(Array("only-one-field\n".utf8)))
    }
}
