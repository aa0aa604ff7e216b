#!/usr/bin/env bash
# Prints the sample's HTML report to PDF with headless Chromium, as "Print to PDF" does,
# extracts the text with pdftotext (poppler-utils), and checks that every record key,
# file:line and evidence file name the report shows came out whole: none broken over
# two lines (issue #18). The report lets a path wrap after a "/" only, so each file is
# checked as its last segment (`complaints-log-2026.csv:45`), the directories being
# tokens of their own. Needs Debian's chromium and poppler-utils.
#
#   Scripts/check-report-print.sh [OUT_DIR]
#
# CXAUDIT_BIN names the binary; default: the package's debug build.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in chromium pdftotext python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "error: $tool not found; install it with: apt-get install chromium poppler-utils" >&2
        exit 2
    fi
done
out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/cxaudit-print.XXXXXX")}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
bin="${CXAUDIT_BIN:-$(swift build --show-bin-path)/cxaudit}"
[ -x "$bin" ] || swift build --product cxaudit

status=0
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1796025600}" "$bin" check --as-of 2026-11-30 --format html,json --output-dir "$out" || status=$?
# 1 means findings, which the sample has on purpose; anything else is a failure.
[ "$status" -le 1 ] || exit "$status"

chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --disable-background-networking --disable-sync \
    --run-all-compositor-stages-before-draw --virtual-time-budget=2000 --user-data-dir="$out/.chromium-profile" \
    --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "file://$out/report.html" 2>/dev/null
rm -rf "$out/.chromium-profile"
pdftotext -enc UTF-8 "$out/report.pdf" "$out/report.txt"

python3 - "$out" <<'PYTHON'
import html
import json
import re
import sys

out = sys.argv[1]
with open(f"{out}/results.json", encoding="utf-8") as handle:
    run = json.load(handle)
with open(f"{out}/report.html", encoding="utf-8") as handle:
    page = handle.read()
with open(f"{out}/report.txt", encoding="utf-8") as handle:
    printed = handle.read()

# What the page reads as text: tags (and <wbr>) removed, entities decoded.
shown = html.unescape(re.sub(r"<[^>]+>", "", page))

files = {item["id"]: item["file"] for item in run["evidence"]["items"]}
name = lambda path: path.rsplit("/", 1)[-1]
expected = set()
for finding in run["findings"]:
    evidence = finding["evidence"]
    file = evidence.get("file") or files.get(evidence.get("itemId"))
    if file and evidence.get("line") is not None:
        expected.add(f"{name(file)}:{evidence['line']}")
    if evidence.get("recordKey"):
        expected.add(f"[{evidence['recordKey']}]")
expected.update(name(file) for file in files.values())
# The page cuts long lists ("… and N more"): only what it shows can be printed.
expected = sorted(token for token in expected if token in shown)

broken = [token for token in expected if token not in printed]
for token in broken:
    head = token[: max(1, len(token) // 2)]
    context = next((printed[max(0, i - 20) : i + len(token) + 20] for i in [printed.find(head)] if i >= 0), "not found")
    print(f"FAIL  {token!r} is not intact in the PDF text; around it: {context!r}")
keys = sum(token.startswith("[") for token in expected)
lines = sum(bool(re.search(r":\d+$", token)) for token in expected)
if not expected or keys == 0 or lines == 0:
    print("FAIL  the report shows no record key or file:line to check")
    sys.exit(1)
if broken:
    sys.exit(1)
print(f"ok    {keys} record keys, {lines} file:line and {len(expected) - keys - lines} evidence file names intact in the printed PDF ({out}/report.pdf)")
PYTHON
