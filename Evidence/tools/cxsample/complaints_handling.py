"""Evidence for ISO 10002 (Rulesets/iso10002-complaints.xml) beyond the complaints log.

The complaints log itself is written by iso9001.complaints(), which also plants the log's ISO 10002 gaps
(unclassified complaints, inconsistent priorities, slowing resolution, outcome not communicated, reopened
complaints). This module adds:

* complaints/complaints-policy.xml: the published complaints-handling policy: how to complain, the
  classification scheme (categories and priorities), time targets, responsibilities, publication;
* complaints/complaint-follow-up-2026.csv: the follow-up survey of complainants after closure
  (satisfaction with the outcome and with the way the complaint was handled).
"""
import csv
import datetime as dt

from .common import a, day, x

D = dt.timedelta

CATEGORIES = [
    ("late delivery", "medium", "Delivery after the promised date or outside the booked slot"),
    ("damaged goods", "medium", "Goods damaged in transit or on arrival"),
    ("billing", "medium", "Wrong price, duplicate charge, refund or invoice error"),
    ("product defect", "high", "A product that fails in use or does not do what it should"),
    ("staff conduct", "low", "How a colleague, driver or agent treated the customer"),
    ("website", "high", "Web shop faults, including any exposure of personal data"),
]
PRIORITIES = [
    ("high", 10, "Safety, personal data, or a customer left without a working product they rely on"),
    ("medium", 20, "Money owed to the customer, damaged or late goods"),
    ("low", 30, "Service manner and other matters with no continuing loss to the customer"),
]


def policy(org):
    approved = dt.date(2026, 2, 16)
    if org.gap("complaints-policy-stale", "The complaints-handling policy was last approved in March 2023, over two years ago"):
        approved = dt.date(2023, 3, 6)
    incomplete = org.gap("complaints-policy-incomplete",
                         "The complaints-handling policy is not published to customers and sets no time targets")
    domain = org.name.split()[0].lower()
    lines = [f'<complaints-policy id="CHP" version="3" approved="{day(approved)}" approved-by={a(org.people["md"])} '
             f'owner={a(org.people["service"])} next-review="{day(approved + D(days=365))}">',
             f"  <scope>Every expression of dissatisfaction from a customer of {x(org.name)} about our products, "
             "deliveries, service or the way a complaint was handled, whatever the channel or site.</scope>",
             "  <commitment>We make complaining easy and free, treat every complainant fairly and politely, keep "
             "personal details confidential, and use what complaints tell us to put things right for everyone.</commitment>",
             "  <how-to-complain>",
             '    <channel type="phone">0113 496 0732, Monday to Saturday 08:00 to 18:00</channel>',
             f'    <channel type="email">complaints@{domain}.example</channel>',
             f'    <channel type="web form">https://www.{domain}.example/help/complaint</channel>',
             '    <channel type="store">Any store or trade counter; staff record the complaint on the service desk system</channel>',
             '    <channel type="post">Customer Relations, at the head office address on every invoice</channel>',
             "  </how-to-complain>",
             "  <classification>"]
    lines += [f"    <category name={a(name)} default-priority={a(priority)}>{x(text)}</category>"
              for name, priority, text in CATEGORIES]
    lines += [f'    <priority level="{level}" resolve-days="{days}">{x(text)}</priority>' for level, days, text in PRIORITIES]
    lines.append("  </classification>")
    if not incomplete:
        lines += ["  <targets>",
                  '    <acknowledge days="2">Every complaint is acknowledged within two days with a reference number and the name of the person handling it.</acknowledge>']
        lines += [f'    <resolve priority="{level}" days="{days}"/>' for level, days, _ in PRIORITIES]
        lines += ['    <inform days="2">The complainant is told the outcome, the reasons and how to take it further within two days of the decision.</inform>',
                  "  </targets>"]
    lines += ["  <escalation>A complainant who is not satisfied with the outcome can ask for a review by the Quality Manager; "
              "the Managing Director decides on a second review.</escalation>",
              f'  <responsibility role="Managing Director" person={a(org.people["md"])}>Approves this policy and reviews complaint data at management review.</responsibility>',
              f'  <responsibility role="Customer Service Lead" person={a(org.people["service"])}>Runs the complaints process and reports its performance monthly.</responsibility>',
              f'  <responsibility role="Quality Manager" person={a(org.people["quality"])}>Analyses trends and raises corrective actions.</responsibility>']
    if not incomplete:
        lines += [f'  <published channel="website" url="https://www.{domain}.example/complaints-policy"/>',
                  '  <published channel="store-notice">Notice at every till and trade counter</published>',
                  '  <published channel="invoice">Summary on the back of every invoice</published>']
    lines.append("</complaints-policy>")
    org.write_xml("complaints/complaints-policy.xml", lines)
    org.register("CHP-3", "complaints-policy", "complaints/complaints-policy.xml", "xml", approved,
                 "Complaints-handling policy and procedure, version 3", owner=org.people["md"],
                 process="complaints-handling")


COMMENTS_GOOD = ["Sorted quickly and I was kept informed.", "Refund arrived when they said it would.",
                 "The agent called me back as promised.", "Polite and took ownership.", "", "", ""]
COMMENTS_POOR = ["Had to repeat the story to three people.", "Nobody told me the outcome, I had to ask.",
                 "Took weeks and the answer did not fix anything.", "Felt like a script, not a conversation.", ""]


def follow_up(org):
    """A short survey of complainants a week after their complaint was closed."""
    rng = org.rng("complaints_handling")
    with open(org.path("complaints/complaints-log-2026.csv"), encoding="utf-8-sig", newline="") as handle:
        closed = [row for row in csv.DictReader(handle) if row["Resolved"]]
    dissatisfied = org.gap("complainants-dissatisfied",
                           "Fewer than half of the complainants followed up were satisfied with how their complaint was handled")
    rows = []
    for number, complaint in enumerate(closed[2::4], start=1):
        resolved = dt.date.fromisoformat(complaint["Resolved"])
        contacted = resolved + D(days=7)
        if contacted > org.end:
            continue
        if dissatisfied:
            handling, outcome = rng.choice([1, 2, 2, 3, 3, 4]), rng.choice([1, 2, 3, 3, 4, 5])
            comment = rng.choice(COMMENTS_POOR)
        else:
            handling, outcome = rng.choice([3, 4, 4, 5, 5, 5]), rng.choice([3, 4, 4, 5, 5])
            comment = rng.choice(COMMENTS_GOOD)
        rows.append({"Follow-up ID": f"FU-{number:04d}", "Complaint ID": complaint["Complaint ID"], "Contacted": contacted,
                     "Method": rng.choice(["phone", "e-mail", "e-mail", "text message"]),
                     "Satisfied with outcome (1-5)": outcome, "Satisfied with handling (1-5)": handling,
                     "Comment": comment})
    org.write_csv("complaints/complaint-follow-up-2026.csv", list(rows[0].keys()), rows)
    org.register("CFU-2026", "complaint-follow-up", "complaints/complaint-follow-up-2026.csv", "csv", org.end,
                 "Follow-up survey of complainants a week after closure", owner=org.people["service"],
                 process="complaints-handling", period=(org.start, org.end))


def generate(org):
    policy(org)
    follow_up(org)
