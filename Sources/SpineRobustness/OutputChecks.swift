// Checks on a writer's output beyond "its own reader accepts it": what the target system
// itself would demand of the bytes.

import SpineCore
import SpineXML

/// Format-specific checks the fuzz targets run on every output they produce.
public enum OutputChecks {
    /// Why `bytes`, written as `format`, would be refused by the system that consumes it; nil when fine.
    public static func problem(format: String, _ bytes: [UInt8]) -> String? {
        switch format {
        case "confluence": return strictStorage(bytes)
        default: return nil
        }
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
