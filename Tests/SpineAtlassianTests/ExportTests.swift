// `export` end to end against the loopback server: layout, links, attachments, manifest, resume, faults.

import Foundation
import XCTest
import SpineCore
import AtlassianTestServer
@testable import SpineAtlassian

final class ExportTests: XCTestCase {
    private func export(_ site: TestSite, _ directory: TemporaryDirectory, format: String = "ast", jobs: Int = 4,
                        root: String? = nil) async throws -> ExportReport {
        let options = ExportOptions(space: "SPC", rootPageID: root, format: format, outputDirectory: directory.path, jobs: jobs)
        return try await ExportJob(client: site.client, registry: MiniStorageFormat.registry, options: options).run()
    }

    private func document(_ directory: TemporaryDirectory, _ path: String) throws -> Document {
        let text = try XCTUnwrap(directory.read(path), "missing \(path)")
        return try ASTFormat.Reader().read(Array(text.utf8), options: ConversionOptions()).document
    }

    private func linkURLs(_ document: Document) -> [String] {
        var urls: [String] = []
        document.visit(inline: { inline in
            if case .link(let link) = inline, case .url(let url) = link.target { urls.append(url) }
            if case .image(let image) = inline, case .url(let url) = image.source { urls.append(url) }
        })
        return urls
    }

    func testExportOf200PageTreeWithAttachmentsAndCrossLinks() async throws {
        let site = try TestSite()
        let ids = seedTree(site.server, space: "SPC", count: 200)
        let directory = try TemporaryDirectory()
        var progressCount = 0
        let counter = LogRecorder()
        let options = ExportOptions(space: "SPC", format: "ast", outputDirectory: directory.path, jobs: 4)
        let report = try await ExportJob(client: site.client, registry: MiniStorageFormat.registry, options: options,
                                         progress: { counter.append("\($0.done)/\($0.total)") }).run()
        progressCount = counter.lines.count
        XCTAssertEqual(report.pages, 200)
        XCTAssertEqual(report.written, 200)
        XCTAssertEqual(report.attachmentsDownloaded, 40)
        XCTAssertEqual(progressCount, 200)
        XCTAssertTrue(counter.lines.contains("200/200"))
        let files = directory.files()
        XCTAssertEqual(files.filter { $0.hasSuffix(".ast.json") }.count, 200)
        XCTAssertEqual(files.filter { $0.hasSuffix(".png") }.count, 40)
        XCTAssertTrue(files.contains("manifest.json"))
        // Children live in a folder named after their parent.
        XCTAssertTrue(files.contains("page-0.ast.json"))
        XCTAssertTrue(files.contains("page-0/page-1.ast.json"))
        XCTAssertTrue(files.contains("page-0/page-1/page-6.ast.json"))
        XCTAssertTrue(files.contains("page-0.attachments/diagram 0.png"))
        XCTAssertEqual(directory.read("page-0.attachments/diagram 0.png"), "PNG0")

        // Page 1 links to Page 8 (a child of Page 1) and to a page in another space; its metadata is front matter.
        let page1 = try document(directory, "page-0/page-1.ast.json")
        XCTAssertEqual(linkURLs(page1), ["page-1/page-8.ast.json", site.server.baseURL + "/wiki/display/OTHER/Elsewhere"])
        XCTAssertEqual(page1.metadata.title, "Page 1")
        XCTAssertEqual(page1.metadata.spaceKey, "SPC")
        XCTAssertEqual(page1.metadata.source?.id, String(ids[1]))
        XCTAssertEqual(page1.metadata.source?.version, 1)
        XCTAssertEqual(page1.metadata.parent, PageReference(id: String(ids[0]), title: "Page 0"))
        // Page 195 links up the tree to Page 2; its image points at the downloaded file.
        let page195Path = try XCTUnwrap(files.first { $0.hasSuffix("/page-195.ast.json") })
        XCTAssertEqual(page195Path, "page-0/page-1/page-7/page-38/page-195.ast.json")
        let page195 = try document(directory, page195Path)
        XCTAssertEqual(linkURLs(page195), ["../../../page-2.ast.json", site.server.baseURL + "/wiki/display/OTHER/Elsewhere",
                                           "page-195.attachments/diagram%20195.png"])
        XCTAssertEqual(page195.metadata.labels, ["spec"])
        XCTAssertEqual(page1.metadata.labels, [])
        // The macro the test reader does not model survives byte-exact as a raw block.
        XCTAssertTrue(page195.blocks.contains(.raw(Raw(format: "confluence",
            content: "<ac:structured-macro ac:name=\"info\"><ac:rich-text-body><p>kept as raw &amp; intact</p></ac:rich-text-body></ac:structured-macro>"))))

        // The manifest maps every id to its path, version and hash.
        let manifest = try JSONParser.parse(Array(try XCTUnwrap(directory.read("manifest.json")).utf8))
        XCTAssertEqual(manifest["pages"]?.objectValue?.count, 200)
        XCTAssertEqual(manifest["pages"]?[String(ids[1])]?["path"]?.stringValue, "page-0/page-1.ast.json")
        XCTAssertEqual(manifest["pages"]?[String(ids[1])]?["hash"]?.stringValue?.count, 64)
        XCTAssertLessThanOrEqual(site.server.maxInFlight, 4, "never more requests at once than --jobs")
    }

    func testRerunFetchesOnlyChangedPagesAndFollowsRenames() async throws {
        let site = try TestSite()
        let ids = seedTree(site.server, space: "SPC", count: 60)
        let directory = try TemporaryDirectory()
        _ = try await export(site, directory)

        site.server.resetRequestLog()
        let unchanged = try await export(site, directory)
        XCTAssertEqual(unchanged.written, 0)
        XCTAssertEqual(unchanged.unchanged, 60)
        XCTAssertFalse(site.server.requests.contains { $0.hasPrefix("GET /wiki/rest/api/content/") }, "no page body fetched")

        site.server.editPage(ids[4], storage: "<p>edited</p>")
        site.server.editPage(ids[20], storage: "<p>edited too</p>")
        site.server.renamePage(ids[10], to: "Page ten")
        site.server.addAttachment(page: ids[30], fileName: "new.txt", data: Array("new".utf8))
        site.server.resetRequestLog()
        let report = try await export(site, directory)
        let fetched = Set(site.server.requests.filter { $0.hasPrefix("GET /wiki/rest/api/content/") && !$0.contains("/child/") }
            .compactMap { $0.split(separator: "/").last?.split(separator: "?").first.map(String.init) })
        // Edited: 4, 20; renamed: 10; Page 10's children move with it (51…55 → 51…55 under page-ten);
        // Page 3 links to Page 10 (3 + 7) and Pages 44…48 link to 51…55: re-rendered because their targets moved.
        let expected = Set([4, 20, 10, 3, 51, 52, 53, 54, 55, 44, 45, 46, 47, 48].map { String(ids[$0]) })
        XCTAssertEqual(fetched, expected)
        XCTAssertEqual(report.written, expected.count)
        // new.txt, and the files of Pages 10 and 55, which moved with their pages.
        XCTAssertEqual(report.attachmentsDownloaded, 3)
        let files = directory.files()
        XCTAssertFalse(files.contains("page-0/page-1/page-10.attachments/diagram 10.png"))
        XCTAssertTrue(files.contains("page-0/page-1/page-ten.attachments/diagram 10.png"))
        XCTAssertTrue(files.contains("page-0/page-1/page-ten.ast.json"))
        XCTAssertTrue(files.contains("page-0/page-1/page-ten/page-51.ast.json"))
        XCTAssertFalse(files.contains("page-0/page-1/page-10.ast.json"))
        XCTAssertFalse(files.contains { $0.hasPrefix("page-0/page-1/page-10/") })
        XCTAssertTrue(report.removed.contains("page-0/page-1/page-10.ast.json"))
        XCTAssertTrue(files.contains("page-0/page-5/page-30.attachments/new.txt"))
        // Page 3's link to the renamed title no longer resolves inside the export: it points at the site.
        let page3 = try document(directory, "page-0/page-3.ast.json")
        XCTAssertEqual(linkURLs(page3).first, site.server.baseURL + "/wiki/display/SPC/Page%2010")
    }

    func testInterruptedExportResumesWhereItStopped() async throws {
        let site = try TestSite(retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.02, jitter: 0...0.001))
        seedTree(site.server, space: "SPC", count: 120)
        let directory = try TemporaryDirectory()
        site.server.setFaults(FaultPlan(outageAfter: 70))
        do {
            _ = try await export(site, directory)
            XCTFail("the outage must stop the export")
        } catch let error as SpineError {
            XCTAssertTrue(error.message.contains("503"), error.message)
        }
        let manifest = try JSONParser.parse(Array(try XCTUnwrap(directory.read("manifest.json")).utf8))
        let finished = manifest["pages"]?.objectValue?.count ?? 0
        XCTAssertGreaterThan(finished, 0)
        XCTAssertLessThan(finished, 120)

        site.server.setFaults(.none)
        site.server.resetRequestLog()
        let report = try await export(site, directory)
        let bodyFetches = site.server.requests.filter { $0.hasPrefix("GET /wiki/rest/api/content/") && !$0.contains("/child/") }.count
        XCTAssertEqual(bodyFetches, 120 - finished, "only pages the first run did not finish are fetched")
        XCTAssertEqual(report.unchanged, finished)
        XCTAssertEqual(directory.files().filter { $0.hasSuffix(".ast.json") }.count, 120)
    }

    func testExportUnderTwentyPercentThrottlingAndServerErrorsAccountsForEveryPage() async throws {
        let site = try TestSite()
        seedTree(site.server, space: "SPC", count: 200)
        site.server.setFaults(FaultPlan(throttleRate: 0.1, retryAfter: "0", serverErrorRate: 0.1, seed: 2024))
        let directory = try TemporaryDirectory()
        let report = try await export(site, directory, jobs: 6)
        XCTAssertEqual(report.written, 200)
        XCTAssertEqual(directory.files().filter { $0.hasSuffix(".ast.json") }.count, 200)
        XCTAssertEqual(directory.files().filter { $0.hasSuffix(".png") }.count, 40)
        XCTAssertGreaterThan(site.server.injectedFaults, 20)
        XCTAssertGreaterThan(report.statistics.retries, 20)
        XCTAssertFalse(site.log.lines.joined().contains(testToken))
    }

    func testConfluenceOutputKeepsStorageVerbatimAndRootLimitsTheTree() async throws {
        let site = try TestSite()
        let ids = seedTree(site.server, space: "SPC", count: 30)
        let directory = try TemporaryDirectory()
        let report = try await export(site, directory, format: "confluence", root: String(ids[2]))
        // Page 2 has children 11…15; only they and Page 2 are exported, Page 2 at the top.
        XCTAssertEqual(report.pages, 6)
        XCTAssertEqual(directory.files().filter { $0.hasSuffix(".xhtml") },
                       ["page-2.xhtml", "page-2/page-11.xhtml", "page-2/page-12.xhtml", "page-2/page-13.xhtml",
                        "page-2/page-14.xhtml", "page-2/page-15.xhtml"])
        XCTAssertEqual(directory.read("page-2/page-12.xhtml"), site.server.page(ids[12])?.storage)
    }
}
