#!/usr/bin/env python3
"""Generate a benchmark evidence folder: complaint logs as XML files, or one CSV or XLSX table.

    python3 Benchmarks/generate_corpus.py --out /tmp/corpus --records 100000 --files 10 --seed 1
    python3 Benchmarks/generate_corpus.py --out /tmp/table --records 1000000 --format csv
    python3 Benchmarks/generate_corpus.py --out /tmp/book --records 100000 --format xlsx

Deterministic from the seed. About 1 record in 40 breaks one of the five benchmark
assertions (acknowledged late, unknown status, closed without a root cause, a received
date that is not a calendar date, a malformed complaint id), so cxaudit and its peers all
have failures to report, and to compare.

XML: FILES logs `complaints-NNN.xml` with RECORDS records in all, for benchmark-ruleset.xml.
CSV and XLSX: one table `complaints.csv` or `complaints.xlsx` (sheet `Complaints`, written
with openpyxl) of RECORDS rows, for benchmark-tables-ruleset.xml, with the columns
complaint_id, received, ack_days, category, status, root_cause, description. In the
tables every complaint id is unique (a malformed one too), so failures can be compared
record by record on the id alone.
"""
import argparse
import os
import random

CATEGORIES = ["late delivery", "damaged goods", "billing", "product defect", "staff conduct", "website"]
NOT_DATES = ["2026-02-29", "2026-02-30", "2026-04-31", "2026-13-02", "31/01/2026", ""]
COLUMNS = ["complaint_id", "received", "ack_days", "category", "status", "root_cause", "description"]


def complaint(rng, number, unique_ids=False):
    """One complaint's fields. The random draws are made in the order the XML corpus has
    always made them, so a seed gives the same XML files as before tables were added."""
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
    if roll < 0.001:
        complaint_id = f"X{number:07d}"
    elif roll < 0.002:
        complaint_id = f"C-{number:07d}A" if unique_ids else f"C-{number % 100000:05d}"
    else:
        complaint_id = f"C-{number:07d}"
    category = rng.choice(CATEGORIES)
    description = f"Order NW-{rng.randint(100000, 999999)} arrived late and the box was damaged."
    return dict(complaint_id=complaint_id, received=received, ack_days=ack_days, category=category, status=status,
                root_cause=cause, description=description)


def xml_record(c):
    return (
        f'  <complaint id="{c["complaint_id"]}"><received>{c["received"]}</received>'
        f'<ack-days>{c["ack_days"]}</ack-days><category>{c["category"]}</category>'
        f'<status>{c["status"]}</status><root-cause>{c["root_cause"]}</root-cause>'
        f'<description>{c["description"]}</description></complaint>\n')


def csv_row(c):
    # No value holds a comma, a quote or a line break, so none needs quoting.
    return ",".join(str(c[name]) for name in COLUMNS) + "\n"


def write_register(out, items):
    with open(os.path.join(out, "evidence-register.xml"), "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<evidence-register version="1">\n  <organization name="Benchmark Ltd"/>\n')
        for item in items:
            handle.write(f"  {item}\n")
        handle.write("</evidence-register>\n")


def write_xml(out, rng, records, files):
    per_file = max(1, records // files)
    names = []
    number = 0
    for index in range(files):
        name = f"complaints-{index + 1:03d}.xml"
        with open(os.path.join(out, name), "w", encoding="utf-8") as handle:
            handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<complaints site="site-%03d">\n' % (index + 1))
            chunk = []
            for _ in range(per_file):
                number += 1
                chunk.append(xml_record(complaint(rng, number)))
                if len(chunk) == 10000:
                    handle.write("".join(chunk))
                    chunk = []
            handle.write("".join(chunk))
            handle.write("</complaints>\n")
        names.append(name)
    write_register(out, [f'<item id="CL-{index + 1:03d}" type="complaints-log" file="{name}" format="xml" date="2026-11-20"/>'
                         for index, name in enumerate(names)])


def write_csv(out, rng, records):
    with open(os.path.join(out, "complaints.csv"), "w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(COLUMNS) + "\n")
        chunk = []
        for number in range(1, records + 1):
            chunk.append(csv_row(complaint(rng, number, unique_ids=True)))
            if len(chunk) == 10000:
                handle.write("".join(chunk))
                chunk = []
        handle.write("".join(chunk))
    write_register(out, ['<item id="CL-CSV" type="complaints-table" file="complaints.csv" format="csv" date="2026-11-20"/>'])


def write_xlsx(out, rng, records):
    from openpyxl import Workbook  # only the XLSX corpus needs it

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Complaints")
    sheet.append(COLUMNS)
    for number in range(1, records + 1):
        c = complaint(rng, number, unique_ids=True)
        # ack_days is a number cell; an empty value is a blank cell, as a spreadsheet keeps it.
        sheet.append([c[name] if c[name] != "" else None for name in COLUMNS])
    book.save(os.path.join(out, "complaints.xlsx"))
    write_register(out, ['<item id="CL-XLSX" type="complaints-table" file="complaints.xlsx" format="xlsx" sheet="Complaints" date="2026-11-20"/>'])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--files", type=int, default=1, help="XML only: the number of logs the records are spread over")
    parser.add_argument("--format", choices=["xml", "csv", "xlsx"], default="xml")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    if args.format == "xml":
        write_xml(args.out, rng, args.records, args.files)
    elif args.format == "csv":
        write_csv(args.out, rng, args.records)
    else:
        write_xlsx(args.out, rng, args.records)


if __name__ == "__main__":
    main()
