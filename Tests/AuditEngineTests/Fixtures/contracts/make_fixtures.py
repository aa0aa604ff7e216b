#!/usr/bin/env python3
"""Writes the workbooks the evidence-contract tests read (run from this folder; needs openpyxl).

complaints.xlsx holds the same three complaints as the tests' CSV log, as a real Excel
tracker would: an "Overview" sheet first, then "Complaints" with date cells and numbers.
complaints-header-only.xlsx has the header row and no complaint.
complaints-table.xlsx holds the streaming tests' CSV table (RecordStreamEvaluatorTests) as a
tracker kept by hand: a "Read me" sheet first, then a title merged over the header, date cells,
numbers, a blank row and a text acknowledgement. complaints-table-plain.xlsx holds the same
table as an export would: one sheet, no title, no merged cell, the header on row 2.
complaints-table-wide.xlsx is that export with one more header cell, in column XFD, over
150 records: a view of 2.4 million cells from a file of a few kilobytes.
"""
import datetime
import openpyxl

HEADER = ["Complaint ID", "Received", "Resolved", "Root cause", "Status", "Score"]
ROWS = [
    ["C-1", datetime.date(2026, 1, 4), datetime.date(2026, 1, 10), "Printer jam", "closed", 4.5],
    ["C-2", datetime.date(2026, 1, 5), datetime.date(2026, 2, 20), None, "closed", 3],
    ["C-3", datetime.date(2026, 1, 6), None, None, "open", 5],
]


def append_rows(sheet, rows):
    """Appends rows, showing date cells as dates."""
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"


def workbook(rows, name):
    book = openpyxl.Workbook()
    book.active.title = "Complaints"
    sheet = book.active
    sheet.append(HEADER)
    append_rows(sheet, rows)
    book.save(name)


def table_workbook(name, plain=False):
    book = openpyxl.Workbook()
    if plain:
        sheet = book.active
        sheet.title = "Complaints"
        sheet.cell(row=1, column=1).value = None
    else:
        book.active.title = "Read me"
        book.active.append(["Complaints of 2026, one row each."])
        sheet = book.create_sheet("Complaints")
        sheet.append(["Complaints log 2026"])
        sheet.merge_cells("A1:E1")
    sheet.append(["Ref", "Received", "Status", "Ack", "Cause"])
    rows = [
        ["C-1", datetime.date(2026, 1, 2), "closed", 1, "Courier"],
        ["C-2", datetime.date(2026, 1, 5), "closed", 5, None],
        [None, None, None, None, None],
        ["C-2", datetime.date(2026, 1, 9), "pending", 4, None],
        [" C-3 ", datetime.date(2026, 2, 1), "closed", 9, "Stock"],
        ["C-4", datetime.date(2026, 2, 3), "open", "x", None],
    ]
    append_rows(sheet, rows)
    book.save(name)


workbook(ROWS, "complaints.xlsx")
table_workbook("complaints-table.xlsx")
table_workbook("complaints-table-plain.xlsx", plain=True)


def wide_workbook(name):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Complaints"
    sheet.append(["Ref", "Received", "Status", "Ack", "Cause"])
    sheet["XFD1"] = "Last"
    append_rows(sheet, [[f"C-{number}", datetime.date(2026, 1, 2), "open", 1, None] for number in range(1, 151)])
    book.save(name)


wide_workbook("complaints-table-wide.xlsx")
workbook([], "complaints-header-only.xlsx")
