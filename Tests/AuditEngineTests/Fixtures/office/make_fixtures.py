#!/usr/bin/env python3
"""Make the office-file fixtures of the adapter tests with real libraries.

    pip install openpyxl python-docx odfpy
    python3 Tests/AuditEngineTests/Fixtures/office/make_fixtures.py

openpyxl writes the XLSX files, python-docx the DOCX files, odfpy the ODS/ODT files.
Two files are then altered on purpose, as noted below, to reach cases those libraries
do not write (an inline string, an external relationship); the ZIP bomb is made with
zipfile. Archive timestamps are normalised so the files are byte-stable.
"""
import datetime as dt
import io
import os
import re
import zipfile

import docx
import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.style import Style, TextProperties
from odf.table import Table, TableCell, TableRow
from odf.text import H, P

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = (2026, 1, 1, 0, 0, 0)


def fixed_dates(data):
    """Libraries stamp the save time into document properties; pin it."""
    text = data.decode()
    text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", r"\g<1>2026-01-01T00:00:00Z", text)
    text = re.sub(r"(<(?:meta:creation-date|dc:date)>)[^<]*", r"\g<1>2026-01-01T00:00:00", text)
    return text.encode()


def normalise(path, replace=None):
    """Rewrites the archive with fixed timestamps, optionally replacing parts."""
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            if replace and name in replace:
                data = replace[name](data)
            if name in ("docProps/core.xml", "meta.xml"):
                data = fixed_dates(data)
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)


def workbook(path, epoch_1904=False):
    wb = openpyxl.Workbook()
    if epoch_1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    wb.properties.created = dt.datetime(2026, 1, 1)
    wb.properties.modified = dt.datetime(2026, 1, 1)
    sheet = wb.active
    sheet.title = "Objectives"
    sheet.append(["Objective ID", "Title", "Target", "Owner", "Met", "Last measured"])
    sheet.append(["OBJ-01", "Satisfied customers", 80, "Laura Kim", True, dt.date(2026, 10, 31)])
    sheet.append(["OBJ-02", "On-time delivery", 95.5, "Piotr Zielinski", False, dt.datetime(2026, 9, 30, 14, 30)])
    sheet.append(["OBJ-03", "Complaints closed in 30 days", 0.00001, None, True, dt.date(1900, 3, 1)])
    notes = wb.create_sheet("Notes")
    notes.append(["Note"])
    notes.append(["Targets reviewed at the March management review"])
    wb.save(path)


def main():
    workbook(os.path.join(HERE, "objectives.xlsx"))
    normalise(os.path.join(HERE, "objectives.xlsx"))
    workbook(os.path.join(HERE, "objectives-1904.xlsx"), epoch_1904=True)
    normalise(os.path.join(HERE, "objectives-1904.xlsx"))

    # openpyxl always writes shared strings; turn the Owner of OBJ-02 (cell D3) into an inline string.
    path = os.path.join(HERE, "inline-string.xlsx")
    workbook(path)

    def inline(data):
        text = data.decode()
        start = text.index('<c r="D3"')
        end = text.index("</c>", start) + 4
        return (text[:start] + '<c r="D3" t="inlineStr"><is><t>Inline Owner</t></is></c>' + text[end:]).encode()
    normalise(path, {"xl/worksheets/sheet1.xml": inline})

    document = docx.Document()
    document.core_properties.created = dt.datetime(2026, 1, 1)
    document.core_properties.modified = dt.datetime(2026, 1, 1)
    document.add_heading("Management review 2026-10-06", level=1)
    document.add_paragraph("Chair: Elena Fischer")
    document.add_paragraph("")
    document.add_heading("Inputs", level=2)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Topic"
    table.rows[0].cells[1].text = "Summary"
    for topic, summary in [("Customer satisfaction", "CSAT 86%, up 2 points."), ("Complaints", "Volume down 12%.")]:
        cells = table.add_row().cells
        cells[0].text = topic
        cells[1].text = summary
    paragraph = document.add_paragraph("Decision: ")
    paragraph.add_run("second agent for peak season").bold = True
    document.save(os.path.join(HERE, "minutes.docx"))
    normalise(os.path.join(HERE, "minutes.docx"))

    # python-docx writes no external relationships; add an attached template that points at a server.
    path = os.path.join(HERE, "external-template.docx")
    document.save(path)

    def attach(data):
        text = data.decode()
        relationship = ('<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                        'relationships/attachedTemplate" Target="http://templates.example.invalid/minutes.dotm" '
                        'TargetMode="External"/>')
        return text.replace("</Relationships>", relationship + "</Relationships>").encode()
    normalise(path, {"word/_rels/document.xml.rels": attach})

    spreadsheet = OpenDocumentSpreadsheet()
    sheet = Table(name="Objectives")
    for values in [["Objective ID", "Target", "Reviewed", "Met"], ["OBJ-01", 80, "2026-10-31", True], ["OBJ-02", 95.5, "2026-09-30", False]]:
        row = TableRow()
        for value in values:
            if isinstance(value, bool):
                row.addElement(TableCell(valuetype="boolean", booleanvalue="true" if value else "false"))
            elif isinstance(value, (int, float)):
                row.addElement(TableCell(valuetype="float", value=value))
            elif value.startswith("2026-"):
                row.addElement(TableCell(valuetype="date", datevalue=value))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
                row.addElement(cell)
        sheet.addElement(row)
    spreadsheet.spreadsheet.addElement(sheet)
    spreadsheet.save(os.path.join(HERE, "objectives.ods"))
    normalise(os.path.join(HERE, "objectives.ods"))

    text = OpenDocumentText()
    heading_style = Style(name="Heading 2", family="paragraph")
    heading_style.addElement(TextProperties(fontweight="bold"))
    text.styles.addElement(heading_style)
    text.text.addElement(H(outlinelevel=1, text="Management review 2026-10-06"))
    text.text.addElement(P(text="Chair: Elena Fischer"))
    text.text.addElement(H(outlinelevel=2, stylename=heading_style, text="Inputs"))
    table = Table(name="Inputs")
    for values in [["Topic", "Summary"], ["Customer satisfaction", "CSAT 86%"]]:
        row = TableRow()
        for value in values:
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    text.text.addElement(table)
    text.save(os.path.join(HERE, "minutes.odt"))
    normalise(os.path.join(HERE, "minutes.odt"))

    # A ZIP bomb: 50 MB of zeros in one entry compress to about 50 KB.
    with zipfile.ZipFile(os.path.join(HERE, "bomb.xlsx"), "w", zipfile.ZIP_DEFLATED) as bomb:
        info = zipfile.ZipInfo("xl/workbook.xml", FIXED)
        info.compress_type = zipfile.ZIP_DEFLATED
        bomb.writestr(info, b"\0" * (50 << 20))
    # Zip-slip: an entry that climbs out of any folder it would be extracted to.
    with zipfile.ZipFile(os.path.join(HERE, "zip-slip.docx"), "w", zipfile.ZIP_DEFLATED) as slip:
        slip.writestr(zipfile.ZipInfo("../../evil.xml", FIXED), b"<x/>")
        slip.writestr(zipfile.ZipInfo("word/document.xml", FIXED), b"<x/>")


if __name__ == "__main__":
    main()
