// Turns a flat sequence of formatted runs back into nested AST inlines.

import SpineCore

/// Character formatting of one run as the reader sees it.
struct RunStyle: Equatable {
    var bold = false
    var italic = false
    var underline = false
    var strike = false
    var superscript = false
    var `subscript` = false

    /// The formatting flags in nesting order (outermost first): strong, emphasis, underline, strike, sup, sub.
    nonisolated(unsafe) static let order: [WritableKeyPath<RunStyle, Bool>] = [\.bold, \.italic, \.underline, \.strike, \.superscript, \.subscript]

    static func wrap(_ key: WritableKeyPath<RunStyle, Bool>, _ content: [Inline]) -> Inline {
        switch key {
        case \.bold: return .strong(content)
        case \.italic: return .emphasis(content)
        case \.underline: return .underline(content)
        case \.strike: return .strikethrough(content)
        case \.superscript: return .superscript(content)
        default: return .subscript(content)
        }
    }
}

/// One piece of paragraph content with its formatting.
struct Atom {
    enum Content {
        case text(String)
        case code(String)
        case inline(Inline)
    }
    var style: RunStyle
    var content: Content
}

/// Groups atoms into nested inlines: consecutive atoms sharing a flag share one wrapper,
/// adjacent texts (and adjacent code) merge. Linear per flag level; six levels at most.
enum InlineGrouping {
    static func group(_ atoms: ArraySlice<Atom>, level: Int = 0) -> [Inline] {
        guard level < RunStyle.order.count else { return merge(atoms) }
        let key = RunStyle.order[level]
        var result: [Inline] = []
        var index = atoms.startIndex
        while index < atoms.endIndex {
            let flag = atoms[index].style[keyPath: key]
            var end = index
            while end < atoms.endIndex, atoms[end].style[keyPath: key] == flag { end += 1 }
            let inner = group(atoms[index..<end], level: level + 1)
            if flag { result.append(RunStyle.wrap(key, inner)) } else { result.append(contentsOf: inner) }
            index = end
        }
        return result
    }

    private static func merge(_ atoms: ArraySlice<Atom>) -> [Inline] {
        var result: [Inline] = []
        for atom in atoms {
            switch atom.content {
            case .text(let text):
                if text.isEmpty { continue }
                if case .text(let previous)? = result.last { result[result.count - 1] = .text(previous + text) } else { result.append(.text(text)) }
            case .code(let text):
                if case .code(let previous)? = result.last { result[result.count - 1] = .code(previous + text) } else { result.append(.code(text)) }
            case .inline(let inline):
                result.append(inline)
            }
        }
        return result
    }

    /// The flags every atom shares (lifted outside a hyperlink so `strong(link)` reads back as written).
    static func commonStyle(_ atoms: [Atom]) -> RunStyle {
        guard var common = atoms.first?.style else { return RunStyle() }
        for atom in atoms.dropFirst() {
            for key in RunStyle.order where !atom.style[keyPath: key] { common[keyPath: key] = false }
        }
        return common
    }

    /// `atoms` with the flags in `style` switched off.
    static func removing(_ style: RunStyle, from atoms: [Atom]) -> [Atom] {
        atoms.map { atom in
            var atom = atom
            for key in RunStyle.order where style[keyPath: key] { atom.style[keyPath: key] = false }
            return atom
        }
    }

    /// The text of atoms (for field instructions and plain values).
    static func text(_ atoms: [Atom]) -> String {
        var text = ""
        for atom in atoms {
            switch atom.content {
            case .text(let value), .code(let value): text += value
            case .inline(let inline): text += PlainText.of([inline])
            }
        }
        return text
    }
}
