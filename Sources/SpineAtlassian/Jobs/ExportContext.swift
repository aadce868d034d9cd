// Exporting one page: fetch, download attachments, convert with rewritten links, write.

import Foundation
import SpineCore

/// The result of exporting one page.
struct ExportedPage: Sendable {
    var id: String
    var entry: ExportManifest.Entry
    var rendered: Bool
    var downloaded: Int
    var diagnostics: [FileDiagnostic]
}

/// Everything a worker needs; immutable and shared by all workers.
struct ExportContext: Sendable {
    let client: AtlassianClient
    let registry: FormatRegistry
    let options: ExportOptions
    let plan: ExportPlan
    let verbatim: Bool
    let format: String
    let previous: ExportManifest

    func export(_ planned: PlannedPage, _ work: ExportWork) async throws -> ExportedPage {
        let root = options.outputDirectory
        var entry = previous.pages[planned.id] ?? ExportManifest.Entry(
            path: planned.path, title: planned.title, version: planned.version, hash: "", attachments: [:], linksTo: [], unresolved: [])
        var diagnostics: [FileDiagnostic] = []
        var attachmentList = planned.attachments
        var page: ConfluencePage?
        if case .everything = work {
            let fetched = try await client.confluence.page(id: planned.id)
            page = fetched
            attachmentList = fetched.attachments ?? []
            if fetched.moreAttachments { attachmentList = try await client.confluence.attachments(of: planned.id) }
        } else if planned.moreAttachments {
            attachmentList = try await client.confluence.attachments(of: planned.id)
        }
        var downloaded = 0
        if options.attachments {
            var kept: [String: (version: Int, path: String)] = [:]
            for attachment in attachmentList {
                let path = planned.attachmentPath(attachment.fileName)
                if let known = entry.attachments[attachment.fileName], known.version == attachment.version, known.path == path,
                   Files.exists(root + "/" + path) {
                    kept[attachment.fileName] = known
                    continue
                }
                let bytes = try await client.confluence.download(attachment)
                try Files.writeAtomically(bytes, to: root + "/" + path)
                kept[attachment.fileName] = (attachment.version, path)
                downloaded += 1
            }
            for (name, old) in entry.attachments where kept[name] == nil {
                try? FileManager.default.removeItem(atPath: root + "/" + old.path)
            }
            entry.attachments = kept
        }
        guard let page else {
            return ExportedPage(id: planned.id, entry: entry, rendered: false, downloaded: downloaded, diagnostics: [])
        }
        let rendered = try render(page, planned, &diagnostics)
        try Files.writeAtomically(rendered.bytes, to: root + "/" + planned.path)
        entry.path = planned.path
        entry.title = page.title
        entry.version = page.version
        entry.hash = SHA256.hex(rendered.bytes)
        entry.linksTo = rendered.linksTo
        entry.unresolved = rendered.unresolved
        return ExportedPage(id: planned.id, entry: entry, rendered: true, downloaded: downloaded, diagnostics: diagnostics)
    }

    // MARK: - Converting

    private struct Rendered {
        var bytes: [UInt8]
        var linksTo: [String]
        var unresolved: [String]
    }

    private func render(_ page: ConfluencePage, _ planned: PlannedPage, _ diagnostics: inout [FileDiagnostic]) throws -> Rendered {
        let storage = page.storage ?? ""
        if verbatim { return Rendered(bytes: Array(storage.utf8), linksTo: [], unresolved: []) }
        var conversion = options.conversion
        conversion.sourceName = planned.path
        conversion.siteURL = conversion.siteURL ?? client.site.baseURL
        conversion.baseDirectory = options.outputDirectory + "/" + Files.directory(of: planned.path)
        let read = try formatReader(registry, "confluence").read(Array(storage.utf8), options: conversion)
        var document = read.document
        document.metadata = metadata(page, planned, keeping: document.metadata)
        let links = LinkCollector()
        document = rewriteLinks(document, from: planned, collector: links)
        let written = try formatWriter(registry, format).write(document, options: conversion)
        diagnostics += (read.diagnostics + written.diagnostics).map { FileDiagnostic(file: planned.path, diagnostic: $0) }
        return Rendered(bytes: written.bytes, linksTo: links.ids.sorted(by: ExportManifest.idOrder), unresolved: links.unresolved.sorted())
    }

    /// Front matter: id, title, space, version, labels, parent, source URL.
    private func metadata(_ page: ConfluencePage, _ planned: PlannedPage, keeping read: Metadata) -> Metadata {
        var metadata = read
        metadata.title = page.title
        metadata.spaceKey = page.spaceKey ?? options.space
        metadata.labels = page.labels
        if let parent = page.parentID {
            metadata.parent = PageReference(id: parent, title: plan.byID[parent]?.title)
        }
        metadata.source = SourceInfo(format: "confluence", id: page.id, url: client.site.pageURL(id: page.id), version: page.version)
        return metadata
    }

    /// Page links and attachment links to exported pages become relative file links; other
    /// page links become absolute site URLs; images of attachments point at the downloaded files.
    private func rewriteLinks(_ document: Document, from planned: PlannedPage, collector: LinkCollector) -> Document {
        let directory = Files.directory(of: planned.path)
        let space = options.space
        let site = client.site
        let plan = self.plan
        let downloads = options.attachments
        func resolve(_ link: PageLink) -> PlannedPage? {
            if let id = link.contentID, let page = plan.byID[id] { return page }
            guard link.spaceKey == nil || link.spaceKey == space else { return nil }
            return plan.idByTitle[link.title].flatMap { plan.byID[$0] }
        }
        func attachmentURL(_ attachment: AttachmentLink) -> String? {
            guard downloads else { return nil }
            let owner = attachment.page.map(resolve) ?? planned
            return owner.map { Files.relativePath($0.attachmentPath(attachment.fileName), fromDirectory: directory) }
        }
        func rewrite(_ target: LinkTarget) -> LinkTarget {
            switch target {
            case .page(let link):
                if let page = resolve(link) {
                    collector.ids.insert(page.id)
                    return .url(Files.relativePath(page.path, fromDirectory: directory) + (link.anchor.map { "#" + $0 } ?? ""))
                }
                if link.spaceKey == nil || link.spaceKey == space { collector.unresolved.insert(link.title) }
                let key = link.spaceKey ?? space
                return .url(site.baseURL + site.wikiPath + "/display/" + percentEncode(key) + "/"
                            + percentEncode(link.title) + (link.anchor.map { "#" + $0 } ?? ""))
            case .attachment(let attachment):
                if let page = attachment.page.flatMap(resolve) { collector.ids.insert(page.id) }
                return attachmentURL(attachment).map(LinkTarget.url) ?? target
            case .url, .anchor, .issue, .user, .space:
                return target
            }
        }
        func rewrite(_ image: Image) -> Image {
            guard case .attachment(let attachment) = image.source, let url = attachmentURL(attachment) else { return image }
            var result = image
            result.source = .url(url)
            return result
        }
        let transform = ASTTransform(
            block: { block in
                if case .image(let image) = block { return [.image(rewrite(image))] }
                return [block]
            },
            inline: { inline in
                switch inline {
                case .link(var link):
                    link.target = rewrite(link.target)
                    return [.link(link)]
                case .image(let image): return [.image(rewrite(image))]
                default: return [inline]
                }
            })
        return transform.apply(document)
    }
}

/// Collects link targets while a transform runs (the transform's closures are synchronous and local).
final class LinkCollector {
    var ids: Set<String> = []
    var unresolved: Set<String> = []
}
