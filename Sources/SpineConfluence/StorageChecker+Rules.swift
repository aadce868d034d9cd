// The per-element rules of the pre-flight check: macros, links, anchors, tasks, values, Cloud editor.

import SpineCore
import SpineXML

extension StorageCheckWalker {
    // MARK: - Element rules

    mutating func checkElement(_ element: XMLElement, ancestors: [String]) {
        switch element.name {
        case "ac:structured-macro", "ac:macro":
            checkMacro(element, ancestors: ancestors)
        case "a":
            let href = element.attribute("href") ?? ""
            if href.isEmpty && element.attribute("name") == nil {
                report(.error, "storage.check.empty-link", "link without a target (href)", element)
            } else if element.textContent.isEmpty && !element.childElements.contains(where: { $0.name == "ac:image" }) {
                report(.warning, "storage.check.empty-link", "link without text is invisible", element)
            }
        case "ac:link":
            let hasResource = element.childElements.contains { $0.name.hasPrefix("ri:") }
            if !hasResource && (element.attribute("ac:anchor") ?? "").isEmpty {
                report(.error, "storage.check.empty-link", "ac:link needs a ri: resource or an ac:anchor", element)
            }
            for resource in element.childElements where resource.name == "ri:page" && (resource.attribute("ri:content-title") ?? "").isEmpty {
                report(.error, "storage.check.empty-link", "ri:page needs ri:content-title", resource)
            }
        case "ac:image":
            if !element.childElements.contains(where: { $0.name == "ri:attachment" || $0.name == "ri:url" }) {
                report(.error, "storage.check.value", "ac:image needs a ri:attachment or ri:url child", element)
            }
            for attribute in element.attributes where ["ac:width", "ac:height", "ac:border"].contains(attribute.name) && Int(attribute.value) == nil {
                report(.warning, "storage.check.value", "\(attribute.name)=\"\(attribute.value)\" should be a whole number of pixels", element)
            }
        case "ac:emoticon":
            if (element.attribute("ac:name") ?? "").isEmpty { report(.error, "storage.check.value", "ac:emoticon needs ac:name", element) }
        case "time":
            if let date = element.attribute("datetime") {
                if !StorageCheckWalker.isDate(date) { report(.error, "storage.check.value", "time datetime=\"\(date)\" must be yyyy-MM-dd", element) }
            } else {
                report(.error, "storage.check.value", "time needs a datetime attribute", element)
            }
        case "ac:task-id":
            let id = element.textContent
            if taskIDs.contains(id) { report(.error, "storage.check.duplicate-task-id", "task id \(id) is used twice on the page", element) }
            taskIDs.insert(id)
        case "ac:task-status":
            if !["complete", "incomplete"].contains(element.textContent) {
                report(.error, "storage.check.value", "task status must be complete or incomplete", element)
            }
        case "td", "th":
            for name in ["colspan", "rowspan"] {
                if let value = element.attribute(name), (Int(value) ?? 0) < 1 {
                    report(.error, "storage.check.value", "\(name)=\"\(value)\" must be a positive whole number", element)
                }
            }
            if element.childElements.contains(where: { $0.name == "table" }) {
                report(.warning, "storage.check.legacy-editor", "nested tables open as legacy content in the Cloud editor", element)
            }
        case "li":
            if element.childElements.contains(where: { $0.name == "table" }) {
                report(.warning, "storage.check.legacy-editor", "tables inside list items open as legacy content in the Cloud editor", element)
            }
            if element.childElements.contains(where: { StorageCheckWalker.paragraphLike.contains($0.name) && $0.name != "p" }) {
                report(.warning, "storage.check.legacy-editor", "headings inside list items open as legacy content in the Cloud editor", element)
            }
        case "ac:layout-section":
            checkLayoutSection(element)
        case "div":
            report(.warning, "storage.check.legacy-editor", "<div> is dropped or shown as legacy content by the Cloud editor", element)
        case "span":
            if let style = element.attribute("style"), !style.hasPrefix("color:") && !style.hasPrefix("text-decoration: line-through") {
                report(.info, "storage.check.legacy-editor", "span style \"\(style)\" is not kept by the Cloud editor", element)
            }
        default:
            break
        }
    }

    private mutating func checkLayoutSection(_ element: XMLElement) {
        let cells = element.childElements.filter { $0.name == "ac:layout-cell" }.count
        let expected: [String: Int] = ["single": 1, "fixed-width": 1, "two_equal": 2, "two_left_sidebar": 2, "two_right_sidebar": 2,
                                       "three_equal": 3, "three_with_sidebars": 3, "three_left_sidebars": 3, "three_right_sidebars": 3,
                                       "four_equal": 4, "five_equal": 5]
        guard let type = element.attribute("ac:type") else {
            report(.error, "storage.check.layout", "ac:layout-section needs ac:type", element)
            return
        }
        guard let count = expected[type] else {
            report(.warning, "storage.check.layout", "unknown layout type '\(type)'", element)
            return
        }
        if count != cells { report(.error, "storage.check.layout", "layout type '\(type)' needs \(count) cell(s), found \(cells)", element) }
    }

    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        for index in [0, 1, 2, 3, 5, 6, 8, 9] where !(bytes[index] >= 48 && bytes[index] <= 57) { return false }
        let month = Int(text.dropFirst(5).prefix(2)) ?? 0
        let day = Int(text.suffix(2)) ?? 0
        return (1...12).contains(month) && (1...31).contains(day)
    }

    // MARK: - Macros

    private mutating func checkMacro(_ element: XMLElement, ancestors: [String]) {
        let name = element.attribute("ac:name") ?? ""
        if name.isEmpty {
            report(.error, "storage.check.missing-parameter", "macro without ac:name", element)
            return
        }
        if element.name == "ac:macro" {
            report(.warning, "storage.check.legacy-editor", "legacy <ac:macro> '\(name)': use ac:structured-macro", element)
        }
        if let id = element.attribute("ac:macro-id") {
            if macroIDs.contains(id) { report(.warning, "storage.check.duplicate-macro-id", "macro id \(id) is used twice; Confluence replaces one", element) }
            macroIDs.insert(id)
        }
        let macro = StorageMacro(element)
        guard let rule = StorageMacroCatalog.rules[name] else {
            report(.warning, "storage.check.unknown-macro", "unknown macro '\(name)': Confluence shows an 'unknown macro' box unless an app provides it", element)
            return
        }
        if !rule.cloudNative {
            report(.info, "storage.check.legacy-editor", "macro '\(name)' opens as legacy content in the Cloud editor", element)
        }
        let parameters = element.childElements.filter { $0.name == "ac:parameter" }
        var seen: Set<String> = []
        for parameter in parameters {
            let parameterName = parameter.attribute("ac:name") ?? ""
            if seen.contains(parameterName) { report(.warning, "storage.check.parameter", "parameter '\(parameterName)' given twice", parameter) }
            seen.insert(parameterName)
            guard let kind = rule.parameters[parameterName] else {
                report(.warning, "storage.check.parameter", "macro '\(name)' has no parameter '\(parameterName)'", parameter)
                continue
            }
            checkValue(parameter.textContent, kind: kind, parameter: parameterName, macro: name, element: parameter)
        }
        for alternatives in rule.required where !alternatives.contains(where: seen.contains) {
            let names = alternatives.map { $0.isEmpty ? "(default)" : $0 }.joined(separator: " or ")
            report(.error, "storage.check.missing-parameter", "macro '\(name)' needs parameter \(names)", element)
        }
        switch (rule.body, macro.body) {
        case (.none, .plain), (.none, .rich):
            report(.warning, "storage.check.body", "macro '\(name)' takes no body; Confluence ignores it", element)
        case (.plain, .rich):
            report(.error, "storage.check.body", "macro '\(name)' needs ac:plain-text-body (CDATA), not ac:rich-text-body", element)
        case (.rich, .plain):
            report(.error, "storage.check.body", "macro '\(name)' needs ac:rich-text-body, not ac:plain-text-body", element)
        default:
            break
        }
        let paragraphIndex = ancestors.lastIndex(where: StorageCheckWalker.paragraphLike.contains) ?? -1
        let containerIndex = ancestors.lastIndex(where: StorageCheckWalker.blockContainers.contains) ?? -1
        if !rule.inline, paragraphIndex > containerIndex {
            let container = ancestors[paragraphIndex]
            report(.error, "storage.check.nesting", "block macro '\(name)' cannot be inside <\(container)>", element)
        }
        if name == "anchor", let anchor = macro.parameter("") {
            anchors[anchor, default: 0] += 1
            if anchors[anchor] == 2 { report(.warning, "storage.check.duplicate-anchor", "anchor '\(anchor)' is defined twice; links go to the first", element) }
        }
    }

    private mutating func checkValue(_ value: String, kind: StorageMacroCatalog.ValueKind, parameter: String, macro: String, element: XMLElement) {
        let problem: String?
        switch kind {
        case .text: problem = nil
        case .boolean: problem = value == "true" || value == "false" ? nil : "must be true or false"
        case .integer: problem = Int(value) != nil ? nil : "must be a whole number"
        case .statusColour:
            let colours = ["Grey", "Red", "Yellow", "Green", "Blue", "Purple"]
            problem = colours.contains(value) ? nil : "must be one of " + colours.joined(separator: ", ")
        case .colour: problem = StorageCheckWalker.isColour(value) ? nil : "must be a colour (#rgb, #rrggbb, rgb(…) or a name)"
        case .language:
            problem = StorageMacroCatalog.languages.contains(value.lowercased()) ? nil : "is not a language Confluence highlights; it shows as plain text"
        case .choice(let choices): problem = choices.contains(value) ? nil : "must be one of " + choices.sorted().joined(separator: ", ")
        }
        if let problem {
            report(kind.isSoft ? .warning : .error, "storage.check.value", "macro '\(macro)' parameter '\(parameter)' = \"\(value)\" \(problem)", element)
        }
    }

    static func isColour(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        if bytes.first == UInt8(ascii: "#") {
            return (bytes.count == 4 || bytes.count == 7) && bytes.dropFirst().allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) }
        }
        if value.hasPrefix("rgb(") || value.hasPrefix("rgba(") { return value.hasSuffix(")") }
        return !bytes.isEmpty && bytes.allSatisfy { $0 | 0x20 >= 97 && $0 | 0x20 <= 122 }
    }
}

extension StorageMacroCatalog.ValueKind {
    /// Values Confluence tolerates (falls back to a default) rather than breaks on.
    var isSoft: Bool {
        switch self {
        case .language, .statusColour, .choice: return true
        case .text, .boolean, .integer, .colour: return false
        }
    }
}
