// A test-only `confluence` format for the subset the job tests generate: paragraphs, page and
// attachment links, images, mentions and the jira macro; everything else is kept as a raw block.

import SpineCore
@testable import SpineAtlassian

/// Registered as `confluence` in a local registry, so the job tests do not depend on the real converter.
enum MiniStorageFormat {
    static let descriptor = FormatDescriptor(name: "confluence", aliases: ["storage"], summary: "test subset of storage",
                                             extensions: [".xhtml"], reader: Reader(), writer: Writer())

    /// The registry the job tests use: Spine's formats with this `confluence` in place of the real one.
    static var registry: FormatRegistry {
        var registry = FormatRegistry([ASTFormat.descriptor])
        registry.register(descriptor)
        return registry
    }

    struct Reader: FormatReader {
        func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
            let tokens = StorageTokenizer.tokenize(input)
            var blocks: [Block] = []
            var index = 0
            while index < tokens.count {
                switch tokens[index] {
                case .other(let range):
                    let text = String(decoding: input[range], as: UTF8.self)
                    if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        blocks.append(.raw(Raw(format: "confluence", content: text)))
                    }
                    index += 1
                case .end(_, let range):
                    blocks.append(.raw(Raw(format: "confluence", content: String(decoding: input[range], as: UTF8.self))))
                    index += 1
                case .start(let tag):
                    let end = Self.matchingEnd(tokens, index)
                    if tag.name == "p" {
                        blocks.append(.paragraph(Self.inlines(tokens, index + 1, end, input)))
                    } else if tag.name == "ac:structured-macro", tag.attribute("ac:name") == "jira",
                              case .query(let query) = Self.jira(tokens, index, end, input) {
                        blocks.append(.issueQuery(query))
                    } else {
                        let stop = end < tokens.count ? Self.range(tokens[end]).upperBound : input.count
                        blocks.append(.raw(Raw(format: "confluence", content: String(decoding: input[tag.range.lowerBound..<stop], as: UTF8.self))))
                    }
                    index = end + 1
                }
            }
            return ReadResult(document: Document(blocks: blocks))
        }

        static func range(_ token: StorageToken) -> Range<Int> {
            switch token {
            case .other(let range): return range
            case .start(let tag): return tag.range
            case .end(_, let range): return range
            }
        }

        /// Index of the end token closing the start tag at `start` (or the start itself when self-closing).
        static func matchingEnd(_ tokens: [StorageToken], _ start: Int) -> Int {
            guard case .start(let tag) = tokens[start], !tag.selfClosing else { return start }
            var depth = 0
            for index in start..<tokens.count {
                switch tokens[index] {
                case .start(let inner) where !inner.selfClosing: depth += 1
                case .end: depth -= 1
                    if depth == 0 { return index }
                default: break
                }
            }
            return tokens.count - 1
        }

        static func inlines(_ tokens: [StorageToken], _ from: Int, _ to: Int, _ input: [UInt8]) -> [Inline] {
            var result: [Inline] = []
            var index = from
            while index < to {
                let end = matchingEnd(tokens, index)
                switch tokens[index] {
                case .other(let range):
                    result.append(.text(XMLText.unescape(String(decoding: input[range], as: UTF8.self))))
                case .start(let tag) where tag.name == "ac:link":
                    result.append(link(tokens, index, end, input))
                case .start(let tag) where tag.name == "ac:image":
                    let (attachment, _) = resource(tokens, index, end)
                    if let attachment { result.append(.image(Image(source: .attachment(attachment), alt: tag.attribute("ac:alt") ?? ""))) }
                case .start(let tag) where tag.name == "ac:structured-macro" && tag.attribute("ac:name") == "jira":
                    if case .issue(let issue) = jira(tokens, index, end, input) { result.append(.issue(issue)) }
                default: break
                }
                index = end + 1
            }
            return result
        }

        static func resource(_ tokens: [StorageToken], _ from: Int, _ to: Int) -> (AttachmentLink?, PageLink?) {
            var attachment: AttachmentLink?
            var page: PageLink?
            for token in tokens[from...to] {
                guard case .start(let tag) = token else { continue }
                if tag.name == "ri:page" {
                    page = PageLink(spaceKey: tag.attribute("ri:space-key"), title: tag.attribute("ri:content-title") ?? "")
                }
                if tag.name == "ri:attachment" { attachment = AttachmentLink(fileName: tag.attribute("ri:filename") ?? "") }
            }
            if attachment != nil { attachment?.page = page; return (attachment, nil) }
            return (nil, page)
        }

        static func link(_ tokens: [StorageToken], _ from: Int, _ to: Int, _ input: [UInt8]) -> Inline {
            var text = ""
            for token in tokens[from...to] {
                guard case .other(let range) = token else { continue }
                let raw = String(decoding: input[range], as: UTF8.self)
                if raw.hasPrefix("<![CDATA["), raw.hasSuffix("]]>") { text += raw.dropFirst(9).dropLast(3) }
            }
            for token in tokens[from...to] {
                if case .start(let tag) = token, tag.name == "ri:user" {
                    return .mention(Mention(accountID: tag.attribute("ri:account-id") ?? tag.attribute("ri:userkey") ?? tag.attribute("ri:username") ?? ""))
                }
            }
            let (attachment, page) = resource(tokens, from, to)
            let content: [Inline] = text.isEmpty ? [] : [.text(text)]
            if let attachment { return .link(Link(target: .attachment(attachment), content: content)) }
            return .link(Link(target: .page(page ?? PageLink(title: "")), content: content))
        }

        enum JiraMacro {
            case query(IssueQuery)
            case issue(IssueReference)
        }

        static func jira(_ tokens: [StorageToken], _ from: Int, _ to: Int, _ input: [UInt8]) -> JiraMacro {
            var parameters: [(String, String)] = []
            var current: String?
            for token in tokens[from...to] {
                switch token {
                case .start(let tag) where tag.name == "ac:parameter": current = tag.attribute("ac:name")
                case .other(let range): if let name = current { parameters.append((name, XMLText.unescape(String(decoding: input[range], as: UTF8.self)))) }
                case .end: current = nil
                default: break
                }
            }
            let attributes = parameters.filter { $0.0 != "key" && $0.0 != "jqlQuery" }.map { Attribute($0.0, $0.1) }
            if let key = parameters.first(where: { $0.0 == "key" })?.1 { return .issue(IssueReference(key: key, attributes: attributes)) }
            return .query(IssueQuery(jql: parameters.first { $0.0 == "jqlQuery" }?.1 ?? "", attributes: attributes))
        }
    }

    struct Writer: FormatWriter {
        func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
            var out = ""
            for block in document.blocks {
                switch block {
                case .paragraph(let inlines):
                    out += "<p>" + inlines.map(Self.inline).joined() + "</p>"
                case .raw(let raw): out += raw.content
                case .issueQuery(let query):
                    out += "<ac:structured-macro ac:name=\"jira\">" + query.attributes.map { "<ac:parameter ac:name=\"\($0.name)\">\(XMLText.escape($0.value))</ac:parameter>" }.joined()
                        + "<ac:parameter ac:name=\"jqlQuery\">\(XMLText.escape(query.jql))</ac:parameter></ac:structured-macro>"
                default: out += "<p>(unsupported in test format)</p>"
                }
            }
            return WriteResult(bytes: Array(out.utf8))
        }

        static func page(_ link: PageLink) -> String {
            "<ri:page" + (link.spaceKey.map { " ri:space-key=\"\(XMLText.escape($0))\"" } ?? "") + " ri:content-title=\"\(XMLText.escape(link.title))\" />"
        }

        static func inline(_ inline: Inline) -> String {
            switch inline {
            case .text(let text): return XMLText.escape(text)
            case .link(let link):
                let body = link.content.isEmpty ? "" : "<ac:plain-text-link-body><![CDATA[\(link.content.plainText)]]></ac:plain-text-link-body>"
                switch link.target {
                case .page(let page): return "<ac:link>" + self.page(page) + body + "</ac:link>"
                case .url(let url): return "<a href=\"\(XMLText.escape(url))\">\(XMLText.escape(link.content.plainText))</a>"
                default: return XMLText.escape(link.content.plainText)
                }
            case .image(let image):
                if case .attachment(let attachment) = image.source { return "<ac:image><ri:attachment ri:filename=\"\(XMLText.escape(attachment.fileName))\" /></ac:image>" }
                if case .url(let url) = image.source { return "<ac:image><ri:url ri:value=\"\(XMLText.escape(url))\" /></ac:image>" }
                return ""
            default: return XMLText.escape(inline.plainText)
            }
        }
    }
}
