// GFM pipe tables: the delimiter row, splitting rows into cells, and collecting rows.

import SpineCore

enum TableParser {
    /// The column alignments of a delimiter row (`| :-- | :-: | --: |`), or nil when the
    /// line is not one. A delimiter row needs at least one pipe.
    static func delimiterRow(_ line: ArraySlice<UInt8>) -> [Alignment?]? {
        guard line.contains(ASCII.pipe) else { return nil }
        var alignments: [Alignment?] = []
        for cell in cells(line) {
            var i = 0
            let end = cell.count
            guard end > 0 else { return nil }
            let left = cell[0] == ASCII.colon
            if left { i += 1 }
            let dashStart = i
            while i < end, cell[i] == ASCII.minus { i += 1 }
            guard i > dashStart else { return nil }
            let right = i < end && cell[i] == ASCII.colon
            if right { i += 1 }
            guard i == end else { return nil }
            switch (left, right) {
            case (true, true): alignments.append(.center)
            case (true, false): alignments.append(.left)
            case (false, true): alignments.append(.right)
            case (false, false): alignments.append(nil)
            }
        }
        return alignments.isEmpty ? nil : alignments
    }

    /// Splits a row on unescaped pipes, dropping an optional leading and trailing pipe;
    /// cells are trimmed and `\|` becomes `|`.
    static func cells(_ line: ArraySlice<UInt8>) -> [[UInt8]] {
        var start = line.startIndex
        var end = line.endIndex
        while start < end, isSpaceOrTab(line[start]) { start += 1 }
        while end > start, isSpaceOrTab(line[end - 1]) { end -= 1 }
        if start < end, line[start] == ASCII.pipe { start += 1 }
        var result: [[UInt8]] = []
        var cell: [UInt8] = []
        var i = start
        var endedWithPipe = false
        while i < end {
            let c = line[i]
            if c == ASCII.backslash, i + 1 < end, line[i + 1] == ASCII.pipe {
                cell.append(ASCII.pipe)
                i += 2
                endedWithPipe = false
                continue
            }
            if c == ASCII.pipe {
                result.append(trimmed(cell))
                cell.removeAll(keepingCapacity: true)
                endedWithPipe = true
            } else {
                cell.append(c)
                if !isSpaceOrTab(c) { endedWithPipe = false }
            }
            i += 1
        }
        if !endedWithPipe || !cell.isEmpty && !cell.allSatisfy(isSpaceOrTab) { result.append(trimmed(cell)) }
        return result
    }

    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var start = 0
        var end = bytes.count
        while start < end, isSpaceOrTab(bytes[start]) { start += 1 }
        while end > start, isSpaceOrTab(bytes[end - 1]) { end -= 1 }
        return Array(bytes[start..<end])
    }

    /// Adds a body row, padded or cut to the header's width.
    static func addRow(_ line: ArraySlice<UInt8>, to table: BlockNode) {
        var row = cells(line)
        let width = table.alignments.count
        if row.count > width { row.removeSubrange(width...) }
        while row.count < width { row.append([]) }
        table.rows.append(row)
    }
}
