"""Evidence for customer-defined CX after Ulwick: an outcome survey with raw ratings."""
import datetime as dt

from .common import a, day, x

OUTCOMES = [
    ("OUT-01", "Minimize the time it takes to know when an order will arrive", 9.1, 8.4),
    ("OUT-02", "Minimize the likelihood of goods arriving damaged", 9.3, 8.6),
    ("OUT-03", "Minimize the effort of returning an unwanted item", 7.8, 7.9),
    ("OUT-04", "Increase the confidence that an item will fit the room", 7.2, 6.9),
    ("OUT-05", "Minimize the time spent waiting in for a delivery", 8.6, 8.0),
    ("OUT-06", "Minimize the number of contacts needed to resolve a problem", 8.9, 8.5),
]


def generate(org):
    rng = org.rng("outcomes")
    outcomes = list(OUTCOMES)
    if org.gap("outcome-underserved", "An underserved outcome (opportunity above 10) has no improvement action", northwind=True):
        outcomes.append(("OUT-07", "Minimize the time it takes to get a delivery slot changed", 8.8, 4.6))
    if org.gap("outcome-badly-phrased", "An outcome statement is not phrased as a measurable customer outcome"):
        outcomes[2] = ("OUT-03", "Better returns", 7.8, 7.9)
    respondents = 40 if not org.gap("outcome-sample-small", "The outcome survey has too few respondents") else 8
    surveyed = dt.date(2024, 6, 1) if org.gap("outcome-survey-stale", "The outcome survey is more than two years old") else dt.date(2026, 6, 15)
    lines = [f'<outcome-survey date="{day(surveyed)}" respondents="{respondents}" scale="0-10">']
    for oid, statement, importance, satisfaction in outcomes:
        lines.append(f"  <outcome id={a(oid)} statement={a(statement)}>")
        for respondent in range(1, respondents + 1):
            rated_importance = max(0, min(10, round(rng.gauss(importance, 0.9))))
            rated_satisfaction = max(0, min(10, round(rng.gauss(satisfaction, 0.9))))
            lines.append(f'    <rating respondent="R{respondent:03d}" importance="{rated_importance}" satisfaction="{rated_satisfaction}"/>')
        lines.append("  </outcome>")
    lines.append("</outcome-survey>")
    org.write_xml("cx/outcome-survey-2026.xml", lines)
    org.register("OUTCOMES", "outcome-survey", "cx/outcome-survey-2026.xml", "xml", surveyed,
                 "Desired-outcome survey: importance and satisfaction ratings", owner=org.people["md"], process="customer-experience")
