// `prd` end to end (page, comment, remote link, idempotent re-run) and the automation rule's escaping.

import Foundation
import XCTest
import SpineCore
import AtlassianTestServer
@testable import SpineAtlassian

final class PRDTests: XCTestCase {
    private func seed(_ server: AtlassianTestServer) -> Int {
        server.addIssue(project: "REQ", fields: [
            "summary": "Checkout \"revamp\"", "issuetype": ["name": "Epic"], "status": ["name": "In Progress"],
            "description": ["type": "doc", "version": 1, "content": [["type": "paragraph", "content": [["type": "text", "text": "Make checkout fast."]]]]],
        ])
        for index in 1...3 {
            server.addIssue(project: "REQ", fields: ["summary": .string("Story \(index)"), "issuetype": ["name": "Story"], "parent": ["key": "REQ-1"]])
        }
        server.addSpace("PRD")
        return server.addPage(space: "PRD", title: "Product", storage: "<p>all PRDs</p>")
    }

    func testPRDCreatesThePageCommentsAndLinksBothWays() async throws {
        let site = try TestSite()
        let parent = seed(site.server)
        let options = PRDOptions(epic: "REQ-1", space: "PRD", parent: String(parent), jiraServerID: "abc-123", jiraServerName: "Jira")
        let report = try await PRDJob(client: site.client, registry: MiniStorageFormat.registry, options: options).run()
        XCTAssertEqual(report.action, .create)
        XCTAssertEqual(report.issues, 3)
        XCTAssertTrue(report.commented)
        XCTAssertTrue(report.remoteLinked)
        XCTAssertEqual(report.title, "PRD: Checkout \"revamp\" (REQ-1)")
        XCTAssertEqual(report.diagnostics.map(\.diagnostic.code), ["prd.description-raw"], "no adf reader in the test registry")

        let page = try XCTUnwrap(site.server.page(space: "PRD", title: report.title))
        XCTAssertEqual(page.parentID, parent)
        XCTAssertEqual(page.labels, ["prd", "spine"])
        XCTAssertTrue(page.storage.contains("<ac:parameter ac:name=\"jqlQuery\">parent = REQ-1 ORDER BY rank</ac:parameter>"), page.storage)
        XCTAssertTrue(page.storage.contains("<ac:parameter ac:name=\"serverId\">abc-123</ac:parameter>"), page.storage)
        XCTAssertTrue(page.storage.contains("Make checkout fast."), "the raw ADF description is kept on the page")

        let epic = try XCTUnwrap(site.server.issue("REQ-1"))
        let url = site.client.site.pageURL(id: String(page.id))
        XCTAssertEqual(epic.comments.count, 1)
        XCTAssertEqual(epic.comments.first?["body"]?["content"]?.arrayValue?.first?["content"]?.arrayValue?.last?["marks"]?.arrayValue?.first?["attrs"]?["href"]?.stringValue, url)
        XCTAssertEqual(epic.remoteLinks.count, 1)
        XCTAssertEqual(epic.remoteLinks.first?["globalId"]?.stringValue, "spine:confluence:\(page.id)")
        XCTAssertEqual(epic.remoteLinks.first?["object"]?["url"]?.stringValue, url)
        XCTAssertEqual(epic.remoteLinks.first?["application"]?["type"]?.stringValue, "com.atlassian.confluence")

        // Running it again changes nothing and adds nothing.
        let again = try await PRDJob(client: site.client, registry: MiniStorageFormat.registry, options: options).run()
        XCTAssertEqual(again.action, .unchanged)
        XCTAssertFalse(again.commented)
        XCTAssertEqual(site.server.issue("REQ-1")?.comments.count, 1)
        XCTAssertEqual(site.server.issue("REQ-1")?.remoteLinks.count, 1)
        XCTAssertEqual(site.server.page(page.id)?.version, 1)
        XCTAssertFalse(site.log.lines.joined().contains(testToken))
    }

    func testJobErrorsNameTheProblemWithoutTheToken() async throws {
        let site = try TestSite()
        site.server.addSpace("PRD")
        do {
            _ = try await PRDJob(client: site.client, registry: MiniStorageFormat.registry,
                                 options: PRDOptions(epic: "NOPE-1", space: "PRD")).run()
            XCTFail("a missing epic must fail")
        } catch {
            XCTAssertEqual(error.code, "rest.http-404")
            XCTAssertTrue(error.message.contains("/rest/api/3/issue/NOPE-1"), error.message)
            XCTAssertFalse(error.description.contains(testToken))
        }
    }

    func testAutomationRuleIsValidJSONAtEveryLevelOfEscaping() throws {
        let text = AutomationRule.json(space: "PRD", parent: "4242", jiraServerID: "abc-123")
        let rule = try JSONParser.parse(text)
        let components = try XCTUnwrap(rule["rules"]?.arrayValue?.first?["components"]?.arrayValue)
        XCTAssertEqual(rule["rules"]?.arrayValue?.first?["trigger"]?["type"]?.stringValue, "jira.issue.event.trigger:created")
        XCTAssertEqual(components.map { $0["type"]?.stringValue ?? "" }, ["jira.issue.condition", "jira.issue.outgoing.webhook", "jira.issue.comment"])
        let request = components[1]["value"]
        XCTAssertEqual(request?["url"]?.stringValue, AutomationRule.sitePlaceholder + "/wiki/rest/api/content")
        XCTAssertEqual(request?["headers"]?.arrayValue?.first?["value"]?.stringValue, "Basic " + AutomationRule.credentialsPlaceholder)
        let customBody = try XCTUnwrap(request?["customBody"]?.stringValue)
        XCTAssertTrue(customBody.contains("{{issue.summary.jsonEncode}}"))

        // Simulate Jira: substitute the smart values the way their encoders would, then the body must parse.
        let summary = #"Say "hi" \ <b>"#
        let substituted = customBody
            .replacingOccurrences(of: "{{issue.summary.jsonEncode}}", with: String(JSONWriter.compact.string(.string(summary)).dropFirst().dropLast()))
            .replacingOccurrences(of: "{{issue.description.htmlEncode.jsonEncode}}", with: "a &lt;b&gt; \\\"c\\\"")
            .replacingOccurrences(of: "{{issue.key}}", with: "REQ-9")
        let body = try JSONParser.parse(substituted)
        XCTAssertEqual(body["title"]?.stringValue, "PRD: \(summary) (REQ-9)")
        XCTAssertEqual(body["space"]?["key"]?.stringValue, "PRD")
        XCTAssertEqual(body["ancestors"]?.arrayValue?.first?["id"]?.stringValue, "4242")
        let storage = try XCTUnwrap(body["body"]?["storage"]?["value"]?.stringValue)
        XCTAssertTrue(storage.contains("<ac:parameter ac:name=\"jqlQuery\">parent = REQ-9 ORDER BY rank</ac:parameter>"), storage)
        XCTAssertTrue(storage.contains("<ac:parameter ac:name=\"serverId\">abc-123</ac:parameter>"))
        XCTAssertNil(StorageWellFormednessProbe.problem(storage), "the page body must be well-formed storage")
    }
}

/// The loopback server's storage check, reachable from the tests.
enum StorageWellFormednessProbe {
    static func problem(_ storage: String) -> String? { StorageWellFormedness.check(storage) }
}
