#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and under ThreadSanitizer, each in
# its own build folder (.build-asan, .build-tsan; a first build takes several minutes).
#
#   Scripts/sanitizers.sh            # both
#   Scripts/sanitizers.sh address    # one of: address, thread
#
# The test binary and the cxaudit binary the end-to-end tests run are both built with
# the sanitizer, so a report can come from either; any report fails the run (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."

sanitizers=("$@")
[ ${#sanitizers[@]} -eq 0 ] && sanitizers=(address thread)

# halt_on_error: the first report fails the test process instead of scrolling past.
# Leak checking is on; Scripts/lsan.supp lists what in other people's code it may not
# report, and why. The options reach the cxaudit processes the end-to-end tests start.
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:detect_leaks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/Scripts/lsan.supp:print_suppressions=0}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"

status=0
for sanitizer in "${sanitizers[@]}"; do
    # Tests that put resource limits on cxaudit (ulimit -v, -f) leave them off under a
    # sanitizer, whose runtime needs terabytes of address space and files of its own.
    export CXAUDIT_SANITIZER="$sanitizer"
    case "$sanitizer" in
        address) scratch=.build-asan ;;
        thread) scratch=.build-tsan ;;
        *) echo "unknown sanitizer '$sanitizer': use address or thread" >&2; exit 2 ;;
    esac
    log="$scratch/sanitizer-test.log"
    mkdir -p "$scratch"
    echo "== swift test --sanitize=$sanitizer (log: $log)"
    if swift test --sanitize="$sanitizer" --scratch-path "$scratch" 2>&1 | tee "$log" | grep -E "Test run with|error:|SUMMARY: |WARNING: ThreadSanitizer" ; then :; fi
    if grep -qE "ERROR: AddressSanitizer|ERROR: LeakSanitizer|WARNING: ThreadSanitizer|SUMMARY: (Address|Thread|Leak)Sanitizer" "$log" \
        || ! grep -qE "Test run with [0-9]+ tests? .*passed" "$log"; then
        echo "== $sanitizer: FAILED (see $log)"
        status=1
    else
        echo "== $sanitizer: clean"
    fi
done
exit $status
