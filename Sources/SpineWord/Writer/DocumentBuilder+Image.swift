// AST → WordprocessingML: images embedded from local files as inline drawings.

import Foundation
import SpineCore

extension DocumentBuilder {
    static let emuPerPixel = 9525
    static let emuPerTwip = 635
    static let maxImageBytes = 64 << 20

    /// The media part of an image file, embedded once per path.
    typealias EmbeddedImage = (relationshipID: String, partName: String, width: Int, height: Int)

    /// Writes an image run, or its alt text with a warning when the file cannot be embedded.
    func writeImage(_ image: Image, format: RunFormat) {
        writeImage(image, embedded: embed(image), format: format)
    }

    /// Writes an image run for an already embedded file, or the italic alt-text placeholder.
    func writeImage(_ image: Image, embedded: EmbeddedImage?, format: RunFormat) {
        let reference: String
        switch image.source {
        case .url(let url): reference = url
        case .attachment(let attachment): reference = "attachment:" + attachment.fileName
        }
        guard let embedded else {
            var inner = format
            inner.italic = true
            run(image.alt.isEmpty ? "[image: \(Self.describe(image.source))]" : "[image: \(image.alt)]", format: inner)
            return
        }
        // Size: the AST's pixels (keeping the aspect ratio when only one is given), else intrinsic.
        let givenWidth = image.width.flatMap(Self.pixels)
        let givenHeight = image.height.flatMap(Self.pixels)
        var width = Double(givenWidth ?? embedded.width)
        var height = Double(givenHeight ?? embedded.height)
        if givenWidth != nil, givenHeight == nil { height = width * Double(embedded.height) / Double(embedded.width) }
        if givenHeight != nil, givenWidth == nil { width = height * Double(embedded.width) / Double(embedded.height) }
        var cx = Int(width * Double(Self.emuPerPixel))
        var cy = Int(height * Double(Self.emuPerPixel))
        let maxWidth = DocumentPart.textWidth(options) * Self.emuPerTwip
        if cx > maxWidth {
            cy = Int(Double(cy) * Double(maxWidth) / Double(cx))
            cx = maxWidth
        }
        let id = nextDrawingID
        nextDrawingID += 1
        body.raw("<w:r>")
        format.write(into: &body)
        body.raw("<w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(cx)\" cy=\"\(cy)\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"\(id)\" name=\"")
        body.attribute(reference)
        body.raw("\" descr=\"")
        body.attribute(image.alt)
        body.raw("\"")
        if let title = image.title {
            body.raw(" title=\"")
            body.attribute(title)
            body.raw("\"")
        }
        body.raw("/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"\(id)\" name=\"\(embedded.partName.split(separator: "/").last ?? "")\"/><pic:cNvPicPr/></pic:nvPicPr>")
        body.raw("<pic:blipFill><a:blip r:embed=\"\(embedded.relationshipID)\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(cx)\" cy=\"\(cy)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")
        if !image.attributes.isEmpty { note("docx.attributes-dropped", "Image attributes (\(image.attributes.map(\.name).joined(separator: ", "))) are not kept in Word") }
    }

    /// `120`, `120px` → 120; nil for other units.
    static func pixels(_ text: String) -> Int? {
        let trimmed = text.hasSuffix("px") ? String(text.dropLast(2)) : text
        guard let value = Double(trimmed), value > 0, value < 100_000 else { return nil }
        return Int(value)
    }

    /// Adds the image file as a media part (once per file) and returns its relationship and size.
    func embed(_ image: Image) -> EmbeddedImage? {
        let candidates = candidatePaths(image.source)
        guard !candidates.isEmpty else {
            warn("docx.image-remote", "Image \(Self.describe(image.source)) is not a local file; written as its alt text")
            return nil
        }
        for path in candidates {
            if let known = mediaByPath[path] {
                let partName = relationships.first { $0.id == known.relationshipID }.map { "word/" + $0.target } ?? ""
                return (known.relationshipID, partName, known.width, known.height)
            }
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  (attributes[.type] as? FileAttributeType) == .typeRegular else { continue }
            if let size = attributes[.size] as? Int, size > Self.maxImageBytes {
                warn("docx.image-too-large", "Image \(path) is larger than \(Self.maxImageBytes >> 20) MiB; written as its alt text")
                return nil
            }
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](data)
            guard let info = ImageInfo.detect(bytes) else {
                warn("docx.image-format", "Image \(path) is not PNG, JPEG, GIF or BMP; written as its alt text")
                return nil
            }
            let partName = "word/media/image\(media.count + 1).\(info.ext)"
            media.append(PackagePart(name: partName, contentType: info.contentType, bytes: bytes, isXML: false))
            let id = "rId\(relationships.count + DocumentPart.firstFreeRelationship)"
            relationships.append(Relationship(id: id, type: "image", target: String(partName.dropFirst("word/".count)), external: false))
            mediaByPath[path] = (id, info.width, info.height)
            return (id, partName, info.width, info.height)
        }
        warn("docx.image-missing", "Image \(Self.describe(image.source)) was not found (looked in \(candidates.joined(separator: ", "))); written as its alt text")
        return nil
    }

    static func describe(_ source: Image.Source) -> String {
        switch source {
        case .url(let url): return url
        case .attachment(let attachment): return "attachment " + attachment.fileName
        }
    }

    /// Local files an image may be: relative paths resolve against `options.baseDirectory`;
    /// attachments are looked for beside the input and in `attachments/` (optionally per page).
    private func candidatePaths(_ source: Image.Source) -> [String] {
        let base = options.baseDirectory ?? "."
        func join(_ parts: String...) -> String {
            parts.reduce("") { path, part in path.isEmpty ? part : (path.hasSuffix("/") ? path + part : path + "/" + part) }
        }
        switch source {
        case .url(let url):
            var path = url
            if path.hasPrefix("file://") { path = String(path.dropFirst(7)) }
            if path.contains("://") || path.hasPrefix("data:") || path.hasPrefix("//") { return [] }
            if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<query]) }
            let decoded = URLText.unescaped(Substring(path), plusIsSpace: false)
            let paths = decoded == path ? [path] : [path, decoded]
            return paths.map { $0.hasPrefix("/") ? $0 : join(base, $0) }
        case .attachment(let attachment):
            var paths = [join(base, attachment.fileName), join(base, "attachments", attachment.fileName)]
            if let page = attachment.page {
                paths.append(join(base, "attachments", page.title, attachment.fileName))
                if let id = page.contentID { paths.append(join(base, "attachments", id, attachment.fileName)) }
            }
            return paths
        }
    }
}
