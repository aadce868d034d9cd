// Which footnote definitions become Word footnotes: those reached by a reference outside every
// definition, directly or through other reached footnotes. Shared by the writer and the
// lossiness function so both agree on the numbering.

import SpineCore

/// Iterative walks only (`ASTWalk`): the writer meets arbitrarily deep documents.
enum FootnoteReach {
    /// The first definition of each label, anywhere in `blocks`.
    static func definitions(_ blocks: [Block]) -> [String: Footnote] {
        var result: [String: Footnote] = [:]
        ASTWalk.visit(blocks, block: { if case .footnote(let note) = $0, result[note.label] == nil { result[note.label] = note } }, inline: { _ in })
        return result
    }

    /// References in `blocks`, in order, outside the definitions for which `skipping` is true.
    static func references(in blocks: [Block], skipping: (Footnote) -> Bool = { _ in true }) -> [String] {
        var labels: [String] = []
        ASTWalk.visit(blocks, skipping: skipping, block: { _ in }, inline: { if case .footnoteReference(let label) = $0 { labels.append(label) } })
        return labels
    }

    /// The defined labels reached from the text outside every definition, directly or through
    /// reached footnotes. A footnote referenced only from itself, or from footnotes nothing
    /// reaches, is not reached (it stays in the body as a paragraph).
    static func reached(_ blocks: [Block], definitions: [String: Footnote]) -> Set<String> {
        Set(numbering(from: references(in: blocks), definitions: definitions))
    }

    /// The reached labels in Word's numbering order: first references in the text as written
    /// (unreached definitions are written there as paragraphs), then references inside
    /// footnotes as footnotes.xml is written.
    static func order(_ blocks: [Block], definitions: [String: Footnote]) -> [String] {
        let reached = reached(blocks, definitions: definitions)
        let body = references(in: blocks, skipping: { reached.contains($0.label) }).filter(reached.contains)
        return numbering(from: body, definitions: definitions)
    }

    /// `roots` (first occurrences), then breadth first through the definitions they reach.
    private static func numbering(from roots: [String], definitions: [String: Footnote]) -> [String] {
        var order: [String] = []
        var seen = Set<String>()
        for label in roots where definitions[label] != nil && seen.insert(label).inserted {
            order.append(label)
        }
        var index = 0
        while index < order.count {
            let note = definitions[order[index]]!
            index += 1
            for label in references(in: note.blocks) where definitions[label] != nil && seen.insert(label).inserted {
                order.append(label)
            }
        }
        return order
    }
}
