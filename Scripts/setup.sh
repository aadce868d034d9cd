#!/usr/bin/env bash
# Installs the system libraries Spine builds against, when they are missing (Debian/Ubuntu).
set -euo pipefail
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists libxml-2.0 || missing+=(libxml2-dev)
  pkg-config --exists zlib || missing+=(zlib1g-dev)
else
  missing+=(libxml2-dev zlib1g-dev)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
