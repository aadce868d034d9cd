// The REST client against the loopback server: auth, HTTPS rule, paging, retries, budget, redaction.

import Foundation
import XCTest
import SpineCore
import AtlassianTestServer
@testable import SpineAtlassian

final class ClientTests: XCTestCase {
    // MARK: - Site and credentials

    func testCredentialsComeFromTheEnvironment() throws {
        let cloud = try AtlassianSite.resolve(environment: ["ATLASSIAN_SITE": "https://acme.atlassian.net/",
                                                            "ATLASSIAN_EMAIL": "ada@acme.com", "ATLASSIAN_API_TOKEN": "t0ken"])
        XCTAssertEqual(cloud.credentials, .basic(email: "ada@acme.com", token: "t0ken"))
        XCTAssertEqual(cloud.baseURL, "https://acme.atlassian.net")
        XCTAssertEqual(cloud.wikiPath, "/wiki")
        XCTAssertEqual(cloud.jiraAPIVersion, 3)
        let dc = try AtlassianSite.resolve(environment: ["ATLASSIAN_SITE": "https://wiki.acme.com/confluence", "ATLASSIAN_PAT": "pat-1"])
        XCTAssertEqual(dc.credentials, .bearer(token: "pat-1"))
        XCTAssertEqual(dc.wikiPath, "")
        XCTAssertEqual(dc.jiraAPIVersion, 2)
        XCTAssertEqual(dc.credentials.headerValue, "Bearer pat-1")
        // Flags win over the environment.
        let flagged = try AtlassianSite.resolve(site: "https://x.atlassian.net", email: "e@x", token: "flag-token",
                                                environment: ["ATLASSIAN_API_TOKEN": "env-token", "ATLASSIAN_EMAIL": "env@x"])
        XCTAssertEqual(flagged.credentials, .basic(email: "e@x", token: "flag-token"))
    }

    func testMissingSiteOrCredentialsIsAUsageError() {
        XCTAssertThrowsError(try AtlassianSite.resolve(environment: [:])) { error in
            XCTAssertEqual((error as? SpineError)?.code, "rest.no-site")
        }
        XCTAssertThrowsError(try AtlassianSite.resolve(environment: ["ATLASSIAN_SITE": "https://a.atlassian.net", "ATLASSIAN_EMAIL": "x"])) { error in
            XCTAssertEqual((error as? SpineError)?.code, "rest.no-credentials")
        }
    }

    func testPlainHTTPIsRefusedExceptForLoopback() throws {
        XCTAssertThrowsError(try AtlassianSite(url: "http://acme.atlassian.net", credentials: .none)) { error in
            XCTAssertEqual((error as? SpineError)?.code, "rest.https-required")
        }
        XCTAssertNoThrow(try AtlassianSite(url: "http://127.0.0.1:8080", credentials: .none))
        XCTAssertNoThrow(try AtlassianSite(url: "http://localhost:8080", credentials: .none))
        XCTAssertThrowsError(try AtlassianSite(url: "ftp://example.com", credentials: .none))
    }

    // MARK: - Paging

    func testConfluenceV1PagingFollowsNextLinksToTheEnd() async throws {
        let site = try TestSite()
        seedTree(site.server, space: "SPC", count: 130)
        site.server.maxPageSize = 25
        let pages = try await site.client.confluence.pages(space: "SPC")
        XCTAssertEqual(pages.count, 130)
        XCTAssertEqual(Set(pages.map(\.id)).count, 130)
        XCTAssertEqual(site.server.requests.filter { $0.hasPrefix("GET /wiki/rest/api/content?") }.count, 6)
        XCTAssertEqual(pages.first { $0.title == "Page 6" }?.ancestorIDs.count, 2)
    }

    func testConfluenceV2CursorPagingAndBothBodyFormats() async throws {
        let site = try TestSite()
        seedTree(site.server, space: "SPC", count: 60)
        site.server.maxPageSize = 20
        let v2 = site.client.confluenceV2
        let spaceID = try await v2.spaceID(key: "SPC")
        let pages = try await v2.pages(spaceID: spaceID, body: .storage)
        XCTAssertEqual(pages.count, 60)
        XCTAssertTrue(pages.allSatisfy { $0.body?.contains("<p>Page") == true })
        XCTAssertEqual(site.server.requests.filter { $0.hasPrefix("GET /wiki/api/v2/pages?") }.count, 3)
        let adf = #"{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"Hi"}]}]}"#
        let created = try await v2.createPage(spaceID: spaceID, title: "ADF page", parentID: nil, body: adf, format: .adf)
        let updated = try await v2.updatePage(id: created.id, title: "ADF page", version: created.version + 1,
                                              body: "<p>now storage</p>", format: .storage, message: "switch")
        XCTAssertEqual(updated.version, 2)
        let read = try await v2.page(id: created.id, body: .storage)
        XCTAssertEqual(read.body, "<p>now storage</p>")
        do {
            _ = try await v2.updatePage(id: created.id, title: "ADF page", version: 2, body: "<p>stale</p>", format: .storage)
            XCTFail("a stale version must be refused")
        } catch let error as AtlassianError {
            XCTAssertEqual(error.status, 409)
        }
    }

    func testJiraSearchFollowsTokenAndOffsetPaging() async throws {
        let site = try TestSite()
        site.server.maxPageSize = 10
        for index in 0..<35 {
            site.server.addIssue(project: "REQ", fields: ["summary": .string("Story \(index)"), "issuetype": ["name": "Story"]])
        }
        let v3 = try await site.client.jira.search(jql: "project = REQ ORDER BY key", fields: ["summary"])
        XCTAssertEqual(v3.count, 35)
        XCTAssertEqual(v3.last?["fields"]?["summary"]?.stringValue, "Story 34")
        XCTAssertEqual(site.server.requests.filter { $0.hasPrefix("POST /rest/api/3/search/jql") }.count, 4)

        let dcSite = try AtlassianSite(url: site.server.baseURL, credentials: .basic(email: "ada@example.com", token: testToken),
                                       wikiPath: "/wiki", jiraAPIVersion: 2)
        let dc = AtlassianClient(site: dcSite, retry: TestSite.fastRetry)
        let v2 = try await dc.jira.search(jql: "project = REQ", fields: ["summary"])
        XCTAssertEqual(v2.map { $0["key"]?.stringValue ?? "" }, (1...35).map { "REQ-\($0)" })
        XCTAssertEqual(site.server.requests.filter { $0.hasPrefix("GET /rest/api/2/search?") }.count, 4)
    }

    func testBulkCreateReportsPartialFailures() async throws {
        let site = try TestSite()
        var payloads: [JSONValue] = []
        for index in 0..<60 {
            let summary: JSONValue = index == 55 ? "" : .string("Item \(index)")
            payloads.append(["fields": ["project": ["key": "REQ"], "summary": summary, "issuetype": ["name": "Task"]]])
        }
        let result = try await site.client.jira.createIssues(payloads)
        XCTAssertEqual(result.keys.count, 59)
        XCTAssertEqual(Array(result.failures.keys), [55])
        XCTAssertTrue(result.failures[55]?.contains("summary") == true)
        XCTAssertEqual(site.server.requests.filter { $0 == "POST /rest/api/3/issue/bulk" }.count, 2)
    }

    // MARK: - Retries, budget, errors

    func testRetriesHonourRetryAfterAndThrottleTheSharedBudget() async throws {
        let site = try TestSite()
        let id = site.server.addPage(space: "SPC", title: "One", storage: "<p>x</p>")
        site.server.addSpace("SPC")
        site.server.setFaults(FaultPlan(throttleRate: 1, retryAfter: "0.2", outageAfter: nil, pathFilter: "/content/"))
        let task = Task { try await site.client.confluence.page(id: String(id)) }
        try await Task.sleep(nanoseconds: 300_000_000)
        site.server.setFaults(.none)
        let page = try await task.value
        XCTAssertEqual(page.title, "One")
        let lines = site.log.lines
        XCTAssertTrue(lines.contains { $0.contains("→ 429") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("(Retry-After 0.20)") }, lines.joined(separator: "\n"))
        let statistics = site.client.statistics
        XCTAssertGreaterThan(statistics.throttled, 0)
        let throttles = await site.client.budget.throttleCount
        XCTAssertEqual(throttles, statistics.throttled)
        let rate = await site.client.budget.currentRate
        XCTAssertNotNil(rate, "after a 429 the budget must limit the rate")
    }

    func testBudgetRecoversAfterThrottling() async {
        let budget = RequestBudget(rate: 50)
        await budget.throttled(retryAfter: nil)
        let lowered = await budget.currentRate ?? 0
        XCTAssertLessThan(lowered, 50)
        for _ in 0..<200 { await budget.succeeded() }
        let recovered = await budget.currentRate
        XCTAssertEqual(recovered, 50, "recovery stops at the --rate ceiling")
    }

    func testAttemptsAreBoundedAndTheErrorSaysWhatFailed() async throws {
        let site = try TestSite(retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, jitter: 0...0.001))
        site.server.addSpace("SPC")
        let id = site.server.addPage(space: "SPC", title: "One", storage: "<p>x</p>")
        site.server.setFaults(FaultPlan(serverErrorRate: 1))
        do {
            _ = try await site.client.confluence.page(id: String(id))
            XCTFail("expected a failure")
        } catch let error as AtlassianError {
            XCTAssertTrue(error.status == 500 || error.status == 503)
            XCTAssertTrue(error.message.contains("/wiki/rest/api/content/\(id)"), error.message)
        }
        XCTAssertEqual(site.server.requests.count, 3)
    }

    func testDroppedConnectionsAndTimeoutsAreRetried() async throws {
        let site = try TestSite(timeout: 0.5)
        site.server.addSpace("SPC")
        let id = site.server.addPage(space: "SPC", title: "One", storage: "<p>x</p>")
        site.server.setFaults(FaultPlan(dropRate: 0.5, slowRate: 0.3, slowDelay: 1.0, seed: 7))
        for _ in 0..<6 {
            let page = try await site.client.confluence.page(id: String(id))
            XCTAssertEqual(page.title, "One")
        }
        XCTAssertGreaterThan(site.server.injectedFaults, 0)
        XCTAssertGreaterThan(site.client.statistics.retries, 0)
    }

    func testConflictAndMalformedStorageAreReportedLikeConfluence() async throws {
        let site = try TestSite()
        site.server.addSpace("SPC")
        let page = try await site.client.confluence.createPage(space: "SPC", title: "T", parentID: nil, storage: "<p>ok</p>")
        do {
            _ = try await site.client.confluence.updatePage(id: page.id, title: "T", version: 1, storage: "<p>x</p>", parentID: nil)
            XCTFail("stale version accepted")
        } catch let error as AtlassianError {
            XCTAssertEqual(error.status, 409)
            XCTAssertTrue(error.message.contains("Current version is: 1"), error.message)
        }
        do {
            _ = try await site.client.confluence.updatePage(id: page.id, title: "T", version: 2, storage: "<p>a<br></p>", parentID: nil)
            XCTFail("malformed storage accepted")
        } catch let error as AtlassianError {
            XCTAssertEqual(error.status, 400)
            XCTAssertTrue(error.message.contains("Unexpected close tag </p>; expected </br>"), error.message)
        }
        do {
            _ = try await site.client.confluence.page(id: "999")
            XCTFail("missing page found")
        } catch let error as AtlassianError {
            XCTAssertEqual(error.status, 404)
        }
    }

    func testTheTokenNeverAppearsInLogsOrErrors() async throws {
        let site = try TestSite()
        site.server.echoAuthorizationInErrors = true
        let wrong = try AtlassianSite(url: site.server.baseURL, credentials: .basic(email: "ada@example.com", token: "tok-WRONG-9999"),
                                      wikiPath: "/wiki")
        let recorder = LogRecorder()
        let client = AtlassianClient(site: wrong, retry: TestSite.fastRetry, log: { recorder.append($0) })
        do {
            _ = try await client.confluence.pages(space: "SPC")
            XCTFail("wrong credentials accepted")
        } catch let error as AtlassianError {
            XCTAssertEqual(error.status, 401)
            XCTAssertFalse(error.message.contains("tok-WRONG-9999"), error.message)
            XCTAssertFalse(error.message.contains(Data("ada@example.com:tok-WRONG-9999".utf8).base64EncodedString()), error.message)
            XCTAssertTrue(error.message.contains("***"), "the echoed header must be redacted: \(error.message)")
        }
        XCTAssertFalse(recorder.lines.joined().contains("tok-WRONG"))
        XCTAssertFalse(recorder.lines.isEmpty)
    }
}
