#!/usr/bin/env python3
"""Generate cxaudit's sample organizations deterministically.

    python3 Evidence/tools/generate_sample.py                     # all three, at their usual places
    python3 Evidence/tools/generate_sample.py --org northwind      # Evidence/northwind: a handful of gaps
    python3 Evidence/tools/generate_sample.py --org conforming     # Evidence/kestrel: conforms fully
    python3 Evidence/tools/generate_sample.py --org failing        # test fixture: every rule fails
    python3 Evidence/tools/generate_sample.py --org northwind --scale 50 --out /tmp/big --seed 7
    python3 Evidence/tools/generate_sample.py --scale 1000 --out /tmp/big   # /tmp/big/northwind, kestrel, every-gap

The third sample organization, Evidence/harbour (Harbour Lane Opticians), is derived from the
conforming one by `python3 Evidence/tools/make_harbour.py` (its evidence as other tools export it).

The same seed, organization and scale always give byte-identical files. `--scale N`
multiplies record counts (complaints, responses, orders…) for benchmarks, keeping the
same shape and the same gaps; it needs `--out`, so the shipped samples are never
replaced by larger copies. With one `--org`, `--out` is its folder; with all three, each
goes into a folder of `--out` named as its usual place is (northwind, kestrel, every-gap).
"""
import argparse
import importlib
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cxsample.common import Org  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = {
    "northwind": os.path.join(REPO, "Evidence", "northwind"),
    "conforming": os.path.join(REPO, "Evidence", "kestrel"),
    "failing": os.path.join(REPO, "Tests", "AuditEngineTests", "Fixtures", "orgs", "every-gap"),
}
# Evidence modules, each with generate(org); later modules may be absent in older checkouts.
MODULES = ["iso9001", "complaints_handling", "satisfaction_monitoring", "cem", "outcomes"]
KEEP = {"KNOWN-GAPS.md", "README.md"}


def generate(variant, out, seed, scale):
    if os.path.isdir(out):
        for entry in os.listdir(out):
            if entry in KEEP:
                continue
            path = os.path.join(out, entry)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    org = Org(variant, out, seed, scale)
    for name in MODULES:
        try:
            module = importlib.import_module(f"cxsample.{name}")
        except ModuleNotFoundError:
            continue
        module.generate(org)
    scope = ["retail-sales", "trade-sales", "home-delivery", "customer-service", "handling-customer-property"]
    if variant == "failing":
        # Declares design in scope without any design evidence, so design rules apply and fail too.
        org.write_register(scope=scope + ["design-and-development"], exclusions=[])
    else:
        org.write_register(
            scope=scope,
            exclusions=[("design-and-development",
                         "Products are bought in to supplier designs; the organization does no design or development.")])
    return org


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--org", choices=["northwind", "conforming", "failing", "all"], default="all")
    parser.add_argument("--out", help="output folder (default: the organization's usual place)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--scale", type=int, default=1, help="multiply record counts")
    args = parser.parse_args()
    variants = ["northwind", "conforming", "failing"] if args.org == "all" else [args.org]
    if args.scale < 1:
        parser.error("--scale must be 1 or more")
    if args.scale > 1 and not args.out:
        parser.error(f"--scale {args.scale} would replace the shipped samples with larger copies; add --out DIR")
    for variant in variants:
        out = DEFAULT_OUT[variant]
        if args.out:
            out = args.out if len(variants) == 1 else os.path.join(args.out, os.path.basename(DEFAULT_OUT[variant]))
        org = generate(variant, out, args.seed, args.scale)
        print(f"{variant}: {len(org.items)} items in {org.out}; {len(org.planted)} gaps planted")
        for name, description in sorted(org.planted.items()):
            print(f"  - {name}: {description}")


if __name__ == "__main__":
    main()
