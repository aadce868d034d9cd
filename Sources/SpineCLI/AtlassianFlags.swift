// Flags shared by the REST commands (export, migrate, publish, prd): site, credentials, budget, reporting.

import Foundation
import SpineAtlassian
import SpineCore

/// Site, credential and request-budget flags, and the helpers the REST commands share.
enum AtlassianFlags {
    // MARK: - Flags

    static let siteSpecs: [OptionSpec] = [
        OptionSpec(["--site"], value: "URL", help: "Atlassian site (default: $ATLASSIAN_SITE); https unless loopback"),
        OptionSpec(["--email"], value: "ADDRESS", help: "Cloud account e-mail (default: $ATLASSIAN_EMAIL)"),
        OptionSpec(["--token"], value: "TOKEN", help: "Cloud API token (default: $ATLASSIAN_API_TOKEN; prefer the variable)"),
        OptionSpec(["--pat"], value: "TOKEN", help: "Data Center personal access token (default: $ATLASSIAN_PAT)"),
        OptionSpec(["--wiki-path"], value: "PATH", help: "Confluence path under the site (default /wiki on Cloud, none on Data Center)"),
        OptionSpec(["--jira-api"], value: "2|3", help: "Jira REST version (default 3 on Cloud, 2 on Data Center)"),
        OptionSpec(["-j", "--jobs"], value: "N", help: "concurrent requests (default 4)"),
        OptionSpec(["--rate"], value: "N", help: "at most N requests per second"),
        OptionSpec(["-v", "--verbose"], help: "log every request (tokens redacted) and informational diagnostics"),
        OptionSpec(["--set"], value: "KEY=VALUE", repeatable: true, help: "a format setting (see Formats/*.md)"),
    ]

    /// `--jobs`, 4 when absent.
    static func jobs(_ arguments: ParsedArguments) throws(UsageError) -> Int {
        guard let text = arguments.value("--jobs") else { return 4 }
        guard let jobs = Int(text), jobs >= 1, jobs <= 64 else { throw UsageError("--jobs must be a number from 1 to 64, not '\(text)'") }
        return jobs
    }

    /// A required option's value.
    static func required(_ key: String, _ arguments: ParsedArguments) throws(UsageError) -> String {
        guard let value = arguments.value(key), !value.isEmpty else { throw UsageError("\(key) is required") }
        return value
    }

    /// `--body storage|adf`.
    static func body(_ arguments: ParsedArguments) throws(UsageError) -> PageBodyFormat {
        guard let text = arguments.value("--body") else { return .storage }
        guard let body = PageBodyFormat(flag: text) else { throw UsageError("--body must be storage or adf, not '\(text)'") }
        return body
    }

    /// Conversion options carrying the `--set` settings.
    static func conversion(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ConversionOptions {
        var options = ConversionOptions()
        options.baseDirectory = io.currentDirectory
        for setting in arguments.all("--set") {
            guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
                throw UsageError("--set needs KEY=VALUE, not '\(setting)'")
            }
            options.settings[String(setting[..<equals])] = String(setting[setting.index(after: equals)...])
        }
        return options
    }

    // MARK: - Client

    /// The client for `--site` (or `siteOverride`, for `migrate --to-site`), credentials from flags or environment.
    static func client(_ arguments: ParsedArguments, io: CommandIO, site siteOverride: String? = nil,
                       credentialPrefix: String = "") throws -> AtlassianClient {
        var apiVersion: Int?
        if let api = arguments.value("--jira-api") {
            guard api == "2" || api == "3" else { throw UsageError("--jira-api must be 2 or 3, not '\(api)'") }
            apiVersion = Int(api)
        }
        var rate: Double?
        if let text = arguments.value("--rate") {
            guard let value = Double(text), value > 0 else { throw UsageError("--rate must be a positive number, not '\(text)'") }
            rate = value
        }
        func credential(_ key: String) -> String? {
            arguments.value("--" + credentialPrefix + key) ?? arguments.value("--" + key)
        }
        let site = try AtlassianSite.resolve(site: siteOverride ?? arguments.value("--site"), email: credential("email"),
                                             token: credential("token"), pat: credential("pat"),
                                             wikiPath: arguments.value("--wiki-path"), jiraAPIVersion: apiVersion)
        let output = SharedIO(io)
        var log: (@Sendable (String) -> Void)?
        if arguments.flag("--verbose") { log = { @Sendable line in output.error(line) } }
        return AtlassianClient(site: site, rate: rate, log: log, maxConnections: try jobs(arguments))
    }

    // MARK: - Running and reporting

    /// Runs an async job from the synchronous command and returns its result.
    static func wait<T: Sendable>(_ job: @escaping @Sendable () async throws(SpineError) -> T) throws(SpineError) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do throws(SpineError) { box.result = .success(try await job()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        guard let result = box.result else { throw SpineError(.io, code: "rest.no-result", "the job ended without a result") }
        return try result.get()
    }

    /// Runs the job `start` builds around a progress handler, showing the progress line while it
    /// runs and clearing it afterwards, whether the job succeeds or fails.
    static func runWithProgress<T: Sendable>(_ io: CommandIO,
                                             _ start: (ProgressHandler?) -> @Sendable () async throws(SpineError) -> T) throws(SpineError) -> T {
        let progress = progress(io)
        defer { progress.finish() }
        return try wait(start(progress.handler))
    }

    /// A progress handler drawing one updating line on standard error, or nil when that is not a terminal.
    static func progress(_ io: CommandIO) -> (handler: ProgressHandler?, finish: () -> Void) {
        guard io.standardErrorIsTerminal else { return (nil, {}) }
        let output = SharedIO(io)
        let handler: ProgressHandler = { progress in
            var item = progress.item
            if item.count > 50 { item = String(item.prefix(49)) + "…" }
            output.raw("\r\u{1B}[K\(progress.done)/\(progress.total) \(item)")
        }
        return (handler, { output.raw("\r\u{1B}[K") })
    }

    /// Prints job diagnostics (warnings and worse; all with `--verbose`); returns whether any was a warning.
    @discardableResult
    static func report(_ diagnostics: [FileDiagnostic], io: CommandIO, verbose: Bool) -> Bool {
        for item in diagnostics where verbose || item.diagnostic.severity >= .warning {
            io.writeError(item.diagnostic.formatted(file: item.file))
        }
        return diagnostics.contains { $0.diagnostic.severity >= .warning }
    }

    /// Writes lines to standard output.
    static func print(_ lines: [String], io: CommandIO) {
        guard !lines.isEmpty else { return }
        io.writeStandardOutput(Array((lines.joined(separator: "\n") + "\n").utf8))
    }
}

// MARK: - Concurrency helpers

/// The result of an async job, handed across the semaphore.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, SpineError>?
}

/// Serialises writes to a `CommandIO` from concurrent tasks.
final class SharedIO: @unchecked Sendable {
    private let io: CommandIO
    private let lock = NSLock()
    init(_ io: CommandIO) { self.io = io }

    func error(_ line: String) {
        lock.lock(); defer { lock.unlock() }
        io.writeError(line)
    }

    /// Writes text to standard error without a newline (progress lines); only for `ProcessIO`-like streams.
    func raw(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
