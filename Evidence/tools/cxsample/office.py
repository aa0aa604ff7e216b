"""Office files as organizations keep them, written with real libraries (openpyxl, python-docx).

    pip install openpyxl python-docx

Document properties and archive timestamps are pinned so the output is byte-stable.
"""
import datetime as dt
import re
import zipfile

FIXED = (2026, 1, 1, 0, 0, 0)


def _libraries():
    try:
        import docx
        import openpyxl
    except ModuleNotFoundError as missing:
        raise SystemExit(f"{missing.name} is needed for the office files: pip install openpyxl python-docx") from None
    return openpyxl, docx


def _normalise(path):
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)


def save_workbook(path, sheets):
    """Writes sheets [(name, rows)] or [(name, rows, merged ranges such as "D1:E1")] to an XLSX
    workbook; dates become date-formatted cells."""
    openpyxl, _ = _libraries()
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows, *merges in sheets:
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        for number, column in enumerate(sheet.columns, start=1):
            width = max(10, min(50, max(len(str(c.value or "")) for c in column) + 2))
            sheet.column_dimensions[openpyxl.utils.get_column_letter(number)].width = width
        for cells in merges[0] if merges else []:
            sheet.merge_cells(cells)
    workbook.save(path)
    _normalise(path)


TOPICS = {
    "customer-satisfaction": "Customer satisfaction",
    "complaints": "Complaints and customer feedback",
    "quality-objectives": "Quality objectives",
    "audit-results": "Audit results",
    "external-provider-performance": "External provider performance",
    "corrective-actions": "Corrective actions",
    "risks-and-opportunities": "Risks and opportunities",
}


def save_minutes(path, date, people, inputs, outputs, actions):
    """Writes management review minutes as a Word document: headings, then tables of inputs,
    decisions and actions, as a quality manager would type them."""
    _, docx = _libraries()
    document = docx.Document()
    document.add_heading(f"Management review — {date.isoformat()}", level=1)
    document.add_paragraph(f"Chair: {people['md']}")
    document.add_heading("Attendees", level=2)
    for role, key in [("Managing Director", "md"), ("Quality Manager", "quality"), ("Customer Service Lead", "service")]:
        document.add_paragraph(f"{people[key]}, {role}")

    def table(header, rows):
        grid = document.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, header):
            cell.text = text
        for row in rows:
            for cell, text in zip(grid.add_row().cells, row):
                cell.text = text

    document.add_heading("Inputs", level=2)
    table(["Topic", "Summary"], [[TOPICS[topic], text] for topic, text in inputs.items()])
    document.add_heading("Decisions", level=2)
    table(["Type", "Decision"], [[kind.capitalize(), text] for kind, text in outputs.items()])
    document.add_heading("Actions", level=2)
    table(["ID", "Action", "Owner", "Due"], [list(action) for action in actions])
    document.save(path)
    _normalise(path)
