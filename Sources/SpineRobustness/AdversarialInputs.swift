// Worst-case input shapes for every reader, generated at any size, for the linear-time checks.

/// Generators of hostile inputs: deep nesting, long delimiter runs, unclosed constructs,
/// huge tables and lists, one enormous line.
public enum AdversarialInputs {
    /// One input shape for one reader.
    public struct Shape: Sendable {
        /// The reader's format name.
        public var format: String
        /// What the shape stresses.
        public var name: String
        /// Builds an input of about `size` bytes.
        public var make: @Sendable (_ size: Int) -> [UInt8]
    }

    /// Repeats `unit` until the result is at least `size` bytes, between `prefix` and `suffix`.
    static func repeated(_ unit: String, size: Int, prefix: String = "", suffix: String = "") -> [UInt8] {
        let unitBytes = Array(unit.utf8)
        var out = Array(prefix.utf8)
        out.reserveCapacity(size + suffix.utf8.count + unitBytes.count)
        while out.count < size { out += unitBytes }
        out += Array(suffix.utf8)
        return out
    }

    /// Nests `open` n times around `core`, then closes, sized to about `size` bytes.
    static func nested(open: String, close: String, core: String = "x", size: Int) -> [UInt8] {
        let depth = max(1, size / max(1, open.utf8.count + close.utf8.count))
        var out: [UInt8] = []
        out.reserveCapacity(size + core.utf8.count)
        for _ in 0..<depth { out += Array(open.utf8) }
        out += Array(core.utf8)
        for _ in 0..<depth { out += Array(close.utf8) }
        return out
    }

    /// Every shape, for every format (the caller skips formats not registered).
    public static let shapes: [Shape] = textShapes + wordShapes

    static let textShapes: [Shape] = [
        Shape(format: "markdown", name: "nested brackets") { repeated("[", size: $0) },
        Shape(format: "markdown", name: "emphasis runs") { repeated("*a ", size: $0) },
        Shape(format: "markdown", name: "unclosed links") { repeated("[a](b ", size: $0) },
        Shape(format: "markdown", name: "backtick runs") { repeated("`a``", size: $0) },
        Shape(format: "markdown", name: "deep quotes") { repeated(">", size: $0, suffix: " x\n") },
        Shape(format: "markdown", name: "deep lists") { size in
            var out: [UInt8] = []
            var indent = 0
            while out.count < size {
                out += Array(String(repeating: " ", count: indent % 2000).utf8) + Array("- x\n".utf8)
                indent += 2
            }
            return out
        },
        Shape(format: "markdown", name: "100k-item list") { repeated("- item\n", size: $0) },
        Shape(format: "markdown", name: "huge table") { repeated("| a | b | c |\n", size: $0, prefix: "| h | i | j |\n|---|---|---|\n") },
        Shape(format: "markdown", name: "one long line") { repeated("word *x* _y_ `z` ", size: $0) },
        Shape(format: "confluence", name: "deep nesting") { nested(open: "<div>", close: "</div>", size: $0) },
        Shape(format: "confluence", name: "deep lists") { nested(open: "<ul><li>", close: "</li></ul>", size: $0) },
        Shape(format: "confluence", name: "many macros") {
            repeated("<ac:structured-macro ac:name=\"info\"><ac:rich-text-body><p>x&nbsp;y</p></ac:rich-text-body></ac:structured-macro>", size: $0)
        },
        Shape(format: "confluence", name: "huge table") { repeated("<tr><td>a</td><td>b</td></tr>", size: $0, prefix: "<table><tbody>", suffix: "</tbody></table>") },
        Shape(format: "confluence", name: "one long text") { repeated("text &amp; more ", size: $0, prefix: "<p>", suffix: "</p>") },
        Shape(format: "adf", name: "deep nesting") {
            nested(open: "{\"type\":\"blockquote\",\"content\":[", close: "]}", core: "{\"type\":\"paragraph\"}", size: $0)
        },
        Shape(format: "adf", name: "long paragraph") {
            repeated("{\"type\":\"text\",\"text\":\"a\",\"marks\":[{\"type\":\"strong\"}]},", size: $0,
                     prefix: "{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[",
                     suffix: "{\"type\":\"text\",\"text\":\"end\"}]}]}")
        },
        Shape(format: "jira", name: "many issues") {
            repeated("{\"key\":\"A-1\",\"fields\":{\"summary\":\"s\",\"labels\":[\"x\"]}},", size: $0,
                     prefix: "{\"issues\":[", suffix: "{\"key\":\"A-2\",\"fields\":{\"summary\":\"t\"}}]}")
        },
        Shape(format: "jira-wiki", name: "nested quotes") { repeated("{quote}", size: $0) },
        Shape(format: "jira-wiki", name: "emphasis runs") { repeated("*a ", size: $0) },
        Shape(format: "jira-wiki", name: "deep lists") { repeated("*", size: $0, suffix: " x\n") },
        Shape(format: "jira-wiki", name: "huge table") { repeated("|a|b|c|\n", size: $0, prefix: "||h||i||j||\n") },
        Shape(format: "jira-wiki", name: "one long line") { repeated("word *b* _e_ -s- {{m}} [l|http://x] ", size: $0) },
        Shape(format: "jira-csv", name: "many rows") { repeated("Story,A-1,\"multi\nline, \"\"quoted\"\"\",x\n", size: $0, prefix: "Issue Type,Issue key,Description,Labels\n") },
        Shape(format: "jira-csv", name: "one huge field") { repeated("ab\"\"c,\n", size: $0, prefix: "Summary,Description\ns,\"", suffix: "\"\n") },
        Shape(format: "ast", name: "deep nesting") {
            nested(open: "{\"type\":\"quote\",\"blocks\":[", close: "]}", core: "{\"type\":\"rule\"}", size: $0)
        },
        Shape(format: "ast", name: "long paragraph") {
            repeated("{\"type\":\"text\",\"text\":\"ab\"},", size: $0, prefix: "{\"blocks\":[{\"type\":\"paragraph\",\"content\":[",
                     suffix: "{\"type\":\"softBreak\"}]}]}")
        },
    ]
}
