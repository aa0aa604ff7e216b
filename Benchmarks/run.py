#!/usr/bin/env python3
"""cxaudit performance benchmark: cxaudit against libxml2 alone and against the tools used instead, with equal cores.

    python3 Benchmarks/run.py --quick    # 10k XML records, a 10k-row CSV and XLSX: about a minute
    python3 Benchmarks/run.py            # 10k, 100k and 1M XML records; a 1M-row CSV; a 100k-row XLSX
    python3 Benchmarks/run.py --big      # also ~1 GB of XML in 100 files
    python3 Benchmarks/run.py --binary .build-bench/release/cxaudit   # reuse a build

Builds cxaudit in release mode (.build-bench) unless --binary is given, generates the corpora in a
temporary folder, and prints two tables: each contender's wall time, throughput and peak RSS; then
the ratios against the targets of issue #20, with PASS or MISS.

Equal cores: cxaudit --jobs N is compared with N processes of every other contender working at the
same time, each over its share of the files (split by size), and the wall time until the last one
ends. DuckDB gets threads=N instead. frictionless validate runs in one process (it has no way to
split one table). Every figure is the median of --repeat interleaved rounds (each round runs every
contender once, one after the other, so a shared machine slowing down affects all alike); the
slowest peers (the EXSLT Schematron peer and frictionless) run once, in the first round.

Needs cc, libxml2-dev and xmllint (libxml2-utils), /usr/bin/time (time), and the Python packages
lxml, openpyxl, duckdb and frictionless.
"""
import argparse
import collections
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
AS_OF = "2026-11-30"

# The targets of issue #20.
FLOOR_TARGET, FLOOR_TARGET_SMALL = 0.50, 0.40      # share of libxml2's DOM-parse throughput; the small one at 10k
SCHEMATRON_TARGET = 10.0                          # times faster than the fair Schematron peer
FRICTIONLESS_TARGET = 2.0                         # times faster than frictionless validate
DUCKDB_TARGET = 5.0                               # at most this many times DuckDB's time
SCALING_TARGET = 1.8                              # --jobs 1 time / --jobs 2 time
RSS_TARGET = 3.0                                  # peak RSS / largest file


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


class Contender:
    """One contender at one number of cores: the processes that run at the same time (one command
    each) and, when they report failures, where they write them."""

    def __init__(self, name, cores, commands, failures=None, once=False):
        self.name, self.cores, self.commands, self.failures, self.once = name, cores, commands, failures or [], once
        self.samples = []

    def measure(self, scratch):
        """Runs the processes at once under /usr/bin/time -v; records the wall time until the last
        ends, and the sum of their peak RSS (what they held together at most)."""
        processes = []
        start = time.perf_counter()
        for index, command in enumerate(self.commands):
            out = open(os.path.join(scratch, f"out-{index}"), "w")
            err = open(os.path.join(scratch, f"err-{index}"), "w+")
            processes.append((subprocess.Popen(["/usr/bin/time", "-v"] + command, stdout=out, stderr=err), out, err, command))
        rss = 0.0
        for process, out, err, command in processes:
            status = process.wait()
            out.close()
            err.seek(0)
            report = err.read()
            err.close()
            # cxaudit exits 1 when it reports findings, frictionless when the table is invalid.
            if status not in (0, 1):
                sys.exit(f"failed ({status}): {' '.join(command)}\n{report[-3000:]}")
            for line in report.splitlines():
                if "Maximum resident set size (kbytes):" in line:
                    rss += int(line.rsplit(":", 1)[1]) / 1024
        elapsed = time.perf_counter() - start
        self.samples.append((elapsed, rss))
        return [os.path.join(scratch, f"out-{index}") for index in range(len(self.commands))]

    @property
    def time(self):
        return statistics.median(t for t, _ in self.samples)

    @property
    def rss(self):
        return max(r for _, r in self.samples)


def split(files, parts):
    """The files in `parts` groups of about equal bytes (largest first, each to the lightest group);
    a group left empty (fewer files than parts) is dropped: one file cannot be parsed on two cores."""
    groups = [[] for _ in range(parts)]
    weights = [0] * parts
    for path in sorted(files, key=os.path.getsize, reverse=True):
        lightest = weights.index(min(weights))
        groups[lightest].append(path)
        weights[lightest] += os.path.getsize(path)
    return [sorted(group) for group in groups if group]


def interleave(contenders, rounds, scratch, after_first=None):
    """Runs every contender once per round, in order; contenders marked `once` only in the first."""
    for round_index in range(rounds):
        for contender in contenders:
            if contender.once and round_index > 0:
                continue
            outputs = contender.measure(scratch)
            if round_index == 0 and after_first:
                after_first(contender, outputs)


def read_lines(paths):
    lines = []
    for path in paths:
        with open(path) as handle:
            lines += [line for line in handle.read().split("\n") if line]
    return sorted(lines)


def cxaudit_failures(report):
    """file|record key|assertion for every finding of the JSON report."""
    with open(report) as handle:
        findings = json.load(handle)["findings"]
    return sorted(f"{f['evidence']['file']}|{f['evidence'].get('recordKey', '')}|{f['statement']}" for f in findings)


# frictionless reports an error per cell (or per row, for the row constraint); which assertion each is.
FRICTIONLESS_ASSERTIONS = {("constraint-error", "ack_days"): "ack", ("type-error", "ack_days"): "ack",
                           ("constraint-error", "status"): "status", ("row-constraint", None): "cause",
                           ("type-error", "received"): "date", ("constraint-error", "received"): "date",
                           ("constraint-error", "complaint_id"): "id"}


def frictionless_failures(report_path, file_name):
    with open(report_path) as handle:
        report = json.load(handle)
    failures = []
    for task in report["tasks"]:
        for error in task["errors"]:
            assertion = FRICTIONLESS_ASSERTIONS.get((error["type"], error.get("fieldName")))
            if assertion is None:
                sys.exit(f"frictionless reported an error no benchmark assertion makes: {error.get('message')}")
            failures.append(f"{file_name}|{error['cells'][0]}|{assertion}")
    return sorted(failures)


def generate(out, records, files=1, fmt="xml"):
    run([sys.executable, os.path.join(HERE, "generate_corpus.py"), "--out", out, "--records", str(records),
         "--files", str(files), "--format", fmt])


def check_command(binary, corpus, ruleset, report, jobs):
    return [binary, "check", corpus, "--ruleset", os.path.join(HERE, ruleset), "--as-of", AS_OF, "--no-config",
            "--fail-on", "never", "--format", "json", "--output", report, "--jobs", str(jobs)]


def measure_xml(label, records, files, binary, floor, work, rounds, kind="xml"):
    """kind "xml" runs every contender with 1 and 2 cores; "one-file" (one large log, for memory) and
    "start-up" (ten records, for the fixed cost) run only libxml2 and cxaudit --jobs 1."""
    corpus = os.path.join(work, "xml")
    generate(corpus, records, files)
    xml_files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.startswith("complaints-"))
    scratch = os.path.join(work, "scratch")
    os.makedirs(scratch, exist_ok=True)
    halves = split(xml_files, 2)
    contenders = [
        Contender("libxml2 DOM parse", 1, [[floor, "dom"] + xml_files]),
        Contender("libxml2 stream", 1, [[floor, "stream"] + xml_files]),
    ]
    if kind == "xml":
        contenders += [
            Contender("libxml2 DOM parse", 2, [[floor, "dom"] + group for group in halves]),
            Contender("xmllint --noout", 1, [["xmllint", "--noout"] + xml_files]),
            Contender("xmllint --noout", 2, [["xmllint", "--noout"] + group for group in halves]),
        ]
    reports = {}
    for jobs in ((1, 2) if kind == "xml" else (1,)):
        reports[jobs] = os.path.join(work, f"results-{jobs}.json")
        contenders.append(Contender("cxaudit", jobs, [check_command(binary, corpus, "benchmark-ruleset.xml", reports[jobs], jobs)]))
    for cores, groups in ((1, [xml_files]), (2, halves)) if kind == "xml" else ():
        outs = [os.path.join(work, f"plain-{cores}-{i}.txt") for i in range(len(groups))]
        contenders.append(Contender("Schematron, plain XPath", cores, [
            [sys.executable, os.path.join(HERE, "schematron_peer.py"), "--plain", out, os.path.join(HERE, "benchmark-plain.sch")] + group
            for out, group in zip(outs, groups)], failures=outs))
    if kind == "xml":
        outs = [os.path.join(work, f"exslt-{i}.txt") for i in range(len(halves))]
        contenders.append(Contender("Schematron, EXSLT", 2, [
            [sys.executable, os.path.join(HERE, "schematron_peer.py"), out, os.path.join(HERE, "benchmark.sch")] + group
            for out, group in zip(outs, halves)], failures=outs, once=True))

    failures = {}

    def collect(contender, _outputs):
        key = f"{contender.name}, {contender.cores} core{'s' if contender.cores > 1 else ''}"
        if contender.name == "cxaudit":
            failures[key] = cxaudit_failures(reports[contender.cores])
        elif contender.failures:
            failures[key] = read_lines(contender.failures)

    interleave(contenders, rounds, scratch, collect)
    sizes = [os.path.getsize(f) for f in xml_files]
    shutil.rmtree(corpus)
    return dict(label=label, kind=kind, records=records, files=len(xml_files), mb=sum(sizes) / 1e6, largest=max(sizes) / 1e6,
                contenders=contenders, failures=failures, rounds=rounds)


def measure_table(label, records, fmt, binary, work, rounds):
    corpus = os.path.join(work, fmt)
    generate(corpus, records, fmt=fmt)
    table = os.path.join(corpus, f"complaints.{fmt}")
    scratch = os.path.join(work, "scratch")
    os.makedirs(scratch, exist_ok=True)
    contenders = []
    reports = {}
    for jobs in (1, 2):
        reports[jobs] = os.path.join(work, f"results-{fmt}-{jobs}.json")
        contenders.append(Contender("cxaudit", jobs, [check_command(binary, corpus, "benchmark-tables-ruleset.xml", reports[jobs], jobs)]))
    if fmt == "csv":
        for threads in (1, 2):
            out = os.path.join(work, f"duckdb-{threads}.txt")
            contenders.append(Contender("DuckDB SQL", threads, [[sys.executable, os.path.join(HERE, "duckdb_peer.py"), str(threads), out, table]],
                                        failures=[out]))
    contenders.append(Contender("frictionless validate", 1, [[
        sys.executable, "-m", "frictionless", "validate", table, "--schema", os.path.join(HERE, "complaints.schema.json"),
        "--checklist", os.path.join(HERE, "complaints.checklist.json"), "--limit-errors", "100000000", "--trusted", "--json"]],
        once=True))

    failures = {}

    def collect(contender, outputs):
        key = f"{contender.name}, {contender.cores} core{'s' if contender.cores > 1 else ''}"
        if contender.name == "cxaudit":
            failures[key] = cxaudit_failures(reports[contender.cores])
        elif contender.name == "frictionless validate":
            failures[key] = frictionless_failures(outputs[0], os.path.basename(table))
        else:
            failures[key] = read_lines(contender.failures)

    interleave(contenders, rounds, scratch, collect)
    size = os.path.getsize(table) / 1e6
    # A workbook is compressed: what is parsed is its sheets' XML, expanded.
    expanded = None
    if fmt == "xlsx":
        with zipfile.ZipFile(table) as book:
            expanded = sum(entry.file_size for entry in book.infolist() if entry.filename.startswith("xl/worksheets/")) / 1e6
    shutil.rmtree(corpus)
    return dict(label=label, kind=fmt, records=records, files=1, mb=size, largest=size, contenders=contenders, failures=failures,
                rounds=rounds, expanded=expanded)


def find(row, name, cores):
    for contender in row["contenders"]:
        if contender.name == name and contender.cores == cores:
            return contender
    return None


def same_failures(row):
    """'yes (N)' when every contender that lists failures lists the same ones, else which differ."""
    sets = row["failures"]
    reference_name = next(name for name in sets if name.startswith("cxaudit"))
    reference = sets[reference_name]
    differing = [name for name, found in sets.items() if found != reference]
    if not differing:
        return f"{len(reference)}, all {len(sets)} lists identical"
    details = []
    for name in differing:
        ours, theirs = collections.Counter(reference), collections.Counter(sets[name])
        details.append(f"{name}: {sum((theirs - ours).values())} more, {sum((ours - theirs).values())} fewer")
    return f"{len(reference)}, DIFFERENT: " + "; ".join(details)


def mb(value):
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def verdict(passed):
    return "PASS" if passed else "MISS"


def print_tables(rows):
    print()
    print("| corpus | contender | cores | time | MB/s | peak RSS | RSS / largest file |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        corpus = f"{row['label']}: {mb(row['mb'])} MB" + (f" in {row['files']} files, largest {mb(row['largest'])} MB" if row["files"] > 1 else "")
        for contender in row["contenders"]:
            once = " (once)" if contender.once and row["rounds"] > 1 else ""
            print(f"| {corpus} | {contender.name}{once} | {contender.cores} | {contender.time:.2f} s | {mb(row['mb'] / contender.time)} | "
                  f"{contender.rss:.0f} MB | {contender.rss / row['largest']:.1f}× |")
            corpus = ""
    print()
    print("Failures found (cxaudit's, and whether every peer listed the same file|record|assertion):")
    for row in rows:
        print(f"- {row['label']}: {same_failures(row)}")
    print()
    startup = next((find(row, "cxaudit", 1) for row in rows if row["kind"] == "start-up"), None)
    print("| corpus | measure | value | target | |")
    print("|---|---|---|---|---|")
    for row in rows:
        label = row["label"]
        one, two = find(row, "cxaudit", 1), find(row, "cxaudit", 2)
        lines = []
        if row["kind"] == "start-up":
            lines.append(("cxaudit --jobs 1 on ten records: the fixed cost (start-up, ruleset and schemas, report)",
                          f"{one.time * 1000:.0f} ms, {one.rss:.0f} MB", "", ""))
        elif row["kind"] == "one-file":
            floor = find(row, "libxml2 DOM parse", 1)
            lines.append(("cxaudit --jobs 1 vs libxml2 DOM parse (one large file)", f"{floor.time / one.time:.0%}", f"≥ {FLOOR_TARGET:.0%}",
                          verdict(floor.time / one.time >= FLOOR_TARGET)))
            rss = one.rss / row["largest"]
            lines.append(("cxaudit peak RSS / the file (streamed)", f"{rss:.1f}×", f"≤ {RSS_TARGET:.0f}×", verdict(rss <= RSS_TARGET)))
            lines.append(("libxml2 DOM parse peak RSS / the file", f"{floor.rss / row['largest']:.1f}×", "", ""))
        elif row["kind"] == "xml":
            target = FLOOR_TARGET_SMALL if row["records"] < 100_000 else FLOOR_TARGET
            for cores, cx in ((1, one), (2, two)):
                floor = find(row, "libxml2 DOM parse", cores)
                ratio = floor.time / cx.time
                lines.append((f"cxaudit --jobs {cores} vs libxml2 DOM parse × {cores} process{'es' if cores > 1 else ''}",
                              f"{ratio:.0%}", f"≥ {target:.0%}", verdict(ratio >= target)))
            for cores, cx in ((1, one), (2, two)):
                xmllint = find(row, "xmllint --noout", cores)
                lines.append((f"cxaudit --jobs {cores} vs xmllint --noout × {cores} (cross-check)", f"{xmllint.time / cx.time:.0%}", "", ""))
            for cores, cx in ((1, one), (2, two)):
                peer = find(row, "Schematron, plain XPath", cores)
                ratio = peer.time / cx.time
                lines.append((f"speed-up vs Schematron, plain XPath × {cores}", f"{ratio:.1f}×", f"≥ {SCHEMATRON_TARGET:.0f}×",
                              verdict(ratio >= SCHEMATRON_TARGET)))
            exslt = find(row, "Schematron, EXSLT", 2)
            lines.append(("speed-up vs Schematron, EXSLT × 2 (the earlier peer)", f"{exslt.time / two.time:.1f}×", "", ""))
            floor_one, floor_two = find(row, "libxml2 DOM parse", 1), find(row, "libxml2 DOM parse", 2)
            lines.append(("libxml2 DOM parse, 1 → 2 processes (what the machine allows)", f"{floor_one.time / floor_two.time:.2f}×", "", ""))
        else:
            friction = find(row, "frictionless validate", 1)
            ratio = friction.time / one.time
            if row["kind"] == "csv":
                lines.append(("speed-up of --jobs 1 vs frictionless validate (1 process)", f"{ratio:.1f}×",
                              f"≥ {FRICTIONLESS_TARGET:.0f}×", verdict(ratio >= FRICTIONLESS_TARGET)))
                for cores, cx in ((1, one), (2, two)):
                    duck = find(row, "DuckDB SQL", cores)
                    ratio = cx.time / duck.time
                    lines.append((f"cxaudit --jobs {cores} time / DuckDB threads={cores}", f"{ratio:.1f}×", f"≤ {DUCKDB_TARGET:.0f}×",
                                  verdict(ratio <= DUCKDB_TARGET)))
            else:
                lines.append(("speed-up of --jobs 1 vs frictionless validate (1 process)", f"{ratio:.1f}×", "", ""))
        if two:
            scaling = one.time / two.time
            lines.append(("1 → 2 cores (cxaudit --jobs 1 / --jobs 2)", f"{scaling:.2f}×", f"≥ {SCALING_TARGET}×", verdict(scaling >= SCALING_TARGET)))
            rss = max(one.rss, two.rss) / row["largest"]
            if row["kind"] == "xml":
                # Files of a few megabytes are streamed too, but there the process's own memory (the start-up row) dominates.
                lines.append(("cxaudit peak RSS / largest file (streamed; includes the fixed start-up memory)", f"{rss:.1f}×", "", ""))
            else:
                lines.append(("cxaudit peak RSS / largest file (streamed)", f"{rss:.1f}×", f"≤ {RSS_TARGET:.0f}× (streaming)",
                              verdict(rss <= RSS_TARGET)))
                if startup:
                    # What the file costs beyond the process's own memory, which a small file cannot be below.
                    above = (max(one.rss, two.rss) - startup.rss) / row["largest"]
                    lines.append((f"cxaudit peak RSS above the start-up's ({startup.rss:.0f} MB) / largest file", f"{above:.1f}×", "", ""))
                if row.get("expanded"):
                    lines.append((f"cxaudit peak RSS / the sheet's XML, expanded ({mb(row['expanded'])} MB)",
                                  f"{max(one.rss, two.rss) / row['expanded']:.1f}×", "", ""))
        for measure, value, target, result in lines:
            print(f"| {label} | {measure} | {value} | {target} | {result} |")
            label = ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k XML records, a 10k-row CSV and XLSX only (about a minute)")
    parser.add_argument("--big", action="store_true", help="add a ~1 GB XML corpus of 100 files and a 400k-row XLSX")
    parser.add_argument("--only", choices=["xml", "tables"], help="measure only the XML corpora, or only the CSV and XLSX")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds (medians); default 3")
    parser.add_argument("--binary", help="use this cxaudit binary instead of building one")
    parser.add_argument("--json", help="also write every sample (seconds, MB) to this file")
    args = parser.parse_args()

    binary = args.binary
    if not binary:
        print("building cxaudit (release)…", flush=True)
        # Swift's libraries linked in: otherwise binding them at start-up is most of a small run (56 ms against 36).
        run(["swift", "build", "-c", "release", "--product", "cxaudit", "--scratch-path", ".build-bench", "--static-swift-stdlib"],
            cwd=ROOT)
        binary = os.path.join(ROOT, ".build-bench", "release", "cxaudit")
    binary = os.path.abspath(binary)
    for tool in ("xmllint", "cc", "pkg-config", "/usr/bin/time"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found: see Benchmarks/README.md for what the benchmark needs")
    for module in ("lxml", "openpyxl", "duckdb", "frictionless"):
        if subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode != 0:
            sys.exit(f"the Python package {module} is missing: python3 -m pip install -r Benchmarks/requirements.txt")
    work = tempfile.mkdtemp(prefix="cxaudit-bench-")
    floor = os.path.join(work, "parse_floor")
    flags = run(["pkg-config", "--cflags", "--libs", "libxml-2.0"]).stdout.split()
    run(["cc", "-O2", "-o", floor, os.path.join(HERE, "parse_floor.c")] + flags)

    if args.quick:
        xml_sizes, tables = [("10k", 10_000, 1)], [("CSV 10k rows", 10_000, "csv"), ("XLSX 10k rows", 10_000, "xlsx")]
    else:
        xml_sizes = [("10k", 10_000, 1), ("100k", 100_000, 10), ("1M", 1_000_000, 20)]
        tables = [("CSV 1M rows", 1_000_000, "csv"), ("XLSX 100k rows", 100_000, "xlsx")]
        if args.big:
            xml_sizes.append(("~1 GB", 3_200_000, 100))
            # A sheet of about 190 MB of XML, near the 256 MB an office part may expand to.
            tables.append(("XLSX 400k rows", 400_000, "xlsx"))
    if args.only == "xml":
        tables = []
    elif args.only == "tables":
        xml_sizes = []
    rows = []
    load_before = os.getloadavg()[0]
    try:
        if args.only != "tables":
            rows.append(measure_xml("start-up: 10 records", 10, 1, binary, floor, work, args.repeat, kind="start-up"))
        for label, records, files in xml_sizes:
            # The ~1 GB corpus runs once: three rounds of it would take most of an hour.
            rounds = args.repeat if records <= 1_000_000 else 1
            rows.append(measure_xml(f"{label} records", records, files, binary, floor, work, rounds))
            print(f"  measured {label} records", flush=True)
        if not args.quick and args.only != "tables":
            rows.append(measure_xml("1M records in one file", 1_000_000, 1, binary, floor, work, args.repeat, kind="one-file"))
            print("  measured 1M records in one file", flush=True)
        for label, records, fmt in tables:
            rows.append(measure_table(label, records, fmt, binary, work, args.repeat))
            print(f"  measured {label}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{os.cpu_count()} cores; load average (1 min) before the benchmark started: {load_before:.1f} "
          "(near 0 on a quiet machine; above 1, something else was running and the figures are noisy).")
    print_tables(rows)
    if args.json:
        with open(args.json, "w") as handle:
            json.dump([dict(corpus=r["label"], mb=r["mb"], largest_mb=r["largest"], files=r["files"],
                            contenders=[dict(name=c.name, cores=c.cores, samples=c.samples) for c in r["contenders"]])
                       for r in rows], handle, indent=1)
    if any("DIFFERENT" in same_failures(row) for row in rows):
        sys.exit("the contenders did not report the same failures")


if __name__ == "__main__":
    main()
