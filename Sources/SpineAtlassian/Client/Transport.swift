// The HTTP transport behind every REST call: a protocol, and its URLSession implementation.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// MARK: - Requests and responses

/// One HTTP request, as the client hands it to a transport.
public struct HTTPRequest: Sendable {
    /// `GET`, `POST`, `PUT`, `DELETE`.
    public var method: String
    /// The absolute URL.
    public var url: String
    /// Header name → value (names as sent).
    public var headers: [String: String]
    public var body: [UInt8]
    /// Seconds before the transport gives up on this request.
    public var timeout: Double

    public init(method: String, url: String, headers: [String: String] = [:], body: [UInt8] = [], timeout: Double = 60) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// True for methods a server must treat as repeatable (safe to retry after any failure).
    public var isIdempotent: Bool { method != "POST" }
}

/// One HTTP response.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header name (lower-cased) → value.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    /// The value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Why a transport could not produce a response.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The request timed out.
        case timeout
        /// The connection was refused, reset or closed before a full response arrived.
        case connection
        /// Anything else (bad URL, TLS failure).
        case other
    }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
    public var description: String { kind.rawValue + ": " + message }
}

/// Sends HTTP requests. The client talks only to this protocol, so tests can put a
/// loopback server, a recorder or a fault injector behind it.
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns the response, or throws `TransportError`.
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}

// MARK: - URLSession

/// The production transport: Foundation's `URLSession` (libcurl on Linux), no cookies,
/// no cache, no automatic retries, at most `maxConnections` connections per host.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    public init(maxConnections: Int = 8) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maxConnections)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        guard let url = URL(string: request.url) else { throw TransportError(.other, "not a URL: " + request.url) }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            urlRequest.httpBody = Data(request.body)
        }
        let outcome: Result<HTTPResponse, TransportError> = await withCheckedContinuation { continuation in
            let task = session.dataTask(with: urlRequest) { data, response, error in
                if let error {
                    continuation.resume(returning: .failure(URLSessionTransport.classify(error)))
                    return
                }
                guard let http = response as? HTTPURLResponse else {
                    continuation.resume(returning: .failure(TransportError(.connection, "no HTTP response")))
                    return
                }
                var headers: [String: String] = [:]
                for (key, value) in http.allHeaderFields {
                    headers[String(describing: key).lowercased()] = String(describing: value)
                }
                let body = data.map { [UInt8]($0) } ?? []
                continuation.resume(returning: .success(HTTPResponse(status: http.statusCode, headers: headers, body: body)))
            }
            task.resume()
        }
        return try outcome.get()
    }

    /// Maps a URLSession error to a transport error kind; the message never includes headers.
    private static func classify(_ error: any Error) -> TransportError {
        let nsError = error as NSError
        if nsError.domain == NSURLErrorDomain {
            switch nsError.code {
            case NSURLErrorTimedOut: return TransportError(.timeout, "request timed out")
            case NSURLErrorNetworkConnectionLost, NSURLErrorCannotConnectToHost, NSURLErrorNotConnectedToInternet,
                 NSURLErrorBadServerResponse, NSURLErrorZeroByteResource, NSURLErrorCannotParseResponse,
                 NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed:
                return TransportError(.connection, "connection failed (URL error \(nsError.code))")
            default: break
            }
        }
        return TransportError(.other, "request failed (\(nsError.domain) \(nsError.code))")
    }
}
