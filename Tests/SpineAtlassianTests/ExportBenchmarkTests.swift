// Export with injected latency at --jobs 1 and --jobs 8: same output; times printed for the report.
// SPINE_BENCH_PAGES=1000 runs the full-size measurement (the default size keeps the suite fast).

import Foundation
import XCTest
import SpineCore
import AtlassianTestServer
@testable import SpineAtlassian

final class ExportBenchmarkTests: XCTestCase {
    func testExportWithLatencyGivesTheSameTreeAtAnyJobCount() async throws {
        let pages = Int(ProcessInfo.processInfo.environment["SPINE_BENCH_PAGES"] ?? "") ?? 40
        let site = try TestSite()
        seedTree(site.server, space: "SPC", count: pages)
        site.server.maxPageSize = 100
        site.server.setFaults(FaultPlan(latency: 0.02))
        var outputs: [[String: String]] = []
        for jobs in [1, 8] {
            let directory = try TemporaryDirectory()
            let started = Date()
            let report = try await ExportJob(client: site.client, registry: MiniStorageFormat.registry,
                                             options: ExportOptions(space: "SPC", format: "ast", outputDirectory: directory.path, jobs: jobs)).run()
            let seconds = Date().timeIntervalSince(started)
            XCTAssertEqual(report.written, pages)
            print("export-benchmark pages=\(pages) latency=20ms jobs=\(jobs) seconds=\(String(format: "%.2f", seconds)) requests=\(site.server.requests.count)")
            site.server.resetRequestLog()
            var files: [String: String] = [:]
            for file in directory.files() where file != "manifest.json" { files[file] = directory.read(file) }
            outputs.append(files)
        }
        XCTAssertEqual(outputs[0].count, pages + pages / 5)
        XCTAssertEqual(outputs[0], outputs[1], "the exported tree must not depend on --jobs")
    }
}
