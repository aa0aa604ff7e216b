#!/usr/bin/env python3
"""cxaudit performance benchmark: cxaudit vs the libxml2 parse floor vs an ISO Schematron peer.

    python3 Benchmarks/run.py            # 10k, 100k and 1M records (a few minutes on 2 cores)
    python3 Benchmarks/run.py --big      # also ~1 GB in 100 files

Builds cxaudit in release mode (.build-bench), generates corpora in a temporary folder, and prints
one table: wall time, MB/s and peak RSS of each contender, and the ratios against the targets.
Needs: cc and libxml2-dev (for the floor), python3 with lxml (the peer), /usr/bin/time.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def measure(command):
    """Wall time (s) and peak RSS (MB) of one run of `command`."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return elapsed, int(match.group(1)) / 1024 if match else 0


def timed_in_rounds(commands, rounds):
    """Median wall time and peak RSS of each named command, run one after the other in
    `rounds` rounds, so that a shared machine speeding up or slowing down during the
    measurement affects every contender alike rather than whichever ran then."""
    samples = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            samples[name].append(measure(command))
    return {name: (statistics.median(t for t, _ in runs), max(r for _, r in runs)) for name, runs in samples.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="add a ~1 GB corpus of 100 files")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of measurement (medians) up to 1M records; the ~1 GB corpus and the peer run once")
    parser.add_argument("--binary", help="use this cxaudit binary instead of building one")
    args = parser.parse_args()

    binary = args.binary
    if not binary:
        print("building cxaudit (release)…", flush=True)
        run(["swift", "build", "-c", "release", "--product", "cxaudit", "--scratch-path", ".build-bench"], cwd=ROOT)
        binary = os.path.join(ROOT, ".build-bench", "release", "cxaudit")
    floor = os.path.join(tempfile.gettempdir(), "cxaudit-parse-floor")
    cflags = run(["pkg-config", "--cflags", "--libs", "libxml-2.0"]).stdout.split()
    run(["cc", "-O2", "-o", floor, os.path.join(HERE, "parse_floor.c")] + cflags)

    sizes = [("10k", 10_000, 1), ("100k", 100_000, 10), ("1M", 1_000_000, 20)]
    if args.big:
        sizes.append(("~1 GB", 3_200_000, 100))
    work = tempfile.mkdtemp(prefix="cxaudit-bench-")
    rows = []
    try:
        for label, records, files in sizes:
            corpus = os.path.join(work, label.replace(" ", "").replace("~", ""))
            run([sys.executable, os.path.join(HERE, "generate_corpus.py"), "--out", corpus, "--records", str(records), "--files", str(files)])
            xml_files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.startswith("complaints-"))
            megabytes = sum(os.path.getsize(f) for f in xml_files) / 1e6
            largest = max(os.path.getsize(f) for f in xml_files) / 1e6
            rounds = args.repeat if records <= 1_000_000 else 1
            results = os.path.join(work, "results.json")
            check = [binary, "check", corpus, "--ruleset", os.path.join(HERE, "benchmark-ruleset.xml"), "--as-of", "2026-11-30",
                     "--no-config", "--fail-on", "never", "--format", "json", "--output", results]
            timings = timed_in_rounds(
                {"dom": [floor, "dom"] + xml_files, "stream": [floor, "stream"] + xml_files,
                 "one": check + ["--jobs", "1"], "two": check + ["--jobs", "2"]}, rounds)
            (dom, dom_rss), (stream, _), (one, one_rss), (two, two_rss) = (timings[k] for k in ("dom", "stream", "one", "two"))
            failures_file = os.path.join(work, "peer-failures.txt")
            peer, peer_rss = measure(
                [sys.executable, os.path.join(HERE, "schematron_peer.py"), failures_file, os.path.join(HERE, "benchmark.sch")] + xml_files)
            # Same failures? cxaudit: file|record key|assertion message; the peer: file|id|assert id.
            with open(results) as handle:
                ours = sorted(f"{f['evidence']['file']}|{f['evidence'].get('recordKey', '')}|{f['statement']}" for f in json.load(handle)["findings"])
            with open(failures_file) as handle:
                theirs = sorted(line for line in handle.read().split("\n") if line)
            rows.append(dict(label=label, records=records, files=files, mb=megabytes, largest=largest, dom=dom, dom_rss=dom_rss,
                             stream=stream, one=one, one_rss=one_rss, two=two, two_rss=two_rss, peer=peer, peer_rss=peer_rss,
                             failures=len(ours), same=ours == theirs))
            shutil.rmtree(corpus)
            print(f"  measured {label}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    print("| corpus | MB (files, largest) | libxml2 DOM parse | libxml2 stream | cxaudit --jobs 1 | cxaudit --jobs 2 | peak RSS cxaudit | Schematron peer (lxml) | failures, same as peer |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['label']} records | {r['mb']:.0f} ({r['files']}, {r['largest']:.0f}) | {r['dom']:.2f} s ({r['mb'] / r['dom']:.0f} MB/s) | "
              f"{r['stream']:.2f} s | {r['one']:.2f} s | {r['two']:.2f} s ({r['mb'] / r['two']:.0f} MB/s) | {r['two_rss']:.0f} MB | "
              f"{r['peer']:.2f} s | {r['failures']}, {'yes' if r['same'] else 'NO'} |")
    print()
    print("| corpus | throughput vs libxml2 DOM (target ≥ 50%) | speed-up vs Schematron (target ≥ 5×) | 1 → 2 cores (target ≈ 2×) | peak RSS / largest file |")
    print("|---|---|---|---|---|")
    for r in rows:
        throughput = r["dom"] / r["two"]
        speedup = r["peer"] / r["two"]
        scaling = r["one"] / r["two"]
        print(f"| {r['label']} | {throughput:.0%} {'PASS' if throughput >= 0.5 else 'MISS'} | {speedup:.1f}× {'PASS' if speedup >= 5 else 'MISS'} | "
              f"{scaling:.2f}× {'PASS' if scaling >= 1.6 else 'MISS'} | {r['two_rss'] / max(r['largest'], 1):.1f}× |")


if __name__ == "__main__":
    main()
