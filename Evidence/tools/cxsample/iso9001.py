"""Evidence an ISO 9001 auditor samples for the clauses on customers and improvement.

Every gap is planted through `org.gap(...)`: all of them in the `failing` organization
(each rule of iso9001-2015-customer-improvement fails there), a handful in Northwind
(listed in KNOWN-GAPS.md), none in the conforming organization.
"""
import datetime as dt
import json

from .common import a, day, x

D = dt.timedelta


def next_business_day(date):
    """The first Monday-to-Friday after `date`."""
    following = date + D(days=1)
    while following.weekday() >= 5:
        following += D(days=1)
    return following


def months(org):
    """Month ends from the start of the period up to the last full month."""
    result = []
    current = dt.date(org.start.year, org.start.month, 1)
    while True:
        following = dt.date(current.year + current.month // 12, current.month % 12 + 1, 1)
        end = following - D(days=1)
        if end > org.end:
            return result
        result.append(end)
        current = following


# --- 4.2 interested parties ---------------------------------------------------------------

def interested_parties(org):
    reviewed = dt.date(2025, 9, 2) if org.gap("ip-stale", "Interested parties last reviewed more than 12 months before the audit", ) else dt.date(2026, 3, 12)
    parties = [
        ("IP-01", "customer", "Online retail customers", [("delivery", "On-time delivery in the booked slot"), ("returns", "Easy returns")],
         "Quarterly CSAT survey"),
        ("IP-02", "customer", "Trade account customers", [("billing", "Accurate invoices"), ("stock", "Stock availability")],
         "Account reviews twice a year"),
        ("IP-03", "supplier", "Product suppliers", [("planning", "Forecasts eight weeks ahead")], "Supplier scorecards"),
        ("IP-04", "regulator", "Trading Standards", [("compliance", "Product safety and consumer rights compliance")], "Legal register review"),
        ("IP-05", "employee", "Staff", [("training", "Training on customer care standard")], "Annual staff survey"),
    ]
    if org.gap("ip-no-customer", "The interested-parties register names no customer group"):
        parties = [p for p in parties if p[1] != "customer"]
    # ISO 9001:2015/Amd 1:2024 (4.2 note): relevant interested parties can have climate-related requirements.
    climate = not org.gap("ip-no-climate", "The interested-parties register does not say whether any party has climate-related requirements",
                          northwind=True)
    climate_needs = {"IP-02": "Delivery emissions figures for their own climate reporting"} if climate else {}
    lines = [f'<interested-parties reviewed="{day(reviewed)}" approved-by={a(org.people["md"])}>']
    for index, (pid, category, name, needs, monitoring) in enumerate(parties):
        if index == len(parties) - 1 and org.gap("ip-unmonitored", "A relevant interested party has no monitoring method"):
            monitoring = ""
        lines.append(f"  <party id={a(pid)} category={a(category)} name={a(name)} relevant=\"yes\">")
        lines += [f"    <need topic={a(topic)}>{x(need)}</need>" for topic, need in needs]
        if pid in climate_needs:
            lines.append(f'    <need topic="climate">{x(climate_needs[pid])}</need>')
        if monitoring:
            lines.append(f"    <monitoring>{x(monitoring)}</monitoring>")
        lines.append("  </party>")
    if climate:
        lines.append("  <climate-requirements>Trade account customers ask for delivery emissions figures; no other relevant party "
                     "has climate-related requirements of the quality management system.</climate-requirements>")
    else:
        lines.append("  <climate-requirements></climate-requirements>")  # the register's field, left empty
    lines.append("</interested-parties>")
    org.write_xml("context/interested-parties.xml", lines)
    org.register("IP-REG", "interested-parties", "context/interested-parties.xml", "xml", reviewed,
                 "Interested parties and their requirements", owner=org.people["md"], process="context")


# --- 5.2 quality policy, 5.1.2 risks ------------------------------------------------------

def quality_policy(org):
    approved = dt.date(2022, 6, 1) if org.gap("policy-stale", "Quality policy not reviewed for more than three years") else dt.date(2025, 3, 3)
    commitments = [("customer-requirements", "We meet our customers' requirements and applicable legal requirements."),
                   ("continual-improvement", "We keep improving how we serve customers and how our system works.")]
    if org.gap("policy-no-ci", "The quality policy has no commitment to continual improvement"):
        commitments = commitments[:1]
    lines = [f'<quality-policy version="4" approved="{day(approved)}" approved-by={a(org.people["md"])}>',
             f"  <statement>{x(org.name)} delivers home and office goods customers can rely on, on the day we promise.</statement>"]
    lines += [f"  <commitment type={a(kind)}>{x(text)}</commitment>" for kind, text in commitments]
    lines.append("  <framework-for-objectives>Each commitment has at least one measurable quality objective.</framework-for-objectives>")
    if not org.gap("policy-not-communicated", "The quality policy has no record of being communicated"):
        lines.append(f'  <communicated channel="staff-briefing" date="{day(approved + D(days=7))}"/>')
        lines.append(f'  <communicated channel="intranet" date="{day(approved + D(days=7))}"/>')
        lines.append('  <published channel="website"/>')
    lines.append("</quality-policy>")
    org.write_xml("policy/quality-policy.xml", lines)
    org.register("QP-4", "quality-policy", "policy/quality-policy.xml", "xml", approved, "Quality policy, version 4",
                 owner=org.people["md"], process="leadership")


def risk_register(org):
    rng = org.rng("risks")
    risks = [
        ("R-01", "Carrier capacity shortfall in peak season", "yes", "Contract a contingency carrier for November and December"),
        ("R-02", "Supplier changes component without notice", "yes", "Change-notification clause in supplier agreements"),
        ("R-03", "Payment gateway outage", "yes", "Second payment provider on standby"),
        ("R-04", "Warehouse fire", "no", "Insurance and sprinkler maintenance"),
        ("R-05", "Loss of key customer service staff", "yes", "Cross-training plan"),
        ("R-06", "Data breach through the web shop", "yes", "Annual penetration test"),
    ]
    reviewed = dt.date(2026, 4, 20)
    rows = []
    for index, (rid, description, affects, treatment) in enumerate(risks):
        if index == 1 and org.gap("risk-untreated", "A risk affecting customers has no treatment or owner", northwind=False):
            treatment = ""
        rows.append({"Risk ID": rid, "Kind": "risk", "Description": description, "Affects customers": affects,
                     "Likelihood": rng.choice(["low", "medium", "high"]), "Impact": rng.choice(["medium", "high"]),
                     "Treatment": treatment, "Owner": org.people["operations"] if treatment else "",
                     "Reviewed": reviewed})
    # Opportunities apart from risks (6.1; ISO 9001:2026 gives them their own sub-clause, 6.1.3).
    if not org.gap("no-opportunities", "The risk register records risks only, no opportunity", northwind=True):
        for oid, description, treatment in [
                ("O-01", "Same-day delivery in the city from the new depot", "Pilot with two carriers in the second quarter"),
                ("O-02", "Customers asking for refill packs to cut packaging", "Range review with suppliers; add refills to the web shop")]:
            rows.append({"Risk ID": oid, "Kind": "opportunity", "Description": description, "Affects customers": "yes",
                         "Likelihood": "medium", "Impact": "high", "Treatment": treatment, "Owner": org.people["sales"],
                         "Reviewed": reviewed})
    org.write_csv("context/risk-register.csv", list(rows[0].keys()), rows)
    if org.gap("risk-stale", "The risk register was last reviewed more than 12 months before the audit"):
        reviewed = dt.date(2025, 6, 30)
    org.register("RISK-REG", "risk-register", "context/risk-register.csv", "csv", reviewed,
                 "Risks and opportunities register", owner=org.people["quality"], process="planning")


# --- 6.2 quality objectives ---------------------------------------------------------------

OBJECTIVES = [
    ("OBJ-01", "customer", "Satisfied customers (CSAT 4 or 5)", "%", 80, "higher", "service"),
    ("OBJ-02", "delivery", "Orders delivered in the booked slot", "%", 95, "higher", "operations"),
    ("OBJ-03", "complaints", "Complaints closed within 30 days", "%", 95, "higher", "service"),
    ("OBJ-04", "service", "Enquiries resolved at first contact", "%", 70, "higher", "service"),
    ("OBJ-05", "product", "Returns as a share of orders", "%", 3, "lower", "operations"),
]


def quality_objectives(org):
    """The objectives tracker, kept as an Excel workbook (written with openpyxl)."""
    from .office import save_workbook
    rng = org.rng("objectives")
    ends = months(org)
    objectives = list(OBJECTIVES)
    if org.gap("objectives-no-customer", "No quality objective addresses customers or customer satisfaction"):
        objectives = [o for o in objectives if o[1] != "customer"]
    plan = [["Objective ID", "Category", "Title", "Unit", "Target", "Better", "Owner", "Frequency", "Action"]]
    measurements = [["Objective ID", "Date", "Value"]]
    for index, (oid, category, title, unit, target, better, owner) in enumerate(objectives):
        owner_name = org.people[owner]
        if index == 1 and org.gap("objective-no-owner", "A quality objective has no owner"):
            owner_name = ""
        target_value = target
        if index == 3 and org.gap("objective-not-measurable", "A quality objective has no measurable target"):
            target_value = "as high as possible"
        measured = ends
        if index == 2 and org.gap("objective-not-measured", "An objective has not been measured for more than two months"):
            measured = ends[:-4]
        declining = oid == "OBJ-02" and org.gap("delivery-declining", "On-time delivery declines quarter on quarter")
        below = oid == "OBJ-04" and org.gap("objective-below-no-action",
                                             "An objective has been below target for three months with no action recorded")
        for position, end in enumerate(measured):
            if declining:
                value = 97.5 - position * 0.6 + rng.uniform(-0.2, 0.2)
            elif below and position >= len(measured) - 3:
                value = target - 6 + rng.uniform(-1, 1)
            elif better == "higher":
                value = target + 1.5 + 0.08 * position + rng.uniform(-0.2, 0.2)
            else:
                value = target - 0.5 - 0.02 * position - rng.uniform(0, 0.1)
            measurements.append([oid, end, round(value, 1)])
        action = "Knowledge base refresh for agents" if oid == "OBJ-04" and not below else ""
        plan.append([oid, category, title, unit, target_value, better, owner_name, "monthly", action])
    save_workbook(org.path("objectives/quality-objectives-2026.xlsx"), [("Objectives", plan), ("Measurements", measurements)])
    updated = ends[-1]
    if org.gap("objectives-stale", "The objectives tracker was last updated more than 12 months before the audit"):
        updated = dt.date(2025, 10, 31)
    org.register("OBJ-2026", "quality-objectives", "objectives/quality-objectives-2026.xlsx", "xlsx", updated,
                 "Quality objectives 2026 with monthly measurements (objectives tracker workbook)", process="planning",
                 period=(org.start, ends[-1]))


# --- 8.2 requirements for products and services -------------------------------------------

def requirement_reviews(org):
    rng = org.rng("reviews")
    count = 60 * org.scale
    rows = []
    span = (org.end - org.start).days
    for index in range(count):
        received = org.start + D(days=int(span * index / count))
        reviewed = received + D(days=rng.choice([0, 1, 1, 2]))
        accepted = reviewed + D(days=rng.choice([0, 1, 2]))
        rows.append({"Order": f"TR-{received.year}-{index + 1:04d}", "Customer": org.person(rng) + " (trade)",
                     "Received": received, "Reviewed": reviewed, "Accepted": accepted,
                     "Requirements confirmed": "yes", "Delivery requirements": rng.choice(
                         ["Tail-lift delivery", "Deliver before 10:00", "Site contact to sign", "Standard"]),
                     "Statutory checked": "yes", "Capability confirmed": "yes", "Reviewer": org.people["sales"]})
    if org.gap("review-after-acceptance", "An order was accepted before its requirements were reviewed", northwind=True):
        rows[count // 3]["Reviewed"] = rows[count // 3]["Accepted"] + D(days=3)
    if org.gap("capability-unconfirmed", "An order was accepted without confirming the ability to meet it"):
        rows[count // 2]["Capability confirmed"] = "no"
    if org.gap("statutory-unchecked", "An order review did not check statutory and regulatory requirements"):
        rows[count // 4]["Statutory checked"] = ""
    if org.gap("delivery-requirements-missing", "An order review does not record delivery requirements"):
        rows[count // 5]["Delivery requirements"] = ""
    org.write_csv("requirements/order-reviews-2026.csv", list(rows[0].keys()), rows)
    org.register("ORD-REV", "requirement-reviews", "requirements/order-reviews-2026.csv", "csv", org.end,
                 "Trade order and contract reviews", owner=org.people["sales"], process="sales", period=(org.start, org.end))
    return [r["Order"] for r in rows]


def requirement_changes(org, orders):
    rng = org.rng("changes")
    rows = []
    for index in range(12 * org.scale):
        order = orders[(index * 5 + 3) % len(orders)]
        rows.append({"Change ID": f"CHG-{index + 1:03d}", "Order": order,
                     "Requested": org.start + D(days=25 * index % 340),
                     "Change": rng.choice(["Delivery date moved", "Quantity increased", "Colour changed", "Delivery address changed"]),
                     "Documents amended": "yes", "People informed": "warehouse; driver",
                     "Customer confirmed": "yes"})
    if org.gap("change-docs-not-amended", "A changed order's documents were not amended"):
        rows[2]["Documents amended"] = "no"
    if org.gap("change-people-not-informed", "Relevant people were not told of a changed order"):
        rows[4]["People informed"] = ""
    if org.gap("change-unknown-order", "A requirement change refers to an order with no review record"):
        rows[6]["Order"] = "TR-2026-9999"
    org.write_csv("requirements/order-changes-2026.csv", list(rows[0].keys()), rows, delimiter=";")
    org.register("ORD-CHG", "requirement-changes", "requirements/order-changes-2026.csv", "csv", org.end,
                 "Changes to accepted orders", owner=org.people["sales"], process="sales", delimiter=";")


def customer_communication(org):
    rng = org.rng("communication")
    kinds = ["product-information", "enquiry", "order", "feedback", "contingency"]
    if org.gap("communication-incomplete", "Customer communication records cover no feedback and no product information"):
        kinds = ["enquiry", "order"]
    rows = []
    count = 80 * org.scale
    span = (org.end - org.start).days
    for index in range(count):
        date = org.start + D(days=int(span * index / count))
        kind = kinds[index % len(kinds)]
        response = date + D(days=rng.choice([0, 0, 1, 1, 2]))
        if kind == "enquiry" and index % 3 == 0 and org.gap("enquiries-slow", "Fewer than 90% of enquiries are answered within 2 days"):
            response = date + D(days=6)
        rows.append({"Ref": f"COM-{index + 1:04d}", "Date": date, "Type": kind,
                     "Channel": rng.choice(["email", "phone", "website", "newsletter"]), "Customer": org.person(rng),
                     "Subject": {"product-information": "New range announcement", "enquiry": "Stock question",
                                 "order": "Order confirmation", "feedback": "Request for a review",
                                 "contingency": "Delivery disruption notice"}[kind],
                     "Responded": response if kind == "enquiry" else ""})
    org.write_csv("communication/customer-communication-2026.csv", list(rows[0].keys()), rows)
    org.register("COMMS", "customer-communication", "communication/customer-communication-2026.csv", "csv", org.end,
                 "Customer communication log", owner=org.people["service"], process="customer-service",
                 period=(org.start, org.end))


# --- complaints (8.2.1, 9.1.3, 10.2, 10.3; ISO 10002) ---------------------------------------

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
PRIORITY = {"product defect": "high", "website": "high", "damaged goods": "medium", "billing": "medium",
            "late delivery": "medium", "staff conduct": "low"}
TARGET_DAYS = {"high": 10, "medium": 20, "low": 30}


def complaints(org):
    """The complaints log and the corrective-action register it feeds."""
    rng = org.rng("complaints")
    count = 300 * org.scale
    span = (org.end - org.start).days
    rows = []
    for index in range(count):
        # Volume falls through the year (improvement actions work) with noise.
        fraction = (index / count) ** 1.15
        received = org.start + D(days=min(span, int(span * fraction) + rng.randint(0, 1)))
        category = rng.choice(list(CATEGORIES))
        text = rng.choice(CATEGORIES[category]).format(o=f"NW-{rng.randint(100000, 999999)}", d=rng.randint(2, 9))
        if rng.random() < 0.06:
            text += "\nFollow-up call: customer still waiting for an answer."
        priority = PRIORITY[category]
        # Acknowledged the same day or within one business day (an automatic reply), as the
        # strictest regulator in the sector profiles asks (ASIC RG 271); no extra random draw.
        ack = min(received + D(days=rng.choice([0, 0, 1, 1, 2])), next_business_day(received))
        resolved = received + D(days=rng.choice([2, 3, 5, 6, 8, 9]) if priority == "high" else rng.choice([3, 5, 7, 9, 12, 14, 18]))
        rows.append({
            "complaint-id": f"C-{received.year}-{index + 1:04d}", "received": received,
            "channel": rng.choice(["email", "phone", "web form", "store", "social media"]),
            "customer": org.person(rng), "site": rng.choice(org.site_ids()), "category": category, "priority": priority,
            "description": text, "acknowledged": ack, "target": received + D(days=TARGET_DAYS[priority]), "resolved": resolved,
            "status": "closed", "root-cause": ROOT_CAUSES[category], "outcome-communicated": resolved,
            "reopened": "no", "capa-ref": "",
        })
    n = len(rows)
    if org.gap("ack-late", "4 complaints acknowledged after 5 days (target 2)", northwind=True):
        for i in (n // 7, n // 3, n // 2 + 3, (4 * n) // 5):
            rows[i]["acknowledged"] = rows[i]["received"] + D(days=5)
    if org.gap("close-late", "Complaints closed after 30 days: more than 5% of closed complaints", northwind=True):
        for i in range(5, n - 10, max(1, n // 24)):
            rows[i]["resolved"] = rows[i]["received"] + D(days=34 + i % 20)
            rows[i]["outcome-communicated"] = rows[i]["resolved"]
    if org.gap("no-root-cause", "2 closed complaints without a root cause", northwind=True):
        for i in (n // 4, (2 * n) // 3):
            rows[i]["root-cause"] = ""
    if org.gap("complaint-volume-rising", "Complaint volume rises quarter on quarter"):
        # Add extra complaints late in the year so the count per quarter climbs.
        for extra in range(n // 2):
            received = org.end - D(days=extra % 200)
            base = dict(rows[extra % n])
            base.update({"complaint-id": f"C-{received.year}-{n + extra + 1:04d}", "received": received,
                         "acknowledged": received, "resolved": received + D(days=3), "target": received + D(days=20),
                         "outcome-communicated": received + D(days=3)})
            rows.append(base)
    capa_rows = [i for i, r in enumerate(rows[:n]) if r["category"] == "product defect"][:10]
    actions = []
    for number, i in enumerate(capa_rows, start=1):
        row = rows[i]
        capa_id = f"CAPA-{row['received'].year}-{number:03d}"
        row["capa-ref"] = capa_id
        opened = row["received"] + D(days=2)
        closed = opened + D(days=30)
        actions.append({
            "id": capa_id, "opened": day(opened), "source": {"type": "complaint", "ref": row["complaint-id"]},
            "problem": row["description"].split("\n")[0], "root-cause": row["root-cause"] or ROOT_CAUSES[row["category"]],
            "actions": [{"description": "Quarantine affected stock and notify supplier", "owner": org.people["quality"],
                         "done": day(opened + D(days=5))}],
            "status": "closed" if closed <= org.end else "open",
            "closed": day(closed) if closed <= org.end else None,
            "effectiveness-check": {"date": day(min(opened + D(days=90), org.end)), "result": "effective",
                                     "by": org.people["md"]} if closed <= org.end else None,
        })
    for action in actions:
        if action["effectiveness-check"] is None:
            del action["effectiveness-check"]
        if action["closed"] is None:
            del action["closed"]
    if len(actions) >= 3 and org.gap("capa-no-effectiveness", "A corrective action closed without an effectiveness check", northwind=True):
        actions[2].pop("effectiveness-check", None)
    if capa_rows and org.gap("capa-dangling", "A complaint refers to a corrective action that does not exist", northwind=True):
        rows[capa_rows[-1]]["capa-ref"] = "CAPA-2026-019"
    if len(actions) >= 4 and org.gap("capa-no-root-cause", "A corrective action has no root cause"):
        actions[3]["root-cause"] = ""
    if len(actions) >= 5 and org.gap("capa-unknown-source", "A corrective action names a source complaint that is not in the log"):
        actions[4]["source"]["ref"] = "C-2026-9999"
    if org.gap("capa-slow", "Fewer than 90% of corrective actions closed within 60 days"):
        for action in actions[:len(actions) // 2 + 1]:
            if "closed" in action:
                action["closed"] = day(dt.date.fromisoformat(action["opened"]) + D(days=75))
    # Gaps read by the ISO 10002 ruleset (Rulesets/iso10002-complaints.xml). They touch chosen rows only and draw
    # no random numbers, so the conforming organization's log is unchanged and the other rulesets' findings stay put.
    if org.gap("complaint-unclassified", "A complaint has no category and another one a category the complaints policy does not define"):
        rows[n // 6]["category"] = ""
        rows[n // 6 + 1]["category"] = "general dissatisfaction"
    if org.gap("complaint-priority-inconsistent",
               "A complaint has no priority and a high-priority complaint was given the 30-day low-priority target"):
        rows[(3 * n) // 8]["priority"] = ""
        high = next(r for r in rows[n // 2:n] if r["priority"] == "high" and not r["capa-ref"])
        high["target"] = high["received"] + D(days=TARGET_DAYS["low"])
    if org.gap("resolution-slowing", "Complaints take longer to resolve every quarter"):
        late = set(range(5, n - 10, max(1, n // 24))) if org.planted.get("close-late") else set()
        for i, row in enumerate(rows):
            if i in late or not row["resolved"]:
                continue
            month = (row["received"].year - org.start.year) * 12 + row["received"].month - org.start.month
            slower = row["received"] + D(days=min(TARGET_DAYS[row["priority"] or "medium"], 4 + 2 * month))
            if slower <= org.end:
                row["resolved"] = row["outcome-communicated"] = slower
    if org.gap("outcome-not-communicated", "Two closed complaints have no record that the customer was told the outcome",
               northwind=True):
        for i in (n // 9, n // 5):
            rows[i]["outcome-communicated"] = None
    if org.gap("complaints-reopened", "8% of closed complaints were reopened (limit 5%)", northwind=True):
        for i in range(3, n - 20, 12):
            rows[i]["reopened"] = "yes"
    if org.gap("final-response-late", "A complainant had the final response ten weeks after the complaint was received"):
        row = rows[n // 10 + 1]
        row["resolved"] = row["outcome-communicated"] = row["received"] + D(days=70)
    # The newest complaints are still open.
    for row in rows[-3:]:
        row.update({"resolved": None, "status": "open", "outcome-communicated": None})
    for row in rows:
        if row["resolved"] and row["resolved"] > org.end:
            row.update({"resolved": None, "status": "open", "outcome-communicated": None})
    header = ["Complaint ID", "Received", "Channel", "Customer", "Site", "Category", "Priority", "Description",
              "Acknowledged", "Target resolution", "Resolved", "Status", "Root cause", "Outcome communicated",
              "Reopened", "CAPA ref"]
    keys = ["complaint-id", "received", "channel", "customer", "site", "category", "priority", "description",
            "acknowledged", "target", "resolved", "status", "root-cause", "outcome-communicated", "reopened", "capa-ref"]
    org.write_csv("complaints/complaints-log-2026.csv", header, [{h: r[k] for h, k in zip(header, keys)} for r in rows])
    org.register("CL-2026", "complaints-log", "complaints/complaints-log-2026.csv", "csv", org.end,
                 "Complaints log, all channels, both sites (export from the service desk)", owner=org.people["service"],
                 process="complaints-handling", period=(org.start, org.end))
    org.write_text("corrective-actions/capa-register.json", json.dumps(
        {"organization": org.name, "exported": day(org.end), "actions": actions}, indent=2, ensure_ascii=False) + "\n")
    org.register("CAPA-REG", "corrective-actions", "corrective-actions/capa-register.json", "json", org.end,
                 "Corrective and preventive action register", process="improvement")
    return rows, actions


# --- 8.5.3, 8.5.5, 8.7 --------------------------------------------------------------------

def customer_property(org):
    rng = org.rng("property")
    rows = []
    for index in range(24 * org.scale):
        received = org.start + D(days=14 * index % 330)
        status = rng.choice(["held", "returned", "returned", "returned"])
        rows.append({"Property ID": f"CP-{index + 1:03d}", "Customer": org.person(rng),
                     "Description": rng.choice(["Sofa for re-upholstery", "Customer's own fabric", "Lamp for repair",
                                                "Trade customer's pallet", "Sample board on loan"]),
                     "Received": received, "Condition on receipt": rng.choice(["good", "worn", "scratched on left side"]),
                     "Status": status, "Customer informed": "", "Returned": received + D(days=21) if status == "returned" else ""})
    rows[5].update({"Status": "damaged", "Customer informed": rows[5]["Received"] + D(days=2), "Returned": ""})
    if org.gap("property-damage-not-reported", "Customer property damaged in the warehouse and the customer not told", northwind=True):
        rows[11].update({"Status": "damaged", "Customer informed": "", "Returned": ""})
    if org.gap("property-condition-missing", "Customer property received without its condition recorded"):
        rows[7]["Condition on receipt"] = ""
    org.write_csv("operations/customer-property.csv", list(rows[0].keys()), rows)
    org.register("CUST-PROP", "customer-property", "operations/customer-property.csv", "csv", org.end,
                 "Register of customer property in our care", owner=org.people["operations"], process="operations")


def post_delivery(org):
    rng = org.rng("post-delivery")
    rows = []
    count = 40 * org.scale
    for index in range(count):
        opened = org.start + D(days=(8 * index) % 340)
        kind = rng.choice(["warranty", "return", "repair", "installation"])
        took = rng.choice([2, 4, 6, 8, 10, 12])
        if index % 3 == 0 and org.gap("post-delivery-slow", "Fewer than 90% of post-delivery cases closed within 14 days"):
            took = 25
        rows.append({"Case ID": f"PD-{index + 1:03d}", "Type": kind, "Opened": opened, "Closed": opened + D(days=took),
                     "Outcome": rng.choice(["replaced", "refunded", "repaired", "advice given"]),
                     "Lessons": rng.choice(["", "", "Add care card to fragile items"])})
    if org.gap("post-delivery-no-outcome", "A warranty case closed without an outcome"):
        for row in rows:
            if row["Type"] == "warranty":
                row["Outcome"] = ""
                break
    org.write_csv("operations/post-delivery-cases.csv", list(rows[0].keys()), rows)
    date = dt.date(2025, 6, 30) if org.gap("post-delivery-stale", "No post-delivery records in the last 12 months") else org.end
    org.register("PD-CASES", "post-delivery", "operations/post-delivery-cases.csv", "csv", date,
                 "Warranty, return, repair and installation cases", owner=org.people["service"], process="post-delivery")


def nonconforming_outputs(org):
    rng = org.rng("nc")
    rows = []
    for index in range(30 * org.scale):
        detected = org.start + D(days=(11 * index) % 340)
        reached = "yes" if index % 5 == 0 else "no"
        rows.append({"NC ID": f"NC-{index + 1:03d}", "Detected": detected,
                     "Product": rng.choice(["Glass vase", "Desk lamp", "Kettle", "Office chair", "Backpack"]),
                     "Description": rng.choice(["Cracked on goods-in inspection", "Wrong colour picked", "Missing screws",
                                                "Packaging damaged"]),
                     "Quantity": rng.randint(1, 12), "Disposition": rng.choice(["rework", "scrap", "return to supplier", "concession"]),
                     "Authorised by": org.people["quality"], "Reached customer": reached,
                     "Customer informed": detected + D(days=1) if reached == "yes" else ""})
    if org.gap("nc-no-disposition", "A nonconforming output has no disposition or authority recorded"):
        rows[3].update({"Disposition": "", "Authorised by": ""})
    if org.gap("nc-customer-not-told", "A nonconforming product reached a customer who was not told"):
        rows[10]["Customer informed"] = ""
    org.write_csv("operations/nonconforming-outputs.csv", list(rows[0].keys()), rows)
    org.register("NC-LOG", "nonconforming-outputs", "operations/nonconforming-outputs.csv", "csv", org.end,
                 "Nonconforming outputs log", owner=org.people["quality"], process="operations")


# --- 9.1.2 satisfaction surveys ----------------------------------------------------------

def surveys(org):
    rng = org.rng("surveys")
    small = org.gap("survey-small-sample", "Survey wave Q2 has only a third of the planned responses", northwind=True)
    decline = org.gap("csat-decline", "Satisfaction declines every quarter; wave Q4 falls below the CSAT target", northwind=True)
    means = [4.3, 4.15, 4.0, 3.85] if decline else [4.3, 4.35, 4.4, 4.45]
    # Read by the ISO 10004 ruleset; lowers likelihood-to-recommend without drawing random numbers.
    nps_falling = org.gap("nps-falling", "NPS is below the plan's target in every wave and falls from wave to wave")
    responses = 60 * org.scale
    waves = [("CSAT-2026-Q1", dt.date(2026, 2, 1)), ("CSAT-2026-Q2", dt.date(2026, 5, 1)),
             ("CSAT-2026-Q3", dt.date(2026, 8, 1)), ("CSAT-2026-Q4", dt.date(2026, 11, 1))]
    if org.gap("survey-stale", "The last satisfaction survey is more than six months old"):
        waves = waves[:2]
    comments = ["Quick delivery, well packed.", "Had to chase the refund twice.", "Friendly driver.",
                "Website kept logging me out.", "Great value, will order again.", "", "", ""]
    for number, (wave, start) in enumerate(waves):
        count = max(5, responses // 3) if (small and wave.endswith("Q2")) else responses
        lines = [f'<survey id="{wave}" method="e-mail questionnaire sent 3 days after order delivery" '
                 f'scale="csat 1-5, nps 0-10, ces 1-7" plan="CSMP-2026" opened="{day(start)}" '
                 f'closed="{day(start + D(days=27))}">', f"  <invited>{responses * 20 // 3}</invited>"]
        for index in range(count):
            csat = max(1, min(5, round(rng.gauss(means[number], 0.8))))
            nps = max(0, min(10, round(csat * 2 + rng.gauss(0, 1.2))))
            if nps_falling and index % (3 - min(number, 1)) == 0:
                nps = max(0, nps - 4)
            comment = rng.choice(comments)
            lines.append(f'  <response id="{wave}-{index + 1:03d}" date="{day(start + D(days=rng.randint(0, 27)))}" '
                         f'site="{rng.choice(org.site_ids())}" segment="{rng.choice(["online", "online", "trade", "store"])}">')
            lines.append(f"    <csat>{csat}</csat><nps>{nps}</nps><ces>{rng.randint(1, 5)}</ces>")
            if comment:
                lines.append(f"    <comment>{x(comment)}</comment>")
            lines.append("  </response>")
        lines.append("</survey>")
        org.write_xml(f"surveys/{wave.lower()}.xml", lines)
        close = start + D(days=27)
        org.register(wave, "satisfaction-survey", f"surveys/{wave.lower()}.xml", "xml", close,
                     f"Customer satisfaction survey wave {wave[-2:]}", owner=org.people["service"],
                     process="customer-satisfaction", period=(start, close))


# --- 9.2 internal audit ------------------------------------------------------------------

def internal_audits(org, actions):
    capa_ids = [action["id"] for action in actions]
    programme = [("IA-2026-01", "2026-03", "complaints-handling", "8.2.1 9.1.2 10.2", "customer-service"),
                 ("IA-2026-02", "2026-06", "sales", "8.2.2 8.2.3 8.2.4", "sales"),
                 ("IA-2026-03", "2026-09", "operations", "8.5.3 8.5.5 8.7", "operations"),
                 ("IA-2026-04", "2027-01", "management-review", "9.1.3 9.3 10.3", "management")]
    if org.gap("programme-misses-customer-clauses", "The audit programme does not cover customer satisfaction (9.1.2)"):
        programme[0] = ("IA-2026-01", "2026-03", "complaints-handling", "8.2.1 10.2", "customer-service")
    lines = [f'<audit-programme year="2026" approved="2026-01-12" approved-by={a(org.people["md"])}>']
    lines += [f'  <audit id="{aid}" planned="{month}" process="{process}" clauses="{clauses}" auditor={a(org.people["auditor"])}/>'
              for aid, month, process, clauses, _ in programme]
    lines.append("</audit-programme>")
    org.write_xml("internal-audit/audit-programme-2026.xml", lines)
    org.register("IA-PROG", "audit-programme", "internal-audit/audit-programme-2026.xml", "xml", dt.date(2026, 1, 12),
                 "Internal audit programme 2026", owner=org.people["quality"], process="internal-audit")
    stale = org.gap("audits-stale", "No internal audit report in the last 12 months")
    for number, (aid, month, process, clauses, department) in enumerate(programme[:3]):
        if number == 2 and org.gap("planned-audit-missing", "A planned internal audit has no report"):
            continue
        date = dt.date(int(month[:4]) - (1 if stale else 0), int(month[5:]), 18)
        auditor_department = "finance"
        if number == 1 and org.gap("auditor-not-independent", "An internal auditor audited their own department", northwind=True):
            auditor_department = department
        finding_capa = capa_ids[number] if number < len(capa_ids) else ""
        if number == 0 and org.gap("audit-finding-no-capa", "An internal audit nonconformity has no corrective action"):
            finding_capa = ""
        if number == 1 and org.gap("audit-finding-unknown-capa", "An internal audit finding refers to a corrective action that does not exist"):
            finding_capa = "CAPA-2026-777"
        reported = "" if number == 0 and org.gap("audit-not-reported", "Internal audit results were not reported to management") else org.people["md"]
        lines = [f'<internal-audit id="{aid}" date="{day(date)}" process="{process}" clauses="{clauses}" '
                 f'auditor={a(org.people["auditor"])} auditor-department="{auditor_department}" auditee-department="{department}">',
                 f"  <criteria>ISO 9001:2015 clauses {x(clauses)}; procedure QP-{number + 7:02d}</criteria>",
                 f'  <finding id="{aid}-F1" grade="minor" clause="{clauses.split()[0]}" capa="{finding_capa}">'
                 "Records of one sampled case incomplete.</finding>",
                 f'  <finding id="{aid}-F2" grade="ofi" clause="{clauses.split()[-1]}">Consider a checklist for new starters.</finding>',
                 f"  <reported-to>{x(reported)}</reported-to>" if reported else "  <reported-to/>",
                 "</internal-audit>"]
        org.write_xml(f"internal-audit/{aid.lower()}.xml", lines)
        org.register(aid, "internal-audit", f"internal-audit/{aid.lower()}.xml", "xml", date,
                     f"Internal audit report {aid} ({process})", owner=org.people["auditor"], process="internal-audit")


# --- 9.3 management review ------------------------------------------------------------------

REVIEW_INPUTS = {
    "customer-satisfaction": "CSAT for the last two waves reviewed; Bristol below Leeds on delivery experience.",
    "complaints": "Complaint volume and closure times reviewed; damaged-goods complaints up after supplier change.",
    "quality-objectives": "Five objectives reviewed; on-time delivery trend discussed.",
    "audit-results": "Internal audit findings of the year and their corrective actions reviewed.",
    "external-provider-performance": "Carrier scorecards reviewed; contingency carrier to be contracted.",
    "corrective-actions": "Open corrective actions reviewed; overdue effectiveness checks escalated.",
    "risks-and-opportunities": "Risk register reviewed; payment gateway risk re-rated.",
}


def management_reviews(org):
    """Management review minutes: older ones exported as XML, the latest kept as a Word document."""
    from .office import save_minutes
    dates = [dt.date(2024, 10, 10), dt.date(2025, 10, 14)]
    if not org.gap("mr-overdue", "The last management review was more than 12 months before the audit", northwind=True):
        dates.append(dt.date(2026, 10, 6))
    for number, date in enumerate(dates):
        latest = number == len(dates) - 1
        inputs = dict(REVIEW_INPUTS)
        if latest and org.gap("mr-no-customer-inputs", "The latest management review has no customer satisfaction or complaints input"):
            inputs.pop("customer-satisfaction")
            inputs.pop("complaints")
        if latest and org.gap("mr-no-performance-inputs", "The latest management review did not consider objectives or audit results"):
            inputs.pop("quality-objectives")
            inputs.pop("audit-results")
        outputs = {}
        if not (latest and org.gap("mr-no-improvement-output", "The latest management review decided no improvement")):
            outputs["improvement"] = "Introduce photo-on-delivery for fragile goods."
        if not (latest and org.gap("mr-no-resource-output", "The latest management review recorded no decision on resources")):
            outputs["resources"] = "Second customer service agent for peak season."
        owner = "" if latest and org.gap("mr-action-no-owner", "A management review action has no owner or due date") else org.people["quality"]
        due = day(date + D(days=60)) if owner else ""
        action = (f"MR-{date.year}-A1", "Revise packaging specification for glass products.", owner, due)
        if latest:
            path = f"management-review/mr-{day(date)}.docx"
            save_minutes(org.path(path), date, org.people, inputs, outputs, [action])
            fmt = "docx"
        else:
            lines = [f'<management-review date="{day(date)}" chair={a(org.people["md"])}>', "  <attendees>",
                     f'    <person role="Managing Director">{x(org.people["md"])}</person>',
                     f'    <person role="Quality Manager">{x(org.people["quality"])}</person>',
                     f'    <person role="Customer Service Lead">{x(org.people["service"])}</person>', "  </attendees>"]
            lines += [f'  <input topic="{topic}">{x(text)}</input>' for topic, text in inputs.items()]
            lines += [f'  <output type="{kind}">{x(text)}</output>' for kind, text in outputs.items()]
            due_attribute = f' due="{due}"' if due else ""
            lines.append(f'  <action id="{action[0]}" owner={a(owner)}{due_attribute}>{x(action[1])}</action>')
            lines.append("</management-review>")
            path = f"management-review/mr-{day(date)}.xml"
            org.write_xml(path, lines)
            fmt = "xml"
        org.register(f"MR-{day(date)[:7]}", "management-review", path, fmt, date,
                     f"Management review minutes {day(date)}", owner=org.people["md"], process="management-review")


# --- 10.1, 10.3 improvement register --------------------------------------------------------

def improvements(org):
    rng = org.rng("improvements")
    sources = ["customer-feedback", "complaint-trend", "internal-audit", "management-review", "objective", "staff-suggestion"]
    if org.gap("improvements-not-customer-led", "No improvement in the register comes from customer feedback"):
        sources = [s for s in sources if s not in ("customer-feedback", "complaint-trend")]
    rows = []
    count = 10 if not org.gap("improvements-few", "Fewer than 3 improvements raised in the last 12 months") else 2
    for index in range(count):
        raised = org.start + D(days=30 * index + 5)
        status = "completed" if index < max(1, count - 3) else "in-progress"
        rows.append({"ID": f"IMP-{index + 1:03d}", "Raised": raised, "Source": sources[index % len(sources)],
                     "Title": rng.choice(["Photo-on-delivery for fragile goods", "Self-service returns portal",
                                          "Proactive delay notifications", "Agent knowledge base", "Recyclable packaging"]),
                     "Owner": org.people["quality"], "Status": status,
                     "Completed": raised + D(days=60) if status == "completed" else "",
                     "Benefit measured": "Damaged-goods complaints down 30% in 8 weeks" if status == "completed" else "",
                     "Outcome ref": f"OUT-{(index % 6) + 1:02d}"})
    if count >= 2 and org.gap("improvement-benefit-unmeasured", "A completed improvement has no measured benefit"):
        rows[0]["Benefit measured"] = ""
    if count < 3:
        for row in rows:
            row["Raised"] = dt.date(2025, 5, 1)
    org.write_csv("improvement/improvement-register.csv", list(rows[0].keys()), rows)
    org.register("IMP-REG", "improvement-register", "improvement/improvement-register.csv", "csv", org.end,
                 "Improvement register", process="improvement")


# --- 4.1 context, with the climate-change determination (ISO 9001:2015/Amd 1:2024) ---------

def context_review(org):
    """The review of external and internal issues, and whether climate change is one of them."""
    date = dt.date(2025, 6, 30) if org.gap("context-stale", "The context review is more than 12 months old") else dt.date(2026, 2, 10)
    issues = [
        ("EXT-01", "external", "market", "Online competitors promise next-day delivery as standard."),
        ("EXT-02", "external", "legal", "Consumer rights and product safety rules for goods sold at a distance."),
        ("EXT-03", "external", "economic", "Carrier prices rise with fuel and labour costs."),
        ("INT-01", "internal", "knowledge", "Customer service know-how rests with a few long-serving staff."),
        ("INT-02", "internal", "technology", "The web shop and the warehouse system do not share stock levels in real time."),
    ]
    lines = [f'<context-review date="{day(date)}" approved-by={a(org.people["md"])}>']
    lines += [f"  <issue id={a(i)} kind={a(k)} category={a(c)}>{x(text)}</issue>" for i, k, c, text in issues]
    if org.variant == "failing":
        org.gap("context-no-climate-reason", "The context review names climate change without saying whether it is relevant, or why")
        lines.append('  <climate-change determined="2025-06-30"></climate-change>')
    elif org.gap("context-climate-no-reason", "The context review records climate change as relevant without saying why", northwind=True):
        lines.append(f'  <climate-change relevant="yes" determined="{day(date)}"></climate-change>')
    else:
        lines.append(f'  <climate-change relevant="yes" determined="{day(date)}">Storms and heat waves disrupt carriers and '
                     "the warehouse in peak season, and trade customers ask for delivery emissions figures: climate change "
                     "affects the ability to deliver on the day promised, so it is a relevant external issue.</climate-change>")
    lines.append("</context-review>")
    org.write_xml("context/context-review-2026.xml", lines)
    org.register("CTX-2026", "context-review", "context/context-review-2026.xml", "xml", date,
                 "Review of the organization's context: external and internal issues, climate change", owner=org.people["md"],
                 process="context")


# --- 5.1.1 leadership: quality culture and ethical behaviour (anticipating ISO 9001:2026) ---

def leadership_activities(org):
    """What top management did to promote a quality culture and ethical behaviour."""
    md, quality = org.people["md"], org.people["quality"]
    rows = [
        ("LA-01", dt.date(2026, 1, 15), "quality-culture", "All-staff briefing on the customer promise and why we stop a late order", md, "yes", "all staff"),
        ("LA-02", dt.date(2026, 3, 20), "ethical-behaviour", "Code of conduct refreshed and signed by every manager", md, "yes", "managers"),
        ("LA-03", dt.date(2026, 5, 12), "quality-culture", "Quality recognition award for the returns team", md, "yes", "all staff"),
        ("LA-04", dt.date(2026, 7, 8), "quality-culture", "Floor walk with the warehouse on picking errors", quality, "no", "warehouse"),
        ("LA-05", dt.date(2026, 9, 23), "ethical-behaviour", "Speak-up channel relaunched, with the first cases reported back", md, "yes", "all staff"),
    ]
    if org.gap("no-ethics-promotion", "Top management led no activity promoting ethical behaviour in the last 12 months", northwind=True):
        rows = [r for r in rows if r[2] != "ethical-behaviour"]
    if org.gap("no-culture-leadership", "No activity promoting a quality culture was led by top management"):
        rows = [r[:5] + ("no",) + r[6:] for r in rows]
    header = ["Activity ID", "Date", "Theme", "Activity", "Led by", "Top management", "Audience"]
    org.write_csv("leadership/quality-culture-log-2026.csv", header, [dict(zip(header, r)) for r in rows])
    org.register("LEAD-2026", "leadership-activities", "leadership/quality-culture-log-2026.csv", "csv", rows[-1][1],
                 "Leadership activities promoting a quality culture and ethical behaviour", owner=md, process="leadership",
                 period=(org.start, org.end))


def generate(org):
    interested_parties(org)
    quality_policy(org)
    risk_register(org)
    quality_objectives(org)
    orders = requirement_reviews(org)
    requirement_changes(org, orders)
    customer_communication(org)
    _, actions = complaints(org)
    customer_property(org)
    post_delivery(org)
    nonconforming_outputs(org)
    surveys(org)
    internal_audits(org, actions)
    management_reviews(org)
    improvements(org)
    context_review(org)
    leadership_activities(org)
