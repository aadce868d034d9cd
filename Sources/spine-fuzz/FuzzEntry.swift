// libFuzzer entry point for every reader (built by Scripts/fuzz.sh with -DSPINE_FUZZ), and,
// in a normal build, a replay tool: `spine-fuzz TARGET FILE…` runs the same checks on files.

import Foundation
import SpineRobustness

#if SPINE_FUZZ
/// The reader under test, chosen once per process from SPINE_FUZZ_TARGET.
nonisolated(unsafe) private var selectedTarget: FuzzTarget?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if selectedTarget == nil {
        let name = ProcessInfo.processInfo.environment["SPINE_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget.named(name) else {
            FileHandle.standardError.write(Data("spine-fuzz: set SPINE_FUZZ_TARGET to one of: \(FuzzTarget.all.map(\.name).joined(separator: " "))\n".utf8))
            exit(2)
        }
        selectedTarget = target
    }
    if let violation = selectedTarget!.check(Array(UnsafeBufferPointer(start: data, count: size))) {
        FileHandle.standardError.write(Data("spine-fuzz: invariant violated: \(violation)\n".utf8))
        abort()
    }
    return 0
}
/// libFuzzer's driver, started explicitly because SwiftPM points the executable's entry
/// symbol at `spine_fuzz_main` rather than at libFuzzer's own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("spine_fuzz_main")
public func spineFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
#else
/// Replays files through a target's checks: `spine-fuzz TARGET FILE…`.
@main
struct ReplayMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, let target = FuzzTarget.named(name) else {
            print("usage: spine-fuzz TARGET FILE…   targets: \(FuzzTarget.all.map(\.name).joined(separator: " "))")
            exit(2)
        }
        var failures = 0
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): unreadable")
                failures += 1
                continue
            }
            if let violation = target.check(Array(data)) {
                print("\(path): \(violation)")
                failures += 1
            }
        }
        print("\(arguments.count - 1 - failures) passed, \(failures) failed")
        exit(failures == 0 ? 0 : 1)
    }
}
#endif
