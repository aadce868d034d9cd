// The AST's stable JSON form: inlines, link targets and requirements.

extension ASTEncoder {
    public static func encode(_ inline: Inline) -> JSONValue {
        var object = JSONObject()
        func container(_ type: String, _ content: [Inline]) {
            object.append("type", .string(type))
            object.append("content", encode(content))
        }
        switch inline {
        case .text(let text):
            object.append("type", "text")
            object.append("text", .string(text))
        case .emphasis(let content): container("emphasis", content)
        case .strong(let content): container("strong", content)
        case .strikethrough(let content): container("strikethrough", content)
        case .underline(let content): container("underline", content)
        case .superscript(let content): container("superscript", content)
        case .subscript(let content): container("subscript", content)
        case .code(let text):
            object.append("type", "code")
            object.append("text", .string(text))
        case .link(let link):
            object.append("type", "link")
            object.append("target", encode(link.target))
            object.append("content", encode(link.content))
            object.set("title", link.title)
        case .image(let image):
            object.append("type", "image")
            encode(image, into: &object)
        case .lineBreak:
            object.append("type", "lineBreak")
        case .softBreak:
            object.append("type", "softBreak")
        case .mention(let mention):
            object.append("type", "mention")
            object.append("accountId", .string(mention.accountID))
            object.set("displayName", mention.displayName)
        case .issue(let issue):
            object.append("type", "issue")
            object.append("key", .string(issue.key))
            object.set("attributes", issue.attributes)
        case .status(let status):
            object.append("type", "status")
            object.append("text", .string(status.text))
            object.set("colour", status.colour)
            if status.subtle { object.append("subtle", true) }
        case .date(let value):
            object.append("type", "date")
            object.append("value", .string(value))
        case .emoji(let emoji):
            object.append("type", "emoji")
            object.append("shortName", .string(emoji.shortName))
            object.set("fallback", emoji.fallback)
            object.set("id", emoji.id)
        case .footnoteReference(let label):
            object.append("type", "footnoteReference")
            object.append("label", .string(label))
        case .anchor(let name):
            object.append("type", "anchor")
            object.append("name", .string(name))
        case .placeholder(let text):
            object.append("type", "placeholder")
            object.append("text", .string(text))
        case .span(let span):
            object.append("type", "span")
            object.set("attributes", span.attributes)
            object.append("content", encode(span.content))
        case .raw(let raw):
            object.append("type", "raw")
            object.append("format", .string(raw.format))
            object.append("content", .string(raw.content))
        }
        return .object(object)
    }

    static func encode(_ inlines: [Inline]) -> JSONValue { .array(inlines.map(encode)) }

    public static func encode(_ target: LinkTarget) -> JSONValue {
        switch target {
        case .url(let url): return .object(JSONObject(["url": .string(url)]))
        case .page(let page): return .object(JSONObject(["page": encode(page)]))
        case .attachment(let attachment): return .object(JSONObject(["attachment": encode(attachment)]))
        case .anchor(let anchor): return .object(JSONObject(["anchor": .string(anchor)]))
        case .issue(let key): return .object(JSONObject(["issue": .string(key)]))
        case .user(let account): return .object(JSONObject(["user": .string(account)]))
        case .space(let key): return .object(JSONObject(["space": .string(key)]))
        }
    }

    // MARK: - Requirements

    public static func encode(_ requirement: Requirement) -> JSONValue {
        var object = JSONObject()
        object.set("key", requirement.key)
        object.append("summary", .string(requirement.summary))
        object.set("issueType", requirement.type)
        object.set("status", requirement.status)
        object.set("statusCategory", requirement.statusCategory?.rawValue)
        object.set("priority", requirement.priority)
        if let assignee = requirement.assignee { object.append("assignee", encode(assignee)) }
        if let reporter = requirement.reporter { object.append("reporter", encode(reporter)) }
        object.set("labels", requirement.labels)
        object.set("components", requirement.components)
        object.set("fixVersions", requirement.fixVersions)
        object.set("parent", requirement.parent)
        if !requirement.links.isEmpty {
            object.append("links", .array(requirement.links.map { link in
                var value = JSONObject()
                value.append("linkType", .string(link.type))
                value.append("direction", .string(link.direction.rawValue))
                value.set("description", link.description)
                value.append("key", .string(link.key))
                value.set("summary", link.summary)
                value.set("status", link.status)
                value.set("statusCategory", link.statusCategory?.rawValue)
                return .object(value)
            }))
        }
        if !requirement.description.isEmpty { object.append("description", encode(requirement.description)) }
        if !requirement.acceptanceCriteria.isEmpty {
            object.append("acceptanceCriteria", encode(requirement.acceptanceCriteria))
        }
        if !requirement.children.isEmpty { object.append("children", .array(requirement.children.map(encode))) }
        object.set("sourceURL", requirement.sourceURL)
        if !requirement.fields.isEmpty { object.append("fields", encode(requirement.fields)) }
        return .object(object)
    }

    static func encode(_ person: Person) -> JSONValue {
        var value = JSONObject()
        value.set("displayName", person.displayName)
        value.set("accountId", person.accountID)
        value.set("email", person.email)
        return .object(value)
    }
}
