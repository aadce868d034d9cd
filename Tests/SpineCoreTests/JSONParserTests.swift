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
}
