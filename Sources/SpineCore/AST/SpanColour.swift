// The one spelling of a coloured span as an inline style, shared by the HTML-based formats.

extension Span {
    /// The inline style for a text colour, as the Confluence editor writes it (`color: X;`).
    public static func style(forColour colour: String) -> String { "color: " + colour + ";" }

    /// The colour of a style that is exactly `style(forColour:)`, so that reading it as a
    /// `color` attribute and writing that back gives the same bytes; nil for any other style.
    public static func colour(fromStyle style: String) -> String? {
        guard style.hasPrefix("color: "), style.hasSuffix(";") else { return nil }
        let value = style.dropFirst(7).dropLast()
        guard let first = value.first, let last = value.last, first != " ", last != " ", !value.contains(";") else { return nil }
        return String(value)
    }
}
