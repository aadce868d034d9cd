// WordprocessingML → AST: DrawingML and VML pictures as images.

import SpineCore

extension DocumentMapper {
    /// The image of a `w:drawing` (inline or anchored picture), or nil for shapes and charts.
    func drawingImage(_ drawing: XElement) -> Image? {
        guard let frame = drawing.elements.first(where: { $0.namespace == XNS.wp }),
              let blip = frame.descendant("blip", XNS.a) else { return nil }
        let docPr = frame.child("docPr", XNS.wp)
        let relationshipID = blip.attribute("embed", XNS.r) ?? blip.attribute("link", XNS.r)
        var pixels: (Int, Int)?
        if let extent = frame.child("extent", XNS.wp), let cx = extent.attribute("cx").flatMap(Int.init), let cy = extent.attribute("cy").flatMap(Int.init) {
            pixels = (Int((Double(cx) / 9525).rounded()), Int((Double(cy) / 9525).rounded()))
        }
        return image(relationshipID: relationshipID, name: docPr?.attribute("name"), alt: docPr?.attribute("descr"),
                     title: docPr?.attribute("title"), pixels: pixels, at: drawing)
    }

    /// The image of a VML `w:pict` (`v:imagedata`), as older documents and LibreOffice fallbacks write it.
    func vmlImage(_ pict: XElement) -> Image? {
        guard let data = pict.descendant("imagedata", XNS.v) else { return nil }
        let relationshipID = data.attribute("id", XNS.r)
        return image(relationshipID: relationshipID, name: nil, alt: data.attribute("title", "urn:schemas-microsoft-com:office:office"),
                     title: nil, pixels: nil, at: pict)
    }

    /// Builds the AST image. Spine's own packages name the original reference in `docPr/@name`;
    /// other packages' pictures become attachments named after their media part.
    private func image(relationshipID: String?, name: String?, alt: String?, title: String?, pixels: (Int, Int)?, at element: XElement) -> Image? {
        guard let relationship = target(relationshipID) else {
            report("docx.image-unlinked", "A picture without an image relationship was dropped", at: element)
            return nil
        }
        let source: Image.Source
        if relationship.external {
            source = .url(relationship.target)
        } else if isSpine, let name, !name.isEmpty {
            source = name.hasPrefix("attachment:") ? .attachment(AttachmentLink(fileName: String(name.dropFirst(11)))) : .url(name)
        } else {
            let file = relationship.target.split(separator: "/").last.map(String.init) ?? relationship.target
            source = .attachment(AttachmentLink(fileName: file))
            report("docx.image-embedded", "Embedded pictures become attachments named after their media part (\(relationship.target))", at: element, severity: .info)
        }
        var image = Image(source: source, alt: alt ?? "", title: title)
        // Keep a size only where it differs from the picture's own: width, and height only when the aspect changed.
        if let (width, height) = pixels {
            if let intrinsic = relationship.external ? nil : intrinsicSize(relationship.target) {
                if abs(intrinsic.width - width) > 1 || abs(intrinsic.height - height) > 1 {
                    image.width = String(width)
                    let expected = Double(width) * Double(intrinsic.height) / Double(intrinsic.width)
                    if abs(expected - Double(height)) > 1.5 { image.height = String(height) }
                }
            } else {
                image.width = String(width)
                image.height = String(height)
            }
        }
        return image
    }

    /// The pixel size of a media part (read once per part).
    private func intrinsicSize(_ name: String) -> ImageInfo? {
        if let cached = imageInfoCache[name] { return cached }
        let info = (try? source.binary(name)).flatMap { $0 }.flatMap(ImageInfo.detect)
        imageInfoCache[name] = info
        return info
    }
}
