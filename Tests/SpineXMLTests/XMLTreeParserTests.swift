// Tests for XMLTreeParser: tree shape, names, ranges, locations, and refusal of unsafe input.

import SpineCore
import SpineXML
import XCTest

final class XMLTreeParserTests: XCTestCase {
    // MARK: - Tree shape

    func testElementsAttributesTextCDATAAndComments() throws {
        let xml = "<r xmlns:ac=\"urn:ac\"><ac:p ac:b=\"2\" a=\"1 &amp; 2\">x&lt;y<![CDATA[a]]b]]><!-- c --></ac:p><?pi data?></r>"
        let root = try XMLTreeParser.parse(xml).document.root
        XCTAssertEqual(root.name, "r")
        XCTAssertEqual(root.attributes, [XMLAttribute("xmlns:ac", "urn:ac")])
        let child = try XCTUnwrap(root.children.first?.element)
        XCTAssertEqual(child.name, "ac:p")
        XCTAssertEqual(child.prefix, "ac")
        XCTAssertEqual(child.localName, "p")
        XCTAssertEqual(child.namespaceURI, "urn:ac")
        XCTAssertEqual(child.attributes.map(\.name), ["ac:b", "a"])
        XCTAssertEqual(child.attribute("a"), "1 & 2")
        XCTAssertEqual(child.attributes.first?.namespaceURI, "urn:ac")
        XCTAssertEqual(child.children, [.text("x<y"), .cdata("a]]b"), .comment(" c ")])
        XCTAssertEqual(root.children.last, .processingInstruction(target: "pi", data: "data"))
        XCTAssertEqual(child.textContent, "x<ya]]b")
    }

    func testLineColumnAndSourceRangeOfElements() throws {
        let xml = "<r>\n  <a x=\"1\">t</a>\n\n    <b/><c\n y=\"2\"></c></r>"
        let bytes = Array(xml.utf8)
        let root = try XMLTreeParser.parse(bytes).document.root
        let elements = root.childElements
        XCTAssertEqual(elements.map(\.line), [2, 4, 4])
        XCTAssertEqual(elements.map(\.column), [3, 5, 9])
        let texts = elements.map { element in element.sourceRange.map { String(decoding: bytes[$0], as: UTF8.self) } }
        XCTAssertEqual(texts, ["<a x=\"1\">t</a>", "<b/>", "<c\n y=\"2\"></c>"])
        XCTAssertEqual(root.sourceRange, 0..<bytes.count)
    }

    func testSourceRangesStayExactInLargeInputs() throws {
        // Large enough that libxml2 shrinks its input buffer several times while parsing.
        var xml = "<r>"
        for index in 0..<20_000 { xml += "<p id=\"\(index)\">text \(index) &amp; more</p>\n" }
        xml += "<last a=\"1\">end</last></r>"
        let bytes = Array(xml.utf8)
        let root = try XMLTreeParser.parse(bytes).document.root
        let last = try XCTUnwrap(root.childElements.last)
        XCTAssertEqual(last.sourceRange.map { String(decoding: bytes[$0], as: UTF8.self) }, "<last a=\"1\">end</last>")
        XCTAssertEqual(last.line, 20_001)
        let middle = root.childElements[12_345]
        XCTAssertEqual(middle.sourceRange.map { String(decoding: bytes[$0], as: UTF8.self) },
                       "<p id=\"12345\">text 12345 &amp; more</p>")
    }

    func testUndeclaredPrefixIsAWarningAndKeepsTheName() throws {
        let result = try XMLTreeParser.parse("<r><x:y x:z=\"1\"/></r>")
        XCTAssertEqual(result.document.root.childElements.first?.name, "x:y")
        XCTAssertEqual(result.document.root.childElements.first?.attribute("x:z"), "1")
        XCTAssertTrue(result.diagnostics.contains { $0.code == "xml.namespace" })
    }

    // MARK: - Errors

    func testMalformedInputIsALocatedError() {
        XCTAssertThrowsError(try XMLTreeParser.parse("<r>\n<p>open\n</r>")) { error in
            let error = error as? SpineError
            XCTAssertEqual(error?.code, "xml.malformed")
            XCTAssertEqual(error?.location?.line, 3)
        }
    }

    func testInvalidUTF8IsALocatedError() {
        let bytes: [UInt8] = Array("<r>\nok ".utf8) + [0xC3, 0x28] + Array("</r>".utf8)
        XCTAssertThrowsError(try XMLTreeParser.parse(bytes)) { error in
            XCTAssertEqual((error as? SpineError)?.code, "xml.malformed")
            XCTAssertEqual((error as? SpineError)?.location?.line, 2)
        }
    }

    /// Children of all open elements share one buffer while parsing: each element must still get
    /// exactly its own children, in order, however many there are and however deep.
    func testEveryElementGetsExactlyItsOwnChildren() throws {
        var xml = "<r>"
        for item in 0..<200 {
            xml += "<li n=\"\(item)\">t\(item)<b>\(item)</b>"
            if item % 50 == 0 { xml += "<ul>" + (0..<100).map { "<li>\($0)</li>" }.joined() + "</ul>" }
            xml += "</li>"
        }
        xml += "<!-- end --></r>"
        let root = try XMLTreeParser.parse(xml).document.root
        XCTAssertEqual(root.children.count, 201)
        XCTAssertEqual(root.children.last, .comment(" end "))
        for (item, node) in root.children.dropLast().enumerated() {
            let li = try XCTUnwrap(node.element)
            XCTAssertEqual(li.attribute("n"), String(item))
            XCTAssertEqual(li.children.count, item % 50 == 0 ? 3 : 2)
            XCTAssertEqual(li.children.first, .text("t\(item)"))
            XCTAssertEqual(li.children[1].element?.textContent, String(item))
            if item % 50 == 0 {
                let nested = try XCTUnwrap(li.children[2].element).childElements
                XCTAssertEqual(nested.map(\.textContent), (0..<100).map(String.init))
            }
        }
    }

    func testRecoveryClosesOpenElementsWithAWarning() throws {
        let result = try XMLTreeParser.parse(Array("<r><p>open</r>".utf8), options: XMLParseOptions(recover: true))
        XCTAssertEqual(result.document.root.textContent, "open")
        XCTAssertTrue(result.diagnostics.contains { $0.code == "xml.recovered" })
    }

    func testNestingDepthIsBounded() {
        let xml = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        XCTAssertThrowsError(try XMLTreeParser.parse(Array(xml.utf8), options: XMLParseOptions(maxDepth: 100))) { error in
            XCTAssertEqual((error as? SpineError)?.code, "xml.too-deep")
        }
    }

    func testInputSizeIsBounded() {
        XCTAssertThrowsError(try XMLTreeParser.parse(Array("<r>1234</r>".utf8), options: XMLParseOptions(maxInputBytes: 5))) { error in
            XCTAssertEqual((error as? SpineError)?.code, "xml.too-large")
        }
    }

    // MARK: - Security

    func testExternalEntityIsNeverResolved() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<r>&e;</r>"
        XCTAssertThrowsError(try XMLTreeParser.parse(xml)) { error in
            XCTAssertEqual((error as? SpineError)?.code, "xml.entity-declaration")
        }
    }

    func testEntityExpansionBombIsRefusedAtOnce() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        xml += "]>\n<lolz>&lol9;</lolz>"
        XCTAssertThrowsError(try XMLTreeParser.parse(xml)) { error in
            XCTAssertEqual((error as? SpineError)?.code, "xml.entity-declaration")
            XCTAssertEqual((error as? SpineError)?.location?.line, 3)
        }
    }

    func testExternalDTDIsNotLoaded() throws {
        let xml = "<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\"><r>ok</r>"
        XCTAssertEqual(try XMLTreeParser.parse(xml).document.root.textContent, "ok")
    }
}
