// Rewrites a storage body for a migration: page links, user mentions, Jira server ids, content ids.

/// The rewrites a migration applies to every page body, attribute by attribute, leaving
/// every other byte as it was (no re-serialisation, so nothing Spine does not model is lost).
struct StorageRewriter: Sendable {
    /// The source space key.
    var sourceSpace: String
    /// The target space key.
    var targetSpace: String
    /// Titles of the pages being moved (in the source space).
    var movedTitles: Set<String>
    /// Source page id → target page id, for `ri:content-entity` references (filled in as pages are created).
    var idMap: [String: String] = [:]
    /// Old user key / user name → account id (`--users map.csv`).
    var users: [String: String] = [:]
    /// The target site's Jira application-link id and name (`--jira-server-id`, `--jira-server`).
    var jiraServerID: String?
    var jiraServerName: String?
    /// Report user references without a mapping (set when a user map is given or the target is another site).
    var reportUnmappedUsers = false

    /// What a rewrite noticed.
    struct Outcome: Equatable {
        var text: String
        /// User keys/names without a mapping.
        var unmappedUsers: Set<String> = []
        /// True when the body refers to moved pages by id (needs a second pass once all ids are known).
        var hasContentIDs = false
    }

    func rewrite(_ storage: String) -> Outcome {
        let bytes = Array(storage.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var outcome = Outcome(text: "")
        var jiraMacroDepth: [Bool] = [] // per open ac:structured-macro: is it a jira macro?
        var replacingParameter = false
        var pendingParameterValue: String?
        for token in StorageTokenizer.tokenize(bytes) {
            switch token {
            case .other(let range):
                if replacingParameter { continue }
                out += bytes[range]
            case .end(let name, let range):
                if name == "ac:structured-macro" { _ = jiraMacroDepth.popLast() }
                if name == "ac:parameter", replacingParameter {
                    out += Array(XMLText.escape(pendingParameterValue ?? "").utf8)
                    replacingParameter = false
                    pendingParameterValue = nil
                }
                out += bytes[range]
            case .start(let tag):
                if tag.name == "ac:structured-macro", !tag.selfClosing {
                    jiraMacroDepth.append(tag.attribute("ac:name") == "jira")
                }
                if tag.name == "ac:parameter", !tag.selfClosing, jiraMacroDepth.last == true {
                    switch tag.attribute("ac:name") {
                    case "serverId"?: if let jiraServerID { replacingParameter = true; pendingParameterValue = jiraServerID }
                    case "server"?: if let jiraServerName { replacingParameter = true; pendingParameterValue = jiraServerName }
                    default: break
                    }
                }
                if let rebuilt = rewriteTag(tag, &outcome) {
                    out += Array(rebuilt.utf8)
                } else {
                    out += bytes[tag.range]
                }
            }
        }
        outcome.text = String(decoding: out, as: UTF8.self)
        return outcome
    }

    /// The new text of a tag that needs a change, or nil to keep it byte-exact.
    private func rewriteTag(_ tag: StartTag, _ outcome: inout Outcome) -> String? {
        var changes: [String: String?] = [:] // attribute → new value (nil = remove)
        var additions: [(String, String)] = []
        switch tag.name {
        case "ri:page":
            let key = tag.attribute("ri:space-key")
            let title = tag.attribute("ri:content-title") ?? ""
            let inSource = key == nil || key == sourceSpace
            if inSource, movedTitles.contains(title) {
                if key != nil { changes["ri:space-key"] = .some(targetSpace) }
            } else if key == nil {
                additions.append(("ri:space-key", sourceSpace))
            }
        case "ri:blog-post":
            if tag.attribute("ri:space-key") == nil { additions.append(("ri:space-key", sourceSpace)) }
        case "ri:content-entity":
            if let id = tag.attribute("ri:content-id") {
                if let mapped = idMap[id] { changes["ri:content-id"] = .some(mapped) } else { outcome.hasContentIDs = true }
            }
        case "ri:user":
            guard tag.attribute("ri:account-id") == nil else { return nil }
            guard let old = tag.attribute("ri:userkey") ?? tag.attribute("ri:username") else { return nil }
            guard let account = users[old] else {
                if reportUnmappedUsers { outcome.unmappedUsers.insert(old) }
                return nil
            }
            changes["ri:userkey"] = .some(nil)
            changes["ri:username"] = .some(nil)
            additions.append(("ri:account-id", account))
        default:
            return nil
        }
        if changes.isEmpty && additions.isEmpty { return nil }
        var text = "<" + tag.name
        for (index, attribute) in tag.attributes.enumerated() {
            if let change = changes[attribute.name] {
                if let value = change { text += " " + attribute.name + "=\"" + XMLText.escape(value) + "\"" }
            } else {
                text += " " + attribute.name + "=\"" + tag.rawValues[index] + "\""
            }
        }
        for (name, value) in additions { text += " " + name + "=\"" + XMLText.escape(value) + "\"" }
        return text + (tag.selfClosing ? " />" : ">")
    }
}
