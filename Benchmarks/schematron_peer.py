#!/usr/bin/env python3
"""A Schematron peer: lxml.isoschematron running a schema over every file given.

    schematron_peer.py FAILURES_OUT SCHEMA FILE...            # benchmark.sch (EXSLT)
    schematron_peer.py --plain FAILURES_OUT SCHEMA FILE...    # benchmark-plain.sch

Writes one failure per line (file|record id|assert id) to FAILURES_OUT and prints the count.

Without --plain (benchmark.sch, the peer as first written): each SVRL failed-assert names its
record by location (`/complaints/complaint[12]`), which the schema's XSLT computes by counting
preceding siblings, and the record's id is looked up by position.

With --plain (benchmark-plain.sch, the fair peer): the schema is compiled with lxml's
`generate-paths` and `generate-fired-rule` off, its best configuration for a large file, and
every failed assertion's message is its record's id, so no location is computed or read.
"""
import sys

from lxml import etree, isoschematron

SVRL = "{http://purl.oclc.org/dsdl/svrl}"


def main():
    arguments = sys.argv[1:]
    plain = arguments[0] == "--plain"
    if plain:
        arguments = arguments[1:]
    failures_out, schema_path, paths = arguments[0], arguments[1], arguments[2:]
    compile_params = {"generate-paths": "false", "generate-fired-rule": "false"} if plain else {}
    schema = isoschematron.Schematron(etree.parse(schema_path), store_report=True, compile_params=compile_params)
    out = []
    for path in paths:
        document = etree.parse(path)
        schema.validate(document)
        name = path.rsplit("/", 1)[-1]
        records = None
        for failed in schema.validation_report.iter(SVRL + "failed-assert"):
            if plain:
                record_id = "".join(failed.find(SVRL + "text").itertext()).strip()
            else:
                location = failed.get("location")
                prefix = "/complaints/complaint["
                if location.startswith(prefix) and location.endswith("]"):
                    if records is None:
                        records = document.getroot().findall("complaint")
                    record_id = records[int(location[len(prefix):-1]) - 1].get("id")
                else:
                    record_id = document.xpath(location)[0].get("id")
            out.append(f"{name}|{record_id}|{failed.get('id')}")
    with open(failures_out, "w") as handle:
        handle.write("\n".join(sorted(out)) + "\n")
    print(len(out))


if __name__ == "__main__":
    main()
