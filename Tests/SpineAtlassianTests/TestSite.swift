// Shared test set-up: a loopback server, a client with fast retries, temporary directories.

import Foundation
import SpineCore
import AtlassianTestServer
@testable import SpineAtlassian

/// The API token the test server accepts; tests check it never leaks.
let testToken = "tok-SECRET-4242"

/// A fresh server and a client pointed at it.
struct TestSite {
    let server: AtlassianTestServer
    let client: AtlassianClient
    let log: LogRecorder

    init(retry: RetryPolicy = TestSite.fastRetry, rate: Double? = nil, timeout: Double = 10) throws {
        server = try AtlassianTestServer(auth: .basic(email: "ada@example.com", token: testToken))
        log = LogRecorder()
        let site = try AtlassianSite(url: server.baseURL, credentials: .basic(email: "ada@example.com", token: testToken),
                                     wikiPath: "/wiki", jiraAPIVersion: 3)
        let recorder = log
        client = AtlassianClient(site: site, rate: rate, retry: retry, timeout: timeout, log: { recorder.append($0) })
    }

    /// Retries quickly so fault tests stay fast: 6 attempts, 10 ms doubling, tiny jitter.
    static let fastRetry = RetryPolicy(maxAttempts: 6, baseDelay: 0.01, maxDelay: 0.2, jitter: 0...0.005)
}

/// Collects log lines from concurrent tasks.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) {
        lock.lock(); stored.append(line); lock.unlock()
    }
    var lines: [String] {
        lock.lock(); defer { lock.unlock() }
        return stored
    }
}

/// A temporary directory removed when the value goes away.
final class TemporaryDirectory {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "spine-rest-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Every file below the directory, relative, sorted.
    func files() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var result: [String] = []
        while let item = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(item)
            }
        }
        return result.sorted()
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Builds a space of `count` pages: a tree with fan-out `fanOut`, cross links between pages,
/// a link to a page in another space, and an attachment (with an image reference) on every fifth page.
@discardableResult
func seedTree(_ server: AtlassianTestServer, space: String, count: Int, fanOut: Int = 5) -> [Int] {
    server.addSpace(space)
    server.addSpace("OTHER")
    server.addPage(space: "OTHER", title: "Elsewhere", storage: "<p>other space</p>")
    var ids: [Int] = []
    for index in 0..<count {
        let parent = index == 0 ? nil : ids[(index - 1) / fanOut]
        let next = (index + 7) % count
        var body = "<p>Page \(index) links to <ac:link><ri:page ri:content-title=\"Page \(next)\" /><ac:plain-text-link-body><![CDATA[page \(next)]]></ac:plain-text-link-body></ac:link>"
        body += " and <ac:link><ri:page ri:space-key=\"OTHER\" ri:content-title=\"Elsewhere\" /></ac:link>.</p>"
        if index % 5 == 0 {
            body += "<p><ac:image><ri:attachment ri:filename=\"diagram \(index).png\" /></ac:image></p>"
        }
        body += "<ac:structured-macro ac:name=\"info\"><ac:rich-text-body><p>kept as raw &amp; intact</p></ac:rich-text-body></ac:structured-macro>"
        let id = server.addPage(space: space, title: "Page \(index)", parent: parent, storage: body, labels: index % 3 == 0 ? ["spec"] : [])
        if index % 5 == 0 {
            server.addAttachment(page: id, fileName: "diagram \(index).png", mediaType: "image/png", data: Array("PNG\(index)".utf8))
        }
        ids.append(id)
    }
    return ids
}
