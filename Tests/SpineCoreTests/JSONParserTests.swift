// The byte-level JSON parser: values, escapes, number spelling, located errors, depth bound.

import SpineCore
import XCTest

final class JSONParserTests: XCTestCase {
    func testParsesAllValueKinds() throws {
        let value = try JSONParser.parse(#"{"a": [1, -2.50, 3e2], "b": true, "c": null, "d": "x", "e": {}}"#)
        XCTAssertEqual(value["a"], .array([.number("1"), .number("-2.50"), .number("3e2")]))
        XCTAssertEqual(value["b"], .bool(true))
        XCTAssertEqual(value["c"], .null)
        XCTAssertEqual(value["d"], .string("x"))
        XCTAssertEqual(value["e"], .object(JSONObject()))
        XCTAssertEqual(value.objectValue?.keys, ["a", "b", "c", "d", "e"])
    }

    func testDecodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#""line\nbreak \"q\" \u00e9 \ud83d\ude00 \/""#)
        XCTAssertEqual(value, .string("line\nbreak \"q\" é 😀 /"))
    }

    func testLoneSurrogateBecomesReplacementCharacter() throws {
        XCTAssertEqual(try JSONParser.parse(#""\ud800x""#), .string("\u{FFFD}x"))
    }

    func testErrorHasLineColumnAndPath() {
        let text = "{\n  \"issues\": [\n    {\"key\": \"A-1\"},\n    {\"key\": }\n  ]\n}"
        XCTAssertThrowsError(try JSONParser.parse(text)) { error in
            let spineError = error as! SpineError
            XCTAssertEqual(spineError.location?.line, 4)
            XCTAssertEqual(spineError.location?.column, 13)
            XCTAssertEqual(spineError.location?.path, "$.issues[1].key")
        }
    }

    func testRejectsTruncatedAndTrailingInput() {
        XCTAssertThrowsError(try JSONParser.parse("[1, 2"))
        XCTAssertThrowsError(try JSONParser.parse("{} x"))
        XCTAssertThrowsError(try JSONParser.parse(""))
        XCTAssertThrowsError(try JSONParser.parse("\"tab\tinside\""))
        XCTAssertThrowsError(try JSONParser.parse("01"))
    }

    func testNestingIsBounded() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(deep)) { error in
            XCTAssertTrue((error as! SpineError).message.contains("nesting"))
        }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertNoThrow(try JSONParser.parse(fine))
    }

    func testWriterRoundTripsAndSortsKeys() throws {
        let text = #"{"b":1,"a":["x\ny",false,null,1.50]}"#
        let value = try JSONParser.parse(text)
        XCTAssertEqual(JSONWriter.compact.string(value), text)
        XCTAssertEqual(JSONWriter(sortKeys: true).string(value), #"{"a":["x\ny",false,null,1.50],"b":1}"#)
        XCTAssertEqual(JSONWriter.compact.string(.string("\u{01}")), #""\u0001""#)
    }

    func testStringsWithAndWithoutEscapesKeepNonASCII() throws {
        let value = try JSONParser.parse(#"["日本語 ünï 😀", "a\"b 日本 \u00e9 עברית", "x\\", ""]"#)
        XCTAssertEqual(value, .array([.string("日本語 ünï 😀"), .string("a\"b 日本 é עברית"), .string("x\\"), .string("")]))
        let members = try JSONParser.parse(#"{"a":{"b":[1,{"c":2}],"d":3},"e":[[],{}]}"#)
        XCTAssertEqual(JSONWriter.compact.string(members), #"{"a":{"b":[1,{"c":2}],"d":3},"e":[[],{}]}"#)
    }

    func testRejectsMalformedUTF8WithLocation() {
        let cases: [[UInt8]] = [
            [0xC0, 0xAF],             // overlong '/'
            [0xED, 0xA0, 0x80],       // UTF-16 surrogate
            [0xF4, 0x90, 0x80, 0x80], // above U+10FFFF
            [0xE6, 0x97],             // truncated
            [0xFF],                   // never valid
            [0x80],                   // lone continuation byte
        ]
        for bytes in cases {
            for escaped in [false, true] {
                let input = Array("[\"ok\", \"".utf8) + (escaped ? Array("\\n".utf8) : []) + bytes + Array("\"]".utf8)
                XCTAssertThrowsError(try JSONParser.parse(input), "\(bytes)") { error in
                    let spineError = error as! SpineError
                    XCTAssertTrue(spineError.message.contains("UTF-8"), spineError.message)
                    XCTAssertEqual(spineError.location?.path, "$[1]")
                }
            }
        }
        XCTAssertEqual(try JSONParser.parse(Array("\"".utf8) + [0xF0, 0x9F, 0x98, 0x80, 0xC3, 0xA9] + Array("\"".utf8)), .string("😀é"))
    }

    func testSpecialBytesAtEveryOffsetOfTheWordScan() throws {
        // The string scan reads eight bytes at a time: a quote, backslash, control byte or
        // non-ASCII byte at any offset (before, inside and after a word) must still count.
        let specials: [(raw: [UInt8], text: String)] = [(Array(#"\""#.utf8), "\""), (Array(#"\\"#.utf8), "\\"),
                                                        (Array("é".utf8), "é"), (Array(#"\n"#.utf8), "\n")]
        for length in 0..<20 {
            for offset in 0...length {
                for special in specials {
                    let before = String(repeating: "a", count: offset), after = String(repeating: "b", count: length - offset)
                    let input = Array("[\"".utf8) + Array(before.utf8) + special.raw + Array(after.utf8) + Array("\",1]".utf8)
                    XCTAssertEqual(try JSONParser.parse(input), .array([.string(before + special.text + after), .number("1")]), "\(input)")
                }
                let control = Array("\"".utf8) + [UInt8](repeating: 0x61, count: offset) + [0x09] + Array("\"".utf8)
                XCTAssertThrowsError(try JSONParser.parse(control)) { error in
                    XCTAssertEqual((error as? SpineError)?.location?.column, offset + 2, "control byte after \(offset) bytes")
                }
                let invalid = Array("\"".utf8) + [UInt8](repeating: 0x61, count: offset) + [0xFF] + Array("\"".utf8)
                XCTAssertThrowsError(try JSONParser.parse(invalid))
            }
        }
    }

    func testWriterEscapesRunsAndControls() {
        let text = "plain \"quoted\" back\\slash\ttab\u{0B}ctrl/slash 日本"
        XCTAssertEqual(JSONWriter.compact.string(.string(text)), #""plain \"quoted\" back\\slash\ttab\u000bctrl/slash 日本""#)
        XCTAssertEqual(JSONWriter(escapeSlashes: true).string(.string("a/b")), #""a\/b""#)
    }
}
