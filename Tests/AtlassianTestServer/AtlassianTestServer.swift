// A loopback server that behaves like Confluence Cloud and Jira Cloud, for tests.

import Foundation
import SpineCore

/// A stateful fake of Confluence Cloud (REST v1 and v2) and Jira Cloud (REST v3 and v2) on
/// an ephemeral 127.0.0.1 port. Tests seed it, run a job against it, inspect its state and
/// the request log, and inject faults. It stops itself after `lifetime` seconds.
public final class AtlassianTestServer: @unchecked Sendable {
    /// How clients must authenticate.
    public enum Auth: Sendable {
        case basic(email: String, token: String)
        case bearer(token: String)
    }

    /// `http://127.0.0.1:PORT`.
    public let baseURL: String
    public let auth: Auth
    /// The largest `limit` the listings honour (the server caps silently, like Confluence).
    public var maxPageSize: Int {
        get { locked { maxPage } }
        set { locked { maxPage = newValue } }
    }
    /// When set, 401 answers repeat the Authorization header they got (a hostile server, to test redaction).
    public var echoAuthorizationInErrors: Bool {
        get { locked { echoAuth } }
        set { locked { echoAuth = newValue } }
    }

    private let lock = NSLock()
    var store = AtlassianStore()
    private var plan = FaultPlan.none
    private var generator = SeededGenerator(seed: 42)
    private var apiRequests = 0
    private var requestLog: [String] = []
    private var inFlight = 0
    private var maxInFlightSeen = 0
    var maxPage = 50
    private var echoAuth = false
    private var injected = 0
    private var http: HTTPServer?

    /// Starts the server.
    public init(auth: Auth = .basic(email: "ada@example.com", token: "tok-SECRET-4242"), lifetime: Double = 180) throws {
        self.auth = auth
        let box = WeakBox()
        let server = try HTTPServer(lifetime: lifetime) { request in
            box.target?.handle(request) ?? .respond(status: 503, headers: [:], body: [])
        }
        self.http = server
        self.baseURL = "http://127.0.0.1:\(server.port)"
        box.target = self
    }

    deinit { http?.stop() }

    /// Stops listening.
    public func stop() { http?.stop() }

    // MARK: - Seeding and inspection

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock(); defer { lock.unlock() }
        return try body()
    }

    public func addSpace(_ key: String, name: String? = nil) {
        locked { store.spaces[key] = (store.newID(), name ?? key) }
    }

    @discardableResult
    public func addPage(space: String, title: String, parent: Int? = nil, storage: String, labels: [String] = []) -> Int {
        locked { store.addPage(space: space, title: title, parentID: parent, storage: storage, labels: labels) }
    }

    @discardableResult
    public func addAttachment(page: Int, fileName: String, mediaType: String = "application/octet-stream", data: [UInt8]) -> Int {
        locked { store.putAttachment(pageID: page, fileName: fileName, mediaType: mediaType, data: data) }
    }

    @discardableResult
    public func addIssue(project: String, fields: JSONValue) -> String {
        locked { store.addIssue(project: project, fields: fields.objectValue ?? JSONObject()) }
    }

    /// Changes a page's body as a person editing it would (version + 1).
    public func editPage(_ id: Int, storage: String) {
        locked {
            store.pages[id]?.storage = storage
            store.pages[id]?.version += 1
        }
    }

    public func page(_ id: Int) -> StoredPage? { locked { store.pages[id] } }
    public func page(space: String, title: String) -> StoredPage? { locked { store.page(space: space, title: title) } }
    public func pages(inSpace key: String) -> [StoredPage] { locked { store.pages(inSpace: key) } }
    public func children(of id: Int) -> [StoredPage] { locked { store.children(of: id) } }
    public func attachments(of page: Int) -> [StoredAttachment] {
        locked { (store.pages[page]?.attachmentIDs ?? []).compactMap { store.attachments[$0] } }
    }
    public func issue(_ key: String) -> StoredIssue? { locked { store.issues[key] } }

    /// `METHOD /path?query` of every request since the last reset.
    public var requests: [String] { locked { requestLog } }
    public func resetRequestLog() { locked { requestLog = []; maxInFlightSeen = 0; injected = 0 } }
    /// The most requests the server was processing at once since the last reset.
    public var maxInFlight: Int { locked { maxInFlightSeen } }
    /// How many faults were injected since the last reset.
    public var injectedFaults: Int { locked { injected } }

    /// Replaces the fault plan (and restarts its generator and outage counter).
    public func setFaults(_ faults: FaultPlan) {
        locked {
            plan = faults
            generator = SeededGenerator(seed: faults.seed)
            apiRequests = 0
        }
    }

    // MARK: - Handling

    private func handle(_ request: ServerRequest) -> ServerReply {
        let (decision, delay, retryAfter) = locked { () -> (FaultDecision, Double, String) in
            var line = request.method + " " + request.path
            if !request.query.isEmpty { line += "?" + request.query.map { $0.0 + "=" + $0.1 }.joined(separator: "&") }
            requestLog.append(line)
            inFlight += 1
            maxInFlightSeen = max(maxInFlightSeen, inFlight)
            let decision = decide(request)
            if case .pass = decision {} else { injected += 1 }
            var delay = plan.latency
            if plan.slowRate > 0, affected(request), generator.unit() < plan.slowRate { delay += plan.slowDelay }
            return (decision, delay, plan.retryAfter)
        }
        defer { locked { inFlight -= 1 } }
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        switch decision {
        case .drop: return .drop
        case .throttle:
            return Reply.json(429, ["message": "Rate limit exceeded."], headers: ["Retry-After": retryAfter])
        case .serverError(let status): return Reply.json(status, ["message": "Injected failure"])
        case .pass: break
        }
        guard authorized(request) else {
            var message = "Client must be authenticated to access this resource."
            if locked({ echoAuth }) { message += " Got: " + (request.headers["authorization"] ?? "") }
            return Reply.json(401, ["statusCode": 401, "message": .string(message)])
        }
        return locked { route(request) }
    }

    private func affected(_ request: ServerRequest) -> Bool {
        plan.pathFilter.map { request.path.contains($0) } ?? true
    }

    private func decide(_ request: ServerRequest) -> FaultDecision {
        guard affected(request) else { return .pass }
        apiRequests += 1
        if let outage = plan.outageAfter, apiRequests > outage { return .serverError(503) }
        let roll = generator.unit()
        var threshold = plan.throttleRate
        if roll < threshold { return .throttle }
        threshold += plan.serverErrorRate
        if roll < threshold { return .serverError(generator.next() % 2 == 0 ? 500 : 503) }
        threshold += plan.dropRate
        if roll < threshold { return .drop }
        return .pass
    }

    private func authorized(_ request: ServerRequest) -> Bool {
        let expected: String
        switch auth {
        case .basic(let email, let token): expected = "Basic " + Data((email + ":" + token).utf8).base64EncodedString()
        case .bearer(let token): expected = "Bearer " + token
        }
        return request.headers["authorization"] == expected
    }

    private func route(_ request: ServerRequest) -> ServerReply {
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if parts.starts(with: ["wiki", "rest", "api"]) { return confluenceV1(request, Array(parts.dropFirst(3))) }
        if parts.starts(with: ["wiki", "api", "v2"]) { return confluenceV2(request, Array(parts.dropFirst(3))) }
        if parts.starts(with: ["wiki", "download", "attachments"]), parts.count == 5 { return download(parts[3], parts[4]) }
        if parts.count >= 3, parts[0] == "rest", parts[1] == "api", let version = Int(parts[2]), version == 2 || version == 3 {
            return jira(request, version: version, Array(parts.dropFirst(3)))
        }
        return Reply.json(404, ["message": .string("No route for \(request.path)")])
    }
}

/// Lets the HTTP handler reach the server without a retain cycle.
private final class WeakBox: @unchecked Sendable {
    weak var target: AtlassianTestServer?
}

/// JSON reply helpers.
enum Reply {
    static func json(_ status: Int, _ value: JSONValue, headers: [String: String] = [:]) -> ServerReply {
        var all = headers
        all["Content-Type"] = "application/json;charset=UTF-8"
        return .respond(status: status, headers: all, body: JSONWriter.compact.write(value))
    }

    /// Confluence v1's error body.
    static func confluence(_ status: Int, _ message: String) -> ServerReply {
        json(status, ["statusCode": .int(status),
                      "data": ["authorized": .bool(status != 401 && status != 403), "valid": .bool(status != 400),
                               "errors": [], "successful": false],
                      "message": .string(message), "reason": .string(HTTPServer.reason(status))])
    }

    /// Confluence v2's error body.
    static func confluenceV2(_ status: Int, _ code: String, _ title: String) -> ServerReply {
        json(status, ["errors": [["status": .int(status), "code": .string(code), "title": .string(title), "detail": nil]]])
    }

    /// Jira's error body.
    static func jira(_ status: Int, messages: [String] = [], errors: [(String, String)] = []) -> ServerReply {
        json(status, ["errorMessages": .array(messages.map(JSONValue.string)),
                      "errors": .object(JSONObject(errors.map { JSONObject.Member($0.0, .string($0.1)) }))])
    }
}
