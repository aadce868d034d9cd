// The AST's stable JSON form: decoding inlines, link targets and requirements.

extension ASTDecoder {
    static func decodeInlines(_ node: ASTNode, _ key: String) throws(SpineError) -> [Inline] {
        try node.array(key).map { (child) throws(SpineError) in try decodeInline(child) }
    }

    static func decodeInline(_ value: ASTValue) throws(SpineError) -> Inline {
        let node = try value.object()
        let type = try node.string("type")
        switch type {
        case "text": return .text(try node.string("text"))
        case "emphasis": return .emphasis(try decodeInlines(node, "content"))
        case "strong": return .strong(try decodeInlines(node, "content"))
        case "strikethrough": return .strikethrough(try decodeInlines(node, "content"))
        case "underline": return .underline(try decodeInlines(node, "content"))
        case "superscript": return .superscript(try decodeInlines(node, "content"))
        case "subscript": return .subscript(try decodeInlines(node, "content"))
        case "code": return .code(try node.string("text"))
        case "link":
            guard let target = node.optional("target") else { throw node.error("missing member \"target\"") }
            return .link(Link(target: try decodeTarget(target), content: try decodeInlines(node, "content"),
                              title: try node.string(optional: "title")))
        case "image": return .image(try decodeImage(node))
        case "lineBreak": return .lineBreak
        case "softBreak": return .softBreak
        case "mention":
            return .mention(Mention(accountID: try node.string("accountId"), displayName: try node.string(optional: "displayName")))
        case "issue":
            return .issue(IssueReference(key: try node.string("key"), attributes: try decodeAttributes(node)))
        case "status":
            return .status(Status(text: try node.string("text"), colour: try node.string(optional: "colour"),
                                  subtle: try node.bool(optional: "subtle") ?? false))
        case "date": return .date(try node.string("value"))
        case "emoji":
            return .emoji(Emoji(shortName: try node.string("shortName"), fallback: try node.string(optional: "fallback"),
                                id: try node.string(optional: "id")))
        case "footnoteReference": return .footnoteReference(try node.string("label"))
        case "anchor": return .anchor(try node.string("name"))
        case "placeholder": return .placeholder(try node.string("text"))
        case "span": return .span(Span(attributes: try decodeAttributes(node), content: try decodeInlines(node, "content")))
        case "raw": return .raw(Raw(format: try node.string("format"), content: try node.string("content")))
        default: throw node.error("unknown inline type \"\(type)\"")
        }
    }

    static func decodeTarget(_ value: ASTValue) throws(SpineError) -> LinkTarget {
        let node = try value.object()
        guard node.object.count == 1, let member = node.object.members.first else {
            throw node.error("a link target has exactly one member: url, page, attachment, anchor, issue, user or space")
        }
        let child = ASTValue(value: member.value, path: JSONPath.appending(node.path, member.key))
        switch member.key {
        case "url": return .url(try child.string())
        case "page": return .page(try decodePage(child))
        case "attachment": return .attachment(try decodeAttachment(child))
        case "anchor": return .anchor(try child.string())
        case "issue": return .issue(try child.string())
        case "user": return .user(try child.string())
        case "space": return .space(try child.string())
        default: throw node.error("unknown link target \"\(member.key)\"")
        }
    }

    // MARK: - Requirements

    static func decodeRequirement(_ value: ASTValue) throws(SpineError) -> Requirement {
        let node = try value.object()
        var requirement = Requirement(summary: try node.string("summary"))
        requirement.key = try node.string(optional: "key")
        requirement.type = try node.string(optional: "issueType")
        requirement.status = try node.string(optional: "status")
        requirement.statusCategory = try decodeCategory(node)
        requirement.priority = try node.string(optional: "priority")
        if let assignee = node.optional("assignee") { requirement.assignee = try decodePerson(assignee) }
        if let reporter = node.optional("reporter") { requirement.reporter = try decodePerson(reporter) }
        requirement.labels = try node.strings("labels")
        requirement.components = try node.strings("components")
        requirement.fixVersions = try node.strings("fixVersions")
        requirement.parent = try node.string(optional: "parent")
        requirement.links = try node.array(optional: "links").map { (entry) throws(SpineError) -> IssueLink in
            let link = try entry.object()
            let directionName = try link.string("direction")
            guard let direction = IssueLink.Direction(rawValue: directionName) else {
                throw link.error("unknown link direction \"\(directionName)\"")
            }
            return IssueLink(type: try link.string("linkType"), direction: direction, description: try link.string(optional: "description"),
                             key: try link.string("key"), summary: try link.string(optional: "summary"),
                             status: try link.string(optional: "status"), statusCategory: try decodeCategory(link))
        }
        if node.optional("description") != nil { requirement.description = try decodeBlocks(node, "description") }
        if node.optional("acceptanceCriteria") != nil {
            requirement.acceptanceCriteria = try decodeBlocks(node, "acceptanceCriteria")
        }
        requirement.children = try node.array(optional: "children").map { (child) throws(SpineError) in try decodeRequirement(child) }
        requirement.sourceURL = try node.string(optional: "sourceURL")
        requirement.fields = try decodeFields(node, "fields")
        return requirement
    }

    private static func decodeCategory(_ node: ASTNode) throws(SpineError) -> StatusCategory? {
        guard let name = try node.string(optional: "statusCategory") else { return nil }
        guard let category = StatusCategory(rawValue: name) else { throw node.error("unknown status category \"\(name)\"") }
        return category
    }

    private static func decodePerson(_ value: ASTValue) throws(SpineError) -> Person {
        let node = try value.object()
        return Person(displayName: try node.string(optional: "displayName"), accountID: try node.string(optional: "accountId"),
                      email: try node.string(optional: "email"))
    }
}
