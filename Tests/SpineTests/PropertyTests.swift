// Round-trip properties over seeded random documents: for every format that reads and writes,
// read(write(d)) equals the format's documented normalisation of d, and writing is stable.

import Spine
import SpineCore
import SpineRobustness
import XCTest

final class PropertyTests: XCTestCase {
    /// Documents per format; seeds are fixed so a failure names a replayable seed.
    static let seeds: ClosedRange<UInt64> = 1...60

    func testEveryReadWriteFormatRoundTripsRandomDocuments() {
        var tested: [String] = []
        for format in Spine.registry.formats {
            guard let reader = format.reader, let writer = format.writer else { continue }
            // A format takes part once it declares its lossiness (`FormatDescriptor.normalize`);
            // the AST format is lossless by definition.
            guard let normalize = format.normalize ?? (format.name == "ast" ? { $0 } : nil) else {
                print("PropertyTests: \(format.name) has no normalisation yet; not round-tripped here")
                continue
            }
            tested.append(format.name)
            let options = ConversionOptions(sourceName: "property")
            for seed in Self.seeds {
                var generator = RandomDocuments(seed: seed)
                let document = generator.document()
                do {
                    let written = try writer.write(document, options: options).bytes
                    let read = try reader.read(written, options: options).document
                    let expected = normalize(document)
                    if normalize(read) != expected {
                        XCTFail("\(format.name) seed \(seed): round trip differs\nexpected: \(ASTFormat.dump(expected))\nread: \(ASTFormat.dump(normalize(read)))")
                        break
                    }
                    let rewritten = try writer.write(read, options: options).bytes
                    let reread = try reader.read(rewritten, options: options).document
                    XCTAssertEqual(normalize(reread), expected, "\(format.name) seed \(seed): second pass differs")
                } catch {
                    XCTFail("\(format.name) seed \(seed): \(error)")
                    break
                }
            }
        }
        XCTAssertTrue(tested.contains("ast"), "tested: \(tested)")
        XCTAssertTrue(tested.contains("markdown"), "markdown declares its lossiness (MarkdownLossiness); tested: \(tested)")
        XCTAssertTrue(tested.contains("jira"), "jira declares its lossiness (JiraLossiness); tested: \(tested)")
    }

    func testGeneratorCoversEveryNodeKind() {
        var blockKinds = Set<String>()
        var inlineKinds = Set<String>()
        for seed in Self.seeds {
            var generator = RandomDocuments(seed: seed)
            generator.document().visit(block: { block in
                if case .object(let object) = ASTEncoder.encode(block), case .string(let type)? = object["type"] { blockKinds.insert(type) }
            }, inline: { inline in
                if case .object(let object) = ASTEncoder.encode(inline), case .string(let type)? = object["type"] { inlineKinds.insert(type) }
            })
        }
        let allBlocks: Set = ["paragraph", "heading", "bulletList", "orderedList", "code", "quote", "rule", "table", "panel", "expand",
                              "tableOfContents", "image", "issueQuery", "requirement", "layout", "footnote", "division", "raw"]
        XCTAssertEqual(allBlocks.subtracting(blockKinds), [])
        let expectedInlines: Set = ["text", "emphasis", "strong", "strikethrough", "underline", "superscript", "subscript", "code",
                                    "link", "image", "lineBreak", "softBreak", "mention", "issue", "status", "date", "emoji",
                                    "footnoteReference", "anchor", "placeholder", "span", "raw"]
        XCTAssertEqual(expectedInlines.subtracting(inlineKinds), [])
    }

    func testSameSeedSameDocument() {
        var first = RandomDocuments(seed: 42)
        var second = RandomDocuments(seed: 42)
        XCTAssertEqual(first.document(), second.document())
    }
}
