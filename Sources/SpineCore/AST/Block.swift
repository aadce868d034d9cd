// Block-level nodes of the AST.

/// A block-level node. Writers switch over every case, without `default`, so a new
/// case is a compile error until every writer handles it.
public indirect enum Block: Hashable, Sendable {
    /// A paragraph of inline content.
    case paragraph([Inline])
    /// A heading, level 1–6.
    case heading(Heading)
    /// A bullet or ordered list.
    case list(ListBlock)
    /// Preformatted code or text.
    case code(CodeBlock)
    /// A block quotation.
    case quote([Block])
    /// A thematic break / horizontal rule.
    case rule
    /// A table.
    case table(Table)
    /// A coloured call-out (Confluence info/note/warning/tip, ADF panel, GitHub alert).
    case panel(Panel)
    /// A collapsible section.
    case expand(Expand)
    /// A generated table of contents.
    case tableOfContents(TableOfContents)
    /// A block image.
    case image(Image)
    /// A live list of Jira issues (the Confluence `jira` macro in its JQL form).
    case issueQuery(IssueQuery)
    /// A requirement: a Jira issue, a CSV row, a PRD user story.
    case requirement(Requirement)
    /// A multi-column layout (Confluence page layouts, ADF layoutSection).
    case layout(Layout)
    /// A footnote's text (Markdown `[^label]: …`).
    case footnote(Footnote)
    /// A generic attributed container (pandoc's Div): kept when a format groups blocks.
    case division(Division)
    /// Content in another format, kept byte-exact.
    case raw(Raw)
}

/// A heading.
public struct Heading: Hashable, Sendable {
    /// 1 to 6.
    public var level: Int
    public var content: [Inline]
    /// An explicit anchor id, when the source gave one.
    public var anchor: String?
    public init(level: Int, content: [Inline], anchor: String? = nil) {
        self.level = level
        self.content = content
        self.anchor = anchor
    }
}

/// A bullet or ordered list.
public struct ListBlock: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case bullet
        /// An ordered list starting at `start`.
        case ordered(start: Int)
    }
    public var kind: Kind
    /// Tight lists render items without paragraph spacing.
    public var tight: Bool
    public var items: [ListItem]
    public init(kind: Kind, tight: Bool = true, items: [ListItem]) {
        self.kind = kind
        self.tight = tight
        self.items = items
    }
}

/// One list item; a task-list item when `task` is set.
public struct ListItem: Hashable, Sendable {
    public var task: TaskState?
    public var blocks: [Block]
    public init(task: TaskState? = nil, blocks: [Block]) {
        self.task = task
        self.blocks = blocks
    }
}

/// Task state of a task-list item.
public enum TaskState: String, Hashable, Sendable, CaseIterable {
    case todo
    case done
}

/// A code block.
public struct CodeBlock: Hashable, Sendable {
    /// Language name as the source spelled it (`swift`, `js`, …).
    public var language: String?
    /// The exact text, without a trailing newline.
    public var text: String
    /// A caption / title (Confluence code macro `title`).
    public var title: String?
    /// Further format details (`linenumbers`, `theme`, `collapse`, …).
    public var attributes: [Attribute]
    public init(language: String? = nil, text: String, title: String? = nil, attributes: [Attribute] = []) {
        self.language = language
        self.text = text
        self.title = title
        self.attributes = attributes
    }
}

/// A coloured call-out.
public struct Panel: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case info, note, warning, tip, success, error
        /// A panel type the AST does not name (`important`, `caution`, an ADF custom panel).
        case custom(String)
    }
    public var kind: Kind
    public var title: String?
    public var blocks: [Block]
    /// Colours, icons and other presentation details.
    public var attributes: [Attribute]
    public init(kind: Kind, title: String? = nil, blocks: [Block], attributes: [Attribute] = []) {
        self.kind = kind
        self.title = title
        self.blocks = blocks
        self.attributes = attributes
    }
}

/// A collapsible section.
public struct Expand: Hashable, Sendable {
    public var title: String?
    public var blocks: [Block]
    public var attributes: [Attribute]
    public init(title: String? = nil, blocks: [Block], attributes: [Attribute] = []) {
        self.title = title
        self.blocks = blocks
        self.attributes = attributes
    }
}

/// A table of contents; its parameters (`maxLevel`, `style`, …) are attributes.
public struct TableOfContents: Hashable, Sendable {
    public var attributes: [Attribute]
    public init(attributes: [Attribute] = []) {
        self.attributes = attributes
    }
}

/// A live Jira issue list.
public struct IssueQuery: Hashable, Sendable {
    public var jql: String
    /// Column field names, in order (`key`, `summary`, `status`, …).
    public var columns: [String]
    public var maxResults: Int?
    /// Other macro parameters (`server`, `serverId`, …).
    public var attributes: [Attribute]
    public init(jql: String, columns: [String] = [], maxResults: Int? = nil, attributes: [Attribute] = []) {
        self.jql = jql
        self.columns = columns
        self.maxResults = maxResults
        self.attributes = attributes
    }
}

/// A multi-column layout: sections stacked vertically, each with columns side by side.
public struct Layout: Hashable, Sendable {
    public var sections: [LayoutSection]
    public init(sections: [LayoutSection]) {
        self.sections = sections
    }
}

/// One row of a layout.
public struct LayoutSection: Hashable, Sendable {
    /// The source's section type (`two_equal`, `three_with_sidebars`, …).
    public var type: String?
    public var columns: [LayoutColumn]
    public init(type: String? = nil, columns: [LayoutColumn]) {
        self.type = type
        self.columns = columns
    }
}

/// One column of a layout section.
public struct LayoutColumn: Hashable, Sendable {
    /// Width as the source gave it (ADF percentage, for example).
    public var width: String?
    public var blocks: [Block]
    public init(width: String? = nil, blocks: [Block]) {
        self.width = width
        self.blocks = blocks
    }
}

/// A footnote definition.
public struct Footnote: Hashable, Sendable {
    public var label: String
    public var blocks: [Block]
    public init(label: String, blocks: [Block]) {
        self.label = label
        self.blocks = blocks
    }
}

/// A generic container with attributes.
public struct Division: Hashable, Sendable {
    public var attributes: [Attribute]
    public var blocks: [Block]
    public init(attributes: [Attribute] = [], blocks: [Block]) {
        self.attributes = attributes
        self.blocks = blocks
    }
}

/// Content in another format, kept byte-exact and written back unchanged by that format's writer.
public struct Raw: Hashable, Sendable {
    /// The format's registry name: `confluence`, `adf`, `html`, `jira-wiki`, `docx`, …
    public var format: String
    public var content: String
    public init(format: String, content: String) {
        self.format = format
        self.content = content
    }
}
