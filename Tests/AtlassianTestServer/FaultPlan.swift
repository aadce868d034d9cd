// Faults the tests inject into the loopback server: throttling, errors, latency, drops, outages.

/// What goes wrong, and how often. Decisions come from a seeded generator, so a run is repeatable.
public struct FaultPlan: Sendable {
    /// Seconds every response is delayed (simulated network and server time).
    public var latency: Double = 0
    /// Fraction of requests answered 429 with `Retry-After: retryAfter`.
    public var throttleRate: Double = 0
    /// The `Retry-After` value sent with 429s.
    public var retryAfter: String = "0"
    /// Fraction of requests answered 500 or 503 (alternating).
    public var serverErrorRate: Double = 0
    /// Fraction of requests whose connection is closed without an answer.
    public var dropRate: Double = 0
    /// Fraction of requests delayed by `slowDelay` seconds before they are processed.
    public var slowRate: Double = 0
    public var slowDelay: Double = 0
    /// After this many API requests, every request gets 503 until the plan changes.
    public var outageAfter: Int?
    /// Only requests whose path contains this are affected (nil = all).
    public var pathFilter: String?
    /// Seed of the fault generator.
    public var seed: UInt64 = 42

    public init(latency: Double = 0, throttleRate: Double = 0, retryAfter: String = "0", serverErrorRate: Double = 0,
                dropRate: Double = 0, slowRate: Double = 0, slowDelay: Double = 0, outageAfter: Int? = nil,
                pathFilter: String? = nil, seed: UInt64 = 42) {
        self.latency = latency
        self.throttleRate = throttleRate
        self.retryAfter = retryAfter
        self.serverErrorRate = serverErrorRate
        self.dropRate = dropRate
        self.slowRate = slowRate
        self.slowDelay = slowDelay
        self.outageAfter = outageAfter
        self.pathFilter = pathFilter
        self.seed = seed
    }

    /// No faults.
    public static let none = FaultPlan()
}

/// What the server does to one request.
enum FaultDecision {
    case pass
    case throttle
    case serverError(Int)
    case drop
}

/// SplitMix64: small, fast, seedable.
struct SeededGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A value in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
