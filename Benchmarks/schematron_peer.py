#!/usr/bin/env python3
"""The peer: lxml.isoschematron running benchmark.sch over every file.

    schematron_peer.py FAILURES_OUT SCHEMA FILE...

Writes one failure per line (file|record id|assert id) to FAILURES_OUT and prints the count.
Each SVRL failed-assert names its record by location (`/complaints/complaint[12]`); the
record's id is looked up by position, not by evaluating the location, so that mapping
failures back to records costs the peer next to nothing.
"""
import re
import sys

from lxml import etree, isoschematron

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
RECORD = re.compile(r"^/complaints/complaint\[(\d+)\]$")


def main():
    schema = isoschematron.Schematron(etree.parse(sys.argv[2]), store_report=True)
    out = []
    for path in sys.argv[3:]:
        document = etree.parse(path)
        schema.validate(document)
        records = None
        for failed in schema.validation_report.iter(SVRL + "failed-assert"):
            location = failed.get("location")
            match = RECORD.match(location)
            if match:
                if records is None:
                    records = document.getroot().findall("complaint")
                element = records[int(match.group(1)) - 1]
            else:
                element = document.xpath(location)[0]
            out.append(f"{path.rsplit('/', 1)[-1]}|{element.get('id')}|{failed.get('id')}")
    with open(sys.argv[1], "w") as handle:
        handle.write("\n".join(sorted(out)) + "\n")
    print(len(out))


if __name__ == "__main__":
    main()
