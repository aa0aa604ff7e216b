"""Evidence for customer-defined CX after Ulwick (Rulesets/cx-outcomes.xml).

cx/outcome-survey-YYYY.xml: a yearly desired-outcome survey. Customers rate each desired outcome of the job
"keep a home office or small business supplied" for importance and for their current satisfaction, both on
0-10 scales; every rating is kept per respondent, so the ruleset computes the scores itself. The outcome ids
(OUT-nn) are the ones the improvement register's "Outcome ref" column points at.

Scores, as the ruleset computes them: importance = share of respondents rating importance 9 or 10, divided
by 10 (0-10); satisfaction likewise; opportunity = importance + max(importance - satisfaction, 0).
"""
import datetime as dt

from .common import a, day, x

# id, job step, statement, (importance, satisfaction) top-box shares in % for the earlier and the later wave.
OUTCOMES = [
    ("OUT-01", "locate", "Minimise the time it takes to confirm that an item is in stock before ordering", (60, 48), (62, 56)),
    ("OUT-02", "receive", "Minimise the likelihood that a delivery arrives outside the booked slot", (88, 42), (88, 60)),
    ("OUT-03", "resolve", "Minimise the time it takes to get a refund for a returned item", (80, 34), (80, 46)),
    ("OUT-04", "receive", "Minimise the likelihood that goods arrive damaged", (92, 55), (92, 66)),
    ("OUT-05", "resolve", "Minimise the effort it takes to arrange a return or exchange", (78, 38), (78, 48)),
    ("OUT-06", "order", "Minimise the time it takes to get an answer to a question about an order", (70, 52), (70, 62)),
    ("OUT-07", "pay", "Minimise the likelihood of being charged the wrong amount", (76, 78), (76, 82)),
    ("OUT-08", "locate", "Minimise the time it takes to find a product that fits the intended use", (55, 44), (55, 50)),
    ("OUT-09", "use", "Minimise the time it takes to assemble or set up a delivered product", (40, 38), (40, 45)),
    ("OUT-10", "reorder", "Minimise the likelihood that a reordered item differs from the one bought before", (58, 52), (60, 58)),
    ("OUT-11", "reorder", "Minimise the time it takes to reorder regularly used items", (50, 46), (50, 60)),
    ("OUT-12", "resolve", "Minimise the likelihood of having to chase the progress of a complaint", (72, 58), (72, 64)),
]
JOB = "Keep a home office or small business supplied with what it needs"


def ratings(rng, count, top_share):
    """count ratings 0-10 of which round(top_share% of count) are 9 or 10, the rest spread below."""
    top = round(count * top_share / 100)
    values = [rng.choice([9, 10]) for _ in range(top)] + [rng.choice([3, 4, 5, 6, 6, 7, 7, 8, 8, 8]) for _ in range(count - top)]
    rng.shuffle(values)
    return values


def generate(org):
    rng = org.rng("outcomes")
    years = [2025, 2026]
    if org.gap("outcomes-stale", "The latest desired-outcome survey closed in June 2024, more than two years before the audit"):
        years = [2023, 2024]
    falling = org.gap("outcome-satisfaction-falling", "Satisfaction with the most important outcomes fell from one survey to the next")
    no_action = org.gap("outcome-underserved-no-action",
                        "Outcome OUT-12 (chasing a complaint) is underserved, opportunity above 10, and no improvement addresses it",
                        northwind=True)
    extreme = org.gap("outcome-extremely-underserved", "Outcome OUT-02 (delivery in the booked slot) has an opportunity score above 15")
    vague = org.gap("outcome-statement-not-measurable", "Outcome OUT-08 is written as a solution, not as a measurable desired outcome")
    thin = org.gap("outcome-few-ratings", "Outcome OUT-10 was added late to the questionnaire and has only 20 ratings")
    respondents = 120 * org.scale
    for wave, year in enumerate(years):
        latest = wave == len(years) - 1
        opened, closed = dt.date(year, 6, 1), dt.date(year, 6, 21)
        survey_id = f"ODI-{year}"
        lines = [f'<outcome-survey id="{survey_id}" opened="{day(opened)}" closed="{day(closed)}" scale="0-10" '
                 f'respondents="{respondents}" method="online questionnaire to a random sample of customers with an order in the last 12 months">',
                 f"  <job>{x(JOB)}</job>",
                 '  <question kind="importance">When you keep your office supplied, how important is it to you that you can …? '
                 "(0 = not at all important, 10 = extremely important)</question>",
                 '  <question kind="satisfaction">How satisfied are you with how well you can do this with us today? '
                 "(0 = not at all satisfied, 10 = completely satisfied)</question>"]
        segments = ["online", "online", "trade", "store"]
        lines += [f'  <respondent id="R{year % 100}-{number + 1:03d}" segment="{segments[number % 4]}"/>' for number in range(respondents)]
        for oid, step, statement, earlier, later in OUTCOMES:
            importance, satisfaction = later if wave == len(years) - 1 else earlier
            if falling:
                importance, satisfaction = later if wave == 0 else earlier
            if oid == "OUT-12" and no_action and latest:
                satisfaction = 24
            if oid == "OUT-02" and extreme and latest:
                satisfaction = 8
            if oid == "OUT-08" and vague:
                statement = "A better product search on the website"
            rated = respondents if not (oid == "OUT-10" and thin) else 20
            lines.append(f"  <outcome id={a(oid)} job-step={a(step)} statement={a(statement)}>")
            for number, (i, s) in enumerate(zip(ratings(rng, rated, importance), ratings(rng, rated, satisfaction))):
                lines.append(f'    <rating respondent="R{year % 100}-{number + 1:03d}" importance="{i}" satisfaction="{s}"/>')
            lines.append("  </outcome>")
        lines.append("</outcome-survey>")
        path = f"cx/outcome-survey-{year}.xml"
        org.write_xml(path, lines)
        org.register(survey_id, "outcome-survey", path, "xml", closed,
                     f"Desired-outcome survey {year}: importance and satisfaction per outcome, raw ratings",
                     owner=org.people["sales"], process="customer-experience", period=(opened, closed))
