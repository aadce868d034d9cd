// Linear time on hostile input: for every registered reader's worst shapes, reading ten times
// the input must not take anywhere near 100× as long (what a quadratic reader shows). The test
// uses 10 KB → 100 KB so the debug-build suite stays fast; at those sizes cache and allocator
// effects alone reach about 15× on a linear reader, so the bound here is 25×. `spine-bench`
// reports the 100 KB → 1 MB growth in release mode, where the 12× bound applies.

import Foundation
import Spine
import SpineCore
import SpineRobustness
import XCTest

final class LinearTimeTests: XCTestCase {
    /// The best of three runs in CPU time of this thread: other processes on a busy machine take
    /// wall-clock time from a run, not CPU time, so the growth ratio stays meaningful under load.
    private func bestTime(_ body: () -> Void) -> Double {
        func threadCPUTime() -> Double {
            var spec = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        }
        var best = Double.infinity
        for _ in 0..<3 {
            let start = threadCPUTime()
            body()
            best = min(best, threadCPUTime() - start)
        }
        return best
    }

    func testEveryReaderGrowsLinearlyOnItsWorstShapes() {
        var measured = 0
        for shape in AdversarialInputs.shapes {
            guard let reader = Spine.registry.format(named: shape.format)?.reader else { continue }
            let small = shape.make(10_240)
            let large = shape.make(102_400)
            let options = ConversionOptions()
            let limit = 25 * Double(large.count) / Double(small.count) / 10
            // A quadratic reader fails every attempt; noise (allocator, caches) fails one at most,
            // so up to three attempts are made.
            var report = ""
            var linear = false
            for _ in 0..<3 where !linear {
                let smallTime = bestTime { _ = try? reader.read(small, options: options) }
                let largeTime = bestTime { _ = try? reader.read(large, options: options) }
                // Below half a millisecond the clock's resolution dominates; such a reader is fast enough.
                let growth = largeTime / max(smallTime, 0.0005)
                linear = growth < limit
                report += " [10 KB: \(smallTime) s, 100 KB: \(largeTime) s, growth \(growth)]"
            }
            print("LinearTimeTests: \(shape.format) / \(shape.name):" + report)
            XCTAssertTrue(linear, "\(shape.format) / \(shape.name) grows faster than linear:" + report)
            measured += 1
        }
        XCTAssertGreaterThan(measured, 0)
    }

    func testAdversarialInputsHaveTheRequestedSize() {
        for shape in AdversarialInputs.shapes {
            let bytes = shape.make(102_400)
            XCTAssertGreaterThanOrEqual(bytes.count, 100_000, "\(shape.format) / \(shape.name)")
            XCTAssertLessThan(bytes.count, 120_000, "\(shape.format) / \(shape.name)")
        }
    }
}
