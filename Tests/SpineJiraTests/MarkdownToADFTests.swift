// Every CommonMark and GFM spec example read as Markdown is written as valid ADF (schema + rules).

import Foundation
import SpineADF
import SpineCore
import SpineMarkdown
import SpineRobustness
import SpineTestSupport
import XCTest

final class MarkdownToADFTests: XCTestCase {
    func testEveryCommonMarkExampleGivesValidADF() throws {
        let schema = try JSONParser.parse(Array(Data(contentsOf: Fixtures.root.appendingPathComponent("adf/adf-schema.json"))))
        let validator = JSONSchemaValidator(schema: schema)
        let spec = try JSONParser.parse(Array(Data(contentsOf: Fixtures.root.appendingPathComponent("markdown/spec/commonmark-0.31.2.json"))))
        let examples = spec.arrayValue ?? []
        XCTAssertEqual(examples.count, 652)
        var failures = 0
        for example in examples {
            guard let markdown = example["markdown"]?.stringValue else { continue }
            let document = try MarkdownReader().read(Array(markdown.utf8), options: ConversionOptions()).document
            let adf = ADFWriter().document(for: document.blocks, options: ConversionOptions(siteURL: "https://example.atlassian.net"))
            let errors = validator.errors(adf.value) + ADFRules.violations(adf.value)
            if !errors.isEmpty {
                failures += 1
                XCTFail("example \(example["example"]?.intValue ?? 0): \(errors.prefix(2))\n\(JSONWriter.compact.string(adf.value))")
                if failures > 10 { break }
            }
        }
    }

    func testEveryGFMExampleGivesValidADF() throws {
        let schema = try JSONParser.parse(Array(Data(contentsOf: Fixtures.root.appendingPathComponent("adf/adf-schema.json"))))
        let validator = JSONSchemaValidator(schema: schema)
        let text = try String(contentsOf: Fixtures.root.appendingPathComponent("markdown/spec/gfm-0.29.txt"), encoding: .utf8)
        let fence = String(repeating: "`", count: 32)
        var examples: [String] = []
        var current: String?
        var inMarkdown = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.hasPrefix(fence + " example") { current = ""; inMarkdown = true; continue }
            guard current != nil else { continue }
            if inMarkdown {
                if line == "." { inMarkdown = false; examples.append(current!.replacingOccurrences(of: "→", with: "\t")) }
                else { current! += line + "\n" }
            } else if line == fence {
                current = nil
            }
        }
        XCTAssertGreaterThan(examples.count, 600)
        for (index, markdown) in examples.enumerated() {
            let document = try MarkdownReader().read(Array(markdown.utf8), options: ConversionOptions()).document
            let adf = ADFWriter().document(for: document.blocks).value
            let errors = validator.errors(adf) + ADFRules.violations(adf)
            XCTAssertEqual(errors, [], "GFM example \(index + 1)")
        }
    }
}
