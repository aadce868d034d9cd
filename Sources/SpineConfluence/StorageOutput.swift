// The writer's byte buffer and element helpers: escaping, attribute merging, macros, raw checks.

import SpineCore
import SpineXML

/// Accumulates storage XHTML for one document.
final class StorageOutput {
    var bytes: [UInt8] = []
    var diagnostics: [Diagnostic] = []
    let options: ConversionOptions
    let keyAsMacro: Bool
    /// Document-wide task number (matches the reader's count).
    var taskCounter = 0
    /// The level of the last ordinary heading written, for placing requirements beneath it.
    var sectionLevel = 1
    /// The heading level of the requirement written as the previous sibling block, if it was one:
    /// a requirement right after it must not be deeper, or it would read back as its child.
    var precedingRequirementLevel: Int?
    private var removedCharacters = 0

    init(options: ConversionOptions) {
        self.options = options
        keyAsMacro = options.flag("confluence.jira-key-macro", default: true)
        bytes.reserveCapacity(1 << 16)
    }

    func warn(_ code: String, _ message: String) {
        diagnostics.append(.warning(code, message))
    }

    func info(_ code: String, _ message: String) {
        diagnostics.append(.info(code, message))
    }

    // MARK: - Elements

    func open(_ name: String, _ attributes: [(String, String)] = []) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        writeAttributes(attributes)
        bytes.append(UInt8(ascii: ">"))
    }

    func close(_ name: String) {
        bytes.append(contentsOf: "</".utf8)
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    func empty(_ name: String, _ attributes: [(String, String)] = []) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        writeAttributes(attributes)
        bytes.append(contentsOf: "/>".utf8)
    }

    private func writeAttributes(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            guard StorageOutput.isXMLName(name) else {
                warn("storage.attribute-dropped", "dropped attribute '\(name)': not a valid XML name")
                continue
            }
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: name.utf8)
            bytes.append(contentsOf: "=\"".utf8)
            XMLSerializer.appendEscapedAttributeValue(clean(value), to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Escaped character data.
    func text(_ text: String) {
        XMLSerializer.appendEscapedText(clean(text), to: &bytes)
    }

    /// A CDATA section. CDATA cannot escape a carriage return and every XML parser reads one as
    /// a line feed, so line ends are written as LF: the bytes are what a reader will see.
    func cdata(_ text: String) {
        XMLSerializer.appendCDATA(clean(text).replacingLineEnds(), to: &bytes)
    }

    /// `text` without the characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF).
    func clean(_ text: String) -> String {
        guard text.utf8.contains(where: { ($0 < 0x20 && $0 != 9 && $0 != 10 && $0 != 13) || $0 == 0xEF }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (value < 0x20 && value != 9 && value != 10 && value != 13) || value == 0xFFFE || value == 0xFFFF {
                removedCharacters += 1
                if removedCharacters == 1 { warn("storage.invalid-character", "removed characters XML cannot represent (control characters)") }
                continue
            }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// True for a valid XML (1.0, ASCII-range) qualified name whose prefix, if any, is one
    /// Confluence declares (`ac`, `ri`, `at`, or the predefined `xml`): anything else fails Confluence's namespace-aware parse.
    static func isXMLName(_ name: String) -> Bool {
        let parts = name.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isNCName(parts[0])
        case 2: return ["ac", "ri", "at", "xml"].contains(String(decoding: parts[0], as: UTF8.self)) && isNCName(parts[1])
        default: return false
        }
    }

    /// True for a non-empty XML name without a colon (ASCII range; other bytes allowed as letters).
    private static func isNCName(_ name: Substring.UTF8View.SubSequence) -> Bool {
        guard let first = name.first, first >= 0x80 || first == UInt8(ascii: "_") || (first | 0x20 >= 97 && first | 0x20 <= 122) else { return false }
        return name.allSatisfy { byte in
            byte >= 0x80 || (byte | 0x20 >= 97 && byte | 0x20 <= 122) || (byte >= 48 && byte <= 57)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    // MARK: - Attribute merging

    /// `base` with each override replacing the attribute of the same name or appended after it.
    static func merge(_ base: [(String, String)], _ overrides: [(String, String)]) -> [(String, String)] {
        var result = base
        for (name, value) in overrides {
            if let index = result.firstIndex(where: { $0.0 == name }) { result[index].1 = value } else { result.append((name, value)) }
        }
        return result
    }

    /// Real XML attributes from an AST attribute list (pseudo `storage.*` attributes removed).
    static func xmlAttributes(_ attributes: [Attribute]) -> [(String, String)] {
        attributes.filter { !$0.name.hasPrefix("storage.") }.map { ($0.name, $0.value) }
    }

    // MARK: - Macros

    enum MacroBody {
        case none
        case plain(String)
        case rich([Block])
    }

    /// Writes a macro. `attributes` mixes element attributes (`_name`), parameters (plain names,
    /// overriding `parameters` of the same name) and pseudo attributes (`storage.*`).
    func macro(_ name: String, parameters: [(String, String)], attributes: [Attribute], body: MacroBody) {
        let element = attributes[named: StorageConvention.macroElement] ?? "ac:structured-macro"
        var elementAttributes = [("ac:name", name)]
        var extra: [(String, String)] = []
        for attribute in attributes where !attribute.name.hasPrefix("storage.") {
            if attribute.name.hasPrefix(StorageConvention.elementAttribute) {
                elementAttributes.append((String(attribute.name.dropFirst()), attribute.value))
            } else {
                extra.append((attribute.name, attribute.value))
            }
        }
        open(element == "ac:macro" ? "ac:macro" : "ac:structured-macro", elementAttributes)
        for (parameter, value) in StorageOutput.merge(parameters, extra) {
            open("ac:parameter", [("ac:name", parameter)])
            text(value)
            close("ac:parameter")
        }
        switch body {
        case .none:
            break
        case .plain(let content):
            open("ac:plain-text-body")
            cdata(content)
            close("ac:plain-text-body")
        case .rich(let blocks):
            open("ac:rich-text-body")
            writeBlocks(blocks)
            close("ac:rich-text-body")
        }
        close(element == "ac:macro" ? "ac:macro" : "ac:structured-macro")
    }

    // MARK: - Raw content

    /// True when `content` parses as a storage fragment using no prefix but `ac`, `ri` and `at`
    /// (Confluence parses with those declared and refuses any other prefix or a broken name).
    /// `strict: false` (raw HTML from Markdown) still accepts other prefixes, as before the strict check.
    static func isWellFormedStorage(_ content: String, strict: Bool = false) -> Bool {
        guard let prepared = try? StorageInput(Array(content.utf8)) else { return false }
        return parses(prepared, strict: strict)
    }

    private static func parses(_ input: StorageInput, strict: Bool) -> Bool {
        guard let parsed = try? XMLTreeParser.parse(input.prepared) else { return false }
        return !strict || !parsed.diagnostics.contains { $0.code == "xml.namespace" }
    }

    /// Writes raw storage verbatim when it parses (HTML entities turned into numeric references so
    /// strict XML tools accept it); otherwise shows it as a `noformat` block and reports it.
    func raw(_ content: String, inline: Bool, strict: Bool = true) {
        if let prepared = try? StorageInput(Array(content.utf8)), StorageOutput.parses(prepared, strict: strict) {
            let start = StorageInput.openRoot.count
            let end = prepared.prepared.count - StorageInput.closeRoot.count
            if start <= end { bytes.append(contentsOf: prepared.prepared[start..<end]) }
            return
        }
        warn("storage.raw-malformed", "raw Confluence content is not well-formed or uses a prefix Confluence does not declare; written as text")
        if inline {
            open("code")
            text(content)
            close("code")
        } else {
            macro("noformat", parameters: [], attributes: [], body: .plain(content))
        }
    }
}
