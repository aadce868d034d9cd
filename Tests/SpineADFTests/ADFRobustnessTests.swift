// Hostile ADF: every truncation and seeded random mutations end in a result or a located error.

import Foundation
import SpineADF
import SpineCore
import SpineTestSupport
import XCTest

final class ADFRobustnessTests: XCTestCase {
    private func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Fixtures.root.appendingPathComponent("adf/" + name)))
    }

    /// Every proper prefix of a document is malformed JSON: an error with a line, never a crash.
    func testEveryTruncationIsALocatedError() throws {
        let bytes = try fixture("jira-story.adf.json")
        var end = 1
        while end < bytes.count - 1 {
            XCTAssertThrowsError(try ADFReader().read(Array(bytes[..<end]), options: ConversionOptions())) { error in
                XCTAssertNotNil((error as? SpineError)?.location?.line, "prefix \(end)")
            }
            end += 7
        }
    }

    /// Seeded random edits of the every-node fixture (types swapped, members dropped, nodes
    /// renamed): the reader returns or throws a located SpineError, and whatever it returns is
    /// written back without crashing.
    func testRandomMutationsNeverCrash() throws {
        let original = try JSONParser.parse(try fixture("every-node.adf.json"))
        var generator = SeededGenerator(seed: 0x5EED)
        var read = 0
        for _ in 0..<300 {
            let mutated = mutate(original, &generator, depth: 0)
            let bytes = JSONWriter.compact.write(mutated)
            do {
                let result = try ADFReader().read(bytes, options: ConversionOptions())
                _ = ADFWriter().document(for: result.document.blocks)
                read += 1
            } catch {
                XCTAssertNotNil(error.location?.path, error.description)
            }
        }
        XCTAssertGreaterThan(read, 0)
    }

    private func mutate(_ value: JSONValue, _ generator: inout SeededGenerator, depth: Int) -> JSONValue {
        let roll = Int(generator.next() % 100)
        switch value {
        case .object(var object):
            if roll < 3, !object.isEmpty { object.members.remove(at: Int(generator.next() % UInt64(object.count))) }
            if roll == 3, object["type"] != nil { object["type"] = .string(["paragraph", "table", "media", "text", "doc", "zzz"][Int(generator.next() % 6)]) }
            if roll == 4, object["attrs"] != nil { object["attrs"] = .array([]) }
            object.members = object.members.map { JSONObject.Member($0.key, mutate($0.value, &generator, depth: depth + 1)) }
            return .object(object)
        case .array(let elements):
            if roll < 2 { return .object(JSONObject()) }
            return .array(elements.map { mutate($0, &generator, depth: depth + 1) })
        case .string:
            return roll < 2 ? .number("7") : value
        case .number:
            return roll < 3 ? .string("x") : value
        default:
            return value
        }
    }
}

/// A small deterministic random generator (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
