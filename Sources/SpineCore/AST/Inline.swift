// Inline nodes of the AST and link targets.

/// An inline node.
public indirect enum Inline: Hashable, Sendable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case underline([Inline])
    case superscript([Inline])
    case `subscript`([Inline])
    /// Inline code; the exact text.
    case code(String)
    case link(Link)
    case image(Image)
    /// A hard line break.
    case lineBreak
    /// A soft line break (a newline inside a paragraph); usually rendered as a space.
    case softBreak
    /// A user mention.
    case mention(Mention)
    /// A single Jira issue (the `jira` macro with one key, `[KEY-1]` in wiki markup).
    case issue(IssueReference)
    /// A status lozenge.
    case status(Status)
    /// A date, ISO 8601 `yyyy-MM-dd` (or the full timestamp the source gave).
    case date(String)
    case emoji(Emoji)
    /// A reference to a footnote by label.
    case footnoteReference(String)
    /// A named anchor (Confluence `anchor` macro).
    case anchor(String)
    /// Placeholder text shown only while editing.
    case placeholder(String)
    /// A generic attributed container (pandoc's Span): text colour, inline comment markers, citations.
    case span(Span)
    /// Content in another format, kept byte-exact.
    case raw(Raw)
}

/// A link.
public struct Link: Hashable, Sendable {
    public var target: LinkTarget
    /// The link text; empty means "show the target".
    public var content: [Inline]
    public var title: String?
    public init(target: LinkTarget, content: [Inline], title: String? = nil) {
        self.target = target
        self.content = content
        self.title = title
    }
}

/// What a link points at.
public enum LinkTarget: Hashable, Sendable {
    /// An absolute or relative URL.
    case url(String)
    /// A Confluence page, optionally an anchor on it.
    case page(PageLink)
    /// A file attached to a page (`page == nil`: the current page).
    case attachment(AttachmentLink)
    /// An anchor in this document.
    case anchor(String)
    /// A Jira issue by key.
    case issue(String)
    /// A user by account id.
    case user(String)
    /// A Confluence space by key.
    case space(String)
}

/// A Confluence page named by space and title (the storage format's `ri:page`).
public struct PageLink: Hashable, Sendable {
    public var spaceKey: String?
    public var title: String
    public var anchor: String?
    /// Page id, when the source gave one.
    public var contentID: String?
    public init(spaceKey: String? = nil, title: String, anchor: String? = nil, contentID: String? = nil) {
        self.spaceKey = spaceKey
        self.title = title
        self.anchor = anchor
        self.contentID = contentID
    }
}

/// A file attached to a page.
public struct AttachmentLink: Hashable, Sendable {
    public var page: PageLink?
    public var fileName: String
    public init(page: PageLink? = nil, fileName: String) {
        self.page = page
        self.fileName = fileName
    }
}

/// An image, inline or as a block.
public struct Image: Hashable, Sendable {
    public enum Source: Hashable, Sendable {
        case url(String)
        case attachment(AttachmentLink)
    }
    public var source: Source
    /// Alternative text (plain).
    public var alt: String
    public var title: String?
    /// Width and height as given (pixels usually, without unit).
    public var width: String?
    public var height: String?
    /// Alignment, border, thumbnail and other presentation details.
    public var attributes: [Attribute]
    public init(source: Source, alt: String = "", title: String? = nil, width: String? = nil,
                height: String? = nil, attributes: [Attribute] = []) {
        self.source = source
        self.alt = alt
        self.title = title
        self.width = width
        self.height = height
        self.attributes = attributes
    }
}

/// A user mention.
public struct Mention: Hashable, Sendable {
    /// Cloud account id, or a Data Center user key / name.
    public var accountID: String
    public var displayName: String?
    public init(accountID: String, displayName: String? = nil) {
        self.accountID = accountID
        self.displayName = displayName
    }
}

/// A reference to one Jira issue.
public struct IssueReference: Hashable, Sendable {
    public var key: String
    /// Macro details (`server`, `serverId`, `showSummary`).
    public var attributes: [Attribute]
    public init(key: String, attributes: [Attribute] = []) {
        self.key = key
        self.attributes = attributes
    }
}

/// A status lozenge.
public struct Status: Hashable, Sendable {
    public var text: String
    /// Colour name as the source gave it (`Green`, `Yellow`, `Red`, `Blue`, `Grey`, `Purple`, or ADF's lower-case names).
    public var colour: String?
    /// Confluence's outline style.
    public var subtle: Bool
    public init(text: String, colour: String? = nil, subtle: Bool = false) {
        self.text = text
        self.colour = colour
        self.subtle = subtle
    }
}

/// An emoji.
public struct Emoji: Hashable, Sendable {
    /// Short name without colons (`smile`, `thumbsup`).
    public var shortName: String
    /// The Unicode rendering, when known.
    public var fallback: String?
    /// A format-specific id (ADF `id`, Confluence `ac:emoji-id`).
    public var id: String?
    public init(shortName: String, fallback: String? = nil, id: String? = nil) {
        self.shortName = shortName
        self.fallback = fallback
        self.id = id
    }
}

/// A generic attributed inline container.
public struct Span: Hashable, Sendable {
    public var attributes: [Attribute]
    public var content: [Inline]
    public init(attributes: [Attribute], content: [Inline]) {
        self.attributes = attributes
        self.content = content
    }
}
