// A test-only `markdown` reader for what the publish tests write: front matter, `#` headings,
// paragraphs, `[text](url)` links and `![alt](url)` images.

import Foundation
import SpineCore

enum MiniMarkdownFormat {
    static let descriptor = FormatDescriptor(name: "markdown", aliases: ["md"], summary: "test subset of Markdown",
                                             extensions: [".md"], reader: Reader())

    /// The publish tests' registry: the mini storage format plus this reader.
    static var registry: FormatRegistry {
        var registry = MiniStorageFormat.registry
        registry.register(descriptor)
        return registry
    }

    struct Reader: FormatReader {
        func read(_ input: [UInt8], options: ConversionOptions) throws(SpineError) -> ReadResult {
            var lines = String(decoding: input, as: UTF8.self).components(separatedBy: "\n")
            var metadata = Metadata()
            if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") {
                for line in lines[1..<end] {
                    let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2 else { continue }
                    switch parts[0] {
                    case "title": metadata.title = parts[1]
                    case "space": metadata.spaceKey = parts[1]
                    case "labels":
                        metadata.labels = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",")
                            .map { $0.trimmingCharacters(in: .whitespaces) }
                    default: metadata.extra.append(Field(parts[0], .string(parts[1])))
                    }
                }
                lines.removeSubrange(0...end)
            }
            var blocks: [Block] = []
            var paragraph: [String] = []
            func flush() {
                if !paragraph.isEmpty { blocks.append(.paragraph(Self.inlines(paragraph.joined(separator: " ")))) }
                paragraph = []
            }
            for line in lines {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { flush(); continue }
                if line.hasPrefix("# ") {
                    flush()
                    blocks.append(.heading(Heading(level: 1, content: [.text(String(line.dropFirst(2)))])))
                    continue
                }
                paragraph.append(line)
            }
            flush()
            return ReadResult(document: Document(metadata: metadata, blocks: blocks))
        }

        static func inlines(_ text: String) -> [Inline] {
            var result: [Inline] = []
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "[") {
                let isImage = open > rest.startIndex && rest[rest.index(before: open)] == "!"
                guard let close = rest[open...].firstIndex(of: "]"), rest.index(after: close) < rest.endIndex,
                      rest[rest.index(after: close)] == "(", let end = rest[close...].firstIndex(of: ")") else { break }
                var before = rest[..<open]
                if isImage { before = before.dropLast() }
                if !before.isEmpty { result.append(.text(String(before))) }
                let label = String(rest[rest.index(after: open)..<close])
                let url = String(rest[rest.index(close, offsetBy: 2)..<end])
                result.append(isImage ? .image(Image(source: .url(url), alt: label)) : .link(Link(target: .url(url), content: [.text(label)])))
                rest = rest[rest.index(after: end)...]
            }
            if !rest.isEmpty { result.append(.text(String(rest))) }
            return result
        }
    }
}

/// A test-only `adf` writer: paragraphs and headings as ADF text nodes.
enum MiniADFFormat {
    static let descriptor = FormatDescriptor(name: "adf", summary: "test subset of ADF", extensions: [".adf.json"], writer: Writer())

    struct Writer: FormatWriter {
        func write(_ document: Document, options: ConversionOptions) throws(SpineError) -> WriteResult {
            var content: [JSONValue] = []
            for block in document.blocks {
                switch block {
                case .paragraph(let inlines): content.append(["type": "paragraph", "content": [["type": "text", "text": .string(inlines.plainText)]]])
                case .heading(let heading):
                    content.append(["type": "heading", "attrs": ["level": .int(heading.level)],
                                    "content": [["type": "text", "text": .string(heading.content.plainText)]]])
                default: break
                }
            }
            return WriteResult(bytes: JSONWriter.compact.write(["type": "doc", "version": 1, "content": .array(content)]))
        }
    }
}
