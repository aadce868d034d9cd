// Autolinks: CommonMark `<scheme:…>` / `<mail@host>` and GFM's extended www/URL/email autolinks.

import SpineCore

enum Autolinks {
    // MARK: - Angle-bracket autolinks

    /// `<scheme:…>` or `<local@domain>` at `index` (a `<`).
    static func scanAngle(_ b: [UInt8], at index: Int, end: Int) -> (next: Int, inner: Range<Int>, isEmail: Bool)? {
        var i = index + 1
        guard i < end, isLetter(b[i]) else { return scanAngleEmail(b, at: index, end: end) }
        let schemeStart = i
        while i < end, isAlphanumeric(b[i]) || b[i] == ASCII.plus || b[i] == ASCII.dot || b[i] == ASCII.minus { i += 1 }
        let schemeLength = i - schemeStart
        guard schemeLength >= 2, schemeLength <= 32, i < end, b[i] == ASCII.colon else {
            return scanAngleEmail(b, at: index, end: end)
        }
        i += 1
        while i < end {
            let c = b[i]
            if c == ASCII.gt { return (i + 1, (index + 1)..<i, false) }
            if c <= 0x20 || c == ASCII.lt || c == 0x7F { return nil }
            i += 1
        }
        return nil
    }

    static func isEmailLocal(_ c: UInt8) -> Bool {
        if isAlphanumeric(c) { return true }
        switch c {
        case ASCII.dot, ASCII.bang, ASCII.hash, 0x24, 0x25, ASCII.amp, ASCII.apostrophe, ASCII.star, ASCII.plus,
             ASCII.slash, ASCII.equals, ASCII.question, ASCII.caret, ASCII.underscore, ASCII.backtick, 0x7B, ASCII.pipe,
             0x7D, ASCII.tilde, ASCII.minus:
            return true
        default:
            return false
        }
    }

    static func scanAngleEmail(_ b: [UInt8], at index: Int, end: Int) -> (next: Int, inner: Range<Int>, isEmail: Bool)? {
        var i = index + 1
        while i < end, isEmailLocal(b[i]) { i += 1 }
        guard i > index + 1, i < end, b[i] == ASCII.at else { return nil }
        i += 1
        while true {
            let labelStart = i
            while i < end, isAlphanumeric(b[i]) || b[i] == ASCII.minus, i - labelStart < 64 { i += 1 }
            guard i > labelStart, isAlphanumeric(b[labelStart]), isAlphanumeric(b[i - 1]) else { return nil }
            guard i < end else { return nil }
            if b[i] == ASCII.gt { return (i + 1, (index + 1)..<i, true) }
            guard b[i] == ASCII.dot else { return nil }
            i += 1
        }
    }

    // MARK: - GFM extended autolinks

    /// One recognised link.
    struct Match {
        var range: Range<Int>
        var url: String
    }

    static func isBoundary(_ c: UInt8) -> Bool {
        isWhitespaceByte(c) || c == ASCII.star || c == ASCII.underscore || c == ASCII.tilde || c == ASCII.lparen
    }

    static func hasPrefix(_ b: [UInt8], at index: Int, end: Int, _ prefix: StaticString) -> Bool {
        HTMLScanners.matches(b, at: index, end: end, prefix)
    }

    static func scanWWWOrURL(_ b: [UInt8], at index: Int, end: Int) -> Match? {
        var domainStart: Int
        var prefix = ""
        if hasPrefix(b, at: index, end: end, "www.") {
            domainStart = index
            prefix = "http://"
        } else if hasPrefix(b, at: index, end: end, "http://") {
            domainStart = index + 7
        } else if hasPrefix(b, at: index, end: end, "https://") {
            domainStart = index + 8
        } else if hasPrefix(b, at: index, end: end, "ftp://") {
            domainStart = index + 6
        } else {
            return nil
        }
        guard let domainEnd = scanDomain(b, at: domainStart, end: end) else { return nil }
        var linkEnd = domainEnd
        while linkEnd < end, !isWhitespaceByte(b[linkEnd]), b[linkEnd] != ASCII.lt { linkEnd += 1 }
        linkEnd = trimTrailing(b, start: index, end: linkEnd)
        guard linkEnd > domainStart else { return nil }
        return Match(range: index..<linkEnd, url: prefix + string(b[index..<linkEnd]))
    }

    /// A valid domain: segments of alphanumerics, `_` and `-` separated by periods, at least
    /// one period, no underscore in the last two segments.
    static func scanDomain(_ b: [UInt8], at index: Int, end: Int) -> Int? {
        var i = index
        var periods = 0
        var underscoreInLast = false, underscoreInPrevious = false
        var segmentLength = 0
        while i < end {
            let c = b[i]
            if isAlphanumeric(c) || c == ASCII.minus || c >= 0x80 {
                segmentLength += 1
            } else if c == ASCII.underscore {
                underscoreInLast = true
                segmentLength += 1
            } else if c == ASCII.dot, segmentLength > 0, i + 1 < end, isDomainChar(b[i + 1]) {
                periods += 1
                underscoreInPrevious = underscoreInLast
                underscoreInLast = false
                segmentLength = 0
            } else {
                break
            }
            i += 1
        }
        guard i > index, periods > 0, !underscoreInLast, !underscoreInPrevious else { return nil }
        return i
    }

    static func isDomainChar(_ c: UInt8) -> Bool { isAlphanumeric(c) || c == ASCII.minus || c == ASCII.underscore || c >= 0x80 }

    /// GFM's trailing-punctuation, unbalanced-parenthesis and entity-like-suffix rules.
    static func trimTrailing(_ b: [UInt8], start: Int, end: Int) -> Int {
        var e = end
        while e > start {
            let c = b[e - 1]
            switch c {
            case ASCII.question, ASCII.bang, ASCII.dot, ASCII.colon, ASCII.star, ASCII.underscore, ASCII.tilde, 0x2C:
                e -= 1
                continue
            case ASCII.rparen:
                var open = 0, close = 0
                for k in start..<e {
                    if b[k] == ASCII.lparen { open += 1 } else if b[k] == ASCII.rparen { close += 1 }
                }
                if close > open {
                    e -= 1
                    continue
                }
            case ASCII.semicolon:
                var k = e - 2
                while k > start, isAlphanumeric(b[k]) { k -= 1 }
                if k < e - 2, b[k] == ASCII.amp {
                    e = k
                    continue
                }
            default:
                break
            }
            break
        }
        return e
    }

    /// Characters of a GFM email autolink's local part.
    static func isEmailLocalGFM(_ c: UInt8) -> Bool {
        isAlphanumeric(c) || c == ASCII.dot || c == ASCII.plus || c == ASCII.minus || c == ASCII.underscore
    }

    /// The end of an email autolink's domain starting at `index` (after the `@`).
    static func scanEmailDomain(_ b: [UInt8], at index: Int, end: Int) -> Int? {
        var i = index
        var periods = 0
        while i < end {
            let c = b[i]
            if isAlphanumeric(c) || c == ASCII.minus || c == ASCII.underscore {
                i += 1
            } else if c == ASCII.dot, i + 1 < end, isAlphanumeric(b[i + 1]) || b[i + 1] == ASCII.minus || b[i + 1] == ASCII.underscore {
                periods += 1
                i += 1
            } else {
                break
            }
        }
        guard periods > 0, i > index else { return nil }
        let last = b[i - 1]
        guard last != ASCII.minus, last != ASCII.underscore else { return nil }
        return i
    }
}
