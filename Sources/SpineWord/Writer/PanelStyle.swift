// Colours for panels, status lozenges and text colour spans.

import SpineCore

/// How each panel kind looks in Word, and the tag that lets the reader recover the kind.
enum PanelStyle {
    /// (tag name, fill, left border colour) for a panel kind.
    static func look(_ kind: Panel.Kind) -> (String, String, String) {
        switch kind {
        case .info: return ("info", "DEEBFF", "0052CC")
        case .note: return ("note", "EAE6FF", "5243AA")
        case .warning: return ("warning", "FFFAE6", "FF991F")
        case .tip: return ("tip", "E3FCEF", "00875A")
        case .success: return ("success", "E3FCEF", "36B37E")
        case .error: return ("error", "FFEBE6", "DE350B")
        case .custom(let name): return ("custom:" + name, "F4F5F7", "6B778C")
        }
    }

    /// The panel kind for a tag's kind name.
    static func kind(_ name: String) -> Panel.Kind {
        switch name {
        case "info": return .info
        case "note": return .note
        case "warning": return .warning
        case "tip": return .tip
        case "success": return .success
        case "error": return .error
        default: return .custom(name.hasPrefix("custom:") ? String(name.dropFirst(7)) : name)
        }
    }

    /// The content control's display name for a container tag (`spine:panel info` → `Info panel`).
    static func alias(_ tag: String) -> String {
        let words = tag.dropFirst("spine:".count).split(separator: " ")
        guard let first = words.first else { return "Box" }
        if first == "panel", words.count > 1 { return words[1].prefix(1).uppercased() + words[1].dropFirst() + " panel" }
        return first.prefix(1).uppercased() + first.dropFirst()
    }

    /// A Word highlight colour for a status lozenge colour.
    static func highlight(forStatusColour colour: String?) -> String {
        switch colour?.lowercased() {
        case "green": return "green"
        case "yellow": return "yellow"
        case "red": return "red"
        case "blue": return "cyan"
        case "purple": return "magenta"
        default: return "lightGray"
        }
    }
}

/// CSS-ish colour values to Word's six hex digits.
enum Colour {
    /// `#rrggbb`, `#rgb` or a few names → `RRGGBB`; nil when not understood.
    static func hex(_ value: String) -> String? {
        var text = value.trimmingCharactersSpaces().lowercased()
        let names = ["red": "FF0000", "green": "008000", "blue": "0000FF", "black": "000000", "white": "FFFFFF",
                     "grey": "808080", "gray": "808080", "orange": "FFA500", "purple": "800080", "yellow": "FFFF00"]
        if let named = names[text] { return named }
        guard text.hasPrefix("#") else { return nil }
        text.removeFirst()
        guard text.allSatisfy(\.isHexDigit) else { return nil }
        if text.count == 3 { text = text.map { "\($0)\($0)" }.joined() }
        return text.count == 6 ? text.uppercased() : nil
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingCharactersSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" || first == "\n" || first == "\r" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\n" || last == "\r" { slice.removeLast() }
        return String(slice)
    }
}
