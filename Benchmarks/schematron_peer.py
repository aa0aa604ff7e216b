#!/usr/bin/env python3
"""The peer: lxml.isoschematron running benchmark.sch over every file.

    schematron_peer.py FAILURES_OUT SCHEMA FILE...

Writes one failure per line (file|record id|assert id) to FAILURES_OUT and prints the count.
"""
import sys

from lxml import etree, isoschematron

SVRL = "{http://purl.oclc.org/dsdl/svrl}"


def main():
    schema = isoschematron.Schematron(etree.parse(sys.argv[2]), store_report=True)
    failures = 0
    out = []
    for path in sys.argv[3:]:
        document = etree.parse(path)
        schema.validate(document)
        for failed in schema.validation_report.iter(SVRL + "failed-assert"):
            element = document.xpath(failed.get("location"))[0]
            out.append(f"{path.rsplit('/', 1)[-1]}|{element.get('id')}|{failed.get('id')}")
            failures += 1
    with open(sys.argv[1], "w") as handle:
        handle.write("\n".join(sorted(out)) + "\n")
    print(failures)


if __name__ == "__main__":
    main()
