// The named fields of Spine's requirement convention, shared by the Markdown and HTML writers and the reader.

import SpineCore

enum RequirementFields {
    static let type = "Type", status = "Status", statusCategory = "Status category", priority = "Priority"
    static let assignee = "Assignee", reporter = "Reporter", account = "account", email = "email"
    static let labels = "Labels", components = "Components", fixVersions = "Fix versions", parent = "Parent"
    static let source = "Source", summary = "Summary", links = "Links", fields = "Fields"

    /// Single-valued text fields in writing order.
    static func scalarFields(_ r: Requirement) -> [(String, String)] {
        var result: [(String, String)] = []
        if let v = r.type { result.append((type, v)) }
        if let v = r.status { result.append((status, v)) }
        if let v = r.statusCategory { result.append((statusCategory, v.rawValue)) }
        if let v = r.priority { result.append((priority, v)) }
        for (name, person) in [(assignee, r.assignee), (reporter, r.reporter)] {
            guard let person else { continue }
            if let v = person.displayName { result.append((name, v)) }
            if let v = person.accountID { result.append((name + " " + account, v)) }
            if let v = person.email { result.append((name + " " + email, v)) }
        }
        if let v = r.parent { result.append((parent, v)) }
        if let v = r.sourceURL { result.append((source, v)) }
        return result
    }

    /// List-valued fields in writing order.
    static func listFields(_ r: Requirement) -> [(String, [String])] {
        [(labels, r.labels), (components, r.components), (fixVersions, r.fixVersions)].filter { !$0.1.isEmpty }
    }

    /// Everything as display strings (for HTML).
    static func displayFields(_ r: Requirement) -> [(String, String)] {
        var result = scalarFields(r)
        for (name, values) in listFields(r) { result.append((name, values.joined(separator: ", "))) }
        for link in r.links { result.append((links, (link.description ?? link.type) + " " + link.key)) }
        for field in r.fields { result.append((field.key, display(field.value))) }
        return result
    }

    static func display(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        default: return String(decoding: JSONWriter.compact.write(value), as: UTF8.self)
        }
    }
}
