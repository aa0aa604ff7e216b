#!/usr/bin/env bash
# Opens the sample's traceability CSV in LibreOffice Calc (headless, converted to
# xlsx) and reads the workbook back with openpyxl, as a spreadsheet user would see
# it (issue #18): the byte-order mark is read as the encoding and not as text, "—"
# arrives intact, and every clause id (9.2, 8.5.1, 10.3) is a text cell equal to the
# id, not a number (9.10 → 9.1) or a date. Needs Debian's libreoffice-calc-nogui (or
# libreoffice-calc) and openpyxl (Scripts/requirements-validate.txt).
#
#   Scripts/check-csv-spreadsheet.sh [OUT_DIR]
#
# Headless conversion has no import dialog: LibreOffice's API default is Windows-1252
# whatever the file holds, while its import dialog and Excel pick UTF-8 from the
# byte-order mark. So the script checks the mark is there and passes the options the
# dialog then shows (comma, double quote, UTF-8, everything else at its default,
# formulas evaluated).
#
# CXAUDIT_BIN names the binary; default: the package's debug build.
set -euo pipefail
cd "$(dirname "$0")/.."

soffice="$(command -v soffice || command -v libreoffice || true)"
if [ -z "$soffice" ]; then
    echo "error: LibreOffice not found; install it with: apt-get install libreoffice-calc-nogui" >&2
    exit 2
fi
out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/cxaudit-csv.XXXXXX")}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
bin="${CXAUDIT_BIN:-$(swift build --show-bin-path)/cxaudit}"
[ -x "$bin" ] || swift build --product cxaudit

status=0
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1796025600}" "$bin" check --as-of 2026-11-30 --format csv,json --output-dir "$out" || status=$?
# 1 means findings, which the sample has on purpose; anything else is a failure.
[ "$status" -le 1 ] || exit "$status"

# 44 = comma, 34 = double quote, 76 = UTF-8, 1 = start at the first line.
HOME="$out/.home" "$soffice" --headless --norestore --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$out" "$out/traceability.csv" >"$out/soffice.log" 2>&1
rm -rf "$out/.home"

python3 - "$out" <<'PYTHON'
import csv
import json
import sys

import openpyxl

out = sys.argv[1]
failures = []

with open(f"{out}/traceability.csv", "rb") as handle:
    raw = handle.read()
if not raw.startswith(b"\xef\xbb\xbf"):
    failures.append("the CSV does not start with the UTF-8 byte-order mark")
with open(f"{out}/traceability.csv", encoding="utf-8-sig", newline="") as handle:
    source = list(csv.reader(handle, strict=True))
with open(f"{out}/results.json", encoding="utf-8") as handle:
    clause_ids = {clause["number"] for clause in json.load(handle)["clauses"]}

sheet = openpyxl.load_workbook(f"{out}/traceability.xlsx", data_only=True).active
rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
header = rows[0]
if header[:2] != ["ruleset", "clause"]:
    failures.append(f"header is {header[:2]!r}: the byte-order mark leaked into the first cell")
if len(rows) != len(source):
    failures.append(f"{len(rows)} rows in the sheet, {len(source)} in the CSV")
clause = header.index("clause") if "clause" in header else 1
seen = set()
for number, row in enumerate(rows[1:], start=2):
    value = row[clause]
    if not isinstance(value, str):
        failures.append(f"row {number}: clause {value!r} became a {type(value).__name__}")
    elif value not in clause_ids:
        failures.append(f"row {number}: clause {value!r} is not a clause id of the run")
    else:
        seen.add(value)
missing = clause_ids - seen
if missing:
    failures.append(f"clauses without a row: {sorted(missing)[:5]}")
dashes = [cell for row in rows for cell in row if isinstance(cell, str) and "—" in cell]
source_dashes = [cell for row in source for cell in row if "—" in cell]
if not source_dashes:
    failures.append("the sample CSV has no '—' to check")
elif len(dashes) != len(source_dashes) or any("â€" in str(cell) for row in rows for cell in row):
    failures.append(f"'—' garbled: {len(dashes)} cells with it in the sheet, {len(source_dashes)} in the CSV")

for failure in failures:
    print(f"FAIL  {failure}")
if failures:
    sys.exit(1)
print(
    f"ok    LibreOffice Calc read {len(rows) - 1} rows: {len(seen)} clause ids kept as text (e.g. {sorted(seen)[:3]}), "
    f"{len(dashes)} cells with '—' intact, the byte-order mark not in the data"
)
PYTHON
