// `spine prd --rule`: a Jira Automation rule that does what `spine prd` does, ready to import.

import SpineCore

/// Builds the rule JSON: trigger "issue created", condition "issue type = Epic", a web request
/// that creates the PRD page through the Confluence content API, then a comment with the link.
/// Every level of escaping is done by writing JSON values, never by pasting strings: the page
/// body (storage XHTML) is a JSON string inside the request body, which is itself a JSON string
/// inside the rule. Smart values are chained with `htmlEncode` (inside XHTML) and `jsonEncode`
/// (inside JSON) so any epic summary stays valid in both.
public enum AutomationRule {
    /// Placeholders left in the rule when no value is given.
    public static let sitePlaceholder = "https://YOUR-SITE.atlassian.net"
    public static let spacePlaceholder = "SPACEKEY"
    public static let parentPlaceholder = "PARENT_PAGE_ID"
    /// Stands for `base64(email:api_token)`; put the credentials into the rule's header in Jira, never into a file.
    public static let credentialsPlaceholder = "BASE64_EMAIL_COLON_API_TOKEN"

    /// The rule as pretty-printed JSON (sorted keys, so diffs are stable).
    public static func json(site: String? = nil, space: String? = nil, parent: String? = nil, jiraServerID: String? = nil) -> String {
        JSONWriter.stable.string(rule(site: site, space: space, parent: parent, jiraServerID: jiraServerID))
    }

    /// The rule as a JSON value.
    public static func rule(site: String? = nil, space: String? = nil, parent: String? = nil, jiraServerID: String? = nil) -> JSONValue {
        let siteURL = site ?? sitePlaceholder
        var macro = "<ac:structured-macro ac:name=\"jira\" ac:schema-version=\"1\">"
        if let jiraServerID { macro += "<ac:parameter ac:name=\"serverId\">\(XMLText.escape(jiraServerID))</ac:parameter>" }
        macro += "<ac:parameter ac:name=\"jqlQuery\">parent = {{issue.key}} ORDER BY rank</ac:parameter>"
            + "<ac:parameter ac:name=\"columns\">key,summary,type,status,assignee</ac:parameter>"
            + "<ac:parameter ac:name=\"maximumIssues\">1000</ac:parameter></ac:structured-macro>"
        let storage = "<p>Epic: <a href=\"\(siteURL)/browse/{{issue.key}}\">{{issue.key}}</a></p>"
            + "<h1>Background</h1><p>{{issue.description.htmlEncode}}</p>"
            + "<h1>Requirements</h1>" + macro
            + "<h1>Open questions</h1><p>None yet.</p>"
        // The request body, with smart values that Jira substitutes before sending. The title and
        // body strings go through JSONWriter; the smart values inside them are JSON-safe because
        // each one ends in `.jsonEncode`.
        let body: JSONValue = [
            "type": "page",
            "title": "PRD: {{issue.summary}} ({{issue.key}})",
            "space": ["key": .string(space ?? spacePlaceholder)],
            "ancestors": [["id": .string(parent ?? parentPlaceholder)]],
            "body": ["storage": ["value": .string(storage), "representation": "storage"]],
            "metadata": ["labels": [["prefix": "global", "name": "prd"], ["prefix": "global", "name": "spine"]]],
        ]
        var customBody = JSONWriter.compact.string(body)
        // After JSON escaping, make every smart value escape its own output the same way.
        customBody = customBody.replacingOccurrences(of: "{{issue.summary}}", with: "{{issue.summary.jsonEncode}}")
            .replacingOccurrences(of: "{{issue.description.htmlEncode}}", with: "{{issue.description.htmlEncode.jsonEncode}}")
        let trigger: JSONValue = [
            "component": "TRIGGER", "schemaVersion": 1, "type": "jira.issue.event.trigger:created",
            "value": ["eventKey": "jira:issue_created", "issueEvent": "issue_created"],
            "children": [], "conditions": [],
        ]
        let condition: JSONValue = [
            "component": "CONDITION", "schemaVersion": 1, "type": "jira.issue.condition",
            "value": ["selectedField": ["type": "ID", "value": "issuetype"], "comparison": "EQUALS",
                      "compareValues": ["type": "NAME", "values": ["Epic"], "multiValue": false]],
            "children": [], "conditions": [],
        ]
        let request: JSONValue = [
            "component": "ACTION", "schemaVersion": 1, "type": "jira.issue.outgoing.webhook",
            "value": [
                "url": .string(siteURL + "/wiki/rest/api/content"),
                "method": "POST",
                "headers": [
                    ["name": "Authorization", "value": .string("Basic " + credentialsPlaceholder), "headerSecure": true],
                    ["name": "Content-Type", "value": "application/json", "headerSecure": false],
                    ["name": "Accept", "value": "application/json", "headerSecure": false],
                ],
                "sendIssue": false, "contentType": "custom", "customBody": .string(customBody),
                "timeout": 30, "responseEnabled": true, "continueOnErrorEnabled": false,
            ],
            "children": [], "conditions": [],
        ]
        let comment: JSONValue = [
            "component": "ACTION", "schemaVersion": 1, "type": "jira.issue.comment",
            "value": ["comment": .string("PRD: [{{webResponse.body.title}}|\(siteURL)/wiki/pages/viewpage.action?pageId={{webResponse.body.id}}]"),
                      "publicComment": true, "addCommentOnce": true],
            "children": [], "conditions": [],
        ]
        return ["cloud": true, "rules": [[
            "name": "Spine: create a PRD page for every new epic",
            "state": "ENABLED",
            "description": "Creates the PRD page in Confluence from Spine's template and comments on the epic with its link. Set the Authorization header value in Jira.",
            "canOtherRuleTrigger": false, "notifyOnError": "FIRSTERROR",
            "trigger": trigger,
            "components": [condition, request, comment],
            "labels": [], "ruleScope": ["resources": []],
        ]]]
    }
}
