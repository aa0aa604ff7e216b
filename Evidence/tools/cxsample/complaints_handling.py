"""Evidence for ISO 10002 beyond the complaints log: the published complaints-handling policy."""
import datetime as dt

from .common import a, day, x


def generate(org):
    commitments = [
        ("accessibility", "Complaints can be made by phone, e-mail, web form, in store or by post, free of charge."),
        ("responsiveness", "We acknowledge every complaint within two working days and give a reference."),
        ("confidentiality", "Personal information in a complaint is used only to handle it."),
        ("objectivity", "Each complaint is investigated by someone not involved in the matter complained about."),
        ("customer-focus", "We tell the complainant the outcome and how to take it further if unsatisfied."),
    ]
    if org.gap("complaints-policy-incomplete", "The complaints-handling policy says nothing about confidentiality or objectivity"):
        commitments = [c for c in commitments if c[0] not in ("confidentiality", "objectivity")]
    published = dt.date(2025, 4, 1)
    lines = [f'<complaints-policy version="2" approved="{day(published)}" approved-by={a(org.people["md"])}>',
             f"  <scope>All complaints from customers of {x(org.name)}, any channel, any site.</scope>"]
    lines += [f'  <commitment principle="{kind}">{x(text)}</commitment>' for kind, text in commitments]
    if not org.gap("complaints-policy-unpublished", "The complaints-handling policy is not published to customers"):
        lines.append('  <published channel="website"/>')
        lines.append('  <published channel="store-notice"/>')
    lines.append("</complaints-policy>")
    org.write_xml("complaints/complaints-policy.xml", lines)
    org.register("CPOL-2", "complaints-policy", "complaints/complaints-policy.xml", "xml", published,
                 "Complaints-handling policy, version 2", owner=org.people["service"], process="complaints-handling")
