"""Evidence for ISO 10004 beyond the survey waves: the satisfaction monitoring plan."""
import datetime as dt

from .common import a, day, x


def generate(org):
    approved = dt.date(2025, 11, 20)
    fields = {
        "method": "E-mail questionnaire three days after delivery; random sample of delivered orders.",
        "population": "Customers with an order delivered in the wave's month, all sites and channels.",
        "sample-size": "30",
        "frequency": "P3M",
        "response-rate-target": "10",
    }
    if org.gap("survey-plan-incomplete", "The satisfaction monitoring plan defines no method or sample size"):
        fields.pop("method")
        fields.pop("sample-size")
    indicators = [("csat", "Share of respondents rating 4 or 5 of 5"), ("nps", "Net Promoter Score from the 0-10 question"),
                  ("ces", "Average customer effort, 1 (easy) to 7")]
    lines = [f'<satisfaction-monitoring-plan approved="{day(approved)}" approved-by={a(org.people["md"])}>']
    lines += [f"  <{name}>{x(value)}</{name}>" for name, value in fields.items()]
    lines += [f'  <indicator id="{key}">{x(text)}</indicator>' for key, text in indicators]
    lines.append("</satisfaction-monitoring-plan>")
    org.write_xml("surveys/satisfaction-monitoring-plan.xml", lines)
    org.register("SMP-1", "satisfaction-monitoring-plan", "surveys/satisfaction-monitoring-plan.xml", "xml", approved,
                 "Customer satisfaction monitoring plan", owner=org.people["service"], process="customer-satisfaction")
