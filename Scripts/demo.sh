#!/usr/bin/env bash
# The main job on bundled fixtures: installs what is missing, builds, and collates an epic and
# its stories (a recorded Jira Cloud search response) into one Markdown requirements document.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build -c release --product spine >&2
.build/release/spine collate Fixtures/collate/password-reset.v3.json --site https://example.atlassian.net -t markdown
