"""Evidence for customer experience management after Schmitt's five steps."""
import datetime as dt

from .common import a, day, x


def generate(org):
    rng = org.rng("cem")
    reviewed = dt.date(2022, 5, 1) if org.gap("cem-analysis-stale", "The analysis of customers' experiential world is more than two years old") else dt.date(2026, 2, 16)
    segments = [("online-families", "Families furnishing a first home, buying online"),
                ("trade-buyers", "Office managers ordering for small businesses"),
                ("store-browsers", "Local customers who browse in the Bristol store")]
    if org.gap("cem-one-segment", "The experiential analysis looks at one customer segment only"):
        segments = segments[:1]
    competitors = ["Hartley Home", "DeskDirect", "the large online marketplaces"]
    if org.gap("cem-no-competitors", "The experiential analysis names no competitor"):
        competitors = []
    lines = [f'<cx-programme reviewed="{day(reviewed)}" owner={a(org.people["md"])}>', "  <experiential-world>"]
    lines += [f'    <segment id="{sid}">{x(text)}</segment>' for sid, text in segments]
    lines += [f"    <competitor>{x(name)}</competitor>" for name in competitors]
    lines += ["    <touchpoint>website</touchpoint>", "    <touchpoint>delivery</touchpoint>", "    <touchpoint>store</touchpoint>",
              "  </experiential-world>", "  <experiential-platform>", "    <positioning>The home goods retailer that turns up when it says it will.</positioning>"]
    if not org.gap("cem-no-value-promise", "The experiential platform has no experiential value promise"):
        lines.append("    <value-promise>Calm, predictable delivery and an easy way back if something is wrong.</value-promise>")
    lines += ["    <implementation-theme>On the day we promise</implementation-theme>", "  </experiential-platform>", "  <brand-experience>"]
    elements = ["product", "look-and-feel", "communications"]
    if org.gap("cem-brand-incomplete", "Brand experience design covers products only"):
        elements = ["product"]
    lines += [f'    <element area="{area}">Designed to the implementation theme.</element>' for area in elements]
    lines += ["  </brand-experience>", "</cx-programme>"]
    org.write_xml("cx/cx-programme.xml", lines)
    org.register("CXP", "cx-programme", "cx/cx-programme.xml", "xml", reviewed, "Customer experience programme (Schmitt's five steps)",
                 owner=org.people["md"], process="customer-experience")

    rows = []
    for index, (touchpoint, standard) in enumerate([
            ("website checkout", "Three steps, no account needed"), ("delivery slot booking", "Two-hour slot confirmed by text"),
            ("driver at the door", "Name badge, offer to carry in"), ("store returns desk", "Refund in under five minutes"),
            ("phone line", "Answered within 60 seconds"), ("e-mail", "Answer within one working day")]):
        score = round(rng.uniform(7.6, 9.4), 1)
        if index == 2 and org.gap("cem-touchpoint-no-standard", "A touchpoint has no service standard"):
            standard = ""
        if org.gap("cem-mystery-shopper-low", "Mystery-shopper scores below target"):
            score = round(rng.uniform(4.0, 6.0), 1)
        rows.append({"Touchpoint": touchpoint, "Standard": standard, "Mystery shopper score": score,
                     "Reviewed": dt.date(2026, 9, 30)})
    org.write_csv("cx/touchpoint-review-2026.csv", list(rows[0].keys()), rows)
    org.register("TPR-2026", "touchpoint-review", "cx/touchpoint-review-2026.csv", "csv", dt.date(2026, 9, 30),
                 "Touchpoint review with mystery-shopper scores", owner=org.people["service"], process="customer-experience")

    innovations = [(dt.date(2025, 3, 10), "Photo-on-delivery"), (dt.date(2025, 9, 2), "Live driver tracking"),
                   (dt.date(2026, 2, 20), "Room planner in the web shop"), (dt.date(2026, 7, 14), "Same-day store pickup")]
    if org.gap("cem-no-recent-innovation", "No customer-experience innovation introduced in the last 12 months"):
        innovations = innovations[:2]
    rows = [{"Introduced": date, "Innovation": title, "Touchpoint": "delivery" if index % 2 == 0 else "website",
             "Customer feedback": "positive"} for index, (date, title) in enumerate(innovations)]
    org.write_csv("cx/innovation-log.csv", list(rows[0].keys()), rows)
    org.register("INNOV", "innovation-log", "cx/innovation-log.csv", "csv", org.end, "Customer-experience innovation log",
                 owner=org.people["md"], process="customer-experience")
