// Tests for XMLSerializer escaping and CDATA splitting, and for XMLCanonicalizer.

import SpineXML
import XCTest

final class XMLSerializerTests: XCTestCase {
    func testEscapesTextAndAttributes() {
        let element = XMLElement(name: "a", attributes: [XMLAttribute("t", "x\"<&>\n\ty")],
                                 children: [.text("1 < 2 & 3 > 2 ]]>"), .element(XMLElement(name: "br"))])
        XCTAssertEqual(String(decoding: XMLSerializer().serialize(element), as: UTF8.self),
                       "<a t=\"x&quot;&lt;&amp;&gt;&#10;&#9;y\">1 &lt; 2 &amp; 3 &gt; 2 ]]&gt;<br/></a>")
    }

    func testCDATASplitsTerminatorsAndReadsBackExactly() throws {
        for payload in ["a]]>b", "]]>", "]]]]>>", "x]]", "]]>]]>", "plain"] {
            var out = Array("<r>".utf8)
            XMLSerializer.appendCDATA(payload, to: &out)
            out += Array("</r>".utf8)
            let root = try XMLTreeParser.parse(out).document.root
            XCTAssertEqual(root.textContent, payload, String(decoding: out, as: UTF8.self))
        }
    }

    func testSerializedTreeParsesBackToTheSameTree() throws {
        let xml = "<r b=\"2\" a=\"&#10;\">t&amp;<c><![CDATA[x]]></c><!--n--></r>"
        let first = try XMLTreeParser.parse(xml).document.root
        let bytes = XMLSerializer().serialize(first)
        let second = try XMLTreeParser.parse(bytes).document.root
        XCTAssertEqual(XMLSerializer().serialize(second), bytes)
        XCTAssertEqual(second.attribute("a"), "\n")
    }

    func testCanonicalFormIgnoresAttributeOrderSpellingAndBlockWhitespace() throws {
        let blocks: Set<String> = ["r", "p", "ul", "li"]
        let canonicalizer = XMLCanonicalizer(preserveWhitespaceIn: ["pre"], isBlock: { blocks.contains($0.name) })
        let one = try XMLTreeParser.parse("<r>\n  <p a=\"1\" b=\"2\">x  &#x41;<em>y</em> <b>z</b></p>\n <pre> k\n  l</pre><p/></r>").document.root
        let two = try XMLTreeParser.parse("<r><p b='2' a='1'> x A<em>y</em> <b>z</b>\n</p><pre> k\n  l</pre><p></p></r>").document.root
        XCTAssertEqual(canonicalizer.canonicalBytes(one.children), canonicalizer.canonicalBytes(two.children))
        let three = try XMLTreeParser.parse("<r><p a=\"1\" b=\"2\">x A<em>y</em><b>z</b></p><pre> k\n  l</pre><p/></r>").document.root
        XCTAssertNotEqual(canonicalizer.canonicalBytes(one.children), canonicalizer.canonicalBytes(three.children),
                          "the space between inline elements is significant")
    }
}
