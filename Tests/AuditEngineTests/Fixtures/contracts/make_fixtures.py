#!/usr/bin/env python3
"""Writes the workbooks the evidence-contract tests read (run from this folder; needs openpyxl).

complaints.xlsx holds the same three complaints as the tests' CSV log, as a real Excel
tracker would: an "Overview" sheet first, then "Complaints" with date cells and numbers.
complaints-header-only.xlsx has the header row and no complaint.
"""
import datetime
import openpyxl

HEADER = ["Complaint ID", "Received", "Resolved", "Root cause", "Status", "Score"]
ROWS = [
    ["C-1", datetime.date(2026, 1, 4), datetime.date(2026, 1, 10), "Printer jam", "closed", 4.5],
    ["C-2", datetime.date(2026, 1, 5), datetime.date(2026, 2, 20), None, "closed", 3],
    ["C-3", datetime.date(2026, 1, 6), None, None, "open", 5],
]


def workbook(rows, name):
    book = openpyxl.Workbook()
    book.active.title = "Complaints"
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    book.save(name)


workbook(ROWS, "complaints.xlsx")
workbook([], "complaints-header-only.xlsx")
