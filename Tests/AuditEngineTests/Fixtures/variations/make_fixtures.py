#!/usr/bin/env python3
"""Northwind's evidence kept the way other organizations keep it, for the sample-variation tests
(Tests/AuditEngineTests/Evaluation/SampleVariationTests.swift). Run from this folder; needs openpyxl.

- complaints-log-2026.xlsx: the complaints log as an Excel tracker ("Complaints" sheet after a
  "Read me" sheet), dates as date cells.
- complaints-log-2026.json: the same log as a help desk's JSON export ({"export": …, "tickets": […]}).
- objectives-decimal-comma.xlsx: the objectives tracker with measured values typed as text with a
  decimal comma ("81,6"), as a spreadsheet in a comma-decimal locale exports them.
- objectives-header-only.xlsx: the objectives tracker whose Objectives sheet holds only its header.
"""
import csv
import datetime
import json
import pathlib

import openpyxl

ROOT = pathlib.Path(__file__).resolve().parents[4]
NORTHWIND = ROOT / "Evidence" / "northwind"

with open(NORTHWIND / "complaints" / "complaints-log-2026.csv", encoding="utf-8-sig", newline="") as handle:
    rows = list(csv.reader(handle))
header, records = rows[0], rows[1:]
dates = {"Received", "Acknowledged", "Target resolution", "Resolved", "Outcome communicated"}

book = openpyxl.Workbook()
book.active.title = "Read me"
book.active["A1"] = "Complaints log exported from the service desk."
sheet = book.create_sheet("Complaints")
sheet.append(header)
for record in records:
    values = []
    for name, value in zip(header, record):
        values.append(datetime.date.fromisoformat(value) if name in dates and value else (value or None))
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, datetime.date):
            cell.number_format = "dd/mm/yyyy"
book.properties.created = book.properties.modified = datetime.datetime(2026, 11, 20)
book.save("complaints-log-2026.xlsx")

tickets = [{name: (value if value else None) for name, value in zip(header, record)} for record in records]
with open("complaints-log-2026.json", "w", encoding="utf-8") as handle:
    json.dump({"export": {"system": "service desk", "generated": "2026-11-20T18:00:00Z"}, "tickets": tickets}, handle, indent=2, ensure_ascii=False)
    handle.write("\n")

objectives = openpyxl.load_workbook(NORTHWIND / "objectives" / "quality-objectives-2026.xlsx")
for row in objectives["Measurements"].iter_rows(min_row=2):
    value = row[2]
    if isinstance(value.value, (int, float)):
        value.value = f"{value.value:.1f}".replace(".", ",")
objectives.properties.created = objectives.properties.modified = datetime.datetime(2026, 11, 20)
objectives.save("objectives-decimal-comma.xlsx")

objectives = openpyxl.load_workbook(NORTHWIND / "objectives" / "quality-objectives-2026.xlsx")
sheet = objectives["Objectives"]
sheet.delete_rows(2, sheet.max_row)
objectives.properties.created = objectives.properties.modified = datetime.datetime(2026, 11, 20)
objectives.save("objectives-header-only.xlsx")
