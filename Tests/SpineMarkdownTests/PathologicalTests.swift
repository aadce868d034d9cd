// Adversarial inputs: deep nesting and long delimiter runs finish (linear algorithms, bounded
// recursion) and give the expected structure. No timing assertions.

import SpineCore
import SpineMarkdown
import XCTest

final class PathologicalTests: XCTestCase {
    func read(_ text: String) throws -> ReadResult {
        try MarkdownReader().read(Array(text.utf8), options: ConversionOptions())
    }

    func html(_ text: String) throws -> String {
        let doc = try read(text).document
        return String(decoding: try HTMLWriter().write(doc, options: ConversionOptions()).bytes, as: UTF8.self)
    }

    func testFiftyThousandOpenBracketsStayText() throws {
        let input = String(repeating: "[", count: 50_000) + "a"
        XCTAssertEqual(try read(input).document.blocks, [.paragraph([.text(input)])])
    }

    func testNestedBracketsWithClosersStayText() throws {
        let input = String(repeating: "[", count: 50_000) + "a" + String(repeating: "]", count: 50_000)
        XCTAssertEqual(try read(input).document.blocks, [.paragraph([.text(input)])])
    }

    func testManyLinksAfterOpenBrackets() throws {
        let input = String(repeating: "[", count: 20_000) + String(repeating: "[a](b)", count: 20_000)
        let output = try html(input)
        XCTAssertTrue(output.hasPrefix("<p>" + String(repeating: "[", count: 20_000) + "<a href=\"b\">a</a>"))
        XCTAssertEqual(output.components(separatedBy: "<a href").count - 1, 20_000)
    }

    func testFiftyThousandStarA() throws {
        // `*a*a*a…`: pairs become emphasis, linear in the input
        let input = String(repeating: "*a", count: 50_000)
        let blocks = try read(input).document.blocks
        guard case .paragraph(let inlines) = blocks.first else { return XCTFail("not a paragraph") }
        XCTAssertEqual(inlines.count, 50_000)
        XCTAssertEqual(inlines.first, .emphasis([.text("a")]))
        XCTAssertEqual(inlines.last, .text("a"))
    }

    func testUnmatchedUnderscoresAndStars() throws {
        let input = String(repeating: "_a *", count: 25_000)
        // no `_` or `*` here can close, so everything stays literal text
        XCTAssertEqual(try html(input), "<p>" + input + "</p>\n")
    }

    func testDeeplyNestedEmphasisIsFlattenedWithADiagnostic() throws {
        let input = String(repeating: "*", count: 20_000) + "a" + String(repeating: "*", count: 20_000)
        let result = try read(input)
        XCTAssertTrue(result.diagnostics.contains { $0.code == "markdown.nesting-too-deep" })
        var depth = 0
        var node = result.document.blocks.first.flatMap { block -> [Inline]? in
            if case .paragraph(let inlines) = block { return inlines } else { return nil }
        }
        while let inlines = node, let first = inlines.first {
            switch first {
            case .strong(let c), .emphasis(let c): depth += 1; node = c
            default: node = nil
            }
        }
        XCTAssertEqual(depth, 64)
        XCTAssertTrue(try html(input).contains(">a<"))
    }

    func testTenThousandNestedQuotesAreBounded() throws {
        let input = String(repeating: ">", count: 10_000) + " deep"
        let result = try read(input)
        XCTAssertTrue(result.diagnostics.contains { $0.code == "markdown.nesting-too-deep" })
        var depth = 0
        var blocks = result.document.blocks
        while case .quote(let inner)? = blocks.first {
            depth += 1
            blocks = inner
        }
        XCTAssertEqual(depth, 99)
        guard case .paragraph(let inlines)? = blocks.first else { return XCTFail("no innermost paragraph") }
        XCTAssertEqual(PlainTextOf(inlines), String(repeating: ">", count: 10_000 - 99) + " deep")
    }

    func testTenThousandNestedListsAreBounded() throws {
        // 10,000 list markers on one line, then a continuation line at a moderate depth
        let input = String(repeating: "- ", count: 10_000) + "item\n" + String(repeating: " ", count: 40) + "more\n"
        let result = try read(input)
        XCTAssertTrue(result.diagnostics.contains { $0.code == "markdown.nesting-too-deep" })
        let output = try html(input)
        XCTAssertEqual(output.components(separatedBy: "<ul>").count - 1, 50)
        XCTAssertTrue(output.contains("- - - - "), "markers past the depth limit stay text")
        // round trip of the bounded document is stable
        let written = try MarkdownWriter().write(result.document, options: ConversionOptions()).bytes
        XCTAssertEqual(try MarkdownReader().read(written, options: ConversionOptions()).document, result.document)
    }

    func testLongBacktickRuns() throws {
        // openers without closers of the same length: linear with the run index
        var input = ""
        for n in 1...300 { input += String(repeating: "`", count: n) + "x" }
        let output = try html(input)
        XCTAssertFalse(output.contains("<code>"))
        let closed = String(repeating: "`", count: 5000) + "code" + String(repeating: "`", count: 5000)
        XCTAssertEqual(try read(closed).document.blocks, [.paragraph([.code("code")])])
    }

    func testUnterminatedHTMLConstructs() throws {
        let input = String(repeating: "<!-- a ", count: 10_000) + String(repeating: "<?x ", count: 10_000)
            + String(repeating: "<![CDATA[ ", count: 10_000)
        let output = try html("x " + input)
        XCTAssertTrue(output.hasPrefix("<p>x &lt;!-- a"))
    }

    func testInvalidUTF8IsReplacedWithAWarning() throws {
        let result = try MarkdownReader().read([0x61, 0xFF, 0x62, 0x0A, 0x63, 0x00], options: ConversionOptions())
        XCTAssertEqual(result.document.blocks, [.paragraph([.text("a\u{FFFD}b"), .softBreak, .text("c\u{FFFD}")])])
        XCTAssertEqual(result.diagnostics.first?.code, "markdown.invalid-utf8")
        XCTAssertEqual(result.diagnostics.first?.location?.line, 1)
    }

    /// Punctuation-dense random input: reading and writing never fail; the round trip holds for
    /// every input (see also DenseRoundTripTests).
    func testRandomBytesNeverFail() throws {
        var generator = SplitMix(seed: 42)
        let alphabet = Array("*_~`[]()<>!&#\\-+=|:. \n\tab1@w".utf8)
        let options = ConversionOptions(settings: ["markdown.front-matter": "false"])
        var mismatches = 0
        for _ in 0..<300 {
            let length = Int(generator.next() % 400)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let doc = try MarkdownReader().read(bytes, options: options).document
            XCTAssertFalse(try HTMLWriter().write(doc, options: options).bytes.isEmpty && !doc.blocks.isEmpty)
            let written = try MarkdownWriter().write(doc, options: options).bytes
            if try MarkdownReader().read(written, options: options).document != doc {
                mismatches += 1
                print("round trip differs: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
        print("random delimiter soup: \(300 - mismatches)/300 round-trip")
        XCTAssertEqual(mismatches, 0)
    }

    /// Prose-like random input (space-separated words, emphasis, links, code, lists, quotes):
    /// the round trip holds and writing is a fixed point.
    func testRandomProseRoundTrips() throws {
        var generator = SplitMix(seed: 7)
        let pieces = ["word", "Word", " ", " ", "\n", "\n\n", "*em*", "**strong**", "`code`", "[link](http://x.org)", "- ", "1. ",
                      "> ", "# ", "_", "*", "~~gone~~", "snake_case", "a*b", "&amp;", "é", "日本", "<b>", "|", "www.example.org", "x@y.org", "\\"]
        let options = ConversionOptions(settings: ["markdown.front-matter": "false"])
        for _ in 0..<300 {
            let count = Int(generator.next() % 30)
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined(separator: " ")
            let doc = try MarkdownReader().read(Array(text.utf8), options: options).document
            let written = try MarkdownWriter().write(doc, options: options).bytes
            let again = try MarkdownReader().read(written, options: options).document
            XCTAssertEqual(doc, again, "input \(text.debugDescription)\nwritten:\n\(String(decoding: written, as: UTF8.self))")
            XCTAssertEqual(try MarkdownWriter().write(again, options: options).bytes, written, "not a fixed point: \(text.debugDescription)")
        }
    }
}

/// Plain text of inlines for assertions.
func PlainTextOf(_ inlines: [Inline]) -> String {
    inlines.map { if case .text(let t) = $0 { return t } else { return "" } }.joined()
}

/// A small deterministic generator for the random-input test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
