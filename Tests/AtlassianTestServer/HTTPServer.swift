// A small HTTP/1.1 server on 127.0.0.1 over POSIX sockets: keep-alive, bounded in every loop.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed request.
public struct ServerRequest: Sendable {
    public var method: String
    /// The path without the query, percent-decoded.
    public var path: String
    /// Query parameters, decoded, in order.
    public var query: [(String, String)]
    /// Lower-cased header names.
    public var headers: [String: String]
    public var body: [UInt8]

    /// The first value of query parameter `name`.
    public func parameter(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
}

/// A response, or an instruction to drop the connection without answering.
public enum ServerReply: Sendable {
    case respond(status: Int, headers: [String: String], body: [UInt8])
    case drop
}

/// Accepts connections on an ephemeral loopback port and hands each request to `handler`.
/// Every loop is bounded: the server stops itself after `lifetime` seconds, a connection
/// serves at most 10,000 requests and closes after 5 idle seconds.
final class HTTPServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let handler: @Sendable (ServerRequest) -> ServerReply
    private let lock = NSLock()
    private var stopped = false
    private var connections = 0
    private let deadline: Double
    private static let maxConnections = 256
    private static let maxHeaderBytes = 64 * 1024
    private static let maxBodyBytes = 64 * 1024 * 1024

    init(lifetime: Double, handler: @escaping @Sendable (ServerRequest) -> ServerReply) throws {
        self.handler = handler
        self.deadline = Date().timeIntervalSince1970 + lifetime
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ServerError("socket() failed") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw ServerError("bind/listen on 127.0.0.1 failed")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.listener = fd
        self.port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Stops accepting; open connections finish their current request and close.
    func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        if !wasStopped { shutdown(listener, Int32(SHUT_RDWR)) }
    }

    private var isStopped: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopped || Date().timeIntervalSince1970 > deadline
    }

    // MARK: - Accepting

    private func acceptLoop() {
        defer { close(listener) }
        while !isStopped {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            guard ready > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var noDelay: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            lock.lock()
            let admitted = connections < HTTPServer.maxConnections
            if admitted { connections += 1 }
            lock.unlock()
            guard admitted else { close(client); continue }
            let thread = Thread { [self] in
                serve(client)
                lock.lock(); connections -= 1; lock.unlock()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    // MARK: - One connection

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer: [UInt8] = []
        for _ in 0..<10_000 {
            guard !isStopped, let (request, keepAlive) = readRequest(fd, &buffer) else { return }
            switch handler(request) {
            case .drop:
                return
            case .respond(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) \(HTTPServer.reason(status))\r\n"
                for (name, value) in headers { head += name + ": " + value + "\r\n" }
                head += "Content-Length: \(body.count)\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
                guard writeAll(fd, Array(head.utf8) + (request.method == "HEAD" ? [] : body)) else { return }
                if !keepAlive { return }
            }
        }
    }

    /// Reads one request; nil on EOF, timeout or a malformed request (the connection then closes).
    private func readRequest(_ fd: Int32, _ buffer: inout [UInt8]) -> (ServerRequest, Bool)? {
        var headerEnd: Int?
        for _ in 0..<100_000 {
            if let end = HTTPServer.find([13, 10, 13, 10], in: buffer) { headerEnd = end; break }
            guard buffer.count < HTTPServer.maxHeaderBytes, receive(fd, &buffer) else { return nil }
        }
        guard let headerEnd else { return nil }
        let headText = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["transfer-encoding"] != nil { return nil } // chunked uploads are not needed by the client
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard length >= 0, length <= HTTPServer.maxBodyBytes else { return nil }
        let bodyStart = headerEnd + 4
        for _ in 0..<1_000_000 where buffer.count < bodyStart + length {
            guard receive(fd, &buffer) else { return nil }
        }
        guard buffer.count >= bodyStart + length else { return nil }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        let target = String(requestLine[1])
        let (path, query) = HTTPServer.splitTarget(target)
        let keepAlive = headers["connection"]?.lowercased() != "close" && requestLine[2] == "HTTP/1.1"
        return (ServerRequest(method: String(requestLine[0]), path: path, query: query, headers: headers, body: body), keepAlive)
    }

    private func receive(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    // MARK: - Parsing helpers

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }

    static func splitTarget(_ target: String) -> (String, [(String, String)]) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0]).removingPercentEncoding ?? String(parts[0])
        var query: [(String, String)] = []
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                func decode(_ text: Substring) -> String {
                    String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
                }
                query.append((decode(kv[0]), kv.count > 1 ? decode(kv[1]) : ""))
            }
        }
        return (path, query)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}

/// A server start-up failure.
struct ServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
