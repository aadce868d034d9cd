#!/usr/bin/env bash
# The main job on bundled fixtures: installs what is missing, builds, and converts a fixture.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build -c release --product spine >&2
.build/release/spine convert Fixtures/demo/prd.ast.json -t ast
