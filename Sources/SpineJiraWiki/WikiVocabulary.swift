// Fixed vocabularies of Jira wiki markup shared by reader and writer: emoticons,
// HTML entities, panel colours, status colours and issue-key shapes.

import SpineCore

/// Lookup tables for the parts of wiki markup that are a closed list.
enum WikiVocabulary {
    // MARK: - Anchor names

    /// The anchor name `{anchor:…}` stands for: the text before any `|`, without whitespace or
    /// braces. Reader and writer both apply it, so a written anchor reads back unchanged.
    static func anchorName(_ text: some StringProtocol) -> String {
        let firstPart = text.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(firstPart.filter { !$0.isWhitespace && $0 != "{" && $0 != "}" })
    }

    // MARK: - Emoticons

    /// One emoticon: its wiki spelling and the emoji it stands for.
    struct Emoticon {
        var markup: String
        var shortName: String
        var fallback: String
        var id: String
    }

    /// Jira's emoticons, mapped to the emoji Atlassian's wiki-to-ADF conversion uses.
    static let emoticons: [Emoticon] = [
        Emoticon(markup: ":)", shortName: "slight_smile", fallback: "🙂", id: "1f642"),
        Emoticon(markup: ":(", shortName: "disappointed", fallback: "😞", id: "1f61e"),
        Emoticon(markup: ":P", shortName: "stuck_out_tongue", fallback: "😛", id: "1f61b"),
        Emoticon(markup: ":D", shortName: "smiley", fallback: "😃", id: "1f603"),
        Emoticon(markup: ";)", shortName: "wink", fallback: "😉", id: "1f609"),
        Emoticon(markup: "(y)", shortName: "thumbsup", fallback: "👍", id: "1f44d"),
        Emoticon(markup: "(n)", shortName: "thumbsdown", fallback: "👎", id: "1f44e"),
        Emoticon(markup: "(i)", shortName: "info", fallback: "ℹ️", id: "atlassian-info"),
        Emoticon(markup: "(/)", shortName: "check_mark", fallback: "✅", id: "atlassian-check_mark"),
        Emoticon(markup: "(x)", shortName: "cross_mark", fallback: "❌", id: "atlassian-cross_mark"),
        Emoticon(markup: "(!)", shortName: "warning", fallback: "⚠️", id: "atlassian-warning"),
        Emoticon(markup: "(+)", shortName: "plus", fallback: "➕", id: "atlassian-plus"),
        Emoticon(markup: "(-)", shortName: "minus", fallback: "➖", id: "atlassian-minus"),
        Emoticon(markup: "(?)", shortName: "question", fallback: "❓", id: "atlassian-question_mark"),
        Emoticon(markup: "(on)", shortName: "light_bulb_on", fallback: "💡", id: "atlassian-light_bulb_on"),
        Emoticon(markup: "(off)", shortName: "light_bulb_off", fallback: "💡", id: "atlassian-light_bulb_off"),
        Emoticon(markup: "(*)", shortName: "yellow_star", fallback: "⭐", id: "atlassian-yellow_star"),
        Emoticon(markup: "(*y)", shortName: "yellow_star", fallback: "⭐", id: "atlassian-yellow_star"),
        Emoticon(markup: "(*r)", shortName: "red_star", fallback: "⭐", id: "atlassian-red_star"),
        Emoticon(markup: "(*g)", shortName: "green_star", fallback: "⭐", id: "atlassian-green_star"),
        Emoticon(markup: "(*b)", shortName: "blue_star", fallback: "⭐", id: "atlassian-blue_star"),
        Emoticon(markup: "(flag)", shortName: "flag_on", fallback: "🚩", id: "atlassian-flag_on"),
        Emoticon(markup: "(flagoff)", shortName: "flag_off", fallback: "🏳️", id: "atlassian-flag_off"),
    ]

    /// Emoticons by their wiki spelling.
    static let emoticonsByMarkup: [String: Emoticon] = {
        var table: [String: Emoticon] = [:]
        for emoticon in emoticons { table[emoticon.markup] = emoticon }
        return table
    }()

    /// Wiki spelling by emoji short name, including common aliases from other formats.
    static let markupByShortName: [String: String] = {
        var table: [String: String] = [:]
        for emoticon in emoticons where table[emoticon.shortName] == nil { table[emoticon.shortName] = emoticon.markup }
        let aliases: [(String, String)] = [
            ("smile", ":)"), ("slightly_smiling_face", ":)"), ("sad", ":("), ("frowning", ":("),
            ("cheeky", ":P"), ("laugh", ":D"), ("grinning", ":D"), ("thumbs-up", "(y)"), ("+1", "(y)"),
            ("thumbs-down", "(n)"), ("-1", "(n)"), ("information", "(i)"), ("information_source", "(i)"),
            ("tick", "(/)"), ("white_check_mark", "(/)"), ("heavy_check_mark", "(/)"), ("cross", "(x)"),
            ("x", "(x)"), ("question_mark", "(?)"), ("light-on", "(on)"), ("light-off", "(off)"),
            ("yellow-star", "(*)"), ("star", "(*)"), ("red-star", "(*r)"), ("green-star", "(*g)"),
            ("blue-star", "(*b)"), ("heavy_plus_sign", "(+)"), ("heavy_minus_sign", "(-)"),
        ]
        for (name, markup) in aliases where table[name] == nil { table[name] = markup }
        return table
    }()

    /// The longest emoticon spelling, bounding the look-ahead.
    static let longestEmoticon = 9

    // MARK: - Entities

    /// Named HTML entities Jira descriptions use; others stay literal text.
    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "mdash": "—", "ndash": "–", "hellip": "…", "copy": "©", "reg": "®", "trade": "™",
        "laquo": "«", "raquo": "»", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’",
        "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "sect": "§", "para": "¶", "deg": "°",
        "plusmn": "±", "times": "×", "divide": "÷", "middot": "·", "bull": "•", "rarr": "→",
        "larr": "←", "uarr": "↑", "darr": "↓", "harr": "↔", "rArr": "⇒", "lArr": "⇐", "le": "≤",
        "ge": "≥", "ne": "≠", "asymp": "≈", "infin": "∞", "micro": "µ", "frac12": "½",
        "frac14": "¼", "frac34": "¾", "sup2": "²", "sup3": "³", "shy": "\u{00AD}",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}",
    ]

    // MARK: - Panels

    /// Background colours the writer gives each panel kind, and the reader maps back.
    static let panelColours: [(kind: Panel.Kind, colour: String)] = [
        (.info, "#deebff"), (.note, "#eae6ff"), (.success, "#e3fcef"), (.tip, "#e6fcff"),
        (.warning, "#fffae6"), (.error, "#ffebe6"),
    ]

    /// The panel kind a `bgColor` stands for, if it is one of `panelColours`.
    static func panelKind(forBackground colour: String) -> Panel.Kind? {
        let lower = colour.lowercased()
        return panelColours.first(where: { $0.colour == lower })?.kind
    }

    /// The background colour the writer uses for a named panel kind.
    static func background(for kind: Panel.Kind) -> String? {
        panelColours.first(where: { $0.kind == kind })?.colour
    }

    // MARK: - Status lozenges

    /// Text colours approximating Jira's status lozenge colours.
    static func statusTextColour(_ colour: String?) -> String? {
        switch colour?.lowercased() {
        case "green": return "#00875a"
        case "yellow": return "#ff991f"
        case "red": return "#de350b"
        case "blue": return "#0052cc"
        case "purple": return "#5243aa"
        case "grey", "gray", "neutral": return "#42526e"
        default: return nil
        }
    }

    // MARK: - Issue keys

    /// Whether `text` has the shape of a Jira issue key (`ABC-123`, `A1_B-7`).
    static func isIssueKey(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard let dash = bytes.lastIndex(of: Byte.dash), dash >= 2, dash < bytes.count - 1 else { return false }
        guard bytes[0] >= 0x41, bytes[0] <= 0x5A else { return false }
        for byte in bytes[1..<dash] where !((byte >= 0x41 && byte <= 0x5A) || Byte.isDigit(byte) || byte == Byte.underscore) {
            return false
        }
        for byte in bytes[(dash + 1)...] where !Byte.isDigit(byte) { return false }
        return true
    }

    // MARK: - Account ids

    /// Whether `id` looks like a Jira Cloud account id (24 hex digits, or `557058:` + UUID).
    static func isCloudAccountID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        func isHex(_ byte: UInt8) -> Bool { Byte.isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46) }
        if bytes.count == 24, bytes.allSatisfy(isHex) { return true }
        if let colon = bytes.firstIndex(of: Byte.colon), colon > 0, bytes[..<colon].allSatisfy(Byte.isDigit) {
            let rest = bytes[(colon + 1)...]
            return rest.count == 36 && rest.allSatisfy { isHex($0) || $0 == Byte.dash }
        }
        return false
    }
}
