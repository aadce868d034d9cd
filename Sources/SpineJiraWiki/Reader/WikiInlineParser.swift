// Inline wiki markup → AST inlines: a tokenizer pass, then delimiter matching that pairs each
// opener with the nearest valid closer of its kind, in linear time.

import SpineCore

// MARK: - Tokens

/// The text effects a delimiter can open or close.
enum EffectKind: Int, CaseIterable {
    case strong, emphasis, strike, underline, superscript, `subscript`, citation
    case forcedStrong, forcedEmphasis, forcedStrike, forcedUnderline, forcedSuperscript, forcedSubscript
    case color

    /// The simple (word-boundary) kind for a delimiter byte.
    static func simple(_ byte: UInt8) -> EffectKind? {
        switch byte {
        case Byte.star: return .strong
        case Byte.underscore: return .emphasis
        case Byte.dash: return .strike
        case Byte.plus: return .underline
        case Byte.caret: return .superscript
        case Byte.tilde: return .subscript
        default: return nil
        }
    }

    /// The forced (`{*}…{*}`) kind for a delimiter byte.
    static func forced(_ byte: UInt8) -> EffectKind? {
        guard let simple = simple(byte) else { return nil }
        return EffectKind(rawValue: simple.rawValue + 7)
    }
}

/// One delimiter: a possible start or end of a text effect.
struct Delimiter {
    var kind: EffectKind
    var canOpen: Bool
    var canClose: Bool
    /// The markup as written, used when the delimiter stays literal text.
    var literal: String
    /// The colour of a `{color:…}` opener.
    var colour: String?
}

/// A piece of a tokenized line.
enum InlineToken {
    case text(String)
    case node(Inline)
    case delimiter(Delimiter)
}

// MARK: - Matching

/// Closer positions per kind, consumed front to back as openers are met in order.
struct CloserIndex {
    private var positions: [[Int]] = Array(repeating: [], count: EffectKind.allCases.count)
    private var cursors: [Int] = Array(repeating: 0, count: EffectKind.allCases.count)

    mutating func add(_ kind: EffectKind, at index: Int) { positions[kind.rawValue].append(index) }

    /// The first closer of `kind` at or after `index`. Openers are met in increasing order,
    /// so each cursor only moves forward and the whole matching stays linear.
    mutating func first(_ kind: EffectKind, atOrAfter index: Int) -> Int? {
        let list = positions[kind.rawValue]
        var cursor = cursors[kind.rawValue]
        while cursor < list.count, list[cursor] < index { cursor += 1 }
        cursors[kind.rawValue] = cursor
        return cursor < list.count ? list[cursor] : nil
    }
}

extension WikiParser {
    /// Parses the inline markup in `start..<end` (one line, or a link's text).
    mutating func parseInlines(_ start: Int, _ end: Int, inLink: Bool = false) -> [Inline] {
        guard start < end else { return [] }
        var closers = CloserIndex()
        let tokens = tokenize(start, end, inLink: inLink, closers: &closers)
        var index = 0
        return build(tokens, &index, end: tokens.count, closers: &closers)
    }

    /// Turns tokens `index..<end` into inlines, pairing delimiters. Nesting depth is bounded by
    /// the number of effect kinds: a kind cannot nest inside itself, because its nearest closer
    /// always ends the outer span first.
    private func build(_ tokens: [InlineToken], _ index: inout Int, end: Int, closers: inout CloserIndex) -> [Inline] {
        var result: [Inline] = []
        while index < end {
            switch tokens[index] {
            case .text(let text):
                Self.appendText(text, to: &result)
                index += 1
            case .node(let node):
                result.append(node)
                index += 1
            case .delimiter(let delimiter):
                if delimiter.canOpen, let close = closers.first(delimiter.kind, atOrAfter: index + 2), close < end {
                    var inner = index + 1
                    let content = build(tokens, &inner, end: close, closers: &closers)
                    result.append(Self.wrap(content, in: delimiter))
                    index = close + 1
                } else {
                    Self.appendText(delimiter.literal, to: &result)
                    index += 1
                }
            }
        }
        return result
    }

    /// The inline node a matched delimiter pair makes.
    private static func wrap(_ content: [Inline], in delimiter: Delimiter) -> Inline {
        switch delimiter.kind {
        case .strong, .forcedStrong: return .strong(content)
        case .emphasis, .forcedEmphasis: return .emphasis(content)
        case .strike, .forcedStrike: return .strikethrough(content)
        case .underline, .forcedUnderline: return .underline(content)
        case .superscript, .forcedSuperscript: return .superscript(content)
        case .subscript, .forcedSubscript: return .subscript(content)
        case .citation: return .span(Span(attributes: [Attribute("class", "citation")], content: content))
        case .color: return .span(Span(attributes: [Attribute("color", delimiter.colour ?? "")], content: content))
        }
    }

    /// Appends text, merging it into a preceding text node.
    static func appendText(_ text: String, to inlines: inout [Inline]) {
        guard !text.isEmpty else { return }
        if case .text(let previous)? = inlines.last {
            inlines[inlines.count - 1] = .text(previous + text)
        } else {
            inlines.append(.text(text))
        }
    }

    /// Plain text of inlines (for a mention's display name or an image's alt text).
    static func plainText(_ inlines: [Inline]) -> String {
        var text = ""
        for inline in inlines {
            switch inline {
            case .text(let value), .code(let value): text += value
            case .emphasis(let inner), .strong(let inner), .strikethrough(let inner), .underline(let inner),
                 .superscript(let inner), .subscript(let inner):
                text += plainText(inner)
            case .span(let span): text += plainText(span.content)
            case .link(let link): text += plainText(link.content)
            case .lineBreak, .softBreak: text += " "
            default: break
            }
        }
        return text
    }
}
