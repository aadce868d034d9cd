// The reader's view of styles.xml: what each paragraph and character style means to the AST.

/// What a paragraph style stands for.
enum ParagraphRole: Equatable {
    case normal
    case title
    case heading(Int)
    case code
    case codeTitle
    case quote
    case caption
    case tableHeading
    case horizontalLine
    case panelTitle
    case requirementSection
    case listParagraph
    /// pandoc's Author and Date paragraphs, which repeat the core properties.
    case metadataEcho
}

/// Styles resolved through `w:basedOn`, keyed by styleId; meanings come from `w:name`
/// (stable across UI languages) and outline levels, not from localized ids.
struct StyleSheet {
    struct Style {
        var name: String
        var basedOn: String?
        var outlineLevel: Int?
        var numbering: (id: Int, level: Int)?
        var bold: Bool?
        var italic: Bool?
        var underline: Bool?
        var strike: Bool?
        var verticalAlign: String?
        var monospace = false
        var indent: Int?
    }

    private(set) var styles: [String: Style] = [:]
    private var roles: [String: ParagraphRole] = [:]

    static let codeStyleNames: Set<String> = ["source code", "html preformatted", "preformatted text", "code", "code block",
                                              "plain text", "verbatim", "macro text", "sourcecode"]
    static let codeCharacterNames: Set<String> = ["verbatim char", "html code", "source text", "code char", "inline code",
                                                  "html typewriter", "html keyboard", "html sample", "code"]
    static let monospaceFonts: Set<String> = ["courier new", "courier", "consolas", "liberation mono", "dejavu sans mono", "menlo",
                                              "monaco", "lucida console", "source code pro", "cascadia code", "cascadia mono",
                                              "noto mono", "noto sans mono", "ubuntu mono", "fira code", "fira mono", "sf mono",
                                              "jetbrains mono", "andale mono", "roboto mono", "courier 10 pitch", "nimbus mono l", "nimbus mono ps"]

    init() {}

    init(_ root: XElement?) {
        guard let root else { return }
        for element in root.elements where element.isW("style") {
            guard let id = element.w("styleId") else { continue }
            var style = Style(name: element.childW("name")?.w("val")?.lowercased() ?? id.lowercased())
            style.basedOn = element.childW("basedOn")?.w("val")
            if let pPr = element.childW("pPr") {
                style.outlineLevel = pPr.childW("outlineLvl")?.w("val").flatMap(Int.init)
                let ind = pPr.childW("ind")
                style.indent = (ind?.w("left") ?? ind?.w("start")).flatMap(Int.init)
                if let numPr = pPr.childW("numPr"), let numID = numPr.childW("numId")?.w("val").flatMap(Int.init) {
                    style.numbering = (numID, numPr.childW("ilvl")?.w("val").flatMap(Int.init) ?? 0)
                }
            }
            if let rPr = element.childW("rPr") {
                style.bold = RunProperties.toggle(rPr.childW("b"))
                style.italic = RunProperties.toggle(rPr.childW("i"))
                style.strike = RunProperties.toggle(rPr.childW("strike"))
                if let u = rPr.childW("u") { style.underline = u.w("val") != "none" }
                style.verticalAlign = rPr.childW("vertAlign")?.w("val")
                style.monospace = RunProperties.isMonospace(rPr)
            }
            styles[id] = style
        }
        for id in styles.keys { roles[id] = computeRole(id) }
    }

    /// The role of paragraph style `id` (Normal when unknown).
    func role(_ id: String?) -> ParagraphRole {
        guard let id else { return .normal }
        if let role = roles[id] { return role }
        return Self.role(forName: id.lowercased()) ?? .normal
    }

    /// The style chain of `id`, nearest first (bounded against `basedOn` cycles).
    func chain(_ id: String?) -> [Style] {
        var result: [Style] = []
        var current = id
        while let key = current, let style = styles[key], result.count < 16 {
            result.append(style)
            current = style.basedOn
        }
        return result
    }

    /// The left indentation a paragraph style gives, through its chain.
    func indent(_ id: String?) -> Int? {
        chain(id).lazy.compactMap(\.indent).first
    }

    /// The numbering a paragraph style carries (Word's "List Bullet" and friends).
    func numbering(_ id: String?) -> (id: Int, level: Int)? {
        chain(id).lazy.compactMap(\.numbering).first
    }

    private func computeRole(_ id: String) -> ParagraphRole {
        for style in chain(id) {
            if let role = Self.role(forName: style.name) { return role }
            if let level = style.outlineLevel, level < 9 { return .heading(min(level + 1, 6)) }
        }
        if chain(id).first?.monospace == true { return .code }
        return .normal
    }

    /// Roles by built-in (English, lower-case) style name; Spine's own styles included.
    static func role(forName name: String) -> ParagraphRole? {
        if name.hasPrefix("heading "), let level = Int(name.dropFirst(8)), level >= 1 { return .heading(min(level, 6)) }
        switch name {
        case "title": return .title
        case "quote", "intense quote", "block text", "quotations", "block quote", "blockquote": return .quote
        case "caption", "table caption", "image caption", "figure", "illustration": return .caption
        case "table heading": return .tableHeading
        case "horizontal line": return .horizontalLine
        case "panel title": return .panelTitle
        case "requirement section": return .requirementSection
        case "code title": return .codeTitle
        case "author", "date": return .metadataEcho
        case "list paragraph", "list bullet", "list number", "list continue", "list": return .listParagraph
        default: return codeStyleNames.contains(name) ? .code : nil
        }
    }

    /// True when character style `id` means inline code.
    func isCodeCharacterStyle(_ id: String) -> Bool {
        chain(id).contains { Self.codeCharacterNames.contains($0.name) || $0.monospace }
            || Self.codeCharacterNames.contains(id.lowercased())
    }
}

/// Reading `w:rPr`.
enum RunProperties {
    /// A toggle property: absent → nil, `<w:b/>` or val true/1/on → true, val false/0/off → false.
    static func toggle(_ element: XElement?) -> Bool? {
        guard let element else { return nil }
        switch element.w("val")?.lowercased() {
        case "false", "0", "off", "none": return false
        default: return true
        }
    }

    /// True when the run's fonts are monospace.
    static func isMonospace(_ rPr: XElement) -> Bool {
        guard let fonts = rPr.childW("rFonts") else { return false }
        let font = (fonts.w("ascii") ?? fonts.w("hAnsi") ?? "").lowercased()
        return StyleSheet.monospaceFonts.contains(font)
    }
}
