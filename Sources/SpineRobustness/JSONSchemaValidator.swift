// A small JSON-Schema (draft-04 subset) validator, enough for Atlassian's ADF schema.

import Foundation
import SpineCore

/// Validates JSON values against a draft-04 schema using the keywords the ADF schema uses:
/// `$ref` (local `#/definitions/…`), `type`, `enum`, `required`, `properties`,
/// `additionalProperties`, `items` (schema or tuple), `anyOf`, `allOf`, `oneOf`, `minItems`,
/// `maxItems`, `minLength`, `minimum`, `maximum`, `pattern`. Unknown keywords are ignored.
/// Sendable: nothing is mutated after `init` (a `pattern` is compiled where it is checked).
public struct JSONSchemaValidator: @unchecked Sendable {
    public let root: JSONValue

    public init(schema: JSONValue) {
        root = schema
    }

    /// Error messages, each with the JSON path of the offending value; empty when valid.
    public func errors(_ value: JSONValue) -> [String] {
        var errors: [String] = []
        check(value, root, "$", &errors)
        return errors
    }

    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, _ path: String, _ errors: inout [String]) {
        guard case .object(let keywords) = schema else { return }
        if let reference = keywords["$ref"]?.stringValue {
            guard let target = resolve(reference) else { errors.append("\(path): unresolvable $ref \(reference)"); return }
            check(value, target, path, &errors)
            return
        }
        if let type = keywords["type"] { checkType(value, type, path, &errors) }
        if let options = keywords["enum"]?.arrayValue, !options.contains(where: { equal($0, value) }) {
            errors.append("\(path): \(JSONWriter.compact.string(value)) is not one of \(JSONWriter.compact.string(.array(options)))")
        }
        if case .object(let object) = value { checkObject(object, keywords, path, &errors) }
        if case .array(let elements) = value { checkArray(elements, keywords, path, &errors) }
        if case .string(let text) = value {
            if let min = keywords["minLength"]?.intValue, text.unicodeScalars.count < min {
                errors.append("\(path): string shorter than \(min)")
            }
            if let pattern = keywords["pattern"]?.stringValue, !matches(text, pattern) {
                errors.append("\(path): \"\(text)\" does not match \(pattern)")
            }
        }
        if case .number(let text) = value, let number = Double(text) {
            if let min = keywords["minimum"]?.doubleValue, number < min { errors.append("\(path): \(text) < minimum \(min)") }
            if let max = keywords["maximum"]?.doubleValue, number > max { errors.append("\(path): \(text) > maximum \(max)") }
        }
        if let all = keywords["allOf"]?.arrayValue {
            for sub in all { check(value, sub, path, &errors) }
        }
        if let any = keywords["anyOf"]?.arrayValue {
            var best: [String] = ["no alternative has type \(value["type"].map { JSONWriter.compact.string($0) } ?? "?")"]
            var matched = false
            for sub in any where !excludedByType(value, sub) {
                var subErrors: [String] = []
                check(value, sub, path, &subErrors)
                if subErrors.isEmpty { matched = true; break }
                if best.first?.hasPrefix("no alternative") == true || subErrors.count < best.count { best = subErrors }
            }
            if !matched { errors.append("\(path): matches no anyOf alternative; closest: " + best.prefix(3).joined(separator: "; ")) }
        }
        if let one = keywords["oneOf"]?.arrayValue {
            let matching = one.filter { sub in var subErrors: [String] = []; check(value, sub, path, &subErrors); return subErrors.isEmpty }
            if matching.count != 1 { errors.append("\(path): matches \(matching.count) oneOf alternatives, expected 1") }
        }
    }

    /// True when `schema` is an ADF node or mark schema whose `type` enum rules `value` out,
    /// so anyOf skips it without descending (keeps validation linear on deep documents).
    private func excludedByType(_ value: JSONValue, _ schema: JSONValue) -> Bool {
        guard case .string(let type)? = value["type"] else { return false }
        var current = schema
        for _ in 0..<8 {
            if let reference = current["$ref"]?.stringValue, let target = resolve(reference) { current = target; continue }
            if let first = current["allOf"]?.arrayValue?.first { current = first; continue }
            break
        }
        guard let options = current["properties"]?["type"]?["enum"]?.arrayValue else { return false }
        return !options.contains(.string(type))
    }

    private func checkType(_ value: JSONValue, _ type: JSONValue, _ path: String, _ errors: inout [String]) {
        let names = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
        let ok = names.contains { name in
            switch (name, value) {
            case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
                 ("number", .number): return true
            case ("integer", .number(let text)): return Double(text).map { $0 == $0.rounded() } ?? false
            default: return false
            }
        }
        if !ok { errors.append("\(path): expected \(names.joined(separator: "|")), found \(value.kindName)") }
    }

    private func checkObject(_ object: JSONObject, _ keywords: JSONObject, _ path: String, _ errors: inout [String]) {
        for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
            errors.append("\(path): missing required \"\(name)\"")
        }
        let properties = keywords["properties"]?.objectValue ?? JSONObject()
        for member in object.members {
            let memberPath = JSONPath.appending(path, member.key)
            if let sub = properties[member.key] {
                check(member.value, sub, memberPath, &errors)
            } else if let additional = keywords["additionalProperties"] {
                if additional == .bool(false) { errors.append("\(path): property \"\(member.key)\" is not allowed") }
                else if case .object = additional { check(member.value, additional, memberPath, &errors) }
            }
        }
    }

    private func checkArray(_ elements: [JSONValue], _ keywords: JSONObject, _ path: String, _ errors: inout [String]) {
        if let min = keywords["minItems"]?.intValue, elements.count < min { errors.append("\(path): fewer than \(min) items") }
        if let max = keywords["maxItems"]?.intValue, elements.count > max { errors.append("\(path): more than \(max) items") }
        switch keywords["items"] {
        case .object?:
            for (index, element) in elements.enumerated() {
                check(element, keywords["items"]!, JSONPath.appending(path, index: index), &errors)
            }
        case .array(let tuple)?:
            for (index, element) in elements.enumerated() where index < tuple.count {
                check(element, tuple[index], JSONPath.appending(path, index: index), &errors)
            }
        default:
            break
        }
    }

    private func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if case .number(let x) = a, case .number(let y) = b { return Double(x) == Double(y) }
        return a == b
    }

    private func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
