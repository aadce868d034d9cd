// The export's file layout: one file per page, children in a folder named after the page.

import SpineCore

/// One page of the exported tree and where it goes.
struct PlannedPage: Sendable {
    var id: String
    var title: String
    var version: Int
    /// Parent id inside the exported tree.
    var parentID: String?
    /// File path relative to the output directory (`parent/child.md`).
    var path: String
    /// Attachments listed with the page (first page of them).
    var attachments: [ConfluenceAttachment]
    var moreAttachments: Bool

    /// The path without the file extension: the children's folder, and `stem.attachments/` for files.
    var stem: String
    /// Where attachment `name` of this page is stored.
    func attachmentPath(_ name: String) -> String { stem + ".attachments/" + FileNames.safeFileName(name) }
}

/// The tree of pages to export with stable, collision-free paths.
struct ExportPlan: Sendable {
    var pages: [PlannedPage]
    var byID: [String: PlannedPage]
    /// Titles are unique within a space.
    var idByTitle: [String: String]

    init(pages listed: [ConfluencePage], space: String, root: String?, fileExtension: String) throws(SpineError) {
        var included = listed
        if let root {
            guard listed.contains(where: { $0.id == root }) else {
                throw SpineError(.io, code: "export.no-root", "page \(root) is not a current page of space \(space)")
            }
            included = listed.filter { $0.id == root || $0.ancestorIDs.contains(root) }
        }
        let ids = Set(included.map(\.id))
        var children: [String: [ConfluencePage]] = [:]
        var tops: [ConfluencePage] = []
        for page in included {
            // The nearest ancestor inside the export is the parent (a root's own ancestors are outside).
            if page.id != root, let parent = page.ancestorIDs.last(where: { ids.contains($0) }) {
                children[parent, default: []].append(page)
            } else {
                tops.append(page)
            }
        }
        var planned: [PlannedPage] = []
        var queue: [(ConfluencePage, String?, String)] = ExportPlan.named(tops).map { ($0.0, nil, $0.1) }
        var index = 0
        while index < queue.count {
            let (page, parent, stem) = queue[index]
            index += 1
            planned.append(PlannedPage(id: page.id, title: page.title, version: page.version, parentID: parent,
                                       path: stem + fileExtension, attachments: page.attachments ?? [],
                                       moreAttachments: page.moreAttachments, stem: stem))
            for (child, name) in ExportPlan.named(children[page.id] ?? []) {
                queue.append((child, page.id, stem + "/" + name))
            }
        }
        self.pages = planned
        self.byID = Dictionary(planned.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.idByTitle = Dictionary(planned.map { ($0.title, $0.id) }, uniquingKeysWith: { first, _ in first })
    }

    /// Siblings with their file stems: the title's slug, or `slug-ID` for all but the lowest id sharing a slug.
    static func named(_ siblings: [ConfluencePage]) -> [(ConfluencePage, String)] {
        let sorted = siblings.sorted { ExportManifest.idOrder($0.id, $1.id) }
        var taken: Set<String> = []
        var result: [(ConfluencePage, String)] = []
        for page in sorted {
            let slug = FileNames.slug(page.title)
            let name = taken.insert(slug).inserted ? slug : slug + "-" + page.id
            taken.insert(name)
            result.append((page, name))
        }
        return result
    }
}
