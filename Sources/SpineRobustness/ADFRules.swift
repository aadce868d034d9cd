// The ADF rules the JSON schema cannot express, checked on written documents (tests and fuzz targets).

import SpineCore

/// Checks what Atlassian's editor and renderers require beyond the schema.
public enum ADFRules {
    /// Violations with JSON paths; empty when the document follows every rule.
    public static func violations(_ doc: JSONValue) -> [String] {
        var found: [String] = []
        walk(doc, "$", &found)
        return found
    }

    private static func walk(_ node: JSONValue, _ path: String, _ found: inout [String]) {
        guard let object = node.objectValue else { return }
        let type = object["type"]?.stringValue ?? ""
        let marks = object["marks"]?.arrayValue ?? []
        let markTypes = marks.compactMap { $0["type"]?.stringValue }
        if type == "text" {
            if (object["text"]?.stringValue ?? "").isEmpty { found.append("\(path): empty text node") }
            if markTypes.contains("code"), markTypes.contains(where: { !["code", "link", "annotation"].contains($0) }) {
                found.append("\(path): code mark combined with \(markTypes)")
            }
        }
        if Set(markTypes).count != markTypes.count, !markTypes.contains("annotation") {
            found.append("\(path): the same mark twice: \(markTypes)")
        }
        let children = object["content"]?.arrayValue ?? []
        if type == "listItem", let first = children.first?["type"]?.stringValue,
           !["paragraph", "codeBlock", "mediaSingle", "extension"].contains(first) {
            found.append("\(path): a listItem must not start with \(first)")
        }
        if type == "taskList", children.first?["type"]?.stringValue == "taskList" {
            found.append("\(path): a taskList must not start with a nested taskList")
        }
        if type == "codeBlock", children.contains(where: { $0["marks"] != nil }) {
            found.append("\(path): marks inside a codeBlock")
        }
        for (index, child) in children.enumerated() {
            walk(child, JSONPath.appending(JSONPath.appending(path, "content"), index: index), &found)
        }
    }
}
