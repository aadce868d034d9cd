// Collation: Jira issues → one requirements document (the "requirements spine").

import SpineCore

/// The collated document and what the collator noticed on the way.
public struct Collation: Sendable {
    /// The requirements document, ready for any writer.
    public var document: Document
    /// Missing parents, cycles, duplicates, traceability gaps (see Formats/collate.md).
    public var diagnostics: [Diagnostic]

    /// A result from its parts.
    public init(document: Document, diagnostics: [Diagnostic]) {
        self.document = document
        self.diagnostics = diagnostics
    }
}

/// Builds one requirements document from issues as the Jira JSON and Jira CSV readers produce
/// them. It works on AST values only and never reads or writes a format itself.
public struct Collator: Sendable {
    /// How the document is built.
    public var options: CollateOptions

    /// A collator with `options`.
    public init(options: CollateOptions = CollateOptions()) {
        self.options = options
    }

    /// Collates `requirements` (a flat list in input order; nested children are accepted too).
    /// Throws a usage error only when `options.epics` names an issue the input does not hold.
    public func collate(_ requirements: [Requirement]) throws(SpineError) -> Collation {
        let graph = IssueGraph(requirements)
        var diagnostics = graph.diagnostics
        let plan = try CollationPlan(graph: graph, options: options, diagnostics: &diagnostics)
        var builder = DocumentBuilder(graph: graph, plan: plan, options: options)
        let document = builder.build()
        return Collation(document: document, diagnostics: diagnostics + builder.diagnostics)
    }

    /// Every requirement in `document`, flattened in reading order: nested children follow their
    /// parent, with `children` emptied and `parent` set to the enclosing requirement's key when
    /// they had none. Use it to feed a read document (Jira JSON, CSV, a collated page read back)
    /// to `collate`, or to compare requirements before and after a round trip.
    public static func requirements(in document: Document) -> [Requirement] {
        requirements(in: document.blocks)
    }

    /// Every requirement in `blocks`, flattened as `requirements(in: Document)` describes.
    public static func requirements(in blocks: [Block]) -> [Requirement] {
        // `Block.visit` does not say which requirement encloses a nested one, so this walk keeps
        // the enclosing key beside each pending block; it is iterative like `visit`.
        var result: [Requirement] = []
        var pending: [(block: Block, enclosingKey: String?)] = blocks.reversed().map { ($0, nil) }
        while let (block, enclosingKey) = pending.popLast() {
            guard case .requirement(var requirement) = block else {
                pending += block.childBlocks.reversed().map { ($0, nil) }
                continue
            }
            let children = requirement.children
            requirement.children = []
            if requirement.parent == nil, let enclosingKey { requirement.parent = enclosingKey }
            result.append(requirement)
            pending += children.reversed().map { (Block.requirement($0), requirement.key) }
            pending += (requirement.description + requirement.acceptanceCriteria).reversed().map { ($0, nil) }
        }
        return result
    }
}
