// Round trips: read → write(markdown) → read gives an equal AST, and writing is a fixed point.

import SpineCore
import SpineMarkdown
import XCTest

final class RoundTripTests: XCTestCase {
    let options = ConversionOptions(settings: ["markdown.front-matter": "false"])

    func roundTrip(_ markdown: String, label: String) throws -> String? {
        let reader = MarkdownReader(), writer = MarkdownWriter()
        let first = try reader.read(Array(markdown.utf8), options: options).document
        let written = try writer.write(first, options: options).bytes
        let second = try reader.read(written, options: options).document
        if first != second {
            return "\(label): AST changed\n--- input\n\(markdown)--- written\n\(String(decoding: written, as: UTF8.self))\n--- first\n\(ASTFormat.dump(first))--- second\n\(ASTFormat.dump(second))"
        }
        let rewritten = try writer.write(second, options: options).bytes
        if rewritten != written {
            return "\(label): not a fixed point\n--- first write\n\(String(decoding: written, as: UTF8.self))\n--- second write\n\(String(decoding: rewritten, as: UTF8.self))"
        }
        return nil
    }

    func testEveryCommonMarkExampleRoundTrips() throws {
        var failures: [String] = []
        let examples = try Spec.commonMark()
        for example in examples {
            if let failure = try roundTrip(example.markdown, label: "CommonMark example \(example.number)") { failures.append(failure) }
        }
        print("CommonMark round trip: \(examples.count - failures.count)/\(examples.count)")
        XCTAssertTrue(failures.isEmpty, "\(failures.count) failing:\n" + failures.prefix(25).joined(separator: "\n\n"))
    }

    func testEveryGFMExampleRoundTrips() throws {
        var failures: [String] = []
        let examples = try Spec.gfm()
        for example in examples {
            if let failure = try roundTrip(example.markdown, label: "GFM example \(example.number)") { failures.append(failure) }
        }
        print("GFM round trip: \(examples.count - failures.count)/\(examples.count)")
        XCTAssertTrue(failures.isEmpty, "\(failures.count) failing:\n" + failures.prefix(25).joined(separator: "\n\n"))
    }
}
