// Reading REST page JSON (v1 and v2) into a document with metadata.

import SpineConfluence
import SpineCore
import SpineTestSupport
import XCTest

final class StorageEnvelopeTests: XCTestCase {
    private func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Fixtures.root.appendingPathComponent("confluence/envelopes/" + name)))
    }

    func testVersion1PageJSONGivesBodyAndMetadata() throws {
        let result = try StorageReader().read(try fixture("page-v1.json"), options: ConversionOptions())
        let metadata = result.document.metadata
        XCTAssertEqual(metadata.title, "Export spec")
        XCTAssertEqual(metadata.spaceKey, "REQ")
        XCTAssertEqual(metadata.parent, PageReference(id: "98300", title: "Export"))
        XCTAssertEqual(metadata.labels, ["export", "prd"])
        XCTAssertEqual(metadata.source, SourceInfo(format: "confluence", id: "98305",
                                                   url: "https://acme.atlassian.net/wiki/spaces/REQ/pages/98305/Export+spec", version: 7))
        XCTAssertEqual(result.document.blocks.first, .paragraph([.text("Intro\u{A0}text with "), .strong([.text("bold")]), .text(".")]))
        if case .panel(let panel)? = result.document.blocks.last {
            XCTAssertEqual(panel.kind, .info)
        } else {
            XCTFail("expected the info panel")
        }
    }

    func testVersion2ErrorsPointIntoTheBodyValue() {
        XCTAssertThrowsError(try StorageReader().read(try fixture("page-v2.json"), options: ConversionOptions())) { error in
            let error = error as? SpineError
            XCTAssertEqual(error?.code, "storage.malformed")
            XCTAssertEqual(error?.location?.line, 3)
            XCTAssertEqual(error?.location?.path, "$.body.storage.value")
        }
    }

    func testVersion2MetadataAndEnvelopeRoundTrip() throws {
        var json = String(decoding: try fixture("page-v2.json"), as: UTF8.self)
        json = json.replacingOccurrences(of: "\\n<p>bad</x>", with: "")
        let result = try StorageReader().read(Array(json.utf8), options: ConversionOptions())
        XCTAssertEqual(result.document.metadata.title, "Export spec v2")
        XCTAssertEqual(result.document.metadata.parent, PageReference(id: "98300"))
        XCTAssertEqual(result.document.metadata.source?.version, 3)
        let written = try StorageWriter().write(result.document, options: ConversionOptions(settings: ["confluence.envelope": "v2"]))
        let envelope = try JSONParser.parse(written.bytes)
        XCTAssertEqual(envelope["id"], "98306")
        XCTAssertEqual(envelope["spaceId"], "65538")
        XCTAssertEqual(envelope["parentId"], "98300")
        XCTAssertEqual(envelope["version"]?["number"]?.intValue, 4)
        XCTAssertEqual(envelope["body"]?["value"], "<h1>V2 page</h1>\n<p>Body &amp; more</p>\n")
    }

    func testJSONWithoutABodyIsALocatedError() {
        XCTAssertThrowsError(try StorageReader().read(Array("  {\"id\": \"1\", \"title\": \"x\"}".utf8), options: ConversionOptions())) { error in
            XCTAssertEqual((error as? SpineError)?.code, "storage.envelope")
            XCTAssertEqual((error as? SpineError)?.location?.path, "$.body.storage.value")
        }
    }
}
