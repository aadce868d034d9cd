#!/usr/bin/env python3
# Makes a large Jira v3 search response for the speed measurement in Formats/jira-json.md:
# the issues of Fixtures/jira/epic-v3.jira.json repeated with new keys and ids until the compact
# JSON reaches the requested size. Deterministic: the same size always gives the same bytes.
#   python3 Scripts/make-jira-search.py OUT.json [MEGABYTES]   (default 16)
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
source = os.path.join(here, "..", "Fixtures", "jira", "epic-v3.jira.json")
out_path = sys.argv[1]
limit = int(float(sys.argv[2]) * 1_048_576) if len(sys.argv) > 2 else 16 * 1_048_576

with open(source, encoding="utf-8") as handle:
    page = json.load(handle)
templates = [json.dumps(issue, ensure_ascii=False, separators=(",", ":")) for issue in page["issues"]]

issues = []
size = 0
number = 0
while size < limit:
    template = templates[number % len(templates)]
    number += 1
    # New key and id per copy, so no two issues collide (the reader skips duplicate keys).
    old = page["issues"][(number - 1) % len(templates)]
    text = template.replace('"key":"%s"' % old["key"], '"key":"BIG-%d"' % number, 1)
    text = text.replace('"id":"%s"' % old["id"], '"id":"%d"' % (100000 + number), 1)
    issues.append(text)
    size += len(text.encode("utf-8")) + 1

head = {k: v for k, v in page.items() if k not in ("issues", "names", "schema")}
head["total"] = len(issues)
head["maxResults"] = len(issues)
parts = [json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1], ',"issues":[', ",".join(issues), "]"]
for name in ("names", "schema"):
    if name in page:
        parts.append(',"%s":%s' % (name, json.dumps(page[name], ensure_ascii=False, separators=(",", ":"))))
parts.append("}")
with open(out_path, "w", encoding="utf-8") as handle:
    handle.write("".join(parts))
print("%s: %d issues, %d bytes" % (out_path, len(issues), os.path.getsize(out_path)))
