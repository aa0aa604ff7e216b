#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (declared in Package.swift only when
# CXAUDIT_FUZZ is set) with AddressSanitizer and runs each one for a bounded time,
# one fuzzer process at a time, on seeds from the sample evidence, the rulesets and
# the test fixtures. See docs/fuzzing.md.
#
#   Scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]
#
# SECONDS_PER_TARGET defaults to 60; TARGETs default to all of them (FuzzRuleset,
# FuzzRegister, FuzzXMLEvidence, FuzzCSVEvidence, FuzzJSONEvidence, FuzzXLSXEvidence,
# FuzzDOCXEvidence, FuzzODSEvidence, FuzzODTEvidence, FuzzPackVerify).
#
# Everything goes under .build-fuzz (git-ignored): the binaries (.build-fuzz/debug),
# each target's working corpus (.build-fuzz/corpus/TARGET, kept and grown from run
# to run), dictionaries, logs (.build-fuzz/logs/TARGET.log) and the inputs that
# crashed, hung or ran out of memory (.build-fuzz/artifacts/TARGET/crash-*,
# timeout-*, oom-*, leak-*).
#
# Environment: FUZZ_RSS_LIMIT_MB (default 2048), FUZZ_TIMEOUT (seconds one input may
# take, default 10), FUZZ_NO_BUILD=1 to reuse the binaries already built,
# FUZZ_SCRATCH (default .build-fuzz) for another scratch path.
#
# Exit status: 0 when no target found anything; 1 when a target found a crash, hang,
# out-of-memory or leak (the artifacts are listed); 2 on usage or build errors.
set -euo pipefail
cd "$(dirname "$0")/.."
repository="$(pwd)"

all_targets=(FuzzXMLEvidence FuzzCSVEvidence FuzzJSONEvidence FuzzRegister FuzzRuleset FuzzPackVerify
    FuzzXLSXEvidence FuzzDOCXEvidence FuzzODSEvidence FuzzODTEvidence)

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
    echo "usage: Scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]" >&2
    exit 2
fi
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    if [ ! -d "Fuzz/$target" ] || [[ "$target" != Fuzz* ]]; then
        echo "error: unknown fuzz target '$target' (known: ${all_targets[*]})" >&2
        exit 2
    fi
done

scratch="${FUZZ_SCRATCH:-.build-fuzz}"
rss_limit="${FUZZ_RSS_LIMIT_MB:-2048}"
timeout="${FUZZ_TIMEOUT:-10}"
corpus_root="$scratch/corpus"
artifacts_root="$scratch/artifacts"
logs="$scratch/logs"
dictionaries="$scratch/dictionaries"
seeds_root="$scratch/seeds"
mkdir -p "$corpus_root" "$artifacts_root" "$logs" "$dictionaries"

export CXAUDIT_FUZZ=1
export CXAUDIT_HOME="$repository"
# Leaks count as findings (Fuzz/lsan.supp lists the known ones outside this package). Swift's
# own crash backtracer is off: libFuzzer prints the stack, and the backtracer's memory reads
# look like use-after-free to ASan.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:handle_abort=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$repository/Fuzz/lsan.supp:print_suppressions=0}"
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
    for target in "${targets[@]}"; do
        echo "== building $target"
        if ! swift build --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld \
            --product "$target" >"$logs/build-$target.log" 2>&1; then
            tail -40 "$logs/build-$target.log" >&2
            echo "error: building $target failed (log: $logs/build-$target.log)" >&2
            exit 2
        fi
    done
fi

# --- seeds -------------------------------------------------------------------------
# Files under the sample organizations and test fixtures, by extension, at most 128 KB.
sources=(Evidence/northwind Evidence/kestrel Rulesets Tests/*/Fixtures)
seed_files() { # extension...
    local expression=()
    for extension in "$@"; do expression+=(-o -name "*.$extension"); done
    find "${sources[@]}" -type f \( "${expression[@]:1}" \) -size -129k 2>/dev/null | sort
}

# Office files also become "parts" seeds (see EvidenceFuzzing.officeBytes), and evidence
# packs are made from scratch, so that both reach past the ZIP layer. Needs python3.
rm -rf "$seeds_root"
mkdir -p "$seeds_root"
if command -v python3 >/dev/null; then
    python3 - "$seeds_root" "$repository" <<'PYTHON'
import hashlib, os, pathlib, sys, zipfile

out, repository = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for extension in ("xlsx", "docx", "ods", "odt"):
    folder = out / f"parts-{extension}"
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(repository.glob(f"**/*.{extension}")):
        if ".build" in str(path.relative_to(repository)).split(os.sep)[0]:
            continue
        try:
            with zipfile.ZipFile(path) as archive:
                parts = b"".join(
                    b"=== " + info.filename.encode() + b"\n" + archive.read(info) + b"\n"
                    for info in archive.infolist() if not info.is_dir() and info.file_size <= 128 * 1024)
        except Exception:
            continue  # a deliberately hostile fixture (zip-slip, bomb) stays a raw seed only
        if parts and len(parts) <= 128 * 1024:
            (folder / (path.stem + ".parts")).write_bytes(parts)

def pack(name, entries, manifest_edit=None, verdict=None):
    manifest = "".join(f"{hashlib.sha256(data).hexdigest()}  data/{path}\n" for path, data in sorted(entries.items()))
    if manifest_edit:
        manifest = manifest_edit(manifest)
    tags = {"bagit.txt": b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", "manifest-sha256.txt": manifest.encode()}
    if verdict is not None:
        tags["verdict.intoto.jsonl"] = verdict
    folder = out / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in sorted(entries.items()):
            archive.writestr("data/" + path, data)
        for path, data in sorted(tags.items()):
            archive.writestr(path, data)
        archive.writestr("tagmanifest-sha256.txt", "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in sorted(tags.items())))

entries = {
    "index.html": b"<!DOCTYPE html><title>pack</title>",
    "run.json": b'{"tool":"cxaudit","asOf":"2026-11-30"}\n',
    "evidence/complaints/log.csv": b"id,received\nC-1,2026-01-02\n",
    "evidence/evidence-register.xml": b'<evidence-register version="1"/>\n',
}
pack("intact.zip", entries)
pack("signed.zip", entries, verdict=b'{"payload":"e30=","payloadType":"application/vnd.in-toto+json","signatures":[{"keyid":"k","sig":"c2ln"}]}\n')
pack("modified.zip", {**entries, "run.json": b"{}\n"}, manifest_edit=lambda m: m)
pack("renamed.zip", entries, manifest_edit=lambda m: m.replace("index.html", "index.htm"))
PYTHON
else
    echo "warning: python3 not found: no parts seeds for office formats, no pack seeds" >&2
fi

seeds_for() { # target -> seed file paths on stdout
    case "$1" in
        FuzzRuleset) grep -l '<ruleset[ >]' $(seed_files xml) 2>/dev/null || true ;;
        FuzzRegister) seed_files xml | grep '/evidence-register.xml$' || true ;;
        FuzzXMLEvidence) seed_files xml ;;
        FuzzCSVEvidence) seed_files csv txt ;;
        FuzzJSONEvidence) seed_files json ;;
        FuzzXLSXEvidence) seed_files xlsx; find "$seeds_root/parts-xlsx" -type f 2>/dev/null ;;
        FuzzDOCXEvidence) seed_files docx; find "$seeds_root/parts-docx" -type f 2>/dev/null ;;
        FuzzODSEvidence) seed_files ods; find "$seeds_root/parts-ods" -type f 2>/dev/null ;;
        FuzzODTEvidence) seed_files odt; find "$seeds_root/parts-odt" -type f 2>/dev/null ;;
        FuzzPackVerify) find "$seeds_root/packs" -type f 2>/dev/null; seed_files docx xlsx ods odt ;;
    esac
}

max_len_for() {
    case "$1" in
        FuzzRuleset | FuzzRegister | FuzzPackVerify) echo 65536 ;;
        *) echo 131072 ;;
    esac
}

dictionary_for() { # target -> a dictionary file, merged from Fuzz/dictionaries and the schemas
    local target="$1" file="$dictionaries/$1.dict"
    case "$target" in
        FuzzJSONEvidence) cat Fuzz/dictionaries/json.dict >"$file" ;;
        FuzzCSVEvidence) cat Fuzz/dictionaries/csv.dict >"$file" ;;
        FuzzPackVerify) cat Fuzz/dictionaries/pack.dict >"$file" ;;
        FuzzXLSXEvidence | FuzzDOCXEvidence | FuzzODSEvidence | FuzzODTEvidence)
            cat Fuzz/dictionaries/xml.dict Fuzz/dictionaries/office.dict >"$file" ;;
        FuzzRuleset | FuzzRegister)
            local schema=Rulesets/schema/ruleset-1.rng
            [ "$target" = FuzzRegister ] && schema=Rulesets/schema/evidence-register-1.rng
            {
                cat Fuzz/dictionaries/xml.dict
                # Element and attribute names, and enumerated values, of the language.
                grep -oE '(name="[A-Za-z][A-Za-z0-9:-]*"|<value>[^<"\\]{1,40}</value>)' "$schema" |
                    sed -E 's/^name="(.*)"$/\1/; s/^<value>(.*)<\/value>$/\1/' | sort -u | sed 's/.*/"&"/'
                echo '"urn:cxaudit:ruleset:1"'
            } >"$file" ;;
        *) cat Fuzz/dictionaries/xml.dict >"$file" ;;
    esac
    echo "$file"
}

# --- runs --------------------------------------------------------------------------
found=0
summary="$scratch/summary.txt"
printf '%-18s %8s %12s %8s %8s %8s  %s\n' target seconds executions cov ft corpus result >"$summary"
for target in "${targets[@]}"; do
    binary="$scratch/debug/$target"
    [ -x "$binary" ] || { echo "error: $binary is missing; run without FUZZ_NO_BUILD" >&2; exit 2; }
    corpus="$corpus_root/$target"
    artifacts="$artifacts_root/$target"
    mkdir -p "$corpus" "$artifacts"
    seeded=0
    while IFS= read -r seed; do
        [ -n "$seed" ] && [ -f "$seed" ] || continue
        name="seed-$(sha1sum "$seed" | cut -c1-40)"
        [ -e "$corpus/$name" ] || cp "$seed" "$corpus/$name"
        seeded=$((seeded + 1))
    done < <(seeds_for "$target")
    dictionary="$(dictionary_for "$target")"
    log="$logs/$target.log"
    before=$(find "$artifacts" -type f | wc -l)
    echo "== $target: ${seconds}s, $seeded seeds, corpus $corpus"
    export CXAUDIT_FUZZ_SCRATCH="$scratch/scratch/$target"
    rm -rf "$CXAUDIT_FUZZ_SCRATCH"
    start=$(date +%s)
    status=0
    "$binary" "$corpus" -max_total_time="$seconds" -rss_limit_mb="$rss_limit" -malloc_limit_mb="$rss_limit" \
        -timeout="$timeout" -max_len="$(max_len_for "$target")" -dict="$dictionary" \
        -artifact_prefix="$artifacts/" -print_final_stats=1 -close_fd_mask=1 >"$log" 2>&1 || status=$?
    elapsed=$(($(date +%s) - start))
    rm -rf "$CXAUDIT_FUZZ_SCRATCH"
    last="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
    field() { sed -nE "s/.* $1: *([0-9]+[a-zA-Z]*).*/\1/p" <<<"$last"; }
    executions="$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)"
    after=$(find "$artifacts" -type f | wc -l)
    result=ok
    if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
        result="FOUND (exit $status): $(grep -m1 -E '^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*: Fatal error)' "$log" || echo "see $log")"
        found=1
    fi
    printf '%-18s %8s %12s %8s %8s %8s  %s\n' "$target" "$elapsed" "${executions:-?}" "$(field cov)" "$(field ft)" \
        "$(find "$corpus" -type f | wc -l)" "$result" | tee -a "$summary"
done

echo
cat "$summary"
echo "logs: $logs"
echo "artifacts: $artifacts_root"
if [ "$found" -ne 0 ]; then
    echo "inputs that crashed, hung, ran out of memory or leaked:"
    find "$artifacts_root" -type f -newer "$summary" -o -type f -name 'crash-*' -o -type f -name 'timeout-*' \
        -o -type f -name 'oom-*' -o -type f -name 'leak-*' | sort -u | sed 's/^/  /'
    echo "reproduce one with: $scratch/debug/TARGET FILE (docs/fuzzing.md)"
    exit 1
fi
