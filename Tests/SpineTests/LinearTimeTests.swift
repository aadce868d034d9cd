// Linear time on hostile input: for every registered reader's worst shapes, reading 1 MB may
// take at most 12× as long as reading 100 KB (measured in this process; no absolute times).

import Foundation
import Spine
import SpineCore
import SpineRobustness
import XCTest

final class LinearTimeTests: XCTestCase {
    private func bestTime(_ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }

    func testEveryReaderGrowsLinearlyOnItsWorstShapes() {
        var measured = 0
        for shape in AdversarialInputs.shapes {
            guard let reader = Spine.registry.format(named: shape.format)?.reader else { continue }
            let small = shape.make(102_400)
            let large = shape.make(1_048_576)
            let options = ConversionOptions()
            let limit = 12 * Double(large.count) / Double(small.count) / 10
            // A quadratic reader fails every attempt; a busy machine (other processes taking the
            // core during the longer run) fails one at most, so up to three attempts are made.
            var report = ""
            var linear = false
            for _ in 0..<3 where !linear {
                let smallTime = bestTime { _ = try? reader.read(small, options: options) }
                let largeTime = bestTime { _ = try? reader.read(large, options: options) }
                // Below a millisecond the clock's resolution dominates; such a reader is fast enough.
                let growth = largeTime / max(smallTime, 0.001)
                linear = growth < limit
                report += " [100 KB: \(smallTime) s, 1 MB: \(largeTime) s, growth \(growth)]"
            }
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
