// Helpers for the ADF tests: the schema, canonical JSON, reading and writing.

import Foundation
import SpineADF
import SpineCore
import SpineRobustness
import SpineTestSupport
import XCTest

enum ADFTest {
    /// The validator for Atlassian's schema (copied into Fixtures/adf as data).
    static let validator: JSONSchemaValidator = {
        let bytes = (try? Data(contentsOf: Fixtures.root.appendingPathComponent("adf/adf-schema.json"))).map(Array.init) ?? []
        return JSONSchemaValidator(schema: (try? JSONParser.parse(bytes)) ?? .null)
    }()

    /// Canonical form for comparing ADF: sorted keys; mark order ignored (it carries no meaning);
    /// empty `attrs`, `marks` and `content` dropped; `orderedList` without `order` means order 1.
    static func canonical(_ value: JSONValue) -> String {
        String(decoding: JSONWriter.stable.write(normalise(value)), as: UTF8.self)
    }

    private static func normalise(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements): return .array(elements.map(normalise))
        case .object(let object):
            var result = JSONObject()
            for member in object.members {
                var child = normalise(member.value)
                if member.key == "marks", case .array(let marks) = child {
                    child = .array(marks.sorted { JSONWriter.compact.string($0) < JSONWriter.compact.string($1) })
                }
                if ["attrs", "marks", "content"].contains(member.key),
                   child == .array([]) || child == .object(JSONObject()) { continue }
                result.append(member.key, child)
            }
            if result["type"] == "orderedList" {
                var attrs = result["attrs"]?.objectValue ?? JSONObject()
                if attrs["order"] == nil { attrs["order"] = 1; result["attrs"] = .object(attrs) }
            }
            return .object(result)
        default: return value
        }
    }

    /// Writes blocks as ADF and fails the test when the result breaks the schema or the rules.
    @discardableResult
    static func writeValid(_ blocks: [Block], options: ConversionOptions = ConversionOptions(),
                           file: StaticString = #filePath, line: UInt = #line) -> (value: JSONValue, diagnostics: [Diagnostic]) {
        let result = ADFWriter().document(for: blocks, options: options)
        let errors = validator.errors(result.value) + ADFRules.violations(result.value)
        XCTAssertEqual(errors, [], "\n" + JSONWriter(indent: 2).string(result.value), file: file, line: line)
        return result
    }
}
