// One shared, adaptive request budget: a token bucket every worker draws from.

import Dispatch

/// Monotonic seconds since an arbitrary start.
func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000
}

/// A token bucket shared by all workers of a job. It starts at the ceiling (`rate`, or
/// unlimited), halves the allowed rate when the server answers 429 or sends `Retry-After`
/// (and pauses everyone until that time), and grows back by a few percent per successful
/// request: additive-increase/multiplicative-decrease, like TCP congestion control.
public actor RequestBudget {
    /// Requests per second never exceeded; nil = no ceiling.
    public let ceiling: Double?
    /// The rate currently allowed; nil = unlimited.
    public private(set) var currentRate: Double?
    /// How often the server told us to slow down.
    public private(set) var throttleCount = 0
    private var tokens: Double
    private var lastRefill: Double
    private var pausedUntil: Double = 0
    /// Grant times of the last requests, to estimate the rate achieved before a 429.
    private var recentGrants: [Double] = []
    private let lowestRate = 1.0

    /// - Parameter rate: the ceiling in requests per second (`--rate`); nil for none.
    public init(rate: Double? = nil) {
        let ceiling = rate.map { max(0.1, $0) }
        self.ceiling = ceiling
        self.currentRate = ceiling
        self.tokens = ceiling.map { min($0, 1) } ?? 0
        self.lastRefill = monotonicSeconds()
    }

    /// Waits until a request may be sent.
    public func acquire() async {
        // Bounded: every pass either returns or sleeps for a positive, capped time.
        for _ in 0..<100_000 {
            let now = monotonicSeconds()
            var wait = pausedUntil - now
            if wait <= 0 {
                guard let rate = currentRate else { grant(now); return }
                tokens = min(max(1, rate), tokens + (now - lastRefill) * rate)
                lastRefill = now
                if tokens >= 1 {
                    tokens -= 1
                    grant(now)
                    return
                }
                wait = (1 - tokens) / rate
            }
            try? await Task.sleep(nanoseconds: UInt64(min(max(wait, 0.001), 60) * 1_000_000_000))
        }
    }

    /// The server said "too many requests" (429, or a 503 with `Retry-After`): pause every
    /// worker for `retryAfter` seconds and halve the allowed rate.
    public func throttled(retryAfter: Double?) {
        let now = monotonicSeconds()
        throttleCount += 1
        if let retryAfter, retryAfter > 0 { pausedUntil = max(pausedUntil, now + retryAfter) }
        let achieved = achievedRate(now)
        let base = min(currentRate ?? achieved, achieved > 0 ? achieved : (currentRate ?? 10))
        currentRate = max(lowestRate, base / 2)
        tokens = 0
        lastRefill = max(now, pausedUntil)
    }

    /// A request went through: let the rate grow back towards the ceiling.
    public func succeeded() {
        guard let rate = currentRate else { return }
        let grown = rate + max(0.25, rate * 0.05)
        if let ceiling {
            currentRate = min(ceiling, grown)
        } else if grown > 1_000 {
            currentRate = nil // recovered completely: no limit again
        } else {
            currentRate = grown
        }
    }

    private func grant(_ now: Double) {
        recentGrants.append(now)
        if recentGrants.count > 256 { recentGrants.removeFirst(recentGrants.count - 256) }
    }

    /// Requests per second granted over the last two seconds (or since the first grant, if sooner).
    private func achievedRate(_ now: Double) -> Double {
        let recent = recentGrants.reversed().prefix { now - $0 <= 2.0 }
        guard let oldest = recent.last else { return 0 }
        return Double(recent.count) / max(0.25, now - oldest)
    }
}
