#!/usr/bin/env python3
"""Generate the Northwind sample evidence folder deterministically.

    python3 Evidence/tools/generate_sample.py                      # rewrites Evidence/northwind
    python3 Evidence/tools/generate_sample.py --out /tmp/big --complaints 100000 --seed 7

The same seed and sizes always give byte-identical files. The default sizes
produce the shipped sample, including its deliberate gaps (KNOWN-GAPS.md); larger
sizes keep the same shape for benchmarks.
"""
import argparse
import datetime as dt
import json
import os
import random
from xml.sax.saxutils import escape, quoteattr

FIRST = ["Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur", "Grace", "Leo", "Freya", "Oscar",
         "Priya", "Tomasz", "Aisha", "Callum", "Niamh", "Rhys", "Sofia", "Kwame", "Hannah", "Daniel", "Chloe", "Ibrahim"]
LAST = ["Patel", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Khan", "Nowak", "Murphy", "O'Brien",
        "Okafor", "Hughes", "Clarke", "Walsh", "Singh", "Robinson", "Wright", "Thompson", "Ahmed"]
CHANNELS = ["email", "phone", "web form", "store", "social media"]
CATEGORIES = {
    "late delivery": ["Order {o} arrived {d} days after the promised date.",
                      "Delivery slot missed twice; customer took a day off work for it."],
    "damaged goods": ["Outer box crushed, two items broken on arrival (order {o}).",
                      "Glass panel cracked in transit; photos attached to the case."],
    "billing": ["Charged twice for order {o}; refund requested.",
                "Invoice shows the wrong VAT rate, \"standard\" instead of \"reduced\"."],
    "product defect": ["Kettle switch fails after {d} weeks of use (order {o}).",
                       "Zip on the backpack broke on first use, second report for this batch."],
    "staff conduct": ["Driver was rude when asked to carry the parcel upstairs.",
                      "Store assistant refused a return within the 30-day window."],
    "website": ["Checkout rejected a valid postcode; order placed by phone instead.",
                "Account page shows someone else's address, data protection concern."],
}
ROOT_CAUSES = {
    "late delivery": "Carrier capacity shortfall in peak week not covered by the contingency plan.",
    "damaged goods": "Packaging specification not updated for the new supplier's heavier glass.",
    "billing": "Payment gateway retry created a duplicate capture.",
    "product defect": "Supplier changed switch component without notification.",
    "staff conduct": "New starter not yet trained on the customer care standard.",
    "website": "Address validation library out of date.",
}
SITES = ["leeds", "bristol"]


def day(d):
    return d.isoformat()


def complaints(rng, count, start, end):
    span = (end - start).days
    rows = []
    for index in range(count):
        received = start + dt.timedelta(days=int(span * index / count) + rng.randint(0, 2))
        if received > end:
            received = end
        category = rng.choice(list(CATEGORIES))
        text = rng.choice(CATEGORIES[category]).format(o=f"NW-{rng.randint(100000, 999999)}", d=rng.randint(2, 9))
        if rng.random() < 0.08:
            text += "\nFollow-up call: customer still waiting for an answer."
        ack = received + dt.timedelta(days=rng.choice([0, 0, 1, 1, 2]))
        resolved_after = rng.choice([3, 5, 7, 9, 12, 14, 18, 21, 25, 28])
        rows.append({
            "complaint-id": f"C-{received.year}-{index + 1:04d}",
            "received": received, "channel": rng.choice(CHANNELS),
            "customer": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "site": rng.choice(SITES),
            "category": category, "description": text, "acknowledged": ack,
            "resolved": received + dt.timedelta(days=resolved_after),
            "root-cause": ROOT_CAUSES[category], "customer-informed": "yes", "capa-ref": "",
        })
    return rows


def write_csv(path, header, rows):
    def cell(value):
        text = value if isinstance(value, str) else ("" if value is None else str(value))
        if any(c in text for c in ',"\n'):
            text = '"' + text.replace('"', '""') + '"'
        return text
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:  # "CSV UTF-8" as Excel writes it
        handle.write(",".join(header) + "\r\n")
        for row in rows:
            handle.write(",".join(cell(row.get(name)) for name in header) + "\r\n")


def survey(rng, path, wave, invited, responses, mean, start):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<survey id="{wave}" method="e-mail questionnaire sent 3 days after order delivery" '
             f'scale="csat 1-5, nps 0-10, ces 1-7">',
             f"  <invited>{invited}</invited>"]
    comments = ["Quick delivery, well packed.", "Had to chase the refund twice.", "Friendly driver.",
                 "Website kept logging me out.", "Great value, will order again.", "", "", ""]
    for index in range(responses):
        csat = max(1, min(5, round(rng.gauss(mean, 0.8))))
        nps = max(0, min(10, round(csat * 2 + rng.gauss(0, 1.2))))
        date = start + dt.timedelta(days=rng.randint(0, 27))
        comment = rng.choice(comments)
        lines.append(f'  <response id="{wave}-{index + 1:03d}" date="{day(date)}" site="{rng.choice(SITES)}">')
        lines.append(f"    <csat>{csat}</csat><nps>{nps}</nps><ces>{rng.randint(1, 5)}</ces>")
        if comment:
            lines.append(f"    <comment>{escape(comment)}</comment>")
        lines.append("  </response>")
    lines.append("</survey>")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def minutes(path, date, chair, inputs):
    topics = {
        "customer-satisfaction": "CSAT for the last two waves reviewed; Bristol below Leeds on delivery experience.",
        "complaints": "Complaint volume and closure times reviewed; damaged-goods complaints up after supplier change.",
        "quality-objectives": "Five of six objectives on target; on-time delivery at 93% against 95%.",
        "corrective-actions": "Open corrective actions reviewed; two overdue effectiveness checks escalated.",
        "external-provider-performance": "Carrier scorecards reviewed; contingency carrier to be contracted.",
    }
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<management-review date="{day(date)}" chair={quoteattr(chair)}>',
             "  <attendees>",
             '    <person role="Managing Director">Helen Marsh</person>',
             '    <person role="Quality Manager">Rajesh Iyer</person>',
             '    <person role="Customer Service Lead">Dana Whitfield</person>',
             "  </attendees>"]
    for topic in inputs:
        lines.append(f'  <input topic="{topic}">{escape(topics[topic])}</input>')
    lines.append('  <output type="improvement">Introduce photo-on-delivery for fragile goods.</output>')
    lines.append('  <output type="resources">Second customer service agent for peak season.</output>')
    lines.append(f'  <action id="MR-{date.year}-A1" owner="Rajesh Iyer" due="{day(date + dt.timedelta(days=60))}">'
                 "Revise packaging specification for glass products.</action>")
    lines.append("</management-review>")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "northwind"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--complaints", type=int, default=140)
    parser.add_argument("--responses", type=int, default=60, help="responses per survey wave")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = os.path.abspath(args.out)
    for folder in ["complaints", "surveys", "corrective-actions", "management-review"]:
        os.makedirs(os.path.join(out, folder), exist_ok=True)

    start, end = dt.date(2025, 12, 1), dt.date(2026, 11, 20)
    rows = complaints(rng, args.complaints, start, end)
    # Deliberate gaps (see KNOWN-GAPS.md); positions scale with the size.
    n = len(rows)
    late_ack = [n // 7, n // 3, n // 2 + 3, (4 * n) // 5]
    for i in late_ack:
        rows[i]["acknowledged"] = rows[i]["received"] + dt.timedelta(days=5)
    late_close = [i for i in range(5, n, max(1, n // 12))][:12]
    for i in late_close:
        rows[i]["resolved"] = rows[i]["received"] + dt.timedelta(days=34 + i % 20)
    no_root_cause = [n // 4, (2 * n) // 3]
    for i in no_root_cause:
        rows[i]["root-cause"] = ""
    capa_rows = [i for i, r in enumerate(rows) if r["category"] == "product defect"][:8]
    actions = []
    for number, i in enumerate(capa_rows, start=1):
        row = rows[i]
        capa_id = f"CAPA-2026-{number:03d}"
        row["capa-ref"] = capa_id
        opened = row["received"] + dt.timedelta(days=2)
        action = {
            "id": capa_id, "opened": day(opened), "source": {"type": "complaint", "ref": row["complaint-id"]},
            "problem": row["description"].split("\n")[0], "root-cause": row["root-cause"] or "Under investigation",
            "actions": [{"description": "Quarantine affected stock and notify supplier", "owner": "Rajesh Iyer",
                         "done": day(opened + dt.timedelta(days=5))}],
            "status": "closed", "closed": day(opened + dt.timedelta(days=30)),
            "effectiveness-check": {"date": day(opened + dt.timedelta(days=90)), "result": "effective",
                                     "by": "Helen Marsh"},
        }
        actions.append(action)
    if len(actions) >= 3:
        del actions[2]["effectiveness-check"]          # gap: closed without effectiveness check
    if capa_rows:
        rows[capa_rows[-1]]["capa-ref"] = "CAPA-2026-019"  # gap: reference to a CAPA that does not exist
    # The newest complaints are still open.
    for row in rows:
        if row["resolved"] > end:
            row["resolved"] = None
    for row in rows[-3:]:
        row["resolved"] = None
    header = ["Complaint ID", "Received", "Channel", "Customer", "Site", "Category", "Description", "Acknowledged",
              "Resolved", "Root cause", "Customer informed", "CAPA ref"]
    keys = ["complaint-id", "received", "channel", "customer", "site", "category", "description", "acknowledged",
            "resolved", "root-cause", "customer-informed", "capa-ref"]
    write_csv(os.path.join(out, "complaints", "complaints-log-2026.csv"), header,
              [{h: (day(r[k]) if isinstance(r[k], dt.date) else r[k]) for h, k in zip(header, keys)} for r in rows])

    with open(os.path.join(out, "corrective-actions", "capa-register.json"), "w", encoding="utf-8") as handle:
        json.dump({"organization": "Northwind Home Goods Ltd", "exported": day(end), "actions": actions}, handle,
                  indent=2, ensure_ascii=False)
        handle.write("\n")

    waves = [("CSAT-2026-Q1", dt.date(2026, 2, 1), 400, args.responses, 4.3),
             ("CSAT-2026-Q2", dt.date(2026, 5, 1), 400, max(5, args.responses // 3), 4.15),  # gap: too few responses
             ("CSAT-2026-Q3", dt.date(2026, 8, 1), 400, args.responses, 4.0),
             ("CSAT-2026-Q4", dt.date(2026, 11, 1), 400, args.responses, 3.85)]                # gap: declining trend
    for wave, wave_start, invited, responses, mean in waves:
        survey(rng, os.path.join(out, "surveys", f"{wave.lower()}.xml"), wave, invited, responses, mean, wave_start)

    all_inputs = ["customer-satisfaction", "complaints", "quality-objectives", "corrective-actions",
                  "external-provider-performance"]
    minutes(os.path.join(out, "management-review", "mr-2024-10-10.xml"), dt.date(2024, 10, 10), "Helen Marsh", all_inputs)
    minutes(os.path.join(out, "management-review", "mr-2025-10-14.xml"), dt.date(2025, 10, 14), "Helen Marsh", all_inputs)

    items = [
        ("CL-2026", "complaints-log", "complaints/complaints-log-2026.csv", "csv", day(end),
         f'period-start="{day(start)}" period-end="{day(end)}"', "Dana Whitfield", "complaints-handling", "leeds",
         "Complaints log, all channels, both sites (export from the service desk)"),
        ("CAPA-REG", "corrective-actions", "corrective-actions/capa-register.json", "json", day(end), "",
         "Rajesh Iyer", "improvement", "leeds", "Corrective and preventive action register"),
    ]
    for wave, wave_start, *_ in waves:
        close = wave_start + dt.timedelta(days=27)
        items.append((wave, "satisfaction-survey", f"surveys/{wave.lower()}.xml", "xml", day(close),
                      f'period-start="{day(wave_start)}" period-end="{day(close)}"', "Dana Whitfield",
                      "customer-satisfaction", "leeds", f"Customer satisfaction survey wave {wave[-2:]}"))
    for date in ["2024-10-10", "2025-10-14"]:
        items.append((f"MR-{date[:7]}", "management-review", f"management-review/mr-{date}.xml", "xml", date, "",
                      "Helen Marsh", "management-review", "leeds", f"Management review minutes {date}"))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<evidence-register version="1">',
             '  <organization name="Northwind Home Goods Ltd">', "    <scope>",
             "      <activity>retail-sales</activity>", "      <activity>home-delivery</activity>",
             "      <activity>customer-service</activity>",
             '      <exclusion activity="design-and-development">Products are bought in to supplier designs; '
             "Northwind does no design or development.</exclusion>",
             "    </scope>", '    <site id="leeds" name="Leeds head office and warehouse"/>',
             '    <site id="bristol" name="Bristol store"/>', "  </organization>"]
    for item_id, item_type, path, fmt, date, period, owner, process, site, title in items:
        period_text = f" {period}" if period else ""
        lines.append(f'  <item id="{item_id}" type="{item_type}" file="{path}" format="{fmt}" date="{date}"{period_text} '
                     f'owner={quoteattr(owner)} process="{process}" site="{site}">{escape(title)}</item>')
    lines.append("</evidence-register>")
    with open(os.path.join(out, "evidence-register.xml"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
