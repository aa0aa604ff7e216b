"""What every evidence module shares: the organization being generated, its gaps, writers."""
import datetime as dt
import hashlib
import os
import random
from xml.sax.saxutils import escape, quoteattr

FIRST = ["Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur", "Grace", "Leo", "Freya", "Oscar",
         "Priya", "Tomasz", "Aisha", "Callum", "Niamh", "Rhys", "Sofia", "Kwame", "Hannah", "Daniel", "Chloe", "Ibrahim"]
LAST = ["Patel", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Khan", "Nowak", "Murphy", "O'Brien",
        "Okafor", "Hughes", "Clarke", "Walsh", "Singh", "Robinson", "Wright", "Thompson", "Ahmed"]

VARIANTS = ("northwind", "conforming", "failing")


def day(value):
    return value.isoformat() if value else ""


def x(text):
    """Escapes element text."""
    return escape(str(text))


def a(value):
    """Quotes an attribute value."""
    return quoteattr(str(value))


class Org:
    """One organization being generated: its identity, period, gaps and register."""

    def __init__(self, variant, out, seed, scale):
        assert variant in VARIANTS
        self.variant = variant
        self.out = os.path.abspath(out)
        self.seed = seed
        self.scale = scale
        self.start = dt.date(2025, 12, 1)
        self.end = dt.date(2026, 11, 20)
        self.as_of = dt.date(2026, 11, 30)
        if variant == "northwind":
            self.name = "Northwind Home Goods Ltd"
            self.people = {"md": "Helen Marsh", "quality": "Rajesh Iyer", "service": "Dana Whitfield",
                           "operations": "Marcus Bell", "auditor": "Yvonne Carter", "sales": "Sanjay Rao"}
            self.sites = [("leeds", "Leeds head office and warehouse"), ("bristol", "Bristol store")]
        else:
            self.name = "Kestrel Office Supplies Ltd" if variant == "conforming" else "Every Gap Trading Ltd"
            self.people = {"md": "Elena Fischer", "quality": "Tom Achebe", "service": "Laura Kim",
                           "operations": "Piotr Zielinski", "auditor": "Grace Holm", "sales": "Nadia Farouk"}
            self.sites = [("york", "York office and warehouse"), ("hull", "Hull trade counter")]
        self.items = []
        self.planted = {}  # gap name -> description, for KNOWN-GAPS.md

    def rng(self, module):
        """A random stream per module, so modules do not disturb each other's output."""
        digest = hashlib.sha256(f"{self.seed}:{self.variant}:{module}".encode()).hexdigest()
        return random.Random(int(digest[:16], 16))

    def gap(self, name, description, northwind=False):
        """Whether the gap `name` is planted in this organization.

        Every gap is planted in the `failing` organization (every rule must fail there),
        none in `conforming`, and in `northwind` only those marked `northwind=True`.
        """
        planted = self.variant == "failing" or (self.variant == "northwind" and northwind)
        if planted:
            self.planted[name] = description
        return planted

    def site_ids(self):
        return [site for site, _ in self.sites]

    def person(self, rng):
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    def path(self, relative):
        full = os.path.join(self.out, relative)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        return full

    def write_text(self, relative, text, encoding="utf-8"):
        with open(self.path(relative), "w", encoding=encoding, newline="") as handle:
            handle.write(text)

    def write_xml(self, relative, lines):
        self.write_text(relative, '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n")

    def write_csv(self, relative, header, rows, delimiter=",", bom=True):
        """Writes CSV the way spreadsheet exports do (CRLF, quoted when needed, optional BOM)."""
        def cell(value):
            text = value if isinstance(value, str) else ("" if value is None else
                                                          value.isoformat() if isinstance(value, dt.date) else str(value))
            if any(c in text for c in (delimiter, '"', "\n", "\r")):
                text = '"' + text.replace('"', '""') + '"'
            return text
        lines = [delimiter.join(header)] + [delimiter.join(cell(row.get(name)) for name in header) for row in rows]
        self.write_text(relative, "\r\n".join(lines) + "\r\n", encoding="utf-8-sig" if bom else "utf-8")

    def register(self, item_id, item_type, file, fmt, date, title, owner=None, process=None, site=None,
                 period=None, delimiter=None):
        self.items.append(dict(id=item_id, type=item_type, file=file, format=fmt, date=date, title=title,
                               owner=owner or self.people["quality"], process=process or item_type,
                               site=site or self.site_ids()[0], period=period, delimiter=delimiter))

    def write_register(self, scope, exclusions):
        lines = ['<evidence-register version="1">', f"  <organization name={a(self.name)}>", "    <scope>"]
        lines += [f"      <activity>{x(activity)}</activity>" for activity in scope]
        lines += [f"      <exclusion activity={a(activity)}>{x(reason)}</exclusion>" for activity, reason in exclusions]
        lines.append("    </scope>")
        lines += [f"    <site id={a(site)} name={a(name)}/>" for site, name in self.sites]
        lines.append("  </organization>")
        for item in self.items:
            extra = ""
            if item["period"]:
                extra += f' period-start="{day(item["period"][0])}" period-end="{day(item["period"][1])}"'
            if item["delimiter"]:
                extra += f" delimiter={a(item['delimiter'])}"
            lines.append(
                f'  <item id={a(item["id"])} type={a(item["type"])} file={a(item["file"])} format="{item["format"]}" '
                f'date="{day(item["date"])}"{extra} owner={a(item["owner"])} process={a(item["process"])} '
                f'site={a(item["site"])}>{x(item["title"])}</item>')
        lines.append("</evidence-register>")
        self.write_xml("evidence-register.xml", lines)
