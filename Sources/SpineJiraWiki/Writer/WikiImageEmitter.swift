// Images in the wiki writer: `!source|options!` with the source and option values reduced
// to what the reader gives back, and the rules `normalize` shares with the writer.

import SpineCore

extension WikiEmitter {
    // MARK: - Images

    mutating func writeImageInline(_ image: Image) {
        if case .attachment(let attachment) = image.source, attachment.page != nil {
            lossy("jira-wiki.attachment-page", "images from another page's attachments keep only the file name")
        }
        let source = Self.imageSource(image.source)
        if Self.imageSourceReadBack(source) != image.source.withoutPage {
            lossy("jira-wiki.image-text-changed",
                  "an image name or URL was changed to fit between ! (encoded ! | or line breaks, trimmed, or read as the other source kind)",
                  severity: .info)
        }
        var options: [String] = []
        if let width = image.width { options.append("width=" + imageText(width)) }
        if let height = image.height { options.append("height=" + imageText(height)) }
        if !image.alt.isEmpty { options.append("alt=" + imageText(image.alt)) }
        if let title = image.title { options.append("title=" + imageText(title)) }
        for attribute in image.attributes {
            guard Self.isWritableImageOption(attribute) else { dropAttribute(); continue }
            options.append(attribute.value.isEmpty ? attribute.name : attribute.name + "=" + Self.imageValue(attribute.value))
        }
        write("!" + source + (options.isEmpty ? "" : "|" + options.joined(separator: ",")) + "!")
    }

    /// An image's source as written between `!`: `! |` and line breaks percent-encoded (a URL
    /// also gets `linkSafe`), blanks at the ends dropped (the image would not be read), and
    /// `image` for an empty name.
    static func imageSource(_ source: Image.Source) -> String {
        var text: String
        switch source {
        case .url(let url): text = linkSafe(url)
        case .attachment(let attachment): text = attachment.fileName
        }
        var result = ""
        for character in text {
            switch character {
            case "!": result += "%21"
            case "|": result += "%7C"
            case "\n": result += "%0A"
            case "\r": result += "%0D"
            default: result.append(character)
            }
        }
        result = result.trimmingSpaces()
        return result.isEmpty ? "image" : result
    }

    /// The source the reader makes of a written image source: a URL when it has a scheme or
    /// starts with `/`, else an attachment of this page.
    static func imageSourceReadBack(_ written: String) -> Image.Source {
        WikiParser.hasScheme(written) || written.hasPrefix("/") ? .url(written) : .attachment(AttachmentLink(fileName: written))
    }

    /// An image option value, reporting when it reads back changed.
    private mutating func imageText(_ value: String) -> String {
        let written = Self.imageValue(value)
        if Self.imageValueReadBack(value) != value {
            lossy("jira-wiki.image-text-changed",
                  "\" ! | and line breaks in image sizes, alt texts and titles became '; blanks at the ends of unquoted values were dropped",
                  severity: .info)
        }
        return written
    }

    /// What the reader gives back for an image option value written by `imageValue`.
    static func imageValueReadBack(_ value: String) -> String {
        let written = imageValue(value)
        return written.hasPrefix("\"") ? String(written.dropFirst().dropLast()) : written.trimmingSpaces()
    }

    /// A link tooltip with `]` (which would end the link) replaced by `)`.
    static func linkTitle(_ title: String) -> String { String(title.map { $0 == "]" ? ")" : $0 }) }

    /// An image option value, quoted when it holds spaces or commas.
    static func imageValue(_ value: String) -> String {
        let clean = String(value.map { $0 == "\"" || $0 == "!" || $0 == "|" || $0 == "\n" || $0 == "\r" ? "'" : $0 })
        return clean.contains(where: { $0 == " " || $0 == "," || $0 == "=" }) ? "\"" + clean + "\"" : clean
    }

    /// Whether an image attribute reads back unchanged as a `key=value` option: no characters
    /// that end the option list or the image, and not a name the reader maps to a field.
    static func isWritableImageOption(_ attribute: Attribute) -> Bool {
        let name = attribute.name
        guard !name.isEmpty, name == name.trimmingSpaces(),
              !name.contains(where: { "=,|!\" \n\r{}".contains($0) }),
              !["width", "height", "alt", "title"].contains(name.lowercased()) else { return false }
        return !attribute.value.contains(where: { "\"!|\n\r\t".contains($0) })
    }
}

extension Image.Source {
    /// The source with an attachment's page left out (Jira attachments belong to the issue).
    var withoutPage: Image.Source {
        if case .attachment(let attachment) = self { return .attachment(AttachmentLink(fileName: attachment.fileName)) }
        return self
    }
}
