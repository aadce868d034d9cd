#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what is missing, then `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift test --disable-swift-testing "$@"
