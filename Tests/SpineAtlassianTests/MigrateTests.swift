// `migrate` end to end: hierarchy, order, labels, attachments, rewrites, idempotence, verification.

import Foundation
import XCTest
import SpineCore
import AtlassianTestServer
@testable import SpineAtlassian

final class MigrateTests: XCTestCase {
    /// SRC: "Outside" (not moved) and the tree under "Spec root" (1 + 4 children + 12 grandchildren).
    private func seed(_ server: AtlassianTestServer) -> (root: Int, targetParent: Int, tree: [Int]) {
        server.addSpace("SRC")
        server.addSpace("TGT")
        server.addPage(space: "SRC", title: "Outside", storage: "<p>not moved</p>")
        let root = server.addPage(space: "SRC", title: "Spec root", storage: "<p>root</p>", labels: ["spec"])
        var tree = [root]
        for child in 0..<4 {
            // Created in reverse title order so that sibling order is not alphabetical.
            let childID = server.addPage(space: "SRC", title: "Chapter \(4 - child)", parent: root,
                                         storage: body(index: child, rootID: root), labels: child % 2 == 0 ? ["chapter", "v1"] : [])
            tree.append(childID)
            server.addAttachment(page: childID, fileName: "figure \(child).png", mediaType: "image/png", data: Array("fig\(child)".utf8))
            for grandchild in 0..<3 {
                tree.append(server.addPage(space: "SRC", title: "Section \(4 - child).\(grandchild + 1)", parent: childID,
                                           storage: "<p>Back to <ac:link><ri:page ri:content-title=\"Chapter \(4 - child)\" /></ac:link></p>"))
            }
        }
        let targetParent = server.addPage(space: "TGT", title: "Imported", storage: "<p>imports</p>")
        return (root, targetParent, tree)
    }

    private func body(index: Int, rootID: Int) -> String {
        "<p>See <ac:link><ri:page ri:content-title=\"Section \(4 - index).1\" /></ac:link>, "
            + "<ac:link><ri:page ri:space-key=\"SRC\" ri:content-title=\"Spec root\" /></ac:link>, "
            + "<ac:link><ri:page ri:content-title=\"Outside\" /></ac:link> and "
            + "<ac:link><ri:page ri:space-key=\"OTHER\" ri:content-title=\"Far\" /></ac:link>; "
            + "owner <ac:link><ri:user ri:userkey=\"8a7f808a\" /></ac:link>, reviewer <ac:link><ri:user ri:username=\"bob\" /></ac:link>.</p>"
            + "<p><ac:image><ri:attachment ri:filename=\"figure \(index).png\" /></ac:image></p>"
            + "<ac:structured-macro ac:name=\"jira\"><ac:parameter ac:name=\"server\">Old Jira</ac:parameter>"
            + "<ac:parameter ac:name=\"serverId\">1111-aaaa</ac:parameter><ac:parameter ac:name=\"jqlQuery\">project = REQ</ac:parameter></ac:structured-macro>"
            + "<ac:structured-macro ac:name=\"excerpt-include\"><ac:parameter ac:name=\"\"><ac:link><ri:page ri:content-title=\"Spec root\" /></ac:link></ac:parameter></ac:structured-macro>"
            + "<p><ac:link><ri:content-entity ri:content-id=\"\(rootID)\" /></ac:link></p>"
    }

    private func options(root: Int, parent: Int, dryRun: Bool = false) -> MigrateOptions {
        MigrateOptions(sourceSpace: "SRC", targetSpace: "TGT", rootPageID: String(root), targetParentID: String(parent), dryRun: dryRun,
                       jobs: 4, users: ["8a7f808a": "557058:alice"], jiraServerID: "2222-bbbb", jiraServerName: "Cloud Jira")
    }

    func testMigrationCopiesTheTreeRewritesLinksAndVerifiesWithZeroDifferences() async throws {
        let site = try TestSite()
        let (root, targetParent, tree) = seed(site.server)
        let report = try await MigrateJob(source: site.client, registry: MiniStorageFormat.registry,
                                          options: options(root: root, parent: targetParent)).run()
        XCTAssertEqual(report.created, 17)
        XCTAssertEqual(report.differences, [])
        XCTAssertEqual(report.verified, 17)
        XCTAssertEqual(report.attachmentsUploaded, 4)
        XCTAssertEqual(report.unmappedUsers, ["bob"])

        // Hierarchy and sibling order.
        let copyRoot = try XCTUnwrap(site.server.page(space: "TGT", title: "Spec root"))
        XCTAssertEqual(copyRoot.parentID, targetParent)
        XCTAssertEqual(copyRoot.labels, ["spec"])
        XCTAssertEqual(site.server.children(of: copyRoot.id).map(\.title), ["Chapter 4", "Chapter 3", "Chapter 2", "Chapter 1"])
        let chapter4 = try XCTUnwrap(site.server.page(space: "TGT", title: "Chapter 4"))
        XCTAssertEqual(site.server.children(of: chapter4.id).map(\.title), ["Section 4.1", "Section 4.2", "Section 4.3"])
        XCTAssertEqual(chapter4.labels, ["chapter", "v1"])
        XCTAssertEqual(site.server.attachments(of: chapter4.id).map(\.fileName), ["figure 0.png"])
        XCTAssertEqual(site.server.attachments(of: chapter4.id).first?.data, Array("fig0".utf8))
        XCTAssertNil(site.server.page(space: "TGT", title: "Outside"), "pages outside the tree stay where they are")

        // The rewrites, byte for byte.
        let storage = chapter4.storage
        XCTAssertTrue(storage.contains("<ri:page ri:content-title=\"Section 4.1\" />"), storage)
        XCTAssertTrue(storage.contains("<ri:page ri:space-key=\"TGT\" ri:content-title=\"Spec root\" />"), storage)
        XCTAssertTrue(storage.contains("<ri:page ri:content-title=\"Outside\" ri:space-key=\"SRC\" />"), storage)
        XCTAssertTrue(storage.contains("<ri:page ri:space-key=\"OTHER\" ri:content-title=\"Far\" />"), storage)
        XCTAssertTrue(storage.contains("<ri:user ri:account-id=\"557058:alice\" />"), storage)
        XCTAssertTrue(storage.contains("<ri:user ri:username=\"bob\" />"), storage)
        XCTAssertTrue(storage.contains("<ac:parameter ac:name=\"serverId\">2222-bbbb</ac:parameter>"), storage)
        XCTAssertTrue(storage.contains("<ac:parameter ac:name=\"server\">Cloud Jira</ac:parameter>"), storage)
        XCTAssertTrue(storage.contains("<ri:content-entity ri:content-id=\"\(copyRoot.id)\" />"), storage)
        XCTAssertTrue(storage.contains("<ac:parameter ac:name=\"\"><ac:link><ri:page ri:content-title=\"Spec root\" /></ac:link></ac:parameter>"), storage)
        // The source is untouched and every copy carries its source id.
        XCTAssertEqual(site.server.page(tree[1])?.storage, body(index: 0, rootID: root))
        XCTAssertEqual(copyRoot.properties[migrationPropertyKey]?.value["sourceId"]?.stringValue, String(root))
    }

    func testRerunUpdatesAndNeverDuplicates() async throws {
        let site = try TestSite()
        let (root, targetParent, tree) = seed(site.server)
        let job = MigrateJob(source: site.client, registry: MiniStorageFormat.registry, options: options(root: root, parent: targetParent))
        _ = try await job.run()
        let pagesAfterFirst = site.server.pages(inSpace: "TGT").count
        let again = try await job.run()
        XCTAssertEqual(again.created, 0)
        XCTAssertEqual(again.updated, 0)
        XCTAssertEqual(again.unchanged, 17)
        XCTAssertEqual(again.attachmentsUploaded, 0)
        XCTAssertEqual(again.differences, [])
        XCTAssertEqual(site.server.pages(inSpace: "TGT").count, pagesAfterFirst)

        site.server.editPage(tree[5], storage: "<p>changed at the source</p>")
        let third = try await job.run()
        XCTAssertEqual(third.created, 0)
        XCTAssertEqual(third.updated, 1)
        XCTAssertEqual(third.differences, [])
        XCTAssertEqual(site.server.page(space: "TGT", title: site.server.page(tree[5])?.title ?? "")?.storage, "<p>changed at the source</p>")
        XCTAssertEqual(site.server.pages(inSpace: "TGT").count, pagesAfterFirst)
    }

    func testDryRunPlansWithoutWriting() async throws {
        let site = try TestSite()
        let (root, targetParent, _) = seed(site.server)
        site.server.addPage(space: "TGT", title: "Chapter 2", storage: "<p>someone else's page</p>")
        site.server.resetRequestLog()
        let report = try await MigrateJob(source: site.client, registry: MiniStorageFormat.registry,
                                          options: options(root: root, parent: targetParent, dryRun: true)).run()
        XCTAssertEqual(report.plan.count, 17)
        XCTAssertEqual(report.plan.first?.line, "create    Spec root (source \(root))")
        XCTAssertEqual(report.plan[1].line.hasPrefix("create      Chapter 4"), true, report.plan[1].line)
        XCTAssertEqual(report.plan.filter { $0.action == .create }.count, 13)
        // An unmarked page with the same title elsewhere is not adopted: Chapter 2 (and its sections) conflict.
        XCTAssertEqual(report.plan.filter { $0.action == .conflict }.map(\.title), ["Chapter 2", "Section 2.1", "Section 2.2", "Section 2.3"])
        XCTAssertFalse(site.server.requests.contains { !$0.hasPrefix("GET ") }, "a dry run only reads")
    }

    func testAPageMarkedAsAnotherPagesCopyIsAConflictAndLeftAlone() async throws {
        let site = try TestSite()
        let (root, targetParent, _) = seed(site.server)
        let foreign = site.server.addPage(space: "TGT", title: "Chapter 3", storage: "<p>keep me</p>")
        let client = site.client
        try await client.confluence.setProperty(pageID: String(foreign), key: migrationPropertyKey, value: ["sourceId": "42"])
        let report = try await MigrateJob(source: site.client, registry: MiniStorageFormat.registry,
                                          options: options(root: root, parent: targetParent)).run()
        // Chapter 3 and, because they cannot be placed, its sections are not copied.
        XCTAssertEqual(report.plan.filter { $0.action == .conflict }.map(\.title), ["Chapter 3", "Section 3.1", "Section 3.2", "Section 3.3"])
        XCTAssertEqual(report.created, 13)
        XCTAssertEqual(site.server.page(foreign)?.storage, "<p>keep me</p>")
        XCTAssertEqual(site.server.page(foreign)?.version, 1)
        XCTAssertTrue(report.differences.contains { $0.contains("'Chapter 3'") && $0.contains("no copy") }, "\(report.differences)")
        XCTAssertEqual(report.differences.count, 4, "\(report.differences)")
    }

    func testMigrationUnderTwentyPercentFaultsCompletesWithoutDuplicates() async throws {
        let site = try TestSite()
        let (root, targetParent, _) = seed(site.server)
        site.server.setFaults(FaultPlan(throttleRate: 0.1, retryAfter: "0", serverErrorRate: 0.1, seed: 99))
        let report = try await MigrateJob(source: site.client, registry: MiniStorageFormat.registry,
                                          options: options(root: root, parent: targetParent)).run()
        XCTAssertEqual(report.created, 17)
        XCTAssertEqual(report.differences, [])
        XCTAssertGreaterThan(site.server.injectedFaults, 5)
        XCTAssertEqual(site.server.pages(inSpace: "TGT").count, 18)
        XCTAssertEqual(Set(site.server.pages(inSpace: "TGT").map(\.title)).count, 18)
    }
}
