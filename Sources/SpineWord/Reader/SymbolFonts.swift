// Unicode for the symbol-font characters Word documents commonly use (`w:sym`).

/// Maps `w:sym` characters of Symbol and Wingdings to Unicode. Word stores them in the
/// private-use range F000–F0FF (font code + F000); only well-known code points are mapped.
enum SymbolFonts {
    private static let wingdings: [UInt32: String] = [
        0x4A: "☺", 0x4B: "😐", 0x4C: "☹", 0x6C: "●", 0x6E: "■", 0x6F: "☐", 0x71: "❑", 0x76: "❖", 0x9F: "•",
        0xA7: "▪", 0xA8: "☐", 0xD8: "➢", 0xE0: "→", 0xE8: "➔", 0xEF: "⇦", 0xF0: "⇨",
        0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑",
    ]
    private static let symbol: [UInt32: String] = [
        0xA3: "≤", 0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±", 0xB3: "≥", 0xB4: "×",
        0xB7: "•", 0xB9: "≠", 0xBB: "≈", 0xA5: "∞", 0xD7: "·", 0xD8: "¬", 0xDB: "⇔", 0xDE: "⇒", 0xE2: "®", 0xE3: "©", 0xE4: "™",
    ]
    private static let greekLower = Array("αβχδεφγηιϕκλμνοπθρστυϖωξψζ")
    private static let greekUpper = Array("ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ")

    /// The text for a symbol, or nil when the font/code pair is not known.
    static func text(font: String?, code: String?) -> String? {
        guard let code, var value = UInt32(code, radix: 16) else { return nil }
        if value >= 0xF000, value <= 0xF0FF { value -= 0xF000 }
        switch font?.lowercased() {
        case "wingdings":
            return wingdings[value]
        case "symbol":
            if let mapped = symbol[value] { return mapped }
            if value >= 0x61, value <= 0x7A { return String(greekLower[Int(value - 0x61)]) }
            if value >= 0x41, value <= 0x5A { return String(greekUpper[Int(value - 0x41)]) }
            return value >= 0x20 && value < 0x7F ? String(UnicodeScalar(UInt8(value))) : nil
        default:
            // A text font: the code is an ordinary character.
            guard value >= 0x20, font != nil, !(font ?? "").lowercased().contains("ding"), let scalar = Unicode.Scalar(value) else { return nil }
            return String(Character(scalar))
        }
    }
}
