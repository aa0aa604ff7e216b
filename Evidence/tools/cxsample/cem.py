"""Evidence for customer experience management after Schmitt's five steps (Rulesets/cem-five-steps.xml).

* cx/experiential-world-YYYY.xml: step 1, the analysis of the customer's experiential world: the research
  behind it, customer segments with their experiential needs on four layers (brand, product category,
  usage situation, sociocultural context) and the touchpoints they use, and competitors' experiences;
* cx/experiential-platform.xml: step 2, positioning, experiential value promises per segment (with the
  experiential modules they address: sense, feel, think, act, relate) and the overall implementation theme;
* cx/brand-experience-elements.csv: step 3, the designed brand experience (product, look and feel,
  communications), each element tied to a value promise;
* cx/product-experience-reviews.csv: step 3, experience checks of products designed in house (only an
  organization that designs its own products has them);
* cx/touchpoint-reviews-2026.csv: step 4, the customer interface: mystery-shopper visits per touchpoint
  against its service standard, scored 0-100;
* cx/innovation-log.csv: step 5, experience innovations from idea to launch, with their measured effect.
"""
import datetime as dt

from .common import a, day, x

D = dt.timedelta

SEGMENTS = [
    ("SEG-HOME", "Home-office workers", "online",
     {"brand": "Want a supplier that feels dependable and unfussy, not a discount warehouse.",
      "category": "Buy little and often; running out of ink or paper stops the working day.",
      "usage": "Order late in the evening for next-day delivery; receive parcels while on calls.",
      "sociocultural": "Hybrid working made the spare room an office; sustainability matters to this group."},
     ["web-shop", "delivery", "e-mail"]),
    ("SEG-TRADE", "Small-business buyers", "trade",
     {"brand": "Judge us on reliability and on whether invoices are right first time.",
      "category": "Reorder the same items monthly; price per unit and account terms drive the choice.",
      "usage": "Order during office hours, often on behalf of colleagues, with budget approval.",
      "sociocultural": "Buyers are time-poor office managers who are blamed when supplies run out."},
     ["trade-counter", "phone", "delivery", "invoice"]),
    ("SEG-STORE", "Local walk-in customers", "store",
     {"brand": "Expect friendly, knowledgeable staff and the chance to see products before buying.",
      "category": "Buy furniture and lighting they want to touch and try first.",
      "usage": "Visit at weekends, often as a couple, and want delivery of bulky items.",
      "sociocultural": "Prefer to support a local business and to return things in person."},
     ["store", "returns-desk", "delivery"]),
]

COMPETITORS = [
    ("Officeline Direct", "online specialist",
     "Next-morning delivery with a one-hour window, shown live on a map.",
     "Call centre offshore; complaints take weeks and customers say they feel processed."),
    ("Hartley Home and Office", "high-street chain",
     "Bright stores with room settings and a design advice desk.",
     "Online stock figures are unreliable; click-and-collect orders are often not ready."),
    ("The large online marketplaces", "marketplace",
     "Endless range and one-click ordering with saved baskets.",
     "No one to talk to when something goes wrong; returns depend on the individual seller."),
]

PROMISES = [
    ("EVP-1", "SEG-HOME", "feel act", "Your office never runs dry: order in a minute, know exactly when it arrives, and never chase us."),
    ("EVP-2", "SEG-TRADE", "think relate", "A supplier your business can set its watch by: the right goods, the right invoice, a named contact."),
    ("EVP-3", "SEG-STORE", "sense feel", "Come in, try it, take your time; we deliver it and take it back just as easily."),
]

BRAND_ELEMENTS = [
    ("BE-01", "product", "Own-brand paper and ink range", "Plain recyclable packaging with the reorder code printed large", "EVP-1"),
    ("BE-02", "product", "Furniture sample programme", "Every chair in the range can be tried in store for a week", "EVP-3"),
    ("BE-03", "look-and-feel", "Web shop", "Calm layout, stock and delivery date shown beside every price", "EVP-1"),
    ("BE-04", "look-and-feel", "Store layout", "Room settings and a sit-and-try area near the entrance", "EVP-3"),
    ("BE-05", "look-and-feel", "Delivery vans and drivers' uniforms", "Van livery states the one-hour window promise", "EVP-1"),
    ("BE-06", "communications", "Trade account statements", "One page, plain-language invoices with a named contact", "EVP-2"),
    ("BE-07", "communications", "Delivery-day text messages", "Friendly tone, one-hour window, driver's first name", "EVP-1"),
    ("BE-08", "communications", "Seasonal catalogue", "Photography of real home offices of customers", "EVP-3"),
]

TOUCHPOINTS = [
    ("web-shop", "online", "Product found and ordered in under three minutes; delivery date shown before payment", "EVP-1", 88),
    ("delivery", "online", "Driver arrives in the one-hour window, offers to carry in, takes packaging away", "EVP-1", 86),
    ("phone", "trade", "Answered within 60 seconds by a named agent who can see the account", "EVP-2", 84),
    ("trade-counter", "trade", "Served within five minutes; account prices and invoice copy on request", "EVP-2", 87),
    ("store", "store", "Greeted within two minutes; staff offer to let the customer try the product", "EVP-3", 89),
    ("returns-desk", "store", "Refund or exchange in under five minutes with no forms to fill", "EVP-3", 85),
]

INNOVATIONS = [
    ("INN-01", dt.date(2025, 9, 8), "One-hour delivery window shown live on a map", "customer insight", "act", "delivery",
     dt.date(2026, 1, 19), "CSAT for delivery +6 points in the pilot postcodes"),
    ("INN-02", dt.date(2025, 11, 3), "Reorder-a-basket button for trade accounts", "survey results", "think", "web-shop",
     dt.date(2026, 3, 2), "Trade customer effort 3.4 to 2.9"),
    ("INN-03", dt.date(2026, 1, 26), "Sit-and-try week for office chairs", "competitor watch", "sense", "store",
     dt.date(2026, 5, 11), "Chair returns down from 9% to 4%"),
    ("INN-04", dt.date(2026, 4, 13), "Driver's first name and photo in the delivery text", "staff suggestion", "relate", "delivery",
     dt.date(2026, 7, 6), "Driver-related compliments doubled"),
    ("INN-05", dt.date(2026, 6, 22), "Refund paid on return scan at the returns desk", "complaint trend", "feel", "returns-desk",
     None, ""),
    ("INN-06", dt.date(2026, 9, 14), "Video call with a furniture adviser", "customer insight", "think", "web-shop", None, ""),
]


def experiential_world(org):
    completed = dt.date(2026, 3, 20)
    if org.gap("cem-world-stale", "The analysis of the customers' experiential world dates from 2023"):
        completed = dt.date(2023, 10, 2)
    shallow = org.gap("cem-world-shallow", "The experiential-world analysis names no competitor and rests on no customer research")
    lines = [f'<experiential-world-analysis id="EWA-{completed.year}" completed="{day(completed)}" owner={a(org.people["sales"])}>']
    if not shallow:
        lines += ['  <research method="in-home and in-office interviews" participants="18" period="2026-01/2026-02">'
                  "Hour-long visits, watching customers order and unpack.</research>",
                  '  <research method="store observation" participants="42" period="2026-02">Two Saturdays in each store.</research>',
                  '  <research method="social listening" participants="0" period="2025-09/2026-02">Reviews and social posts about us and three competitors.</research>']
    for sid, name, channel, layers, touchpoints in SEGMENTS:
        lines.append(f"  <segment id={a(sid)} name={a(name)} channel={a(channel)}>")
        lines += [f"    <layer level={a(level)}>{x(text)}</layer>" for level, text in layers.items()]
        lines += [f"    <touchpoint ref={a(ref)}/>" for ref in touchpoints]
        lines.append("  </segment>")
    if not shallow:
        for name, kind, strength, weakness in COMPETITORS:
            lines += [f"  <competitor name={a(name)} kind={a(kind)}>",
                      f"    <experience-strength>{x(strength)}</experience-strength>",
                      f"    <experience-weakness>{x(weakness)}</experience-weakness>",
                      "  </competitor>"]
    lines.append("</experiential-world-analysis>")
    org.write_xml(f"cx/experiential-world-{completed.year}.xml", lines)
    org.register(f"EWA-{completed.year}", "experiential-world", f"cx/experiential-world-{completed.year}.xml", "xml", completed,
                 "Analysis of the customers' experiential world (segments, touchpoints, competitors)",
                 owner=org.people["sales"], process="customer-experience")


def experiential_platform(org):
    incomplete = org.gap("cem-platform-incomplete",
                         "The experiential platform is not approved, has no implementation theme and a value promise names no experiential module")
    promises = list(PROMISES)
    if org.gap("cem-promise-unknown-segment", "A value promise targets a segment (students) the experiential analysis never studied"):
        promises.append(("EVP-4", "SEG-STUDENT", "act relate", "Everything for your first desk, delivered to halls in time for term."))
    approval = "" if incomplete else f' approved="2026-04-08" approved-by={a(org.people["md"])}'
    lines = [f'<experiential-platform id="EXP-2"{approval}>',
             "  <positioning>The office and home-office supplier that makes running out of things, and chasing "
             "deliveries, a thing of the past.</positioning>"]
    for index, (pid, segment, modules, text) in enumerate(promises):
        modules = "" if incomplete and index == 1 else modules
        lines.append(f"  <value-promise id={a(pid)} segment={a(segment)} modules={a(modules)}>{x(text)}</value-promise>")
    if not incomplete:
        lines.append('  <implementation-theme name="On time, every time">Every touchpoint shows the customer when '
                     "something will happen and then makes it happen at that time.</implementation-theme>")
    lines.append("</experiential-platform>")
    org.write_xml("cx/experiential-platform.xml", lines)
    org.register("EXP-2", "experiential-platform", "cx/experiential-platform.xml", "xml", dt.date(2026, 4, 8),
                 "Experiential platform: positioning, value promises, implementation theme", owner=org.people["md"],
                 process="customer-experience")


def brand_experience(org):
    rows = [{"Element ID": eid, "Area": area, "Element": element, "Design standard": standard, "Promise ref": promise,
             "Owner": org.people["sales"], "Last reviewed": dt.date(2026, 5, 4 + index)}
            for index, (eid, area, element, standard, promise) in enumerate(BRAND_ELEMENTS)]
    if org.gap("cem-brand-element-unlinked", "Two brand experience elements are designed without reference to any value promise"):
        rows[4]["Promise ref"] = ""
        rows[7]["Promise ref"] = "EVP-9"
    org.write_csv("cx/brand-experience-elements.csv", list(rows[0].keys()), rows)
    org.register("BXD-2026", "brand-experience", "cx/brand-experience-elements.csv", "csv", dt.date(2026, 5, 11),
                 "Brand experience design: product, look and feel, communications", owner=org.people["sales"],
                 process="customer-experience")


def product_experience_reviews(org):
    """Only an organization that designs its own products has these (the failing one declares design in scope)."""
    if not org.gap("cem-design-no-experience-check", "Products designed in house were released without checking them against the value promise"):
        return
    rows = [{"Review ID": "PXR-001", "Product": "Folding standing desk", "Design stage": "prototype", "Date": dt.date(2026, 3, 3),
             "Promise ref": "EVP-1", "Experience check": "Tried by six home-office customers; setup under ten minutes",
             "Decision": "proceed"},
            {"Review ID": "PXR-002", "Product": "Own-brand desk organiser", "Design stage": "release", "Date": dt.date(2026, 6, 9),
             "Promise ref": "", "Experience check": "", "Decision": "released"},
            {"Review ID": "PXR-003", "Product": "Acoustic desk screen", "Design stage": "release", "Date": dt.date(2026, 9, 21),
             "Promise ref": "", "Experience check": "", "Decision": "released"}]
    org.write_csv("cx/product-experience-reviews.csv", list(rows[0].keys()), rows)
    org.register("PXR-2026", "product-experience-review", "cx/product-experience-reviews.csv", "csv", dt.date(2026, 9, 21),
                 "Experience checks of products designed in house", owner=org.people["operations"], process="design")


def touchpoint_reviews(org):
    rng = org.rng("cem")
    weak = org.gap("cem-touchpoint-weak", "The returns desk scored below the 65-point floor in the last two mystery-shopper rounds",
                   northwind=True)
    declining = org.gap("cem-touchpoint-declining", "Mystery-shopper scores fall every quarter")
    sites = org.site_ids()
    rounds = [dt.date(2026, 2, 10), dt.date(2026, 5, 12), dt.date(2026, 8, 11), dt.date(2026, 11, 10)]
    rows = []
    for number, visited in enumerate(rounds):
        for index, (touchpoint, channel, standard, promise, base) in enumerate(TOUCHPOINTS):
            score = base + number + rng.randint(-2, 2)
            note = rng.choice(["Met the standard.", "Met the standard; friendly and quick.", "Met the standard.",
                               "Minor slip: had to ask for the delivery date."])
            if declining:
                score = base - 7 * number + rng.randint(-2, 2)
                note = "Standard missed on timing." if number >= 2 else note
            if weak and touchpoint == "returns-desk" and number >= 2:
                score = 58 - 4 * (number - 2)
                note = "Queue of 20 minutes; refund needed a manager's approval and a paper form."
            rows.append({"Visit ID": f"MS-{visited.year}-{number + 1}{index + 1:02d}", "Date": visited + D(days=index),
                         "Site": sites[index % len(sites)], "Touchpoint": touchpoint, "Channel": channel,
                         "Service standard": standard, "Promise ref": promise, "Score (0-100)": score,
                         "Shopper": f"Shopper {chr(65 + (number + index) % 5)}", "Notes": note})
    org.write_csv("cx/touchpoint-reviews-2026.csv", list(rows[0].keys()), rows)
    org.register("TPR-2026", "touchpoint-review", "cx/touchpoint-reviews-2026.csv", "csv", rows[-1]["Date"],
                 "Customer interface: mystery-shopper visits per touchpoint", owner=org.people["service"],
                 process="customer-experience", period=(rounds[0], rows[-1]["Date"]))


def innovation_log(org):
    stalled = org.gap("cem-innovation-stalled",
                      "No experience innovation launched in the last 12 months, none drawn from customers, and a launch without a measured effect")
    rows = []
    for iid, raised, idea, source, module, touchpoint, launched, effect in INNOVATIONS:
        if stalled:
            raised, launched = raised - D(days=730), (launched - D(days=730) if launched else None)
            source = "supplier proposal" if source in ("customer insight", "survey results", "complaint trend") else source
            effect = "" if iid == "INN-02" else effect
        status = "launched" if launched else ("pilot" if raised.year == 2026 and raised.month < 8 else "idea")
        rows.append({"Innovation ID": iid, "Raised": raised, "Idea": idea, "Source": source, "Experiential module": module,
                     "Touchpoint": touchpoint, "Status": status, "Launched": launched or "", "Customer response measured": effect})
    org.write_csv("cx/innovation-log.csv", list(rows[0].keys()), rows)
    org.register("INNOV-2026", "innovation-log", "cx/innovation-log.csv", "csv", org.end,
                 "Customer-experience innovation log, idea to launch", owner=org.people["md"], process="customer-experience")


def generate(org):
    experiential_world(org)
    experiential_platform(org)
    brand_experience(org)
    product_experience_reviews(org)
    touchpoint_reviews(org)
    innovation_log(org)
