// Benchmark harness (build with -c release): writes a generated corpus with every registered
// writer and reads it back with every registered reader, printing MB, seconds and MB/s.
// Usage: spine-bench [--sizes 1,16] [--formats a,b] [--repeat N]

import Foundation
import Spine
import SpineCore
import SpineRobustness

var sizes: [Double] = [1, 16]
var onlyFormats: Set<String>?
var repeats = 1
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    guard let value = arguments.first else { print("missing value for \(flag)"); exit(2) }
    arguments.removeFirst()
    switch flag {
    case "--sizes": sizes = value.split(separator: ",").compactMap { Double($0) }
    case "--formats": onlyFormats = Set(value.split(separator: ",").map(String.init))
    case "--repeat": repeats = max(1, Int(value) ?? 1)
    default: print("unknown option \(flag)"); exit(2)
    }
}

func seconds(repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

func row(_ action: String, _ format: String, _ bytes: Int, _ time: Double) {
    let megabytes = Double(bytes) / 1_048_576
    let label = action.padding(toLength: 6, withPad: " ", startingAt: 0) + " " + format.padding(toLength: 12, withPad: " ", startingAt: 0)
    print(label + String(format: " %9.2f MB %8.3f s %9.1f MB/s", megabytes, time, megabytes / max(time, 1e-9)))
}

let options = ConversionOptions()
let registry = Spine.registry
let formats = registry.formats.filter { onlyFormats == nil || onlyFormats!.contains($0.name) }
// Size the corpus by its Markdown form when Markdown is registered, else by its AST JSON.
let sizingFormat = registry.format(named: "markdown") ?? registry.format(named: "ast")!
var generator = CorpusGenerator()
let probe = generator.document(sections: 100)
let probeBytes = (try? sizingFormat.writer!.write(probe, options: options).bytes.count) ?? 1

print("spine-bench \(Spine.version): corpus sized by \(sizingFormat.name); best of \(repeats)")
for size in sizes {
    var sizedGenerator = CorpusGenerator()
    let sections = max(1, Int(size * 1_048_576 / Double(probeBytes) * 100))
    let document = sizedGenerator.document(sections: sections)
    print(String(format: "--- corpus %.0f MB (%d sections) ---", size, sections))
    for format in formats {
        guard let writer = format.writer else { continue }
        var output: [UInt8] = []
        do {
            let time = try seconds(repeats: repeats) { output = try writer.write(document, options: options).bytes }
            row("write", format.name, output.count, time)
        } catch {
            print("write  \(format.name): failed: \(error)")
            continue
        }
        guard let reader = format.reader else { continue }
        do {
            let time = try seconds(repeats: repeats) { _ = try reader.read(output, options: options) }
            row("read", format.name, output.count, time)
        } catch {
            print("read   \(format.name): failed: \(error)")
        }
    }
}

// MARK: - Adversarial inputs: time per MB at 10 KB, 100 KB and 1 MB for every reader's worst shapes.

/// The best of `repeats` runs in CPU time of this thread: growth ratios stay meaningful on a busy
/// machine, where other processes take wall time from a run.
func cpuSeconds(repeats: Int, _ body: () -> Void) -> Double {
    func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = now()
        body()
        best = min(best, now() - start)
    }
    return best
}

// Freed memory stays in the process (no trimming, no per-allocation mmap), so that repeated
// runs of a 1 MB input reuse their pages like those of a 100 KB input do: otherwise the growth
// ratio also measures the kernel's page faults for memory glibc handed back between runs.
#if os(Linux)
@_silgen_name("mallopt") func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
_ = glibcMallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD (malloc.h, not exported to Swift)
_ = glibcMallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD, at its 64-bit maximum
#endif

print("--- adversarial inputs: CPU seconds per MB at 10 KB, 100 KB, 1 MB (best of \(max(3, repeats))); growth = time(1 MB) / time(100 KB), linear ≈ 10 ---")
for shape in AdversarialInputs.shapes {
    guard let reader = registry.format(named: shape.format)?.reader, onlyFormats == nil || onlyFormats!.contains(shape.format) else { continue }
    var perMB: [Double] = []
    for size in [10_240, 102_400, 1_048_576] {
        let input = shape.make(size)
        let time = cpuSeconds(repeats: max(3, repeats)) { _ = try? reader.read(input, options: options) }
        perMB.append(time / (Double(input.count) / 1_048_576))
    }
    let label = (shape.format + ": " + shape.name).padding(toLength: 34, withPad: " ", startingAt: 0)
    print(label + String(format: " %8.4f %8.4f %8.4f s/MB   growth %.1f×", perMB[0], perMB[1], perMB[2], 10 * perMB[2] / max(perMB[1], 1e-9)))
}
