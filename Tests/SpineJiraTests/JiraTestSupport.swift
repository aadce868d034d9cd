// Helpers for the Jira tests: reading fixtures with their field maps, canonical ADF.

import Foundation
import SpineCore
import SpineJira
import SpineTestSupport
import XCTest

enum JiraTest {
    /// Every Fixtures/jira case: `<name>.jira.json`, expected `<name>.ast.json` and `<name>.md`, optional field map `<name>.fields.json`.
    static var cases: [Fixtures.Case] {
        Fixtures.cases(in: "jira", inputSuffix: ".jira.json", expectedSuffixes: [".ast.json", ".md", ".fields.json"])
    }

    static func options(for fixture: Fixtures.Case) -> ConversionOptions {
        var options = ConversionOptions(sourceName: fixture.input.lastPathComponent)
        if let fields = fixture.expected[".fields.json"] { options[setting: "jira.fields"] = fields.path }
        return options
    }

    static func read(_ name: String, fieldMap: Bool = true) throws -> ReadResult {
        guard let fixture = cases.first(where: { $0.name == name }) else { throw SpineError(.io, code: "test", "no fixture \(name)") }
        var options = self.options(for: fixture)
        if !fieldMap { options[setting: "jira.fields"] = nil }
        return try JiraReader().read(fixture.inputBytes(), options: options)
    }

    static func read(text: String, options: ConversionOptions = ConversionOptions()) throws -> ReadResult {
        try JiraReader().read(Array(text.utf8), options: options)
    }

    static func requirements(_ document: Document) -> [Requirement] {
        document.blocks.compactMap { block in if case .requirement(let requirement) = block { return requirement } else { return nil } }
    }

    /// Canonical ADF text: sorted keys, mark order ignored, empty attrs/marks/content dropped, default list order 1.
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
                if ["attrs", "marks", "content"].contains(member.key), child == .array([]) || child == .object(JSONObject()) { continue }
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
}
