// Reading the files to publish: folders to parent pages, titles, relative links and local images.

import Foundation
import SpineCore

/// One page to publish.
struct PublishSource {
    /// `guide/install.md`, or `guide/` for a folder page.
    var key: String
    /// The directory relative links and images are resolved against (absolute).
    var directory: String
    /// The Markdown file (absolute, standardised), nil for a folder page without index.
    var file: String?
    var title: String
    var document: Document
    /// The folder page this page goes under (nil: under `--parent`).
    var parentKey: String?
}

struct PublishSources {
    var documents: [PublishSource] = []
    var diagnostics: [FileDiagnostic] = []

    static let markdownSuffixes = [".md", ".markdown"]
    static let indexNames = ["index.md", "README.md", "readme.md"]

    static func collect(_ inputs: [String], reader: any FormatReader, conversion: ConversionOptions) throws(SpineError) -> PublishSources {
        var sources = PublishSources()
        for input in inputs {
            let path = URL(fileURLWithPath: input).standardizedFileURL.path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw SpineError(.usage, code: "publish.no-file", "no such file or directory: \(input)")
            }
            if isDirectory.boolValue {
                try sources.addDirectory(path, key: "", parentKey: nil, reader: reader, conversion: conversion, depth: 0)
            } else {
                let name = (path as NSString).lastPathComponent
                try sources.addFile(path, key: name, parentKey: nil, reader: reader, conversion: conversion)
            }
        }
        return sources
    }

    /// Files of `directory` in name order, then each subfolder as a folder page followed by its contents.
    private mutating func addDirectory(_ directory: String, key: String, parentKey: String?, reader: any FormatReader,
                                       conversion: ConversionOptions, depth: Int) throws(SpineError) {
        guard depth < 64 else { throw SpineError(.usage, code: "publish.too-deep", "folders nest deeper than 64 levels at \(directory)") }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        var folders: [String] = []
        var files: [String] = []
        for entry in entries {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + "/" + entry, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                folders.append(entry)
            } else if PublishSources.markdownSuffixes.contains(where: { entry.lowercased().hasSuffix($0) }),
                      !(depth > 0 && PublishSources.indexNames.contains(entry)) {
                files.append(entry)
            }
        }
        // `X.md` next to a folder `X/` is that folder's page (the layout `spine export` writes).
        let folderPages = Dictionary(folders.compactMap { folder in
            PublishSources.markdownSuffixes.map { folder + $0 }.first(where: files.contains).map { (folder, $0) }
        }, uniquingKeysWith: { first, _ in first })
        for entry in files where !folderPages.values.contains(entry) {
            try addFile(directory + "/" + entry, key: key + entry, parentKey: parentKey, reader: reader, conversion: conversion)
        }
        for folder in folders {
            let path = directory + "/" + folder
            let folderKey = key + folder + "/"
            guard containsMarkdown(path, depth: 0) else { continue }
            if let sibling = folderPages[folder] {
                try addFile(directory + "/" + sibling, key: folderKey, parentKey: parentKey, reader: reader, conversion: conversion, fallbackTitle: folder)
            } else if let index = PublishSources.indexNames.first(where: { FileManager.default.fileExists(atPath: path + "/" + $0) }) {
                try addFile(path + "/" + index, key: folderKey, parentKey: parentKey, reader: reader, conversion: conversion, fallbackTitle: folder)
            } else {
                // A folder without an index becomes a page listing its children.
                let children = Block.raw(Raw(format: "confluence", content: "<ac:structured-macro ac:name=\"children\" ac:schema-version=\"2\" />"))
                documents.append(PublishSource(key: folderKey, directory: path, file: nil, title: folder,
                                               document: Document(metadata: Metadata(title: folder), blocks: [children]), parentKey: parentKey))
            }
            try addDirectory(path, key: folderKey, parentKey: folderKey, reader: reader, conversion: conversion, depth: depth + 1)
        }
    }

    private func containsMarkdown(_ directory: String, depth: Int) -> Bool {
        guard depth < 64, let enumerator = FileManager.default.enumerator(atPath: directory) else { return false }
        while let item = enumerator.nextObject() as? String {
            if PublishSources.markdownSuffixes.contains(where: { item.lowercased().hasSuffix($0) }) { return true }
        }
        return false
    }

    private mutating func addFile(_ path: String, key: String, parentKey: String?, reader: any FormatReader,
                                  conversion: ConversionOptions, fallbackTitle: String? = nil) throws(SpineError) {
        guard let bytes = Files.read(path) else { throw SpineError(.io, code: "publish.read", "cannot read \(path)") }
        var options = conversion
        options.sourceName = key
        options.baseDirectory = (path as NSString).deletingLastPathComponent
        let result = try reader.read(bytes, options: options)
        diagnostics += result.diagnostics.map { FileDiagnostic(file: key, diagnostic: $0) }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let title = result.document.metadata.title ?? firstHeading(result.document) ?? fallbackTitle ?? stem
        documents.append(PublishSource(key: key, directory: options.baseDirectory ?? "", file: path, title: title,
                                       document: result.document, parentKey: parentKey))
    }

    private func firstHeading(_ document: Document) -> String? {
        for block in document.blocks {
            if case .heading(let heading) = block, heading.level == 1 { return heading.content.plainText }
        }
        return nil
    }

    /// Absolute Markdown path → page title, for rewriting links between published files.
    func titlesByPath() -> [String: String] {
        Dictionary(documents.compactMap { source in source.file.map { ($0, source.title) } }, uniquingKeysWith: { first, _ in first })
    }
}

/// Link and image rewriting for publishing.
enum PublishLinks {
    struct Result {
        var document: Document
        var attachments: [(name: String, mediaType: String, data: [UInt8])]
    }

    /// Relative links to published `.md` files become page links; local images become attachments.
    static func rewrite(_ source: PublishSource, titles: [String: String]) -> Result {
        var attachments: [(name: String, mediaType: String, data: [UInt8])] = []
        let box = AttachmentBox()
        func local(_ url: String) -> String? {
            guard !url.isEmpty, !url.hasPrefix("#"), !url.hasPrefix("/"), !url.contains("://"), !url.hasPrefix("mailto:") else { return nil }
            let path = url.removingPercentEncoding ?? url
            return URL(fileURLWithPath: source.directory + "/" + path).standardizedFileURL.path
        }
        func image(_ value: Image) -> Image {
            guard case .url(let url) = value.source, let path = local(url), let data = Files.read(path) else { return value }
            let name = FileNames.safeFileName((path as NSString).lastPathComponent)
            if !box.names.contains(name) {
                box.names.insert(name)
                box.files.append((name, mediaType(name), data))
            }
            var result = value
            result.source = .attachment(AttachmentLink(fileName: name))
            return result
        }
        let transform = ASTTransform(
            block: { block in
                if case .image(let value) = block { return [.image(image(value))] }
                return [block]
            },
            inline: { inline in
                switch inline {
                case .image(let value): return [.image(image(value))]
                case .link(var link):
                    guard case .url(let url) = link.target else { return [inline] }
                    let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                    guard let path = local(String(parts[0])), let title = titles[path] else { return [inline] }
                    link.target = .page(PageLink(spaceKey: nil, title: title, anchor: parts.count > 1 ? String(parts[1]) : nil))
                    return [.link(link)]
                default: return [inline]
                }
            })
        let document = transform.apply(source.document)
        attachments = box.files
        return Result(document: document, attachments: attachments)
    }

    static func mediaType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "svg": return "image/svg+xml"
        case "webp": return "image/webp"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }

    private final class AttachmentBox {
        var names: Set<String> = []
        var files: [(name: String, mediaType: String, data: [UInt8])] = []
    }
}
