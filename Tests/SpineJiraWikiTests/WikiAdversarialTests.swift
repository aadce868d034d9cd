// Hostile inputs: deep macro toggling, long delimiter runs, megabyte lines and unclosed
// constructs must convert to the documented result (no timing assertions).

import SpineCore
import SpineJiraWiki
import XCTest

final class WikiAdversarialTests: XCTestCase {
    private func read(_ text: String) -> ReadResult { JiraWikiReader().blocks(from: text) }

    /// Counts inline nodes of one kind anywhere in a paragraph list (iteratively).
    private func count(_ blocks: [Block], where matches: (Inline) -> Bool) -> Int {
        var total = 0
        for case .paragraph(let inlines) in blocks { total += inlines.filter(matches).count }
        return total
    }

    // MARK: - Macros

    /// 100k `{quote}` tags toggle: 50k empty quotes, on separate lines or on one line.
    func testHundredThousandQuoteTags() {
        for separator in ["\n", ""] {
            let result = read(Array(repeating: "{quote}", count: 100_000).joined(separator: separator))
            XCTAssertEqual(result.document.blocks.count, 50_000, "separator \(separator.debugDescription)")
            XCTAssertTrue(result.document.blocks.allSatisfy { $0 == .quote([]) })
            XCTAssertTrue(result.diagnostics.isEmpty)
        }
    }

    /// 100k nested different containers never nest deeper than the number of macro names.
    func testNestedContainersStayBounded() {
        let names = ["quote", "panel", "info", "note", "warning", "tip"]
        var text = ""
        for index in 0..<100_000 { text += "{" + names[index % names.count] + "}\ntext\n" }
        let blocks = read(text).document.blocks
        var depth = 0
        var level = blocks
        while let last = level.last {
            switch last {
            case .quote(let inner): level = inner
            case .panel(let panel): level = panel.blocks
            default: level = []
            }
            if level.isEmpty { break }
            depth += 1
        }
        XCTAssertLessThanOrEqual(depth, names.count)
        XCTAssertFalse(blocks.isEmpty)
    }

    /// Unclosed verbatim and unknown macros are searched once, not once per tag.
    func testManyUnclosedMacros() {
        let unknown = read(Array(repeating: "{expand:title=x}", count: 20_000).joined(separator: "\n"))
        XCTAssertEqual(unknown.document.blocks.count, 20_000)
        XCTAssertTrue(unknown.document.blocks.allSatisfy { $0 == .raw(Raw(format: "jira-wiki", content: "{expand:title=x}")) })
        let code = read("{code}\n" + String(repeating: "{noformat:x}\n", count: 20_000))
        XCTAssertEqual(code.document.blocks.count, 1)
        XCTAssertEqual(code.diagnostics.map(\.code), ["jira-wiki.unclosed-macro"])
    }

    /// 20k colour blocks waiting for one closer: colour blocks do not nest, the search is shared.
    func testManyColourOpenersBeforeOneCloser() {
        let text = String(repeating: "{color:red}\ntext\n", count: 20_000) + "{color}"
        let blocks = read(text).document.blocks
        XCTAssertEqual(blocks.count, 1)
        guard case .division(let division)? = blocks.first else { return XCTFail("expected a colour block") }
        XCTAssertEqual(division.attributes, [Attribute("color", "red")])
        XCTAssertEqual(division.blocks.count, 1, "later openers stay text inside the open colour block")
    }

    // MARK: - Delimiter runs

    /// 50k `*`: every third star closes a bold holding one star.
    func testFiftyThousandStars() {
        let blocks = read(String(repeating: "*", count: 50_000)).document.blocks
        XCTAssertEqual(count(blocks) { $0 == .strong([.text("*")]) }, 16_666)
        guard case .paragraph(let inlines)? = blocks.first else { return XCTFail("expected a paragraph") }
        XCTAssertEqual(inlines.last, .text("**"))
        let written = JiraWikiWriter().text(for: blocks).text
        XCTAssertEqual(read(written).document.blocks, blocks)
    }

    /// 50k stars followed by a space make a list item capped at the nesting limit.
    func testFiftyThousandListMarkers() {
        let result = read(String(repeating: "*", count: 50_000) + " deep")
        XCTAssertEqual(result.diagnostics.map(\.code), ["jira-wiki.nesting-limit"])
        var depth = 0
        var blocks = result.document.blocks
        while case .list(let list)? = blocks.first, let item = list.items.last {
            depth += 1
            blocks = item.blocks.last.map { [$0] } ?? []
        }
        XCTAssertEqual(depth, 16)
        XCTAssertEqual(blocks, [.paragraph([.text("deep")])])
    }

    /// Openers without closers, mixed kinds, stay text.
    func testUnmatchedOpenersStayText() {
        let text = String(repeating: "*a _b -c +d ^e ~f ??g ", count: 20_000)
        let blocks = read(text).document.blocks
        XCTAssertEqual(blocks, [.paragraph([.text(String(text.dropLast()))])])
    }

    // MARK: - Megabyte lines

    /// A 1 MB line of mixed markup converts piece by piece.
    func testMegabyteLineOfMarkup() {
        let unit = "word *bold* _em_ [link|http://x.org/a_b] {{code}} !img.png! (/) [PROJ-1] "
        let repeats = 1_048_576 / unit.utf8.count + 1
        let blocks = read(String(repeating: unit, count: repeats)).document.blocks
        XCTAssertEqual(blocks.count, 1)
        XCTAssertEqual(count(blocks) { if case .strong = $0 { return true } else { return false } }, repeats)
        XCTAssertEqual(count(blocks) { if case .link = $0 { return true } else { return false } }, repeats)
        XCTAssertEqual(count(blocks) { if case .image = $0 { return true } else { return false } }, repeats)
        XCTAssertEqual(count(blocks) { if case .issue = $0 { return true } else { return false } }, repeats)
        let written = JiraWikiWriter().text(for: blocks).text
        XCTAssertEqual(read(written).document.blocks, blocks)
    }

    /// 1 MB of characters that each could start a construct that never completes.
    func testMegabyteLinesOfOpeners() {
        for opener in ["[", "{{", "!", "{a:", "(", "&", "{color:red}", "[a|", "!a ", "*a "] {
            let text = String(repeating: opener, count: 1_048_576 / opener.utf8.count)
            let blocks = read(text).document.blocks
            guard case .paragraph(let inlines)? = blocks.first, blocks.count == 1 else {
                XCTFail("\(opener): expected one paragraph, got \(blocks.count) blocks")
                continue
            }
            XCTAssertEqual(inlines, [.text(opener == "!a " || opener == "*a " ? String(text.dropLast()) : text)],
                           "\(opener) should stay literal text")
        }
        // Every backslash pair is a line break.
        let backslashes = read(String(repeating: "\\", count: 1_048_576)).document.blocks
        XCTAssertEqual(backslashes, [.paragraph(Array(repeating: .lineBreak, count: 524_288))])
        // `??` pairs: each opener closes at the next pair, holding one literal `??`.
        let citations = read(String(repeating: "??", count: 300_000)).document.blocks
        XCTAssertEqual(count(citations) { $0 == .span(Span(attributes: [Attribute("class", "citation")], content: [.text("??")])) },
                       100_000)
    }

    /// A 1 MB table row and a 1 MB heading stay single blocks.
    func testMegabyteTableRowAndHeading() {
        let row = "|" + String(repeating: "cell|", count: 200_000)
        guard case .table(let table)? = read(row).document.blocks.first else { return XCTFail("expected a table") }
        XCTAssertEqual(table.rows.first?.cells.count, 200_000)
        let heading = read("h2. " + String(repeating: "x ", count: 500_000)).document.blocks
        XCTAssertEqual(heading.count, 1)
    }

    /// Invalid UTF-8 and control bytes never crash.
    func testInvalidBytes() throws {
        var bytes: [UInt8] = Array("*bold ".utf8) + [0xFF, 0xFE, 0xC3] + Array("* and _x_\u{0}".utf8)
        bytes += [0xE2, 0x82]
        let result = try JiraWikiReader().read(bytes, options: ConversionOptions())
        XCTAssertEqual(result.document.blocks.count, 1)
    }

    /// CR LF and lone CR line ends read like LF; a byte-order mark is dropped.
    func testLineEndsAndByteOrderMark() throws {
        let crlf = try JiraWikiReader().read(Array("\u{FEFF}h1. T\r\n* a\r* b\r\n\r\ntext".utf8), options: ConversionOptions())
        let lf = JiraWikiReader().blocks(from: "h1. T\n* a\n* b\n\ntext")
        XCTAssertEqual(crlf.document, lf.document)
        XCTAssertEqual(lf.document.blocks.count, 3)
    }
}
