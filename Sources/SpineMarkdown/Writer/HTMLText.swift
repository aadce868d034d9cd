// HTML text and attribute escaping and URL percent-encoding as the CommonMark reference renderer does it.

enum HTMLText {
    /// Escapes `&`, `<`, `>` and `"`.
    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        append(text, to: &out)
        return string(out)
    }

    static func append(_ text: String, to out: inout [UInt8]) {
        for b in text.utf8 {
            switch b {
            case ASCII.amp: out.append("&amp;")
            case ASCII.lt: out.append("&lt;")
            case ASCII.gt: out.append("&gt;")
            case ASCII.quote: out.append("&quot;")
            default: out.append(b)
            }
        }
    }

    /// Percent-encodes a URL for an `href`/`src` (bytes outside the safe set), then escapes `&` and `'`.
    static func appendURL(_ url: String, to out: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        for b in url.utf8 {
            if b == ASCII.amp {
                out.append("&amp;")
            } else if b == ASCII.apostrophe {
                out.append("&#x27;")
            } else if isHrefSafe(b) {
                out.append(b)
            } else {
                out.append(0x25)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            }
        }
    }

    static func isHrefSafe(_ b: UInt8) -> Bool {
        if isAlphanumeric(b) { return true }
        switch b {
        case ASCII.bang, ASCII.hash, 0x24, 0x25, ASCII.lparen, ASCII.rparen, ASCII.star, ASCII.plus, 0x2C, ASCII.minus,
             ASCII.dot, ASCII.slash, ASCII.colon, ASCII.semicolon, ASCII.equals, ASCII.question, ASCII.at, ASCII.underscore,
             ASCII.tilde:
            return true
        default:
            return false
        }
    }
}
