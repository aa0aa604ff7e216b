#!/usr/bin/env python3
"""Generate a benchmark evidence folder: FILES XML complaint logs with RECORDS records in all.

    python3 Benchmarks/generate_corpus.py --out /tmp/corpus --records 100000 --files 10 --seed 1

Deterministic from the seed. About 1 record in 40 breaks one of the five benchmark
assertions (acknowledged late, unknown status, closed without a root cause, a received
date that is not a calendar date, a malformed complaint id), so cxaudit and the Schematron
peer both have failures to report, and to compare.
"""
import argparse
import os
import random

CATEGORIES = ["late delivery", "damaged goods", "billing", "product defect", "staff conduct", "website"]
NOT_DATES = ["2026-02-29", "2026-02-30", "2026-04-31", "2026-13-02", "31/01/2026", ""]


def record(rng, number):
    status = "closed" if rng.random() < 0.9 else "open"
    ack_days = rng.choice([0, 1, 1, 2, 2])
    cause = "Supplier changed a component without notice."
    received = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    roll = rng.random()
    if roll < 0.006:
        ack_days = 5
    elif roll < 0.012 and status == "closed":
        cause = ""
    elif roll < 0.018:
        status = "pending"
    elif roll < 0.022:
        received = rng.choice(NOT_DATES)
    roll = rng.random()
    complaint_id = f"X{number:07d}" if roll < 0.001 else f"C-{number % 100000:05d}" if roll < 0.002 else f"C-{number:07d}"
    return (
        f'  <complaint id="{complaint_id}"><received>{received}</received>'
        f"<ack-days>{ack_days}</ack-days><category>{rng.choice(CATEGORIES)}</category>"
        f"<status>{status}</status><root-cause>{cause}</root-cause>"
        f"<description>Order NW-{rng.randint(100000, 999999)} arrived late and the box was damaged.</description></complaint>\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    per_file = max(1, args.records // args.files)
    names = []
    number = 0
    for index in range(args.files):
        name = f"complaints-{index + 1:03d}.xml"
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as handle:
            handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<complaints site="site-%03d">\n' % (index + 1))
            chunk = []
            for _ in range(per_file):
                number += 1
                chunk.append(record(rng, number))
                if len(chunk) == 10000:
                    handle.write("".join(chunk))
                    chunk = []
            handle.write("".join(chunk))
            handle.write("</complaints>\n")
        names.append(name)
    with open(os.path.join(args.out, "evidence-register.xml"), "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<evidence-register version="1">\n  <organization name="Benchmark Ltd"/>\n')
        for index, name in enumerate(names):
            handle.write(f'  <item id="CL-{index + 1:03d}" type="complaints-log" file="{name}" format="xml" date="2026-11-20"/>\n')
        handle.write("</evidence-register>\n")


if __name__ == "__main__":
    main()
