#!/usr/bin/env python3
"""The SQL peer: the five benchmark assertions as SQL over the complaints CSV, in DuckDB.

    duckdb_peer.py THREADS FAILURES_OUT complaints.csv

Reads the CSV with every column as VARCHAR (as cxaudit and the XPath assertions see text), and
writes one failure per line (file|complaint id|assertion) to FAILURES_OUT, the same form as the
other peers. THREADS is DuckDB's `threads` setting: 1 or 2, as cxaudit's --jobs.
"""
import sys

import duckdb

# Each assertion as a predicate that is true when the record conforms; NULL (an empty field, a
# value that does not convert) counts as not conforming, as an empty node-set or NaN does in XPath.
ASSERTIONS = {
    "ack": "try_cast(ack_days AS DOUBLE) <= 2",
    "status": "status = 'open' OR status = 'closed'",
    "cause": "status IS DISTINCT FROM 'closed' OR length(trim(coalesce(root_cause, ''))) > 0",
    "date": r"regexp_full_match(trim(received), '\d{4}-\d{2}-\d{2}') AND try_strptime(trim(received), '%Y-%m-%d') IS NOT NULL",
    "id": "regexp_full_match(complaint_id, 'C-[0-9]{7}')",
}


def main():
    threads, failures_out, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    connection = duckdb.connect(config={"threads": threads, "autoinstall_known_extensions": False})
    checks = ", ".join(f"coalesce({test}, false) AS {name}" for name, test in ASSERTIONS.items())
    failing = " OR ".join(f"NOT {name}" for name in ASSERTIONS)
    rows = connection.execute(
        f"SELECT complaint_id, {', '.join(ASSERTIONS)} FROM "
        f"(SELECT complaint_id, {checks} FROM read_csv(?, header = true, all_varchar = true)) WHERE {failing}",
        [path]).fetchall()
    name = path.rsplit("/", 1)[-1]
    out = [f"{name}|{row[0]}|{assertion}" for row in rows for assertion, ok in zip(ASSERTIONS, row[1:]) if not ok]
    with open(failures_out, "w") as handle:
        handle.write("\n".join(sorted(out)) + "\n")
    print(len(out))


if __name__ == "__main__":
    main()
