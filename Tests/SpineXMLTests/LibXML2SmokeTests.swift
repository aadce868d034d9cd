// Smoke test: libxml2 is linked through the system-library target and parses a string.

import CLibXML2
import XCTest

final class LibXML2SmokeTests: XCTestCase {
    func testParsesSmallDocument() throws {
        let xml = "<root><item id=\"1\">Hello</item></root>"
        let document = xml.withCString { pointer in
            xmlReadMemory(pointer, Int32(strlen(pointer)), nil, "UTF-8", Int32(XML_PARSE_NONET.rawValue))
        }
        let parsed = try XCTUnwrap(document)
        defer { xmlFreeDoc(parsed) }
        let root = try XCTUnwrap(xmlDocGetRootElement(parsed))
        XCTAssertEqual(String(cString: root.pointee.name), "root")
        let item = try XCTUnwrap(root.pointee.children)
        XCTAssertEqual(String(cString: item.pointee.name), "item")
        let content = try XCTUnwrap(xmlNodeGetContent(item))
        defer { spine_xmlFree(content) }
        XCTAssertEqual(String(cString: content), "Hello")
    }

    func testRejectsMalformedXML() {
        let xml = "<root><unclosed></root>"
        let document = xml.withCString { pointer in
            xmlReadMemory(pointer, Int32(strlen(pointer)), nil, "UTF-8",
                          Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
        }
        XCTAssertNil(document)
        if let document { xmlFreeDoc(document) }
    }
}
