#!/usr/bin/env python3
# Renders projects.py as recorded-style Jira data: REST v3 search (ADF), REST v2 search (wiki
# markup; password-reset in Data Center shape with Epic Link), Jira Cloud CSV export, and the
# password-reset project as Spine AST JSON. Run from this folder: python3 make-fixtures.py
import csv, io, json
from projects import PROJECTS, PEOPLE

SITE = "https://example.atlassian.net"
CATEGORY_IDS = {"new": (2, "To Do", "blue-gray"), "indeterminate": (4, "In Progress", "yellow"), "done": (3, "Done", "green")}
STATUS_IDS = {"To Do": "10000", "In Progress": "3", "In Review": "10101", "Done": "10001"}
TYPE_IDS = {"Initiative": ("10200", 2), "Epic": ("10000", 1), "Story": ("10001", 0), "Task": ("10002", 0),
            "Bug": ("10004", 0), "Sub-task": ("10003", -1)}
PRIORITY_IDS = {"Highest": "1", "High": "2", "Medium": "3", "Low": "4", "Lowest": "5"}
LINK_TYPES = {"Blocks": ("10000", "is blocked by", "blocks"), "Relates": ("10003", "relates to", "relates to"),
              "Implements": ("10300", "is implemented by", "implements")}
# Parents that exist in Jira but are not in the exported result (Jira still embeds their summary).
OUTSIDE_PARENTS = {"PW-98": ("Security audit trail", ("In Progress", "indeterminate")),
                   "BILL-97": ("Customer portal revamp", ("To Do", "new")),
                   "ONB-99": ("Lifecycle email program", ("To Do", "new"))}
AST_CATEGORY = {"new": "todo", "indeterminate": "inProgress", "done": "done"}

def issue_id(key):
    project, number = key.split("-")
    base = {"PW": 10000, "BILL": 11000, "ONB": 12000}.get(project, 19000)
    return str(base + int(number))

# ------------------------------------------------------------------ rich text renderers

def adf_inlines(inlines):
    out = []
    for part in inlines:
        if isinstance(part, str):
            out.append({"type": "text", "text": part})
        elif part[0] == "b":
            out.append({"type": "text", "text": part[1], "marks": [{"type": "strong"}]})
        elif part[0] == "code":
            out.append({"type": "text", "text": part[1], "marks": [{"type": "code"}]})
        elif part[0] == "a":
            out.append({"type": "text", "text": part[1], "marks": [{"type": "link", "attrs": {"href": part[2]}}]})
    return out

def adf_doc(blocks):
    if not blocks:
        return None
    content = []
    for block in blocks:
        if block[0] == "h":
            content.append({"type": "heading", "attrs": {"level": block[1]}, "content": adf_inlines(block[2])})
        elif block[0] == "p":
            content.append({"type": "paragraph", "content": adf_inlines(block[1])})
        else:
            kind = {"ul": "bulletList", "ol": "orderedList"}[block[0]]
            node = {"type": kind, "content": [{"type": "listItem", "content": [
                {"type": "paragraph", "content": adf_inlines(item)}]} for item in block[1]]}
            if kind == "orderedList":
                node["attrs"] = {"order": 1}
            content.append(node)
    return {"type": "doc", "version": 1, "content": content}

def wiki_inlines(inlines):
    out = ""
    for part in inlines:
        if isinstance(part, str):
            out += part
        elif part[0] == "b":
            out += "*" + part[1] + "*"
        elif part[0] == "code":
            out += "{{" + part[1] + "}}"
        elif part[0] == "a":
            out += "[" + part[1] + "|" + part[2] + "]"
    return out

def wiki(blocks):
    if not blocks:
        return None
    parts = []
    for block in blocks:
        if block[0] == "h":
            parts.append("h%d. %s" % (block[1], wiki_inlines(block[2])))
        elif block[0] == "p":
            parts.append(wiki_inlines(block[1]))
        else:
            marker = "*" if block[0] == "ul" else "#"
            parts.append("\n".join(marker + " " + wiki_inlines(item) for item in block[1]))
    return "\r\n\r\n".join(p.replace("\n", "\r\n") for p in parts)

def ast_inlines(inlines):
    out = []
    for part in inlines:
        if isinstance(part, str):
            out.append({"type": "text", "text": part})
        elif part[0] == "b":
            out.append({"type": "strong", "content": [{"type": "text", "text": part[1]}]})
        elif part[0] == "code":
            out.append({"type": "code", "text": part[1]})
        elif part[0] == "a":
            out.append({"type": "link", "target": {"url": part[2]}, "content": [{"type": "text", "text": part[1]}]})
    return out

def ast_blocks(blocks):
    out = []
    for block in blocks or []:
        if block[0] == "h":
            out.append({"type": "heading", "level": block[1], "content": ast_inlines(block[2])})
        elif block[0] == "p":
            out.append({"type": "paragraph", "content": ast_inlines(block[1])})
        else:
            node = {"type": "bulletList"} if block[0] == "ul" else {"type": "orderedList", "start": 1}
            node["tight"] = True
            node["items"] = [{"blocks": [{"type": "paragraph", "content": ast_inlines(item)}]} for item in block[1]]
            out.append(node)
    return out

# ------------------------------------------------------------------ Jira JSON pieces

def status_json(status, api):
    name, category = status
    cid, cname, colour = CATEGORY_IDS[category]
    return {"self": SITE + "/rest/api/%d/status/%s" % (api, STATUS_IDS[name]), "description": "",
            "iconUrl": SITE + "/", "name": name, "id": STATUS_IDS[name],
            "statusCategory": {"self": SITE + "/rest/api/%d/statuscategory/%d" % (api, cid), "id": cid,
                               "key": category, "colorName": colour, "name": cname}}

def type_json(name, api):
    tid, level = TYPE_IDS[name]
    return {"self": SITE + "/rest/api/%d/issuetype/%s" % (api, tid), "id": tid, "description": "",
            "iconUrl": SITE + "/images/icons/issuetypes/%s.svg" % name.lower(), "name": name,
            "subtask": level == -1, "avatarId": 10300 + int(tid) % 100, "hierarchyLevel": level}

def priority_json(name, api):
    return {"self": SITE + "/rest/api/%d/priority/%s" % (api, PRIORITY_IDS[name]),
            "iconUrl": SITE + "/images/icons/priorities/%s.svg" % name.lower(), "name": name, "id": PRIORITY_IDS[name]}

def user_json(handle, dc=False):
    if handle is None:
        return None
    account, name = PEOPLE[handle]
    if dc:
        return {"self": SITE + "/rest/api/2/user?username=" + handle, "name": handle, "key": "JIRAUSER" + str(10000 + len(handle)),
                "emailAddress": handle + "@example.com", "displayName": name, "active": True, "timeZone": "Europe/Berlin"}
    return {"self": SITE + "/rest/api/3/user?accountId=" + account, "accountId": account,
            "avatarUrls": {"48x48": "https://avatar-management.example.com/" + account + "/48"},
            "displayName": name, "active": True, "timeZone": "Europe/Berlin", "accountType": "atlassian"}

def brief(issue, api):
    return {"id": issue_id(issue["key"]), "key": issue["key"], "self": SITE + "/rest/api/%d/issue/%s" % (api, issue_id(issue["key"])),
            "fields": {"summary": issue["summary"], "status": status_json(issue["status"], api),
                       "priority": priority_json(issue["priority"], api), "issuetype": type_json(issue["type"], api)}}

def external_brief(key, summary, status, api):
    return {"id": issue_id(key), "key": key, "self": SITE + "/rest/api/%d/issue/%s" % (api, issue_id(key)),
            "fields": {"summary": summary, "status": status_json(status, api), "priority": priority_json("Medium", api),
                       "issuetype": type_json("Story", api)}}

def outside_parent(key, api):
    summary, status = OUTSIDE_PARENTS[key]
    parent = external_brief(key, summary, status, api)
    parent["fields"]["issuetype"] = type_json("Epic", api)
    return parent

def all_links(issues):
    """Links per key: each declared link plus its mirror on the other issue when it is in the project."""
    by_key = {i["key"]: i for i in issues}
    links = {i["key"]: [] for i in issues}
    def add(key, link):
        if not any(l[:3] == link[:3] for l in links[key]):
            links[key].append(link)
    for i in issues:
        for link in i["links"]:
            add(i["key"], link)
            if link[2] in by_key:
                add(link[2], (link[0], "out" if link[1] == "in" else "in", i["key"]))
    return links

def link_json(link, number, by_key, api):
    type_name, direction, other = link[0], link[1], link[2]
    tid, inward, outward = LINK_TYPES[type_name]
    other_json = brief(by_key[other], api) if other in by_key else external_brief(other, link[3], link[4], api)
    entry = {"id": str(30000 + number), "self": SITE + "/rest/api/%d/issueLink/%d" % (api, 30000 + number),
             "type": {"id": tid, "name": type_name, "inward": inward, "outward": outward,
                      "self": SITE + "/rest/api/%d/issueLinkType/%s" % (api, tid)}}
    entry["outwardIssue" if direction == "out" else "inwardIssue"] = other_json
    return entry

def link_number(a, b, type_name):
    low, high = sorted([a, b])
    return sum(ord(c) for c in low + high + type_name) * 7 % 9000

def updated(issue):
    return issue["created"].replace("2025-03-03", "2025-06-1" + str(len(issue["summary"]) % 10))

# ------------------------------------------------------------------ v3 (Cloud, ADF)

def v3_search(issues):
    by_key = {i["key"]: i for i in issues}
    links = all_links(issues)
    out = []
    for i in issues:
        f = {"summary": i["summary"], "issuetype": type_json(i["type"], 3), "status": status_json(i["status"], 3),
             "priority": priority_json(i["priority"], 3), "assignee": user_json(i["assignee"]),
             "reporter": user_json("ada"), "labels": i["labels"],
             "components": [{"self": SITE + "/rest/api/3/component/%d" % (10100 + n), "id": str(10100 + n), "name": c}
                            for n, c in enumerate(i["components"])],
             "fixVersions": [{"self": SITE + "/rest/api/3/version/%d" % (10200 + n), "id": str(10200 + n), "name": v,
                              "archived": False, "released": False} for n, v in enumerate(i["versions"])],
             "description": adf_doc(i["desc"]),
             "subtasks": [brief(c, 3) for c in issues if c["parent"] == i["key"] and c["type"] == "Sub-task"],
             "issuelinks": [link_json(l, link_number(i["key"], l[2], l[0]), by_key, 3) for l in links[i["key"]]],
             "customfield_10016": i["points"], "customfield_10019": i["rank"],
             "customfield_10020": None, "customfield_10050": adf_doc(i["ac"]) if i["ac"] else None,
             "created": i["created"], "updated": updated(i), "duedate": None,
             "resolutiondate": updated(i) if i["status"][1] == "done" else None}
        if i["parent"]:
            parent = by_key.get(i["parent"])
            f["parent"] = brief(parent, 3) if parent else outside_parent(i["parent"], 3)
        out.append({"expand": "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
                    "id": issue_id(i["key"]), "self": SITE + "/rest/api/3/issue/" + issue_id(i["key"]),
                    "key": i["key"], "fields": f})
    names = {"summary": "Summary", "issuetype": "Issue Type", "status": "Status", "priority": "Priority",
             "assignee": "Assignee", "reporter": "Reporter", "labels": "Labels", "components": "Components",
             "fixVersions": "Fix versions", "description": "Description", "subtasks": "Sub-tasks",
             "issuelinks": "Linked Issues", "parent": "Parent", "customfield_10016": "Story point estimate",
             "customfield_10019": "Rank", "customfield_10020": "Sprint", "customfield_10050": "Acceptance Criteria",
             "created": "Created", "updated": "Updated", "duedate": "Due date", "resolutiondate": "Resolved"}
    schema = {"customfield_10016": {"type": "number", "custom": "com.pyxis.greenhopper.jira:jsw-story-points", "customId": 10016},
              "customfield_10019": {"type": "any", "custom": "com.pyxis.greenhopper.jira:gh-lexo-rank", "customId": 10019},
              "customfield_10020": {"type": "array", "items": "json", "custom": "com.pyxis.greenhopper.jira:gh-sprint", "customId": 10020},
              "customfield_10050": {"type": "string", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:textarea", "customId": 10050}}
    return {"issues": out, "names": names, "schema": schema, "isLast": True}

# ------------------------------------------------------------------ v2 (wiki; DC shape with Epic Link, or Cloud)

def v2_search(issues, data_center):
    by_key = {i["key"]: i for i in issues}
    links = all_links(issues)
    out = []
    for i in issues:
        f = {"summary": i["summary"], "issuetype": type_json(i["type"], 2), "status": status_json(i["status"], 2),
             "priority": priority_json(i["priority"], 2), "assignee": user_json(i["assignee"], data_center),
             "reporter": user_json("ada", data_center), "labels": i["labels"],
             "components": [{"self": SITE + "/rest/api/2/component/%d" % (10100 + n), "id": str(10100 + n), "name": c}
                            for n, c in enumerate(i["components"])],
             "fixVersions": [{"self": SITE + "/rest/api/2/version/%d" % (10200 + n), "id": str(10200 + n), "name": v,
                              "archived": False, "released": False} for n, v in enumerate(i["versions"])],
             "description": wiki(i["desc"]),
             "subtasks": [brief(c, 2) for c in issues if c["parent"] == i["key"] and c["type"] == "Sub-task"],
             "issuelinks": [link_json(l, link_number(i["key"], l[2], l[0]), by_key, 2) for l in links[i["key"]]],
             "customfield_10106": i["points"], "customfield_10105": i["rank"],
             "customfield_10300": wiki(i["ac"]) if i["ac"] else None,
             "created": i["created"], "updated": updated(i), "duedate": None,
             "resolutiondate": updated(i) if i["status"][1] == "done" else None}
        parent = i["parent"]
        if data_center and parent and i["type"] != "Sub-task":
            f["customfield_10101"] = parent  # Epic Link
        elif parent:
            p = by_key.get(parent)
            f["parent"] = brief(p, 2) if p else outside_parent(parent, 2)
        if data_center:
            f.setdefault("customfield_10101", None)
            f["customfield_10103"] = i["summary"] if i["type"] == "Epic" else None  # Epic Name
        out.append({"expand": "operations,versionedRepresentations,editmeta,changelog,renderedFields",
                    "id": issue_id(i["key"]), "self": SITE + "/rest/api/2/issue/" + issue_id(i["key"]),
                    "key": i["key"], "fields": f})
    names = {"summary": "Summary", "issuetype": "Issue Type", "status": "Status", "priority": "Priority",
             "assignee": "Assignee", "reporter": "Reporter", "labels": "Labels", "components": "Component/s",
             "fixVersions": "Fix Version/s", "description": "Description", "subtasks": "Sub-Tasks",
             "issuelinks": "Linked Issues", "parent": "Parent", "customfield_10106": "Story Points",
             "customfield_10105": "Rank", "customfield_10300": "Acceptance Criteria",
             "created": "Created", "updated": "Updated", "duedate": "Due Date", "resolutiondate": "Resolved"}
    schema = {"customfield_10106": {"type": "number", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float", "customId": 10106},
              "customfield_10105": {"type": "any", "custom": "com.pyxis.greenhopper.jira:gh-lexo-rank", "customId": 10105},
              "customfield_10300": {"type": "string", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:textarea", "customId": 10300}}
    if data_center:
        names["customfield_10101"] = "Epic Link"
        names["customfield_10103"] = "Epic Name"
        schema["customfield_10101"] = {"type": "any", "custom": "com.pyxis.greenhopper.jira:gh-epic-link", "customId": 10101}
        schema["customfield_10103"] = {"type": "string", "custom": "com.pyxis.greenhopper.jira:gh-epic-label", "customId": 10103}
    return {"expand": "names,schema", "startAt": 0, "maxResults": 50, "total": len(out), "issues": out,
            "names": names, "schema": schema}

# ------------------------------------------------------------------ CSV (Cloud export)

def csv_date(stamp):
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    date, time = stamp[:10], stamp[11:16]
    year, month, day = date.split("-")
    hour, minute = int(time[:2]), time[3:]
    suffix = "AM" if hour < 12 else "PM"
    return "%s/%s/%s %d:%s %s" % (day, months[int(month) - 1], year[2:], (hour - 1) % 12 + 1, minute, suffix)

def jira_csv(issues):
    by_key = {i["key"]: i for i in issues}
    links = all_links(issues)
    repeat = lambda name, n: [name] * max(1, n)
    max_labels = max(len(i["labels"]) for i in issues)
    max_components = max(len(i["components"]) for i in issues)
    max_versions = max(len(i["versions"]) for i in issues)
    link_columns = []
    for i in issues:
        for l in links[i["key"]]:
            column = ("Outward" if l[1] == "out" else "Inward") + " issue link (" + l[0] + ")"
            count = sum(1 for m in links[i["key"]] if m[0] == l[0] and m[1] == l[1])
            if link_columns.count(column) < count:
                link_columns += [column] * (count - link_columns.count(column))
    link_columns.sort()
    header = (["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Status Category", "Priority", "Assignee",
               "Assignee Id", "Reporter", "Reporter Id", "Created", "Updated", "Resolved", "Due date"]
              + repeat("Labels", max_labels) + repeat("Component/s", max_components) + repeat("Fix Version/s", max_versions)
              + ["Description", "Parent", "Parent summary"] + link_columns
              + ["Custom field (Story point estimate)", "Custom field (Rank)", "Custom field (Acceptance Criteria)", "Sprint"])
    rows = [header]
    for i in issues:
        pad = lambda values, n: values + [""] * (max(1, n) - len(values))
        assignee = PEOPLE[i["assignee"]] if i["assignee"] else ("", "")
        parent = i["parent"]
        row = [i["summary"], i["key"], issue_id(i["key"]), i["type"], i["status"][0], CATEGORY_IDS[i["status"][1]][1],
               i["priority"], assignee[1], assignee[0], PEOPLE["ada"][1], PEOPLE["ada"][0], csv_date(i["created"]),
               csv_date(updated(i)), csv_date(updated(i)) if i["status"][1] == "done" else "", ""]
        row += pad(i["labels"], max_labels) + pad(i["components"], max_components) + pad(i["versions"], max_versions)
        row += [wiki(i["desc"]) or "", issue_id(parent) if parent else "",
                by_key[parent]["summary"] if parent in by_key else (OUTSIDE_PARENTS[parent][0] if parent else "")]
        used = {}
        for column in link_columns:
            matching = [l for l in links[i["key"]] if ("Outward" if l[1] == "out" else "Inward") + " issue link (" + l[0] + ")" == column]
            index = used.get(column, 0)
            used[column] = index + 1
            row.append(matching[index][2] if index < len(matching) else "")
        points = i["points"]
        row += ["" if points is None else str(points) + ".0", i["rank"] or "", wiki(i["ac"]) if i["ac"] else "", ""]
        rows.append(row)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return "\ufeff" + buffer.getvalue()

# ------------------------------------------------------------------ Spine AST JSON (as the jira reader would give)

def ast_document(issues):
    by_key = {i["key"]: i for i in issues}
    links = all_links(issues)
    blocks = []
    for i in issues:
        r = {"key": i["key"], "summary": i["summary"], "issueType": i["type"], "status": i["status"][0],
             "statusCategory": AST_CATEGORY[i["status"][1]], "priority": i["priority"]}
        if i["assignee"]:
            account, name = PEOPLE[i["assignee"]]
            r["assignee"] = {"displayName": name, "accountId": account}
        r["reporter"] = {"displayName": PEOPLE["ada"][1], "accountId": PEOPLE["ada"][0]}
        for name, key in (("labels", "labels"), ("components", "components"), ("fixVersions", "versions")):
            if i[key]:
                r[name] = i[key]
        if i["parent"]:
            r["parent"] = i["parent"]
        entries = []
        for l in links[i["key"]]:
            tid, inward, outward = LINK_TYPES[l[0]]
            other = by_key.get(l[2])
            entry = {"linkType": l[0], "direction": "outward" if l[1] == "out" else "inward",
                     "description": outward if l[1] == "out" else inward, "key": l[2],
                     "summary": other["summary"] if other else l[3],
                     "status": (other["status"] if other else l[4])[0],
                     "statusCategory": AST_CATEGORY[(other["status"] if other else l[4])[1]]}
            entries.append(entry)
        if entries:
            r["links"] = entries
        if i["desc"]:
            r["description"] = ast_blocks(i["desc"])
        if i["ac"]:
            r["acceptanceCriteria"] = ast_blocks(i["ac"])
        r["sourceURL"] = SITE + "/browse/" + i["key"]
        fields = [{"key": "Issue id", "value": issue_id(i["key"])}]
        if i["points"] is not None:
            fields.append({"key": "Story Points", "value": i["points"]})
        if i["rank"]:
            fields.append({"key": "Rank", "value": i["rank"]})
        fields.append({"key": "Created", "value": i["created"]})
        if i["key"] == "PW-1":
            fields.append({"key": "Remote links", "value": [
                {"url": "https://status.example.com/incidents/2024-11-reset", "title": "Incident review: reset outage"}]})
        r["fields"] = fields
        blocks.append({"type": "requirement", "requirement": r})
    return {"metadata": {"source": {"format": "jira", "url": SITE}}, "blocks": blocks}

def dump(value):
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"

if __name__ == "__main__":
    for name, issues in PROJECTS.items():
        open(name + ".v3.json", "w", encoding="utf-8").write(dump(v3_search(issues)))
        open(name + ".v2.json", "w", encoding="utf-8").write(dump(v2_search(issues, data_center=(name == "password-reset"))))
        open(name + ".csv", "w", encoding="utf-8", newline="").write(jira_csv(issues))
    # Sorted keys and two-space indentation: the form `spine convert -t ast` writes.
    ast = json.dumps(ast_document(PROJECTS["password-reset"]), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    open("password-reset.ast.json", "w", encoding="utf-8").write(ast)
