// The REST client core: auth headers, the shared budget, retries with backoff, errors, the request log.

import Foundation
import SpineCore

// MARK: - Options and errors

/// When and how often a failed request is tried again.
public struct RetryPolicy: Sendable {
    /// Attempts in total, the first included.
    public var maxAttempts: Int
    /// The first backoff delay in seconds; doubled on every further attempt.
    public var baseDelay: Double
    /// No single wait is longer than this (also caps `Retry-After`).
    public var maxDelay: Double
    /// Random seconds added to every backoff so workers do not retry in lockstep.
    public var jitter: ClosedRange<Double>

    public init(maxAttempts: Int = 5, baseDelay: Double = 1, maxDelay: Double = 30, jitter: ClosedRange<Double> = 0.3...1.3) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// Production defaults: 5 attempts, 1 s doubling to 30 s, 0.3–1.3 s jitter.
    public static let standard = RetryPolicy()
}

/// A REST call that failed: the HTTP status (nil when no response arrived) and the server's message.
public struct AtlassianError: Error, Sendable, CustomStringConvertible {
    public var status: Int?
    /// `rest.http-409`, `rest.transport`, `rest.bad-response`, …
    public var code: String
    public var message: String
    public init(status: Int?, code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }
    public var description: String { message }
    /// The same failure as a `SpineError` of kind `io`.
    public var spineError: SpineError { SpineError(.io, code: code, message) }
}

/// Counts kept while a client works (for reports and tests).
public struct ClientStatistics: Sendable, Equatable {
    public var requests = 0
    public var retries = 0
    public var throttled = 0
}

// MARK: - Client

/// Sends authenticated requests to one site with retries, a shared budget and a redacted log.
public final class AtlassianClient: Sendable {
    public let site: AtlassianSite
    public let budget: RequestBudget
    let transport: any HTTPTransport
    let retry: RetryPolicy
    let timeout: Double
    let log: (@Sendable (String) -> Void)?
    /// Removes the token from every log line and error message.
    public let redactor: Redactor
    private let counters = Locked(ClientStatistics())

    /// - Parameters:
    ///   - rate: requests per second ceiling (`--rate`); nil for none.
    ///   - log: receives one line per request and retry when `--verbose`; tokens are redacted.
    public init(site: AtlassianSite, transport: (any HTTPTransport)? = nil, rate: Double? = nil,
                retry: RetryPolicy = .standard, timeout: Double = 60, log: (@Sendable (String) -> Void)? = nil,
                maxConnections: Int = 8) {
        self.site = site
        self.transport = transport ?? URLSessionTransport(maxConnections: maxConnections)
        self.budget = RequestBudget(rate: rate)
        self.retry = retry
        self.timeout = timeout
        self.log = log
        self.redactor = Redactor(secrets: site.credentials.secrets)
    }

    /// Requests, retries and throttles so far.
    public var statistics: ClientStatistics { counters.value }

    // MARK: - Sending

    /// Sends a JSON request and parses the JSON answer (`.null` for an empty body).
    @discardableResult
    func json(_ method: String, _ url: String, body: JSONValue? = nil) async throws -> JSONValue {
        let bytes = body.map { JSONWriter.compact.write($0) } ?? []
        var headers = ["Accept": "application/json"]
        if body != nil { headers["Content-Type"] = "application/json" }
        let response = try await send(method, url, headers: headers, body: bytes)
        if response.body.isEmpty { return .null }
        do {
            return try JSONParser.parse(response.body)
        } catch {
            throw AtlassianError(status: response.status, code: "rest.bad-response",
                                 "\(method) \(pathOf(url)): the server's answer is not JSON (\(error.message))")
        }
    }

    /// Sends a request; retries 429, 5xx and connection failures; throws on any other non-2xx status.
    func send(_ method: String, _ url: String, headers: [String: String] = [:], body: [UInt8] = []) async throws -> HTTPResponse {
        var request = HTTPRequest(method: method, url: url, headers: headers, body: body, timeout: timeout)
        if let authorization = site.credentials.headerValue { request.headers["Authorization"] = authorization }
        request.headers["User-Agent"] = "spine"
        var delay = retry.baseDelay
        for attempt in 1...retry.maxAttempts {
            await budget.acquire()
            counters.update { $0.requests += 1 }
            let started = monotonicSeconds()
            let outcome: Result<HTTPResponse, TransportError>
            do { outcome = .success(try await transport.send(request)) } catch { outcome = .failure(error) }
            let millis = Int((monotonicSeconds() - started) * 1000)
            let last = attempt == retry.maxAttempts
            switch outcome {
            case .success(let response):
                note("\(method) \(url) → \(response.status) (\(millis) ms)")
                if (200..<300).contains(response.status) {
                    await budget.succeeded()
                    return response
                }
                let retryAfter = RestClientSupport.retryAfter(response.header("Retry-After"))
                let throttled = response.status == 429 || (response.status == 503 && retryAfter != nil)
                if throttled {
                    counters.update { $0.throttled += 1 }
                    await budget.throttled(retryAfter: retryAfter)
                }
                let retryable = throttled || [500, 502, 503, 504].contains(response.status) || (response.status == 408 && request.isIdempotent)
                guard retryable, !last else { throw failure(method, url, response) }
                var wait = retryAfter ?? (delay + Double.random(in: retry.jitter))
                wait = min(wait, retry.maxDelay)
                note("retry \(attempt + 1)/\(retry.maxAttempts) of \(method) \(pathOf(url)) in \(format(wait)) s after \(response.status)"
                     + (retryAfter != nil ? " (Retry-After \(format(retryAfter ?? 0)))" : ""))
                counters.update { $0.retries += 1 }
                try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            case .failure(let error):
                note("\(method) \(url) → \(error.kind.rawValue) (\(millis) ms)")
                guard !last else {
                    throw AtlassianError(status: nil, code: "rest.transport",
                                         redactor.redact("\(method) \(pathOf(url)) failed after \(attempt) attempts: \(error.message)"))
                }
                let wait = min(delay + Double.random(in: retry.jitter), retry.maxDelay)
                note("retry \(attempt + 1)/\(retry.maxAttempts) of \(method) \(pathOf(url)) in \(format(wait)) s after \(error.kind.rawValue)")
                counters.update { $0.retries += 1 }
                try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            }
            delay = min(delay * 2, retry.maxDelay)
        }
        throw AtlassianError(status: nil, code: "rest.transport", "\(method) \(pathOf(url)) failed")
    }

    // MARK: - Helpers

    private func note(_ line: String) {
        log?(redactor.redact(line))
    }

    private func failure(_ method: String, _ url: String, _ response: HTTPResponse) -> AtlassianError {
        let detail = RestClientSupport.errorMessage(response.body)
        var message = "\(method) \(pathOf(url)) → HTTP \(response.status)"
        if !detail.isEmpty { message += ": " + detail }
        return AtlassianError(status: response.status, code: "rest.http-\(response.status)", redactor.redact(message))
    }

    /// The URL without the site origin, for short messages.
    func pathOf(_ url: String) -> String {
        url.hasPrefix(site.baseURL) ? String(url.dropFirst(site.baseURL.count)) : url
    }

    private func format(_ seconds: Double) -> String {
        String(format: "%.2f", seconds)
    }
}

// MARK: - Parsing helpers

enum RestClientSupport {
    /// `Retry-After` as seconds: a number, or an HTTP date.
    static func retryAfter(_ value: String?) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0, seconds.isFinite { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }

    /// The human part of a Jira or Confluence error body (v1 `message`, v2 `errors[].title`,
    /// Jira `errorMessages` and `errors`), at most 500 characters.
    static func errorMessage(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "" }
        guard let value = try? JSONParser.parse(body) else {
            return String(String(decoding: body.prefix(300), as: UTF8.self).split(whereSeparator: \.isNewline).first ?? "")
        }
        var parts: [String] = []
        if let message = value["message"]?.stringValue { parts.append(message) }
        for message in value["errorMessages"]?.arrayValue ?? [] {
            if let text = message.stringValue { parts.append(text) }
        }
        if let errors = value["errors"]?.objectValue {
            for member in errors { parts.append(member.key + ": " + (member.value.stringValue ?? "")) }
        }
        for error in value["errors"]?.arrayValue ?? [] {
            if let title = error["title"]?.stringValue { parts.append(title) }
        }
        return String(parts.joined(separator: "; ").prefix(500))
    }
}

/// A value behind a lock, for counters shared between tasks.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value {
        lock.lock(); defer { lock.unlock() }
        return stored
    }
    func update<T>(_ body: (inout Value) -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body(&stored)
    }
}
