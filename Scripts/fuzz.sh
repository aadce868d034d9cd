#!/usr/bin/env bash
# Fuzzes one reader with libFuzzer (shipped with Swift on Linux), seeded from Fixtures/.
#   Scripts/fuzz.sh TARGET SECONDS      e.g. Scripts/fuzz.sh markdown 600
#   Scripts/fuzz.sh list                lists the targets (every format with a reader)
# Each input is read; when reading succeeds the output of the same format's writer must read
# back to an equal document and rewrite to identical bytes (see Sources/SpineRobustness).
# Inputs slower than 1 s, crashes and leaks (AddressSanitizer/LeakSanitizer) stop the run and
# are saved under .build-fuzz-work/artifacts/TARGET/ (outside the build folder, which SwiftPM
# prunes); copy each into Fixtures/regressions/TARGET/
# so the regression test replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build -c release --product spine-fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DSPINE_FUZZ >&2
binary=.build-fuzz/release/spine-fuzz
if [ "${1:-}" = "list" ] || [ $# -lt 2 ]; then
  swift build --product spine-fuzz >/dev/null 2>&1 && .build/debug/spine-fuzz || true
  [ $# -lt 2 ] && exit 2 || exit 0
fi
target=$1
seconds=$2
corpus=.build-fuzz-work/corpus/$target
artifacts=.build-fuzz-work/artifacts/$target
mkdir -p "$corpus" "$artifacts"
case $target in
  markdown) patterns=("*.md" "*.markdown") ;;
  confluence) patterns=("*.xhtml" "*.storage" "*.storage.xml") ;;
  adf) patterns=("*.adf.json") ;;
  jira) patterns=("Fixtures/jira/*.json" "Fixtures/collate/*.json") ;;
  jira-wiki) patterns=("*.wiki" "*.jira") ;;
  jira-csv) patterns=("*.csv") ;;
  docx) patterns=("*.docx") ;;
  flat-opc) patterns=("Fixtures/word/*.xml") ;;
  ast) patterns=("*.ast.json") ;;
  *) patterns=() ;;
esac
for pattern in "${patterns[@]}"; do
  if [[ $pattern == */* ]]; then
    for file in $pattern; do [ -f "$file" ] && cp "$file" "$corpus/" || true; done
  else
    find Fixtures -name "$pattern" -size -256k -exec cp {} "$corpus/" \; 2>/dev/null || true
  fi
done
if [ -d "Fixtures/regressions/$target" ]; then cp Fixtures/regressions/"$target"/* "$corpus/" 2>/dev/null || true; fi
echo "fuzz: $target for ${seconds}s, $(ls "$corpus" | wc -l) seed files" >&2
SPINE_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=1 "$binary" "$corpus" \
  -max_total_time="$seconds" -timeout=1 -rss_limit_mb=4096 -max_len=262144 \
  -artifact_prefix="$artifacts/" -print_final_stats=1
