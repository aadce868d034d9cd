// The server's check that a storage body is well-formed XHTML, with Confluence's error text.

/// Checks what Confluence checks before saving a storage body: tags nest and close,
/// attributes are quoted and unique, `&` starts a reference, CDATA and comments end.
/// Named entities are accepted (Confluence knows the XHTML set). No DTDs.
public enum StorageWellFormedness {
    /// Nil when well-formed, else Confluence's message: `Error parsing xhtml: … at [row,col]: [r,c]`.
    public static func check(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var stack: [ArraySlice<UInt8>] = []
        var index = 0
        func location(_ offset: Int) -> String {
            var row = 1, column = 1
            for byte in bytes[..<min(offset, bytes.count)] {
                if byte == 10 { row += 1; column = 1 } else { column += 1 }
            }
            return " at [row,col]: [\(row),\(column)]"
        }
        func fail(_ message: String, _ offset: Int) -> String { "Error parsing xhtml: " + message + location(offset) }
        func starts(_ prefix: String, _ at: Int) -> Bool {
            let p = Array(prefix.utf8)
            return at + p.count <= bytes.count && Array(bytes[at..<(at + p.count)]) == p
        }
        func find(_ needle: String, from: Int) -> Int? {
            let n = Array(needle.utf8)
            var i = from
            while i + n.count <= bytes.count {
                if bytes[i] == n[0] && Array(bytes[i..<(i + n.count)]) == n { return i }
                i += 1
            }
            return nil
        }
        func isNameByte(_ b: UInt8, first: Bool) -> Bool {
            (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 58 || b >= 0x80
                || (!first && ((b >= 48 && b <= 57) || b == 45 || b == 46))
        }
        func readName(_ at: inout Int) -> ArraySlice<UInt8>? {
            let start = at
            guard at < bytes.count, isNameByte(bytes[at], first: true) else { return nil }
            while at < bytes.count, isNameByte(bytes[at], first: false) { at += 1 }
            return bytes[start..<at]
        }
        func skipSpace(_ at: inout Int) {
            while at < bytes.count, [32, 9, 10, 13].contains(bytes[at]) { at += 1 }
        }
        func checkReference(_ at: Int) -> Bool {
            var i = at + 1
            if i < bytes.count, bytes[i] == 35 { i += 1 }
            let start = i
            while i < bytes.count, i - start < 32, (bytes[i] >= 48 && bytes[i] <= 57) || (bytes[i] | 0x20 >= 97 && bytes[i] | 0x20 <= 122) { i += 1 }
            return i > start && i < bytes.count && bytes[i] == 59
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 38 { // &
                guard checkReference(index) else { return fail("Unescaped '&' or bad entity reference", index) }
                index += 1
                continue
            }
            guard byte == 60 else { index += 1; continue } // <
            if starts("<!--", index) {
                guard let end = find("-->", from: index + 4) else { return fail("Unterminated comment", index) }
                index = end + 3
            } else if starts("<![CDATA[", index) {
                guard let end = find("]]>", from: index + 9) else { return fail("Unterminated CDATA section", index) }
                index = end + 3
            } else if starts("<!", index) {
                return fail("DOCTYPE and declarations are not allowed", index)
            } else if starts("<?", index) {
                guard let end = find("?>", from: index + 2) else { return fail("Unterminated processing instruction", index) }
                index = end + 2
            } else if starts("</", index) {
                var at = index + 2
                guard let name = readName(&at) else { return fail("Bad close tag", index) }
                skipSpace(&at)
                guard at < bytes.count, bytes[at] == 62 else { return fail("Bad close tag", index) }
                guard let open = stack.popLast() else {
                    return fail("Unexpected close tag </\(String(decoding: name, as: UTF8.self))>", index)
                }
                guard open == name else {
                    return fail("Unexpected close tag </\(String(decoding: name, as: UTF8.self))>; expected </\(String(decoding: open, as: UTF8.self))>.", index)
                }
                index = at + 1
            } else {
                var at = index + 1
                guard let name = readName(&at) else { return fail("Unescaped '<'", index) }
                var seen: Set<ArraySlice<UInt8>> = []
                var selfClosing = false
                for _ in 0..<10_000 {
                    skipSpace(&at)
                    guard at < bytes.count else { return fail("Unclosed start tag", index) }
                    if bytes[at] == 62 { at += 1; break }
                    if bytes[at] == 47 {
                        guard at + 1 < bytes.count, bytes[at + 1] == 62 else { return fail("Bad '/' in tag", at) }
                        selfClosing = true
                        at += 2
                        break
                    }
                    guard let attribute = readName(&at) else { return fail("Bad attribute", at) }
                    guard seen.insert(attribute).inserted else { return fail("Duplicate attribute", at) }
                    skipSpace(&at)
                    guard at < bytes.count, bytes[at] == 61 else { return fail("Attribute without value", at) }
                    at += 1
                    skipSpace(&at)
                    guard at < bytes.count, bytes[at] == 34 || bytes[at] == 39 else { return fail("Unquoted attribute value", at) }
                    let quote = bytes[at]
                    at += 1
                    while at < bytes.count, bytes[at] != quote {
                        if bytes[at] == 60 { return fail("'<' in attribute value", at) }
                        if bytes[at] == 38, !checkReference(at) { return fail("Unescaped '&' in attribute value", at) }
                        at += 1
                    }
                    guard at < bytes.count else { return fail("Unterminated attribute value", index) }
                    at += 1
                }
                if !selfClosing {
                    guard stack.count < 1_000 else { return fail("Nesting too deep", index) }
                    stack.append(name)
                }
                index = at
            }
        }
        if let open = stack.last {
            return fail("Unexpected end of input; expected </\(String(decoding: open, as: UTF8.self))>.", bytes.count)
        }
        return nil
    }
}
