// The invariants every reader must keep on arbitrary input, shared by the libFuzzer entry
// point (`spine-fuzz`) and the regression tests.

import Spine
import SpineCore

/// One reader under test and the invariants checked on each input.
public struct FuzzTarget: Sendable {
    /// The target's name as `Scripts/fuzz.sh` takes it (the reader's format name).
    public var name: String
    /// The format read; its writer (when there is one) is used for the round-trip invariant.
    public var format: String

    /// Every reader with a fuzz target: each registered format that has a reader.
    public static var all: [FuzzTarget] {
        Spine.registry.formats.filter { $0.reader != nil }.map { FuzzTarget(name: $0.name, format: $0.name) }
    }

    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    /// Why an input broke an invariant.
    public struct Violation: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Reads `input`; a thrown `SpineError` is an accepted outcome (bad input is allowed to be
    /// refused). When reading succeeds and the format has a writer, the written output must
    /// read back to the same document, and writing that again must give the same bytes; the
    /// output must also pass the checks of the system that consumes it (`OutputChecks`).
    public func check(_ input: [UInt8]) -> Violation? {
        let options = ConversionOptions(sourceName: "fuzz")
        guard let format = Spine.registry.format(named: format), let reader = format.reader else {
            return Violation(description: "no reader for \(self.format)")
        }
        let first: Document
        do {
            first = try reader.read(input, options: options).document
        } catch {
            return error.location == nil && error.kind == .malformedInput
                ? Violation(description: "error without a location: \(error.message)") : nil
        }
        guard let writer = format.writer else { return nil }
        do {
            let written = try writer.write(first, options: options).bytes
            if let problem = OutputChecks.problem(format: format.name, written, from: first, input: input) { return Violation(description: problem) }
            let second = try reader.read(written, options: options).document
            let rewritten = try writer.write(second, options: options).bytes
            if rewritten != written {
                return Violation(description: "writing is not a fixed point after one read/write pass")
            }
        } catch {
            return Violation(description: "own output was refused: \(error.formatted(file: "round-trip"))")
        }
        return nil
    }
}
