"""Evidence for ISO 10004 (Rulesets/iso10004-satisfaction.xml) beyond the survey waves.

The waves themselves are written by iso9001.surveys() (raw CSAT, NPS and effort ratings per response,
with the wave's opening and closing dates). This module adds:

* surveys/satisfaction-monitoring-plan.xml: the monitoring plan: purpose, population, method, sampling,
  frequency, indicators with their targets, analysis, reporting and responsibilities;
* surveys/survey-action-log.csv: what was decided on each wave's results, by whom, by when, and the effect.
"""
import datetime as dt

from .common import a, day, x

D = dt.timedelta

INDICATORS = [
    ("csat", "Overall, how satisfied are you with your recent order?", "1-5", "75", "%", "higher",
     "Share of respondents answering 4 or 5."),
    ("nps", "How likely are you to recommend us to a friend or colleague?", "0-10", "30", "points", "higher",
     "Share of promoters (9 or 10) minus share of detractors (0 to 6)."),
    ("ces", "How much effort did you have to put in to get what you needed?", "1-7", "3.5", "mean", "lower",
     "Mean rating, where 1 is very little effort and 7 a great deal."),
]

# Per wave: what the results showed, the indicator concerned, the action, and its measured effect.
ACTIONS = [
    [("Detractors' comments: refunds slow and had to be chased (14 mentions)", "nps",
      "Pay refunds within 3 working days of the return scan and e-mail the customer when paid",
      "Refund-chasing comments fell from 14 to 3 in the next wave"),
     ("Trade customers report the most effort when reordering", "ces",
      "Add 'reorder a previous basket' to trade accounts",
      "Trade customer effort 3.4 to 2.9 in the next wave")],
    [("Eight respondents were logged out of the website during checkout", "csat",
      "Extend the web session timeout and keep baskets for 30 days",
      "No log-out comments in the next wave"),
     ("Store customers rate delivery lower than online customers", "csat",
      "Store staff offer the delivery slot choice at the till",
      "Store CSAT 81% to 88% in the next wave")],
    [("Packaging of fragile items criticised in comments", "csat",
      "Trial recyclable padded packaging for fragile items", ""),
     ("Passives ask for better delivery-day updates", "nps",
      "Text message on the morning of delivery with a one-hour window", "")],
    [("Effort scores up for phone contacts in November", "ces",
      "Call-back option when the phone queue exceeds five minutes", "")],
]


def plan(org):
    approved = dt.date(2026, 1, 15)
    if org.gap("satisfaction-plan-stale", "The satisfaction monitoring plan was last approved in September 2024"):
        approved = dt.date(2024, 9, 30)
    incomplete = org.gap("satisfaction-plan-incomplete",
                         "The satisfaction monitoring plan defines no population or sample, and its indicators have no targets")
    lines = [f'<satisfaction-monitoring-plan id="CSMP-2026" version="4" approved="{day(approved)}" '
             f'approved-by={a(org.people["md"])} owner={a(org.people["service"])}>',
             "  <purpose>Know how satisfied customers are with ordering, delivery and after-sales service, where "
             "satisfaction differs by site and segment, and whether it is improving, so that management can act on it.</purpose>",
             "  <objective>Detect a fall in satisfaction within one quarter.</objective>",
             "  <objective>Give each site and segment (online, trade, store) its own figures at least twice a year.</objective>"]
    if not incomplete:
        lines.append("  <population>Every customer with an order delivered or collected in the month before the wave opens, "
                     "all sites and channels; trade accounts are surveyed through their named buyer.</population>")
    lines.append('  <method channel="e-mail">Questionnaire e-mailed three days after delivery: three rated questions '
                 "(satisfaction, recommendation, effort) and one free-text comment; one reminder after five days.</method>")
    if not incomplete:
        lines.append('  <sampling invited-per-wave="400" min-responses="50" min-response-rate="10" min-per-segment="5">'
                     "Simple random sample of delivered orders, one invitation per customer per wave; a wave below 50 "
                     "responses is reported but not used for decisions.</sampling>")
    lines.append('  <frequency interval="P3M" waves-per-year="4">Quarterly waves opening on the first day of February, '
                 "May, August and November and closing four weeks later.</frequency>")
    for key, question, scale, target, unit, better, calculation in INDICATORS:
        target_attributes = "" if incomplete else f' target="{target}" unit="{unit}" better="{better}"'
        lines.append(f"  <indicator id={a(key)} question={a(question)} scale={a(scale)}{target_attributes}>{x(calculation)}</indicator>")
    lines += ["  <analysis>Each wave by site and segment; trend of the last four waves; comments coded by theme "
              "and the three most frequent themes of detractors reported.</analysis>",
              "  <reporting>Results go to the management team within four weeks of a wave closing; decisions are "
              "recorded in the survey action log and reviewed at management review.</reporting>",
              f'  <responsibility role="Customer Service Lead" person={a(org.people["service"])}>Runs the waves and analyses the results.</responsibility>',
              f'  <responsibility role="Managing Director" person={a(org.people["md"])}>Approves the plan and decides on actions.</responsibility>',
              "</satisfaction-monitoring-plan>"]
    org.write_xml("surveys/satisfaction-monitoring-plan.xml", lines)
    org.register("CSMP-2026", "satisfaction-plan", "surveys/satisfaction-monitoring-plan.xml", "xml", approved,
                 "Customer satisfaction monitoring plan", owner=org.people["service"], process="customer-satisfaction")


def action_log(org):
    waves = [(item["id"], item["date"]) for item in org.items if item["type"] == "satisfaction-survey"]
    # Results are discussed about twelve days after a wave closes; a wave closed less than three weeks
    # before the log was exported has no actions yet.
    eligible = [(wave, closed) for wave, closed in waves if closed + D(days=21) <= org.end]
    unanswered = None
    if eligible and org.gap("survey-results-no-action",
                            f"No action was recorded on the results of survey wave {eligible[-1][0]}", northwind=True):
        unanswered = eligible[-1][0]
    rows = []
    for number, (wave, closed) in enumerate(eligible):
        if wave == unanswered:
            continue
        raised = closed + D(days=12)
        for finding, indicator, action, effect in ACTIONS[number % len(ACTIONS)]:
            done = bool(effect) and raised + D(days=40) <= org.end
            rows.append({"Action ID": f"SA-{len(rows) + 1:03d}", "Wave": wave, "Raised": raised, "Finding": finding,
                         "Indicator": indicator, "Action": action,
                         "Owner": org.people["service"] if indicator != "ces" else org.people["operations"],
                         "Due": raised + D(days=45 if done else 90), "Status": "completed" if done else "in-progress",
                         "Completed": raised + D(days=40) if done else "", "Effect measured": effect if done else ""})
    if rows and org.gap("survey-action-incomplete",
                        "A survey action has no owner or due date, and a completed one has no measured effect"):
        rows[0].update({"Owner": "", "Due": ""})
        completed = [row for row in rows if row["Status"] == "completed"]
        (completed[-1] if completed else rows[-1]).update({"Status": "completed", "Effect measured": ""})
    org.write_csv("surveys/survey-action-log.csv", ["Action ID", "Wave", "Raised", "Finding", "Indicator", "Action", "Owner",
                                                    "Due", "Status", "Completed", "Effect measured"], rows)
    org.register("SAL-2026", "survey-actions", "surveys/survey-action-log.csv", "csv", org.end,
                 "Actions decided on satisfaction survey results", owner=org.people["service"],
                 process="customer-satisfaction", period=(org.start, org.end))


def generate(org):
    plan(org)
    action_log(org)
