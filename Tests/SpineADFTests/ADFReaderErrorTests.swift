// Bad ADF input: located errors, never a crash; invalid nodes kept raw with a warning.

import SpineADF
import SpineCore
import XCTest

final class ADFReaderErrorTests: XCTestCase {
    private func error(_ text: String) -> SpineError? {
        do {
            _ = try ADFReader().read(Array(text.utf8), options: ConversionOptions())
            return nil
        } catch {
            return error
        }
    }

    func testTruncatedJSONIsALocatedError() {
        let error = error(#"{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"abc"#)
        XCTAssertEqual(error?.code, "json.syntax")
        XCTAssertEqual(error?.location?.line, 1)
        XCTAssertEqual(error?.location?.path, "$.content[0].content[0].text")
    }

    func testWrongTypesAreLocated() {
        XCTAssertEqual(error(#"{"type":"doc","content":{"type":"paragraph"}}"#)?.location?.path, "$.content")
        XCTAssertEqual(error(#"{"type":"doc","content":[{"type":"paragraph","content":[{"type":7}]}]}"#)?.location?.path,
                       "$.content[0].content[0].type")
        XCTAssertEqual(error(#"{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"attrs":{}}]}]}]}"#)?.location?.path,
                       "$.content[0].content[0].marks[0]")
        XCTAssertEqual(error(#"{"type":"paragraph","content":[]}"#)?.code, "adf.not-a-document")
        XCTAssertEqual(error(#"[1,2]"#)?.code, "adf.shape")
    }

    func testInvalidNodesAreKeptRawWithAWarning() throws {
        let text = #"{"type":"doc","version":1,"content":[{"type":"heading","attrs":{"level":"two"},"content":[]},{"type":"bulletList","content":[{"type":"paragraph"}]}]}"#
        let result = try ADFReader().read(Array(text.utf8), options: ConversionOptions())
        XCTAssertEqual(result.document.blocks.count, 2)
        guard case .raw(let raw)? = result.document.blocks.first else { return XCTFail("expected raw") }
        XCTAssertEqual(raw.format, "adf")
        XCTAssertEqual(raw.content, #"{"type":"heading","attrs":{"level":"two"},"content":[]}"#)
        XCTAssertEqual(result.diagnostics.map(\.code), ["adf.invalid-node", "adf.invalid-node"])
        XCTAssertEqual(result.diagnostics.first?.location?.path, "$.content[0]")
    }

    func testDeepNestingFinishes() {
        var text = #"{"type":"doc","content":["#
        for _ in 0..<2000 { text += #"{"type":"blockquote","content":["# }
        let result = error(text)
        XCTAssertEqual(result?.code, "json.syntax")
    }
}
