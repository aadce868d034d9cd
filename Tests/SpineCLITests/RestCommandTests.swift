// The REST commands (export, migrate, publish, prd) end to end through the CLI against the loopback server.

import Foundation
import XCTest
import AtlassianTestServer
import SpineCLI
import SpineCore

final class RestCommandTests: XCTestCase {
    /// The token the test server accepts; no output may contain it.
    private let token = "tok-SECRET-4242"

    private func server() throws -> AtlassianTestServer {
        try AtlassianTestServer(auth: .basic(email: "ada@example.com", token: token))
    }

    /// Site and credential flags for the loopback server (Cloud layout: /wiki, Jira v3).
    private func siteFlags(_ server: AtlassianTestServer, token: String? = nil) -> [String] {
        ["--site", server.baseURL, "--email", "ada@example.com", "--token", token ?? self.token, "--wiki-path", "/wiki", "--jira-api", "3"]
    }

    private func run(_ arguments: [String], in directory: URL) -> (ExitCode, BufferIO) {
        let io = BufferIO(directory: directory.path)
        let code = CommandLineTool.run(arguments, io: io)
        XCTAssertFalse(io.outputText.contains(token), "the token leaked to standard output")
        XCTAssertFalse(io.errors.joined(separator: "\n").contains(token), "the token leaked to standard error")
        return (code, io)
    }

    // MARK: - export

    func testExportWritesOneFilePerPageAndAManifest() throws {
        let server = try server()
        defer { server.stop() }
        server.addSpace("SPC")
        let root = server.addPage(space: "SPC", title: "Spec", storage: "<p>See <ac:link><ri:page ri:content-title=\"Login\" /></ac:link>.</p>")
        let login = server.addPage(space: "SPC", title: "Login", parent: root, storage: "<h1>Login</h1><p>Users sign in &amp; out.</p>")
        server.addAttachment(page: login, fileName: "flow.png", mediaType: "image/png", data: Array("PNG".utf8))
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        let (code, io) = run(["export", "--space", "SPC", "-t", "markdown", "-o", "out", "--jobs", "2"] + siteFlags(server), in: directory)
        XCTAssertEqual(code, .success, io.errors.joined(separator: "\n"))
        XCTAssertTrue(io.outputText.contains("exported 2 pages to out: 2 written, 0 unchanged, 1 attachments"), io.outputText)
        let out = directory.appendingPathComponent("out")
        let manifest = try JSONParser.parse(Array(try Data(contentsOf: out.appendingPathComponent("manifest.json"))))
        let pages = try XCTUnwrap(manifest["pages"]?.objectValue)
        XCTAssertEqual(pages.count, 2)
        let loginPath = try XCTUnwrap(pages[String(login)]?["path"]?.stringValue)
        XCTAssertTrue(loginPath.hasSuffix(".md"), loginPath)
        let text = try String(contentsOf: out.appendingPathComponent(loginPath), encoding: .utf8)
        XCTAssertTrue(text.contains("Users sign in & out."), text)
        XCTAssertTrue(text.contains("title: \"Login\""), text)
        // The link from the root page to Login became a relative file link.
        let rootPath = try XCTUnwrap(pages[String(root)]?["path"]?.stringValue)
        let rootText = try String(contentsOf: out.appendingPathComponent(rootPath), encoding: .utf8)
        XCTAssertTrue(rootText.contains("(" + loginPath + ")"), rootText)

        // A re-run fetches nothing new.
        let (again, io2) = run(["export", "--space", "SPC", "-o", "out"] + siteFlags(server), in: directory)
        XCTAssertEqual(again, .success, io2.errors.joined(separator: "\n"))
        XCTAssertTrue(io2.outputText.contains("0 written, 2 unchanged"), io2.outputText)
    }

    func testExportWithoutSpaceIsAUsageError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (code, io) = run(["export", "-o", "out", "--site", "https://acme.atlassian.net"], in: directory)
        XCTAssertEqual(code, .usage)
        XCTAssertEqual(io.errors.first, "spine export: --space is required")
    }

    func testMissingCredentialsAreExplainedWithoutTheToken() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // An e-mail without a token: the message names the variables to set.
        let (code, io) = run(["export", "--space", "SPC", "-o", "out", "--site", "https://acme.atlassian.net", "--email", "ada@example.com"],
                             in: directory)
        XCTAssertEqual(code, .usage)
        XCTAssertTrue(io.errors.joined().contains("no credentials"), io.errors.joined(separator: "\n"))
    }

    func testAWrongTokenFailsAndNeverPrintsIt() throws {
        let server = try server()
        defer { server.stop() }
        server.echoAuthorizationInErrors = true
        server.addSpace("SPC")
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let wrong = "tok-WRONG-9999"
        let io = BufferIO(directory: directory.path)
        let code = CommandLineTool.run(["export", "--space", "SPC", "-o", "out", "--verbose"] + siteFlags(server, token: wrong), io: io)
        XCTAssertEqual(code, .failure)
        let everything = io.outputText + io.errors.joined(separator: "\n")
        XCTAssertFalse(everything.contains(wrong), everything)
        XCTAssertFalse(everything.contains(Data("ada@example.com:\(wrong)".utf8).base64EncodedString()), everything)
        XCTAssertTrue(io.errors.contains { $0.contains("401") || $0.lowercased().contains("auth") }, everything)
    }

    // MARK: - migrate

    func testMigrateDryRunPrintsThePlanAndARealRunVerifiesWithZeroDifferences() throws {
        let server = try server()
        defer { server.stop() }
        server.addSpace("SRC")
        server.addSpace("TGT")
        let root = server.addPage(space: "SRC", title: "Spec root", storage: "<p>root</p>", labels: ["spec"])
        let child = server.addPage(space: "SRC", title: "Chapter 1", parent: root,
                                   storage: "<p>Back to <ac:link><ri:page ri:content-title=\"Spec root\" /></ac:link></p>")
        server.addAttachment(page: child, fileName: "fig.png", mediaType: "image/png", data: Array("fig".utf8))
        let target = server.addPage(space: "TGT", title: "Imported", storage: "<p>imports</p>")
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let common = ["migrate", "--from", "SRC", "--to", "TGT", "--root", String(root), "--parent", String(target)] + siteFlags(server)

        let (dry, dryIO) = run(common + ["--dry-run"], in: directory)
        XCTAssertEqual(dry, .success, dryIO.errors.joined(separator: "\n"))
        let plan = dryIO.outputText.split(separator: "\n").map(String.init)
        XCTAssertEqual(plan.count, 2, dryIO.outputText)
        XCTAssertTrue(plan[0].hasPrefix("create") && plan[0].contains("Spec root"), plan[0])
        XCTAssertTrue(plan[1].contains("  Chapter 1"), plan[1])
        XCTAssertNil(server.page(space: "TGT", title: "Spec root"), "a dry run changes nothing")

        let (real, realIO) = run(common, in: directory)
        XCTAssertEqual(real, .success, realIO.errors.joined(separator: "\n") + realIO.outputText)
        XCTAssertTrue(realIO.outputText.contains("2 created"), realIO.outputText)
        XCTAssertTrue(realIO.outputText.contains("verified 2 pages: 0 differences"), realIO.outputText)
        let copied = try XCTUnwrap(server.page(space: "TGT", title: "Spec root"))
        XCTAssertEqual(copied.parentID, target)
        XCTAssertEqual(server.children(of: copied.id).map(\.title), ["Chapter 1"])
    }

    func testMigrateWithoutTargetSpaceIsAUsageError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (code, io) = run(["migrate", "--from", "SRC"], in: directory)
        XCTAssertEqual(code, .usage)
        XCTAssertEqual(io.errors.first, "spine migrate: --to is required")
    }

    // MARK: - publish

    func testPublishAFolderOfMarkdown() throws {
        let server = try server()
        defer { server.stop() }
        server.addSpace("DOC")
        let home = server.addPage(space: "DOC", title: "Home", storage: "<p>home</p>")
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let docs = directory.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs.appendingPathComponent("guide"), withIntermediateDirectories: true)
        try Data("---\ntitle: Overview\n---\nRead [the guide](guide/install.md).\n".utf8).write(to: docs.appendingPathComponent("overview.md"))
        try Data("# Install\n\n- step **one**\n- step two\n".utf8).write(to: docs.appendingPathComponent("guide/install.md"))

        let arguments = ["publish", "docs", "--space", "DOC", "--parent", "Home", "--label", "spine"] + siteFlags(server)
        let (code, io) = run(arguments, in: directory)
        XCTAssertEqual(code, .success, io.errors.joined(separator: "\n"))
        XCTAssertTrue(io.outputText.contains("create \"Overview\" from overview.md"), io.outputText)
        let overview = try XCTUnwrap(server.page(space: "DOC", title: "Overview"))
        XCTAssertEqual(overview.parentID, home)
        XCTAssertTrue(overview.labels.contains("spine"))
        XCTAssertTrue(overview.storage.contains("ri:content-title=\"Install\""), overview.storage)
        let install = try XCTUnwrap(server.page(space: "DOC", title: "Install"))
        XCTAssertTrue(install.storage.contains("<strong>one</strong>"), install.storage)

        // Publishing again changes nothing.
        let (again, io2) = run(arguments, in: directory)
        XCTAssertEqual(again, .success)
        XCTAssertFalse(io2.outputText.contains("create "), io2.outputText)
        XCTAssertTrue(io2.outputText.contains("unchanged \"Overview\""), io2.outputText)
    }

    func testPublishWithoutFilesIsAUsageError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (code, _) = run(["publish", "--space", "DOC"], in: directory)
        XCTAssertEqual(code, .usage)
    }

    // MARK: - prd

    func testPRDCreatesThePageCommentsAndLinks() throws {
        let server = try server()
        defer { server.stop() }
        server.addIssue(project: "REQ", fields: ["summary": "Checkout", "issuetype": ["name": "Epic"]])
        server.addIssue(project: "REQ", fields: ["summary": "Story 1", "issuetype": ["name": "Story"], "parent": ["key": "REQ-1"]])
        server.addSpace("PRD")
        let parent = server.addPage(space: "PRD", title: "Product", storage: "<p>all PRDs</p>")
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        let (code, io) = run(["prd", "--epic", "REQ-1", "--space", "PRD", "--parent", String(parent), "--jira-server-id", "abc-123"]
                             + siteFlags(server), in: directory)
        XCTAssertEqual(code, .success, io.errors.joined(separator: "\n"))
        XCTAssertTrue(io.outputText.contains("create \"PRD: Checkout (REQ-1)\" (1 issues)"), io.outputText)
        XCTAssertTrue(io.outputText.contains("commented on REQ-1"), io.outputText)
        let page = try XCTUnwrap(server.page(space: "PRD", title: "PRD: Checkout (REQ-1)"))
        XCTAssertEqual(page.parentID, parent)
        XCTAssertTrue(page.storage.contains("<ac:parameter ac:name=\"serverId\">abc-123</ac:parameter>"), page.storage)
        let epic = try XCTUnwrap(server.issue("REQ-1"))
        XCTAssertEqual(epic.comments.count, 1)
        XCTAssertEqual(epic.remoteLinks.count, 1)
    }

    func testPRDRulePrintsValidJSONWithoutCredentials() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (code, io) = run(["prd", "--rule", "--space", "PRD", "--parent", "12345"], in: directory)
        XCTAssertEqual(code, .success, io.errors.joined(separator: "\n"))
        let rule = try JSONParser.parse(io.output)
        XCTAssertNotNil(rule["rules"]?.arrayValue?.first)
        XCTAssertTrue(io.outputText.contains("12345"), io.outputText)
        XCTAssertTrue(io.outputText.contains("BASE64_EMAIL_COLON_API_TOKEN"), "credentials stay a placeholder")
    }

    func testPRDWithoutSpaceIsAUsageError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (code, io) = run(["prd", "--epic", "REQ-1"], in: directory)
        XCTAssertEqual(code, .usage)
        XCTAssertEqual(io.errors.first, "spine prd: --space is required")
    }
}
