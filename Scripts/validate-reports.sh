#!/usr/bin/env bash
# Produces every report format from the sample organization with the real cxaudit
# binary (SOURCE_DATE_EPOCH fixed), checks that a second run gives the same bytes,
# and validates each file, and the edge-case snapshots of the tests, with the tool
# that consumes its format (Scripts/validate_reports.py). Needs the validators of
# Scripts/requirements-validate.txt and jing; .ci/run installs them.
#
#   Scripts/validate-reports.sh [OUT_DIR]
#
# CXAUDIT_BIN names the binary; default: the package's debug build.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/cxaudit-reports.XXXXXX")}"
mkdir -p "$out"
bin="${CXAUDIT_BIN:-$(swift build --show-bin-path)/cxaudit}"
if [ ! -x "$bin" ]; then
    swift build --product cxaudit
fi
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1796025600}"
formats="json,junit,sarif,svrl,oscal,html,csv,markdown,console"

run() {
    local status=0
    "$bin" check --as-of 2026-11-30 --format "$formats" --output-dir "$1" --jobs "$2" || status=$?
    # 1 means findings, which the sample has on purpose; anything else is a failure.
    if [ "$status" -gt 1 ]; then
        echo "cxaudit check exited $status" >&2
        exit "$status"
    fi
}
run "$out/first" 1
run "$out/second" 2
if ! diff -r "$out/first" "$out/second"; then
    echo "FAIL  the same inputs gave different bytes" >&2
    exit 1
fi
echo "ok    every format is byte-identical across two runs (--jobs 1 and 2, SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)"

sample="$out/first"
snapshots="Tests/AuditReportsTests/Fixtures/snapshots"
python3 Scripts/validate_reports.py \
    json="$sample/results.json" sarif="$sample/results.sarif" junit="$sample/junit.xml" svrl="$sample/results.svrl" \
    oscal="$sample/assessment-results.json" html="$sample/report.html" csv="$sample/traceability.csv" markdown="$sample/summary.md" \
    json="$snapshots/edge-cases.results.json" sarif="$snapshots/edge-cases.sarif" junit="$snapshots/edge-cases.junit.xml" \
    svrl="$snapshots/edge-cases.svrl" oscal="$snapshots/edge-cases.oscal.json" html="$snapshots/edge-cases.html" \
    csv="$snapshots/edge-cases.traceability.csv" markdown="$snapshots/edge-cases.summary.md"
