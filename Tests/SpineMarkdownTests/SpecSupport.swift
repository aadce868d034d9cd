// Loads the CommonMark and GFM spec examples committed under Fixtures/markdown/spec/.

import Foundation
import SpineCore
import SpineMarkdown
import SpineTestSupport

/// One spec example.
struct SpecExample {
    var number: Int
    var section: String
    var markdown: String
    var html: String
    /// `table`, `strikethrough`, `autolink`, `tagfilter`, `disabled` (task lists) or empty.
    var extensionName: String
}

enum Spec {
    static var folder: URL { Fixtures.root.appendingPathComponent("markdown/spec") }

    /// The 652 CommonMark 0.31.2 examples.
    static func commonMark() throws -> [SpecExample] {
        let data = try Data(contentsOf: folder.appendingPathComponent("commonmark-0.31.2.json"))
        guard case .array(let items) = try JSONParser.parse(Array(data)) else { return [] }
        return items.compactMap { item in
            guard let md = item["markdown"]?.stringValue, let html = item["html"]?.stringValue,
                  let number = item["example"]?.intValue else { return nil }
            return SpecExample(number: number, section: item["section"]?.stringValue ?? "", markdown: md, html: html, extensionName: "")
        }
    }

    /// The GFM 0.29 spec examples (spec.txt format; `→` stands for a tab).
    static func gfm() throws -> [SpecExample] {
        let text = try String(contentsOf: folder.appendingPathComponent("gfm-0.29.txt"), encoding: .utf8)
        let fence = String(repeating: "`", count: 32) + " example"
        var examples: [SpecExample] = []
        var section = ""
        var state = 0 // 0 outside, 1 markdown, 2 html
        var markdown = "", html = "", ext = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if state == 0 {
                if line.hasPrefix("#") { section = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces) }
                if line.hasPrefix(fence) {
                    state = 1
                    markdown = ""
                    html = ""
                    ext = line.dropFirst(fence.count).trimmingCharacters(in: .whitespaces)
                }
            } else if state == 1 {
                if line == "." { state = 2 } else { markdown += line + "\n" }
            } else {
                if line == String(repeating: "`", count: 32) {
                    state = 0
                    examples.append(SpecExample(number: examples.count + 1, section: section,
                                                markdown: markdown.replacingOccurrences(of: "→", with: "\t"),
                                                html: html.replacingOccurrences(of: "→", with: "\t"), extensionName: ext))
                } else {
                    html += line + "\n"
                }
            }
        }
        return examples
    }

    /// Markdown → HTML with Spine.
    static func render(_ markdown: String, settings: [String: String] = [:]) throws -> String {
        let options = ConversionOptions(settings: settings)
        let document = try MarkdownReader().read(Array(markdown.utf8), options: options).document
        let bytes = try HTMLWriter().write(document, options: options).bytes
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The comparison the spec runners make, reduced to what differs between equivalent
    /// renderings: empty-element slashes and attribute order of task checkboxes.
    static func normalize(_ html: String) -> String {
        html.replacingOccurrences(of: " />", with: ">")
            .replacingOccurrences(of: "<input disabled=\"\" type=\"checkbox\">", with: "<input type=\"checkbox\" disabled=\"\">")
            .replacingOccurrences(of: "<input checked=\"\" disabled=\"\" type=\"checkbox\">", with: "<input type=\"checkbox\" checked=\"\" disabled=\"\">")
    }
}
