#!/usr/bin/env bash
# Checks that the Word packages Spine writes open in LibreOffice (converted to PDF) and in
# python-docx, and renders page 1 of each to PNG for a look by eye. Skips each check with a
# clear message when its tool is missing. Usage: Scripts/check-docx.sh [output-folder]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/check-docx}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

echo "== writing sample packages into $out"
SPINE_DOCX_OUT="$out" swift test --filter SpineWordTests.SampleOutputTests >"$out/swift-test.log" 2>&1 \
  || { echo "FAIL: swift test (see $out/swift-test.log)"; exit 1; }
# With the CLI wired up, also convert the Markdown and collated fixtures.
if [ -x .build/debug/spine ] && .build/debug/spine formats 2>/dev/null | grep -q '^ *docx'; then
  for md in Fixtures/markdown/*.md; do
    [ -e "$md" ] || continue
    .build/debug/spine convert "$md" -o "$out/md-$(basename "${md%.md}").docx" 2>>"$out/spine.log" || echo "warn: spine failed on $md"
  done
else
  echo "skip: the spine CLI does not write docx yet; checking the samples only"
fi
shopt -s nullglob
# LibreOffice cannot open Flat OPC itself: repack each pkg:package into a ZIP independently
# of Spine (python's zipfile + ElementTree), so the check covers the Flat OPC parts too.
for flat in "$out"/*.xml; do
  python3 - "$flat" "${flat%.xml}.flat.docx" <<'PY'
import base64, sys, zipfile
import xml.etree.ElementTree as ET
PKG = "{http://schemas.microsoft.com/office/2006/xmlPackage}"
for _, (prefix, uri) in ET.iterparse(sys.argv[1], events=["start-ns"]):
    ET.register_namespace(prefix, uri)   # keep w:, r:, … as written
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == PKG + "package", root.tag
types = ['<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">']
parts = []
for part in root.findall(PKG + "part"):
    name, ctype = part.get(PKG + "name"), part.get(PKG + "contentType")
    types.append(f'<Override PartName="{name}" ContentType="{ctype}"/>')
    xml_data, binary = part.find(PKG + "xmlData"), part.find(PKG + "binaryData")
    data = ET.tostring(xml_data[0], encoding="utf-8", xml_declaration=True) if xml_data is not None else base64.b64decode(binary.text)
    parts.append((name.lstrip("/"), data))
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "".join(types) + "</Types>")
    for name, data in parts:
        z.writestr(name, data)
print(f"repacked {sys.argv[1].rsplit('/', 1)[-1]} -> {sys.argv[2].rsplit('/', 1)[-1]}")
PY
done
packages=("$out"/*.docx)
failures=0

if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
  office="$(command -v soffice || command -v libreoffice)"
  echo "== LibreOffice: converting ${#packages[@]} package(s) to PDF"
  for file in "${packages[@]}"; do
    rm -f "${file%.*}.pdf"
    if timeout 180 "$office" --headless --convert-to pdf --outdir "$out" "$file" >/dev/null 2>&1 && [ -s "${file%.*}.pdf" ]; then
      echo "ok   $(basename "$file") -> $(basename "${file%.*}.pdf")"
    else
      echo "FAIL $(basename "$file"): LibreOffice could not convert it"; failures=$((failures + 1))
    fi
  done
  if command -v pdftoppm >/dev/null 2>&1; then
    for pdf in "$out"/*.pdf; do pdftoppm -r 60 -f 1 -l 2 -png "$pdf" "${pdf%.pdf}-page"; done
    echo "rendered page PNGs: $out/*-page-*.png (look at them)"
  else
    echo "skip: pdftoppm not found (apt-get install poppler-utils) — no PNG rendering"
  fi
else
  echo "skip: LibreOffice not found (apt-get install libreoffice-writer-nogui) — PDF check not run"
fi

if python3 -c 'import docx' >/dev/null 2>&1; then
  echo "== python-docx: opening every .docx"
  for file in "$out"/*.docx; do
    if python3 - "$file" <<'PY'
import sys, docx
d = docx.Document(sys.argv[1])
paragraphs = [p for p in d.paragraphs if p.text.strip()]
assert paragraphs or d.tables, "no content"
for p in d.paragraphs:
    p.style.name  # every referenced style resolves
print(f"ok   {sys.argv[1].rsplit('/', 1)[-1]}: {len(paragraphs)} paragraphs, {len(d.tables)} tables, title={d.core_properties.title!r}")
PY
    then :; else echo "FAIL $(basename "$file"): python-docx could not read it"; failures=$((failures + 1)); fi
  done
else
  echo "skip: python-docx not installed (pip install python-docx) — python-docx check not run"
fi

if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed"; exit 1; fi
echo "all available checks passed"
