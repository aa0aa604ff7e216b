#!/usr/bin/env bash
# Renders the HTML report of the sample organization in headless Chromium, as a
# screenshot (PNG) and as a printed PDF, so a person can look at what the quality
# manager and the auditor see. Needs Debian's `chromium` (apt-get install chromium);
# nothing is fetched: the report is self-contained and forbids network access.
#
#   Scripts/screenshot-report.sh [OUT_DIR] [HTML]
#
# OUT_DIR defaults to .build-reports/screenshots; HTML defaults to a fresh report of
# the sample (built with the cxaudit binary in CXAUDIT_BIN or .build-reports/debug).
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-.build-reports/screenshots}"
html="${2:-}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
    echo "error: chromium not found; install it with: apt-get install chromium" >&2
    exit 2
fi

if [ -z "$html" ]; then
    bin="${CXAUDIT_BIN:-.build-reports/debug/cxaudit}"
    [ -x "$bin" ] || bin=".build/debug/cxaudit"
    status=0
    SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1796025600}" "$bin" check --as-of 2026-11-30 --format html --output "$out/report.html" || status=$?
    # 1 means findings, which the sample has on purpose; 2 means the run failed.
    [ "$status" -le 1 ] || exit "$status"
    html="$out/report.html"
fi
html="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
    --disable-background-networking --disable-sync --run-all-compositor-stages-before-draw
    --virtual-time-budget=2000 --user-data-dir="$out/.chromium-profile")

"$browser" "${flags[@]}" --window-size=1280,2400 --screenshot="$out/report.png" "file://$html" 2>/dev/null
"$browser" "${flags[@]}" --window-size=420,1800 --screenshot="$out/report-narrow.png" "file://$html" 2>/dev/null
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "file://$html" 2>/dev/null
if command -v pdftoppm >/dev/null; then
    pdftoppm -png -r 60 -f 1 -l 3 "$out/report.pdf" "$out/report-page"
fi
rm -rf "$out/.chromium-profile"
ls -1 "$out"
