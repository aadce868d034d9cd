// The jobs with Spine's real converters (`Spine.registry`): Markdown export with front matter,
// migration verified through the real storage reader, publishing through the real Markdown reader.

import Foundation
import XCTest
import Spine
import SpineCore
import AtlassianTestServer
@testable import SpineAtlassian

final class RealFormatsTests: XCTestCase {
    func testMarkdownExportWritesFrontMatterAndRelativeLinks() async throws {
        let site = try TestSite()
        let ids = seedTree(site.server, space: "SPC", count: 30)
        let directory = try TemporaryDirectory()
        let report = try await ExportJob(client: site.client, registry: Spine.registry,
                                         options: ExportOptions(space: "SPC", format: "markdown", outputDirectory: directory.path)).run()
        XCTAssertEqual(report.written, 30)
        let page1 = try XCTUnwrap(directory.read("page-0/page-1.md"))
        XCTAssertTrue(page1.hasPrefix("---\ntitle: \"Page 1\"\nspace: \"SPC\"\nparent: \"Page 0\"\nparent_id: \"\(ids[0])\"\n"), page1)
        XCTAssertTrue(page1.contains("source_id: \"\(ids[1])\""), page1)
        XCTAssertTrue(page1.contains("source_version: 1"), page1)
        XCTAssertTrue(page1.contains("](page-1/page-8.md)"), page1)
        XCTAssertTrue(page1.contains("](\(site.server.baseURL)/wiki/display/OTHER/Elsewhere)"), page1)
        let page0 = try XCTUnwrap(directory.read("page-0.md"))
        XCTAssertTrue(page0.contains("labels:\n  - \"spec\""), page0)
        XCTAssertTrue(page0.contains("(page-0.attachments/diagram%200.png)"), page0)
    }

    func testMigrationVerifiedThroughTheRealStorageReaderHasNoDifferences() async throws {
        let site = try TestSite()
        site.server.addSpace("SRC")
        site.server.addSpace("TGT")
        site.server.addPage(space: "SRC", title: "Outside", storage: "<p>not moved</p>")
        let root = site.server.addPage(space: "SRC", title: "Root", storage: "<h1>Spec</h1><p>See <ac:link><ri:page ri:content-title=\"Child\" /></ac:link> and <ac:link><ri:page ri:content-title=\"Outside\" /></ac:link>.</p>")
        site.server.addPage(space: "SRC", title: "Child", parent: root,
                            storage: "<ul><li><p>back to <ac:link><ri:page ri:space-key=\"SRC\" ri:content-title=\"Root\" /></ac:link></p></li></ul><ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">swift</ac:parameter><ac:plain-text-body><![CDATA[let x = 1 < 2]]></ac:plain-text-body></ac:structured-macro>")
        let report = try await MigrateJob(source: site.client, registry: Spine.registry,
                                          options: MigrateOptions(sourceSpace: "SRC", targetSpace: "TGT", rootPageID: String(root))).run()
        XCTAssertEqual(report.created, 2)
        XCTAssertEqual(report.differences, [])
        XCTAssertTrue(site.server.page(space: "TGT", title: "Root")?.storage.contains("ri:content-title=\"Outside\" ri:space-key=\"SRC\"") == true)
    }

    func testPublishingMarkdownThroughTheRealReaderAndWriter() async throws {
        let site = try TestSite()
        site.server.addSpace("DOC")
        let directory = try TemporaryDirectory()
        func write(_ path: String, _ text: String) throws {
            let url = URL(fileURLWithPath: directory.path + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("overview.md", "---\ntitle: Product overview\nlabels: [prd]\n---\n\nRead [the install guide](guide/install.md).\n\n![Architecture](img/arch.png)\n\n- [ ] a task\n")
        try write("img/arch.png", "PNGDATA")
        try write("guide/install.md", "# Install\n\n```swift\nlet x = 1\n```\n\nBack to the [overview](../overview.md).\n")
        let report = try await PublishJob(client: site.client, registry: Spine.registry,
                                          options: PublishOptions(inputs: [directory.path], space: "DOC")).run()
        XCTAssertEqual(report.steps.map(\.title), ["Product overview", "guide", "Install"])
        let overview = try XCTUnwrap(site.server.page(space: "DOC", title: "Product overview"))
        XCTAssertTrue(overview.storage.contains("ri:content-title=\"Install\""), overview.storage)
        XCTAssertTrue(overview.storage.contains("ri:filename=\"arch.png\""), overview.storage)
        XCTAssertEqual(overview.labels, ["prd"])
        XCTAssertEqual(site.server.attachments(of: overview.id).map(\.fileName), ["arch.png"])
        let install = try XCTUnwrap(site.server.page(space: "DOC", title: "Install"))
        XCTAssertTrue(install.storage.contains("ac:name=\"code\""), install.storage)
        XCTAssertTrue(install.storage.contains("ri:content-title=\"Product overview\""), install.storage)
        let again = try await PublishJob(client: site.client, registry: Spine.registry,
                                         options: PublishOptions(inputs: [directory.path], space: "DOC")).run()
        XCTAssertEqual(again.steps.map(\.action), [.unchanged, .unchanged, .unchanged])
    }
}

final class ExportPublishRoundTripTests: XCTestCase {
    func testAnExportedSpacePublishesBackAsTheSameTree() async throws {
        let site = try TestSite()
        seedTree(site.server, space: "SPC", count: 30)
        site.server.addSpace("DOC")
        let directory = try TemporaryDirectory()
        _ = try await ExportJob(client: site.client, registry: Spine.registry,
                                options: ExportOptions(space: "SPC", format: "markdown", outputDirectory: directory.path)).run()
        let report = try await PublishJob(client: site.client, registry: Spine.registry,
                                          options: PublishOptions(inputs: [directory.path], space: "DOC")).run()
        XCTAssertEqual(report.steps.count, 30)
        XCTAssertEqual(report.attachmentsUploaded, 6)
        func shape(_ space: String) -> [String: String] {
            let pages = site.server.pages(inSpace: space)
            let titles = Dictionary(uniqueKeysWithValues: pages.map { ($0.id, $0.title) })
            return Dictionary(uniqueKeysWithValues: pages.map { ($0.title, $0.parentID.flatMap { titles[$0] } ?? "-") })
        }
        XCTAssertEqual(shape("DOC"), shape("SPC"), "same titles under the same parents")
        let page1 = try XCTUnwrap(site.server.page(space: "DOC", title: "Page 1"))
        XCTAssertTrue(page1.storage.contains("ri:content-title=\"Page 8\""), page1.storage)
        let page5 = try XCTUnwrap(site.server.page(space: "DOC", title: "Page 5"))
        XCTAssertEqual(site.server.attachments(of: page5.id).map(\.fileName), ["diagram 5.png"])
        XCTAssertTrue(page5.storage.contains("ri:filename=\"diagram 5.png\""), page5.storage)
    }
}

final class PRDWithCollateTests: XCTestCase {
    func testPRDUsesTheCollatePRDTemplateWhenAJiraReaderIsRegistered() async throws {
        let site = try TestSite()
        site.server.addIssue(project: "REQ", fields: [
            "summary": "Checkout revamp", "issuetype": ["name": "Epic"], "status": ["name": "In Progress", "statusCategory": ["key": "indeterminate"]],
            "description": ["type": "doc", "version": 1, "content": [["type": "paragraph", "content": [["type": "text", "text": "Make checkout fast."]]]]],
        ])
        for index in 1...3 {
            site.server.addIssue(project: "REQ", fields: ["summary": .string("Story \(index)"), "issuetype": ["name": "Story"],
                                                          "status": ["name": "To Do", "statusCategory": ["key": "new"]], "parent": ["key": "REQ-1"]])
        }
        site.server.addSpace("PRD")
        let parent = site.server.addPage(space: "PRD", title: "Product", storage: "<p>all PRDs</p>")
        let report = try await PRDJob(client: site.client, registry: Spine.registry,
                                      options: PRDOptions(epic: "REQ-1", space: "PRD", parent: String(parent), jiraServerID: "abc-123")).run()
        XCTAssertEqual(report.action, .create)
        XCTAssertEqual(report.issues, 3)
        let page = try XCTUnwrap(site.server.page(space: "PRD", title: "PRD: Checkout revamp (REQ-1)"))
        XCTAssertEqual(page.parentID, parent)
        XCTAssertTrue(page.storage.contains("ac:name=\"jira\""), page.storage)
        XCTAssertTrue(page.storage.contains("parent = REQ-1"), page.storage)
        XCTAssertTrue(page.storage.contains("abc-123"), page.storage)
        XCTAssertTrue(page.storage.contains("Story 2"), page.storage)
        XCTAssertTrue(page.storage.contains("Make checkout fast."), page.storage)
        XCTAssertEqual(site.server.issue("REQ-1")?.comments.count, 1)
        XCTAssertEqual(site.server.issue("REQ-1")?.remoteLinks.count, 1)
    }
}
