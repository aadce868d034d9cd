// The block pass: splits the input into lines and builds the tree of containers and leaves.

import SpineCore

/// CommonMark's block-structure algorithm (one pass over the lines, a stack of open blocks)
/// with the GFM table and footnote-definition blocks.
final class BlockParser {
    /// Deepest container nesting kept; deeper markers become paragraph text.
    static let maxDepth = 100

    let src: [UInt8]
    let document: BlockNode
    var references: [String: LinkReference] = [:]
    var footnoteLabels: Set<String> = []
    var diagnostics: [Diagnostic] = []
    var depthWarningGiven = false

    // MARK: - Line state
    var lineNumber = 0
    var lineStart = 0
    var lineEnd = 0
    var offset = 0
    var column = 0
    var nextNonspace = 0
    var nextNonspaceColumn = 0
    var indent = 0
    var blank = false
    var indented = false
    var partiallyConsumedTab = false

    /// Open blocks from the document down to the tip.
    var open: [BlockNode]
    /// How many entries of `open` the current line matched.
    var matchedCount = 1
    var allClosed = true

    init(_ src: [UInt8], firstLine: Int) {
        self.src = src
        document = BlockNode(.document, line: 1)
        open = [document]
        lineNumber = firstLine - 1
    }

    /// Runs the block pass over `src[start...]`.
    func parse(from start: Int) {
        var i = start
        let end = src.count
        while i < end {
            var j = i
            while j < end, src[j] != ASCII.newline, src[j] != ASCII.cr { j += 1 }
            processLine(start: i, end: j)
            if j < end, src[j] == ASCII.cr, j + 1 < end, src[j + 1] == ASCII.newline { j += 1 }
            i = j + 1
        }
        while open.count > 1 { finalize(open.removeLast(), parent: open.last!) }
        finalizeDocument()
    }

    // MARK: - Column bookkeeping

    @inline(__always) func peek(_ index: Int) -> UInt8 { index < lineEnd ? src[index] : ASCII.newline }

    func findNextNonspace() {
        var i = offset
        var cols = column
        while i < lineEnd {
            let c = src[i]
            if c == ASCII.space {
                i += 1
                cols += 1
            } else if c == ASCII.tab {
                i += 1
                cols += 4 - cols % 4
            } else {
                break
            }
        }
        blank = i >= lineEnd
        nextNonspace = i
        nextNonspaceColumn = cols
        indent = cols - column
        indented = indent >= 4
    }

    func advanceNextNonspace() {
        offset = nextNonspace
        column = nextNonspaceColumn
        partiallyConsumedTab = false
    }

    func advanceOffset(_ count: Int, columns: Bool) {
        var count = count
        while count > 0, offset < lineEnd {
            if src[offset] == ASCII.tab {
                let toTab = 4 - column % 4
                if columns {
                    partiallyConsumedTab = toTab > count
                    let step = min(count, toTab)
                    column += step
                    if !partiallyConsumedTab { offset += 1 }
                    count -= step
                } else {
                    partiallyConsumedTab = false
                    column += toTab
                    offset += 1
                    count -= 1
                }
            } else {
                partiallyConsumedTab = false
                offset += 1
                column += 1
                count -= 1
            }
        }
    }

    // MARK: - One line

    func processLine(start: Int, end: Int) {
        lineNumber += 1
        lineStart = start
        lineEnd = end
        offset = start
        column = 0
        partiallyConsumedTab = false
        blank = false

        // 1. Which open blocks does this line continue?
        matchedCount = 1
        continuing: while matchedCount < open.count {
            findNextNonspace()
            switch continuation(of: open[matchedCount]) {
            case .matched: matchedCount += 1
            case .failed: break continuing
            case .consumed: return
            }
        }
        allClosed = matchedCount == open.count
        var container = open[matchedCount - 1]

        // 2. New block starts.
        var matchedLeaf = container.kind != .paragraph && container.acceptsRawLines
        while !matchedLeaf {
            findNextNonspace()
            switch tryBlockStarts(container) {
            case .none:
                advanceNextNonspace()
                matchedLeaf = true
                continue
            case .container:
                container = open.last!
            case .leaf:
                container = open.last!
                matchedLeaf = true
            case .consumed:
                for node in open { node.lastLineBlank = false }
                return
            }
        }

        // 3. The rest of the line is text.
        findNextNonspace()
        let tip = open.last!
        if !allClosed && !blank && tip.kind == .paragraph {
            addLine(to: tip)
            return
        }
        closeUnmatched()
        if blank, let last = container.children.last { last.lastLineBlank = true }
        let lastLineBlank = blank && container.kind != .quote && container.kind != .heading && container.kind != .rule
            && container.kind != .fencedCode
            && !(container.kind == .item && container.children.isEmpty && container.line == lineNumber)
        container.lastLineBlank = lastLineBlank
        for ancestor in open.dropLast() { ancestor.lastLineBlank = false }

        switch container.kind {
        case .fencedCode, .indentedCode:
            addLine(to: container)
        case .html:
            addLine(to: container)
            if container.htmlType >= 1 && container.htmlType <= 5,
               HTMLScanners.lineEndsBlock(src[offset..<lineEnd], type: container.htmlType) {
                closeTip()
            }
        case .table:
            if !blank { TableParser.addRow(src[offset..<lineEnd], to: container) }
        case .paragraph:
            if !blank { addLine(to: container) }
        case .heading, .rule:
            break
        case .document, .quote, .list, .item, .footnote:
            if !blank {
                let paragraph = addChild(.paragraph)
                advanceNextNonspace()
                addLine(to: paragraph)
            }
        }
    }

    enum Continuation { case matched, failed, consumed }

    /// Whether `node` continues on this line; advances past its markers.
    func continuation(of node: BlockNode) -> Continuation {
        switch node.kind {
        case .quote:
            guard !indented, peek(nextNonspace) == ASCII.gt else { return .failed }
            advanceNextNonspace()
            advanceOffset(1, columns: false)
            if isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
            return .matched
        case .item:
            if blank {
                guard !node.children.isEmpty else { return .failed }
                advanceNextNonspace()
            } else if indent >= node.markerOffset + node.padding {
                advanceOffset(node.markerOffset + node.padding, columns: true)
            } else {
                return .failed
            }
            return .matched
        case .footnote:
            if blank {
                advanceNextNonspace()
            } else if indent >= 4 {
                advanceOffset(4, columns: true)
            } else {
                return .failed
            }
            return .matched
        case .fencedCode:
            if indent <= 3, peek(nextNonspace) == node.fenceChar {
                var i = nextNonspace
                while i < lineEnd, src[i] == node.fenceChar { i += 1 }
                if i - nextNonspace >= node.fenceLength {
                    var k = i
                    while k < lineEnd, isSpaceOrTab(src[k]) { k += 1 }
                    if k == lineEnd {
                        closeUnmatchedAbove(node)
                        closeTip()
                        return .consumed
                    }
                }
            }
            var remaining = node.fenceOffset
            while remaining > 0, isSpaceOrTab(peek(offset)) {
                advanceOffset(1, columns: true)
                remaining -= 1
            }
            return .matched
        case .indentedCode:
            if indent >= 4 {
                advanceOffset(4, columns: true)
            } else if blank {
                advanceNextNonspace()
            } else {
                return .failed
            }
            return .matched
        case .html:
            return blank && (node.htmlType == 6 || node.htmlType == 7) ? .failed : .matched
        case .paragraph, .table:
            return blank ? .failed : .matched
        case .heading, .rule:
            return .failed
        case .list, .document:
            return .matched
        }
    }

    // MARK: - Tree edits

    /// Closes the blocks the current line did not continue (once per line).
    func closeUnmatched() {
        guard !allClosed else { return }
        while open.count > matchedCount {
            let node = open.removeLast()
            finalize(node, parent: open.last!)
        }
        allClosed = true
    }

    /// Closes everything below `node` (used when a fence closes while deeper blocks are open).
    func closeUnmatchedAbove(_ node: BlockNode) {
        while let last = open.last, last !== node {
            open.removeLast()
            finalize(last, parent: open.last!)
        }
    }

    /// Closes the innermost open block.
    func closeTip() {
        guard open.count > 1 else { return }
        let node = open.removeLast()
        finalize(node, parent: open.last!)
    }

    /// Adds a new block under the deepest open block that can hold it.
    @discardableResult
    func addChild(_ kind: BlockNode.Kind) -> BlockNode {
        while !open.last!.canContain(kind) { closeTip() }
        let node = BlockNode(kind, line: lineNumber)
        open.last!.children.append(node)
        open.append(node)
        return node
    }

    /// Appends the rest of the line (from `offset`) to a leaf.
    func addLine(to node: BlockNode) {
        if partiallyConsumedTab {
            offset += 1
            let toTab = 4 - column % 4
            for _ in 0..<toTab { node.content.append(ASCII.space) }
        }
        if node.kind == .paragraph { node.lastLineStart = node.content.count }
        node.content.append(contentsOf: src[offset..<lineEnd])
        node.content.append(ASCII.newline)
        node.lineCount += 1
    }

    /// Depth of the container being opened; past the limit no new container starts.
    var depthExceeded: Bool {
        if open.count < BlockParser.maxDepth { return false }
        if !depthWarningGiven {
            depthWarningGiven = true
            diagnostics.append(.warning("markdown.nesting-too-deep",
                "block nesting deeper than \(BlockParser.maxDepth) levels; deeper markers are kept as text",
                at: SourceLocation(line: lineNumber, column: nextNonspace - lineStart + 1)))
        }
        return true
    }
}
