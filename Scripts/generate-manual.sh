#!/usr/bin/env bash
# Regenerates docs/man/cxaudit.1 from the command definitions (swift-argument-parser's
# generate-manual plugin), then turns its blank lines into .Pp paragraph breaks, which mdoc
# wants: `man -l docs/man/cxaudit.1` then renders without a warning. ManualPageTests checks it.
#
#   Scripts/generate-manual.sh [DATE]      # DATE defaults to today (YYYY-MM-DD)
set -euo pipefail
cd "$(dirname "$0")/.."
swift package --allow-writing-to-directory docs/man generate-manual --output-directory docs/man \
    --date "${1:-$(date -u +%Y-%m-%d)}" --authors "the cxaudit authors"
sed -i 's/^$/.Pp/' docs/man/cxaudit.1
