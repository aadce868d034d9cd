// Checks on a writer's output beyond "its own reader accepts it": what the target system
// itself would demand of the bytes.

import Foundation
import SpineCore
import SpineXML

/// Format-specific checks the fuzz targets run on every output they produce.
public enum OutputChecks {
    /// Why `bytes`, written as `format` from `document`, would be refused by the system that
    /// consumes it; nil when fine.
    /// `input` is what the document was read from, when it was read in the same format: unknown
    /// constructs are carried over verbatim, so a rule the input already broke is not the writer's.
    public static func problem(format: String, _ bytes: [UInt8], from document: Document? = nil, input: [UInt8]? = nil) -> String? {
        switch format {
        case "confluence": return strictStorage(bytes)
        case "adf":
            // Unknown nodes, marks and attributes travel verbatim (raw nodes, `adf.*` attributes on
            // any node): the schema cannot know them, the rules still apply.
            var carriesRaw = false
            document?.visit(block: { if case .raw(let raw) = $0, raw.format == "adf" { carriesRaw = true } },
                            inline: { if case .raw(let raw) = $0, raw.format == "adf" { carriesRaw = true } })
            if let document, !carriesRaw { carriesRaw = ASTFormat.dump(document).contains("\"adf.") }
            return adf(bytes, schema: carriesRaw ? nil : schema, excusing: input.flatMap { try? JSONParser.parse($0) }.map(ruleKinds) ?? [])
        case "jira":
            // Create payloads (single or bulk): every ADF document in them keeps the rules, except
            // those an ADF document of the input already broke (unknown nodes travel verbatim).
            guard let value = try? JSONParser.parse(bytes) else { return "Jira output is not JSON" }
            var excused: Set<String> = []
            if let input, let read = try? JSONParser.parse(input) { collectRuleKinds(inDocumentsOf: read, into: &excused) }
            let issues = value["issueUpdates"]?.arrayValue ?? [value]
            for issue in issues {
                for member in issue["fields"]?.objectValue?.members ?? [] where member.value["type"]?.stringValue == "doc" {
                    let problems = ADFRules.violations(member.value).filter { !excused.contains(ruleKind($0)) }
                    if !problems.isEmpty { return "ADF in field \(member.key) breaks its rules: " + problems.prefix(3).joined(separator: "; ") }
                }
            }
            return nil
        default: return nil
        }
    }

    /// Atlassian's ADF schema (`Fixtures/adf/adf-schema.json`, or the file `SPINE_ADF_SCHEMA`
    /// names), when it can be found from the working directory; the fuzz script runs there.
    static let schema: JSONSchemaValidator? = {
        let path = ProcessInfo.processInfo.environment["SPINE_ADF_SCHEMA"] ?? "Fixtures/adf/adf-schema.json"
        guard let data = FileManager.default.contents(atPath: path), let value = try? JSONParser.parse(Array(data)) else { return nil }
        return JSONSchemaValidator(schema: value)
    }()

    /// A rule violation without its JSON path (`$.content[1]: empty text node` → `empty text node`).
    static func ruleKind(_ violation: String) -> String {
        guard let colon = violation.range(of: ": ") else { return violation }
        return String(violation[colon.upperBound...])
    }

    static func ruleKinds(_ value: JSONValue) -> Set<String> { Set(ADFRules.violations(value).map(ruleKind)) }

    /// The rule kinds broken by the ADF documents (`{"type": "doc"}`) anywhere in a Jira response.
    static func collectRuleKinds(inDocumentsOf value: JSONValue, into kinds: inout Set<String>) {
        switch value {
        case .object(let object):
            if object["type"]?.stringValue == "doc" {
                kinds.formUnion(ruleKinds(value))
                return
            }
            for member in object.members { collectRuleKinds(inDocumentsOf: member.value, into: &kinds) }
        case .array(let elements):
            for element in elements { collectRuleKinds(inDocumentsOf: element, into: &kinds) }
        default:
            return
        }
    }

    /// ADF must validate against the schema and keep the rules the schema cannot express.
    static func adf(_ bytes: [UInt8], schema: JSONSchemaValidator?, excusing excused: Set<String> = []) -> String? {
        guard let value = try? JSONParser.parse(bytes) else { return "ADF output is not JSON" }
        let broken = ADFRules.violations(value).filter { !excused.contains(ruleKind($0)) }
        let problems = (schema?.errors(value) ?? []) + broken
        return problems.isEmpty ? nil : "ADF output breaks the schema or its rules: " + problems.prefix(3).joined(separator: "; ")
    }

    /// Storage must be well-formed XML for a strict parser once the `ac`/`ri` prefixes are
    /// declared — no HTML entities, no recovery — because that is how Confluence parses it.
    static func strictStorage(_ bytes: [UInt8]) -> String? {
        let wrapped = Array("<r xmlns:ac=\"urn:ac\" xmlns:ri=\"urn:ri\" xmlns:at=\"urn:at\">".utf8) + bytes + Array("</r>".utf8)
        do {
            let parsed = try XMLTreeParser.parse(wrapped, options: XMLParseOptions(maxDepth: 4096))
            if let namespace = parsed.diagnostics.first(where: { $0.code == "xml.namespace" }) {
                return "storage output uses an undeclared prefix: " + namespace.message
            }
            return nil
        } catch {
            return "storage output is not well-formed XML: " + error.message
        }
    }
}
