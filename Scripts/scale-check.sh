#!/usr/bin/env bash
# Scale check (issue #19): the sample generator's --scale works as the README says, and
# cxaudit audits Northwind at 1,000 times its size — a 75 MB complaints log of 4.8 million
# fields, the size of a large utility's yearly export — to the end: findings (exit 1),
# never refused (exit 2). Prints the run's wall time and peak memory.
#
#   Scripts/scale-check.sh [SCALE]        # default 1000
#
# Too slow for `swift test` (generating takes minutes, the audit half a minute in a
# release build), so CI runs it on its own. Needs python3 with openpyxl and python-docx
# (the sample's office files: pip install openpyxl python-docx). CXAUDIT_BIN names the
# binary; default: the package's release build, built if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

scale="${1:-1000}"
if ! python3 -c 'import openpyxl, docx' 2>/dev/null; then
    echo "error: the sample generator needs openpyxl and python-docx: pip install openpyxl python-docx" >&2
    exit 2
fi
bin="${CXAUDIT_BIN:-$(swift build -c release --show-bin-path)/cxaudit}"
[ -x "$bin" ] || swift build -c release --product cxaudit
work="$(mktemp -d "${TMPDIR:-/tmp}/cxaudit-scale.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The README's command as written: every sample organization, larger, under one folder.
python3 Evidence/tools/generate_sample.py --scale 2 --out "$work/readme" > /dev/null
for org in northwind kestrel every-gap; do
    if [ ! -f "$work/readme/$org/evidence-register.xml" ]; then
        echo "error: generate_sample.py --scale 2 --out DIR made no $org/evidence-register.xml" >&2
        exit 1
    fi
done

python3 Evidence/tools/generate_sample.py --org northwind --scale "$scale" --out "$work/northwind" > /dev/null
log="$work/northwind/complaints/complaints-log-2026.csv"
echo "Northwind x$scale: complaints log of $(wc -c < "$log") bytes"

timing=()
if [ -x /usr/bin/time ]; then timing=(/usr/bin/time -v -o "$work/time.txt"); fi
status=0
"${timing[@]}" "$bin" check "$work/northwind" --as-of 2026-11-30 --no-config > "$work/report.txt" 2> "$work/stderr.txt" || status=$?
if [ -f "$work/time.txt" ]; then
    grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$work/time.txt" | sed 's/^\s*/  /'
fi
if [ "$status" -ne 1 ]; then
    echo "error: the audit exited with status $status, expected 1 (findings):" >&2
    grep -E "error:" "$work/report.txt" "$work/stderr.txt" | head -20 >&2 || true
    exit 1
fi
if grep -q "memory guard" "$work/report.txt"; then
    echo "error: a file was refused as a memory guard:" >&2
    grep "memory guard" "$work/report.txt" | head -5 >&2
    exit 1
fi
# The complaints log was read and its rules judged it: passes and findings, no errors.
if ! grep -q "\[CL-2026\]" "$work/report.txt" || grep -q "ERROR.*\[CL-2026\]" "$work/report.txt"; then
    echo "error: the rules could not judge the complaints log (CL-2026):" >&2
    grep "CL-2026" "$work/report.txt" | head -5 >&2
    exit 1
fi
grep -E "^Findings:" "$work/report.txt"
echo "scale check passed"
