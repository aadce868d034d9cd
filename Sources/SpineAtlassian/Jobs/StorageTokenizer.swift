// A byte-level tokenizer for Confluence storage, for rewriting attributes without re-serialising.

/// One token of a storage body; ranges index the body's UTF-8 bytes.
enum StorageToken: Equatable {
    /// Text, CDATA, comments, processing instructions: copied through unchanged.
    case other(Range<Int>)
    /// `<name a="v" …>` or `<name …/>`.
    case start(StartTag)
    /// `</name>`.
    case end(name: String, range: Range<Int>)
}

/// A start tag with its attributes in source order.
struct StartTag: Equatable {
    var name: String
    var attributes: [(name: String, value: String)]
    /// The attribute values exactly as written (entities unresolved), parallel to `attributes`.
    var rawValues: [String]
    var selfClosing: Bool
    var range: Range<Int>

    static func == (lhs: StartTag, rhs: StartTag) -> Bool {
        lhs.name == rhs.name && lhs.range == rhs.range && lhs.selfClosing == rhs.selfClosing
            && lhs.attributes.map(\.name) == rhs.attributes.map(\.name) && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }

    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
}

/// Splits storage into tokens in one linear pass. Malformed markup never fails: an unparsable
/// `<` becomes part of an `.other` token, so rewriting leaves it exactly as it was.
enum StorageTokenizer {
    static func tokenize(_ bytes: [UInt8]) -> [StorageToken] {
        var tokens: [StorageToken] = []
        var index = 0
        var textStart = 0
        func flushText(_ end: Int) {
            if end > textStart { tokens.append(.other(textStart..<end)) }
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if let end = skipSpecial(bytes, index) {
                index = end // comments, CDATA, PIs stay inside the surrounding `.other` run
                continue
            }
            if let (token, end) = tag(bytes, index) {
                flushText(index)
                tokens.append(token)
                index = end
                textStart = end
            } else {
                index += 1
            }
        }
        flushText(bytes.count)
        return tokens
    }

    /// The end of a comment, CDATA section or processing instruction starting at `index`.
    private static func skipSpecial(_ bytes: [UInt8], _ index: Int) -> Int? {
        func starts(_ text: String) -> Bool {
            let p = Array(text.utf8)
            return index + p.count <= bytes.count && bytes[index..<(index + p.count)].elementsEqual(p)
        }
        func find(_ text: String, from: Int) -> Int {
            let p = Array(text.utf8)
            var i = from
            while i + p.count <= bytes.count {
                if bytes[i] == p[0], bytes[i..<(i + p.count)].elementsEqual(p) { return i + p.count }
                i += 1
            }
            return bytes.count
        }
        if starts("<!--") { return find("-->", from: index + 4) }
        if starts("<![CDATA[") { return find("]]>", from: index + 9) }
        if starts("<?") { return find("?>", from: index + 2) }
        if starts("<!") { return find(">", from: index + 2) }
        return nil
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 95 || b == 58 || b == 45 || b == 46 || b >= 0x80
    }

    private static func tag(_ bytes: [UInt8], _ start: Int) -> (StorageToken, Int)? {
        var at = start + 1
        let closing = at < bytes.count && bytes[at] == UInt8(ascii: "/")
        if closing { at += 1 }
        let nameStart = at
        while at < bytes.count, isNameByte(bytes[at]) { at += 1 }
        guard at > nameStart else { return nil }
        let name = String(decoding: bytes[nameStart..<at], as: UTF8.self)
        var attributes: [(String, String)] = []
        var rawValues: [String] = []
        for _ in 0..<10_000 {
            while at < bytes.count, [32, 9, 10, 13].contains(bytes[at]) { at += 1 }
            guard at < bytes.count else { return nil }
            if bytes[at] == UInt8(ascii: ">") {
                return closing ? (.end(name: name, range: start..<(at + 1)), at + 1)
                    : (.start(StartTag(name: name, attributes: attributes, rawValues: rawValues, selfClosing: false, range: start..<(at + 1))), at + 1)
            }
            if bytes[at] == UInt8(ascii: "/"), at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: ">"), !closing {
                return (.start(StartTag(name: name, attributes: attributes, rawValues: rawValues, selfClosing: true, range: start..<(at + 2))), at + 2)
            }
            let attributeStart = at
            while at < bytes.count, isNameByte(bytes[at]) { at += 1 }
            guard at > attributeStart, !closing else { return nil }
            let attributeName = String(decoding: bytes[attributeStart..<at], as: UTF8.self)
            while at < bytes.count, [32, 9, 10, 13].contains(bytes[at]) { at += 1 }
            guard at < bytes.count, bytes[at] == UInt8(ascii: "=") else { return nil }
            at += 1
            while at < bytes.count, [32, 9, 10, 13].contains(bytes[at]) { at += 1 }
            guard at < bytes.count, bytes[at] == 34 || bytes[at] == 39 else { return nil }
            let quote = bytes[at]
            at += 1
            let valueStart = at
            while at < bytes.count, bytes[at] != quote { at += 1 }
            guard at < bytes.count else { return nil }
            let raw = String(decoding: bytes[valueStart..<at], as: UTF8.self)
            attributes.append((attributeName, XMLText.unescape(raw)))
            rawValues.append(quote == 34 ? raw : raw.replacingOccurrences(of: "\"", with: "&quot;"))
            at += 1
        }
        return nil
    }
}

/// Escaping for text written into storage.
enum XMLText {
    /// Escapes `&`, `<`, `>` and `"` for an attribute value or text.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Resolves the five XML entities and numeric references; other named entities stay as written.
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            guard let semicolon = after.firstIndex(of: ";"), after.distance(from: amp, to: semicolon) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let name = after[after.index(after: amp)..<semicolon]
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                }
            }
            if let replacement {
                out += replacement
            } else {
                out += after[amp...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        out += rest
        return out
    }
}
