#!/usr/bin/env python3
"""Generate a benchmark evidence folder: FILES XML complaint logs with RECORDS records in all.

    python3 Benchmarks/generate_corpus.py --out /tmp/corpus --records 100000 --files 10 --seed 1

Deterministic from the seed. About 1 record in 50 breaks one of the benchmark rules, so
both cxaudit and the Schematron peer have failures to report (and to compare).
"""
import argparse
import os
import random


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
    categories = ["late delivery", "damaged goods", "billing", "product defect", "staff conduct", "website"]
    items = []
    number = 0
    for index in range(args.files):
        name = f"complaints-{index + 1:03d}.xml"
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as handle:
            handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<complaints site="site-%03d">\n' % (index + 1))
            for _ in range(per_file):
                number += 1
                status = "closed" if rng.random() < 0.9 else "open"
                ack_days = rng.choice([0, 1, 1, 2, 2])
                cause = "Supplier changed a component without notice."
                roll = rng.random()
                if roll < 0.007:
                    ack_days = 5
                elif roll < 0.014 and status == "closed":
                    cause = ""
                elif roll < 0.02:
                    status = "pending"
                complaint_id = f"C-{number:07d}" if rng.random() > 0.001 else f"X{number:07d}"
                handle.write(
                    f'  <complaint id="{complaint_id}"><received>2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}</received>'
                    f"<ack-days>{ack_days}</ack-days><category>{rng.choice(categories)}</category>"
                    f"<status>{status}</status><root-cause>{cause}</root-cause>"
                    f"<description>Order NW-{rng.randint(100000, 999999)} arrived late and the box was damaged.</description></complaint>\n")
            handle.write("</complaints>\n")
        items.append(name)
    with open(os.path.join(args.out, "evidence-register.xml"), "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<evidence-register version="1">\n  <organization name="Benchmark Ltd"/>\n')
        for index, name in enumerate(items):
            handle.write(f'  <item id="CL-{index + 1:03d}" type="complaints-log" file="{name}" format="xml" date="2026-11-20"/>\n')
        handle.write("</evidence-register>\n")


if __name__ == "__main__":
    main()
