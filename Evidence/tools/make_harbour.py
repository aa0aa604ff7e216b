#!/usr/bin/env python3
"""Derive the third sample organization, Harbour Lane Opticians Ltd, deterministically.

    python3 Evidence/tools/make_harbour.py                 # writes Evidence/harbour
    python3 Evidence/tools/make_harbour.py --out /tmp/h    # elsewhere

Harbour is the conforming organization (`generate_sample.py --org conforming`, the same seed)
written the way other tools export it: its own column names, day-first dates (DD/MM/YYYY),
status words of its own, a help desk JSON export read through `records="/tickets"`, a risk
register workbook with a "Read me" sheet in front, measured values with a decimal comma.
Its register maps all of it onto the contracts with `<map>` and conventions. A few gaps are
planted on the way (listed in Evidence/harbour/KNOWN-GAPS.md). Same input, same bytes.
"""
import argparse
import csv
import datetime as dt
import io
import json
import os
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

import generate_sample  # noqa: E402
from cxsample.common import a, x  # noqa: E402
from cxsample.office import save_workbook, _normalise  # noqa: E402

NAME = "Harbour Lane Opticians Ltd"
OLD_NAME = "Kestrel Office Supplies Ltd"
SITES = [("york", "Harbour Lane practice and glazing lab, York"), ("hull", "Hull dispensing branch")]
EXCLUSION = "Frames, lenses and products are bought in to supplier designs; the practice does no design or development."
KEEP = {"KNOWN-GAPS.md", "README.md"}
YES_NO = [("Y", "yes"), ("N", "no")]

PLANTED = []  # (gap, rule, grade)


def dmy(text):
    """2026-03-04 -> 04/03/2026; anything else unchanged."""
    try:
        return dt.date.fromisoformat(text).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return text


def yn(text):
    return {"yes": "Y", "no": "N"}.get(text, text)


def read_csv(path, delimiter=","):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def write_csv(path, header, rows, delimiter=","):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(buffer.getvalue())


class Table:
    """One tabular type: how the organization's columns come from the contract's, and the maps."""

    def __init__(self, columns):
        # columns: [(own header, source header in the generated file, field to map or None, kind, values)]
        self.columns = columns

    def rows(self, source_rows):
        out = []
        for row in source_rows:
            cells = []
            for _, source, _, kind, _ in self.columns:
                value = row.get(source, "") or ""
                if kind == "date":
                    value = dmy(value)
                elif kind == "yn":
                    value = yn(value)
                elif kind == "ro":
                    value = {"risk": "R", "opportunity": "O"}.get(value, value)
                cells.append(value)
            out.append(cells)
        return out

    def header(self):
        return [own for own, *_ in self.columns]

    def maps(self):
        lines = []
        for own, _, field, _, values in self.columns:
            if not field:
                continue
            column = f" column={a(own)}" if own is not None else ""
            if values:
                lines.append(f"    <map field={a(field)}{column}>")
                lines += [f"      <value from={a(f)} to={a(t)}/>" for f, t in values]
                lines.append("    </map>")
            else:
                lines.append(f"    <map field={a(field)}{column}/>")
        return lines


# Own column names; a field is mapped when the header is neither its name nor one of its aliases.
TABLES = {
    "communication/customer-communication-2026.csv": ("communication/patient-contacts-2026.csv", Table([
        ("Contact no", "Ref", "ref", "", None),
        ("Logged on", "Date", "date", "date", None),
        ("Reason", "Type", "type", "", None),
        ("Channel", "Channel", None, "", None),
        ("Patient", "Customer", "customer", "", None),
        ("Subject", "Subject", None, "", None),
        ("Reply sent", "Responded", "responded", "date", None),
    ])),
    "requirements/order-reviews-2026.csv": ("requirements/job-checks-2026.csv", Table([
        ("Job no", "Order", "order", "", None),
        ("Customer", "Customer", None, "", None),
        ("Order date", "Received", None, "date", None),
        ("Checked on", "Reviewed", "reviewed", "date", None),
        ("Confirmed on", "Accepted", None, "date", None),
        ("Prescription verified", "Requirements confirmed", "requirements-confirmed", "yn", YES_NO),
        ("Delivery notes", "Delivery requirements", None, "", None),
        ("Regs checked", "Statutory checked", "statutory-checked", "yn", YES_NO),
        ("Lab can make", "Capability confirmed", "capability-confirmed", "yn", YES_NO),
        ("Dispenser", "Reviewer", "reviewer", "", None),
    ])),
    "operations/customer-property.csv": ("operations/job-bags.csv", Table([
        ("Job bag", "Property ID", "property-id", "", None),
        ("Patient", "Customer", "customer", "", None),
        ("Item", "Description", None, "", None),
        ("Booked in", "Received", None, "date", None),
        ("Condition noted", "Condition on receipt", "condition-on-receipt", "", None),
        ("Status", "Status", None, "", None),
        ("Patient told", "Customer informed", "customer-informed", "date", None),
        ("Collected", "Returned", "returned", "date", None),
    ])),
    "operations/post-delivery-cases.csv": ("operations/aftercare-2026.csv", Table([
        ("Aftercare no", "Case ID", "case-id", "", None),
        ("Kind", "Type", "type", "", None),
        ("Opened", "Opened", None, "date", None),
        ("Completed", "Closed", "closed", "date", None),
        ("Outcome", "Outcome", None, "", None),
        ("Notes", "Lessons", None, "", None),
    ])),
    "operations/nonconforming-outputs.csv": ("operations/lab-rejects.csv", Table([
        ("NCR", "NC ID", None, "", None),
        ("Found", "Detected", None, "date", None),
        ("Frame or lens", "Product", "product", "", None),
        ("Fault", "Description", "description", "", None),
        ("Qty", "Quantity", None, "", None),
        ("Decision", "Disposition", None, "", None),
        ("Signed off by", "Authorised by", "authorised-by", "", None),
        ("Dispensed?", "Reached customer", "reached-customer", "yn", YES_NO),
        ("Patient told", "Customer informed", "customer-informed", "date", None),
    ])),
    "improvement/improvement-register.csv": ("improvement/ideas-board.csv", Table([
        ("Idea no", "ID", "id", "", None),
        ("Logged", "Raised", None, "date", None),
        ("Where from", "Source", "source", "", None),
        ("Improvement", "Title", None, "", None),
        ("Lead", "Owner", None, "", None),
        ("Stage", "Status", "status", "", None),
        ("Done on", "Completed", "completed", "date", None),
        ("Benefit seen", "Benefit measured", "benefit-measured", "", None),
        ("Outcome", "Outcome ref", None, "", None),
    ])),
}

CHANGES = Table([
    ("Amendment no", "Change ID", "change-id", "", None),
    ("Job no", "Order", "order", "", None),
    ("Date", "Requested", "requested", "date", None),
    ("What changed", "Change", None, "", None),
    ("Paperwork updated", "Documents amended", "documents-amended", "yn", YES_NO),
    ("Told", "People informed", "people-informed", "", None),
    ("Patient OK'd", "Customer confirmed", "customer-confirmed", "yn", YES_NO),
])

RISKS = Table([
    ("No.", "Risk ID", "risk-id", "", None),
    ("R/O", "Kind", "kind", "ro", [("R", "risk"), ("O", "opportunity")]),
    ("Risk or opportunity", "Description", None, "", None),
    ("Patients affected?", "Affects customers", "affects-customers", "yn", YES_NO),
    ("Likelihood", "Likelihood", None, "", None),
    ("Impact", "Impact", None, "", None),
    ("Control measures", "Treatment", "treatment", "", None),
    ("Owner", "Owner", None, "", None),
    ("Last review", "Reviewed", "reviewed", "date", None),
])

TICKET_STATUS = [("New", "open"), ("Pending", "open"), ("On-hold", "open"), ("Solved", "closed")]
TICKETS = [  # (key, source column, field to map or None, kind)
    ("Ticket ID", "Complaint ID", None, ""),
    ("Created", "Received", None, "date"),
    ("Via", "Channel", None, ""),
    ("Requester", "Customer", None, ""),
    ("Practice", "Site", "site", ""),
    ("Tags", "Category", "category", ""),
    ("Priority", "Priority", None, ""),
    ("Subject", "Description", None, ""),
    ("Ack sent", "Acknowledged", "acknowledged", "date"),
    ("SLA due", "Target resolution", None, "date"),
    ("Solved at", "Resolved", None, "date"),
    ("Status", "Status", None, "status"),
    ("Root cause analysis", "Root cause", None, ""),
    ("Outcome email", "Outcome communicated", "outcome-communicated", "date"),
    ("Reopens", "Reopened", "reopened", "count"),
    ("CAPA #", "CAPA ref", "capa-ref", ""),
]


def plant(gap, rule, grade):
    PLANTED.append((gap, rule, grade))


def complaints(src, out):
    rows = read_csv(os.path.join(src, "complaints/complaints-log-2026.csv"))
    # Gap: three tickets acknowledged 4 days after they came in (the target is 2).
    late = 0
    for index in (37, 118, 203):
        row = rows[index]
        received = dt.date.fromisoformat(row["Received"])
        row["Acknowledged"] = (received + dt.timedelta(days=4)).isoformat()
        if row["Resolved"] and row["Resolved"] < row["Acknowledged"]:
            row["Resolved"] = row["Acknowledged"]
            if row["Outcome communicated"]:
                row["Outcome communicated"] = row["Acknowledged"]
        late += 1
    plant(f"{late} complaint tickets acknowledged 4 days after they were created (target 2)", "ISO9001-8.2.1-01", "minor")
    tickets = []
    for row in rows:
        ticket = {}
        for key, source, _, kind in TICKETS:
            value = row.get(source, "") or ""
            if kind == "date":
                value = dmy(value) or None
            elif kind == "status":
                value = "Solved" if value == "closed" else ("New" if not row["Acknowledged"] else "Pending")
            elif kind == "count":
                value = "1" if value == "yes" else "0"
            ticket[key] = value
        tickets.append(ticket)
    export = {"export": {"account": "harbourlane", "product": "Help desk", "view": "Complaints (all)",
                         "exported-at": "2026-11-20T17:05:00Z", "count": len(tickets)},
              "tickets": tickets}
    path = os.path.join(out, "complaints/helpdesk-complaints-2026.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(export, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    maps = []
    for key, _, field, _ in TICKETS:
        if field:
            if field == "reopened":
                maps += [f"    <map field=\"reopened\" column={a(key)}>", '      <value from="0" to="no"/>',
                         '      <value from="1" to="yes"/>', "    </map>"]
            else:
                maps.append(f"    <map field={a(field)} column={a(key)}/>")
    maps += ['    <map field="status">'] + [f"      <value from={a(f)} to={a(t)}/>" for f, t in TICKET_STATUS] + ["    </map>"]
    return "complaints/helpdesk-complaints-2026.json", ' records="/tickets" date-format="DD/MM/YYYY"', maps


ITEMS = {"Sofa for re-upholstery": "Frames for re-glazing", "Customer's own fabric": "Patient's own frames",
         "Lamp for repair": "Frames for repair", "Trade customer's pallet": "Care home's spectacles for servicing",
         "Sample board on loan": "Low-vision magnifier on loan"}


PRODUCTS = {"Backpack": "Varifocal lenses", "Desk lamp": "Metal frame", "Glass vase": "Single-vision lenses",
            "Kettle": "Sunglasses", "Office chair": "Rimless frame"}


def customer_property_gap(rows):
    for row in rows:
        row["Description"] = ITEMS.get(row["Description"], row["Description"])
    rows[7]["Condition on receipt"] = ""
    plant(f"patient's property {rows[7]['Property ID']} booked in without its condition noted", "ISO9001-8.5.3-02", "ofi")
    row = rows[11]
    row.update({"Status": "damaged", "Customer informed": "", "Returned": ""})
    plant(f"a patient's frame ({row['Property ID']}) damaged in the glazing lab, patient not told", "ISO9001-8.5.3-01", "minor")


def risk_register(src, out):
    rows = read_csv(os.path.join(src, "context/risk-register.csv"))
    readme = [["Harbour Lane Opticians: risks and opportunities"], [],
              ["This workbook is the practice's risk register. One row per risk or opportunity on the Risks sheet."],
              ["R/O: R for a risk, O for an opportunity. Patients affected?: Y or N. Last review: DD/MM/YYYY."],
              ["Owner of the workbook: Tom Achebe (quality lead)."]]
    path = os.path.join(out, "context/risk-register.xlsx")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # Kept by hand, so headed as people head trackers: "Assessment" merged over its two
    # columns, every other header cell merged down both header rows.
    header = RISKS.header()
    group = [header.index("Likelihood"), header.index("Impact")]
    top = ["Assessment" if column == group[0] else None if column in group else label for column, label in enumerate(header)]
    below = [label if column in group else None for column, label in enumerate(header)]
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    merges = [f"{letter[group[0]]}1:{letter[group[-1]]}1"] + [f"{letter[c]}1:{letter[c]}2" for c in range(len(header)) if c not in group]
    save_workbook(path, [("Read me", readme), ("Risks", [top, below] + RISKS.rows(rows), merges)])
    return "context/risk-register.xlsx", "xlsx", ' date-format="DD/MM/YYYY"', RISKS.maps()


def objectives(src, out):
    import openpyxl
    workbook = openpyxl.load_workbook(os.path.join(src, "objectives/quality-objectives-2026.xlsx"))
    plan = [[cell.value for cell in row] for row in workbook["Objectives"].iter_rows()]
    measurements = [[cell.value for cell in row] for row in workbook["Measurements"].iter_rows()]
    for row in measurements[1:]:
        row[1] = row[1].date() if isinstance(row[1], dt.datetime) else row[1]
        row[2] = f"{row[2]:.1f}".replace(".", ",") if isinstance(row[2], (int, float)) else row[2]
    readme = [["Quality objectives tracker 2026"], [],
              ["Objectives: the plan. Measurements: one row per objective and month, typed in by the owner."],
              ["Values are written with a decimal comma (94,5)."]]
    path = os.path.join(out, "objectives/quality-objectives-2026.xlsx")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    save_workbook(path, [("Read me", readme), ("Objectives", plan), ("Measurements", measurements)])
    return ' decimal-separator=","'


def capa(src, out):
    with open(os.path.join(src, "corrective-actions/capa-register.json"), encoding="utf-8") as handle:
        text = handle.read().replace(OLD_NAME, NAME)
    data = json.loads(text)
    closed = [action for action in data["actions"] if action.get("status") == "closed" and action.get("effectiveness-check")]
    victim = closed[3]
    del victim["effectiveness-check"]
    plant(f"corrective action {victim['id']} closed without an effectiveness check", "ISO9001-10.2-03", "minor")
    path = os.path.join(out, "corrective-actions/capa-register.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(data, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


def copy_text(src_path, dst_path):
    os.makedirs(os.path.dirname(dst_path), exist_ok=True)
    if src_path.endswith((".xml", ".csv", ".json", ".md", ".txt")):
        with open(src_path, encoding="utf-8") as handle:
            text = handle.read()
        with open(dst_path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text.replace(OLD_NAME, NAME))
    else:
        shutil.copyfile(src_path, dst_path)


def make(out, seed):
    PLANTED.clear()
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "conforming")
        generate_sample.generate("conforming", src, seed, 1)
        if os.path.isdir(out):
            for entry in os.listdir(out):
                if entry not in KEEP:
                    path = os.path.join(out, entry)
                    shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
        os.makedirs(out, exist_ok=True)
        register = ET.parse(os.path.join(src, "evidence-register.xml")).getroot()
        scope = register.find("organization/scope")
        items = []
        # Gap: the management review of October 2026 never took place; the last one is 2025-10-14.
        skipped_review = "MR-2026-10"
        plant("no management review since 2025-10-14 (more than 12 months before the audit)", "ISO9001-9.3-01", "major")
        for item in register.findall("item"):
            attrs = dict(item.attrib)
            title = (item.text or "").strip()
            file = attrs["file"]
            if attrs["id"] == skipped_review:
                continue
            extra, maps = "", []
            if attrs["type"] not in {"complaints-log", "risk-register", "quality-objectives", "corrective-actions",
                                     "requirement-changes", "customer-property"} and file not in TABLES:
                copy_text(os.path.join(src, file), os.path.join(out, file))
            if attrs["type"] == "customer-property":
                new_file, table = TABLES[file]
                rows = read_csv(os.path.join(src, file))
                customer_property_gap(rows)
                write_csv(os.path.join(out, new_file), table.header(), table.rows(rows))
                file, extra, maps = new_file, ' date-format="DD/MM/YYYY"', table.maps()
            elif file in TABLES:
                new_file, table = TABLES[file]
                rows = read_csv(os.path.join(src, file))
                for row in rows:
                    if "Product" in row:
                        row["Product"] = PRODUCTS.get(row["Product"], row["Product"])
                write_csv(os.path.join(out, new_file), table.header(), table.rows(rows))
                file, extra, maps = new_file, ' date-format="DD/MM/YYYY"', table.maps()
            elif attrs["type"] == "requirement-changes":
                rows = read_csv(os.path.join(src, file), delimiter=";")
                file = "requirements/job-amendments-2026.csv"
                write_csv(os.path.join(out, file), CHANGES.header(), CHANGES.rows(rows), delimiter=";")
                extra, maps = ' date-format="DD/MM/YYYY"', CHANGES.maps()
            elif attrs["type"] == "complaints-log":
                file, extra, maps = complaints(src, out)
                attrs["format"] = "json"
                title = "Complaint tickets, both practices (help desk JSON export)"
            elif attrs["type"] == "risk-register":
                file, attrs["format"], extra, maps = risk_register(src, out)
            elif attrs["type"] == "quality-objectives":
                extra = objectives(src, out)
            elif attrs["type"] == "corrective-actions":
                capa(src, out)
            attrs["file"] = file
            items.append((attrs, extra, title, maps))
    lines = ['<evidence-register version="1">', f"  <organization name={a(NAME)}>", "    <scope>"]
    lines += [f"      <activity>{x(activity.text)}</activity>" for activity in scope.findall("activity")]
    lines += [f"      <exclusion activity={a(e.get('activity'))}>{x(EXCLUSION)}</exclusion>" for e in scope.findall("exclusion")]
    lines.append("    </scope>")
    lines += [f"    <site id={a(site)} name={a(name)}/>" for site, name in SITES]
    lines.append("  </organization>")
    order = ["id", "type", "file", "format", "date", "period-start", "period-end", "delimiter", "owner", "process", "site"]
    for attrs, extra, title, maps in items:
        head = " ".join(f"{key}={a(attrs[key])}" for key in order if key in attrs)
        if maps:
            lines.append(f"  <item {head}{extra}>{x(title)}")
            lines += maps
            lines.append("  </item>")
        else:
            lines.append(f"  <item {head}{extra}>{x(title)}</item>")
    lines.append("</evidence-register>")
    with open(os.path.join(out, "evidence-register.xml"), "w", encoding="utf-8", newline="") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n")
    return PLANTED


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(REPO, "Evidence", "harbour"))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    planted = make(os.path.abspath(args.out), args.seed)
    print(f"harbour: {os.path.abspath(args.out)}; {len(planted)} gaps planted")
    for gap, rule, grade in planted:
        print(f"  - {gap} ({rule}, {grade})")


if __name__ == "__main__":
    main()
