"""The workbook `metrics summarize --format xlsx` writes, opened as an analyst would: openpyxl and pandas.

  python scripts/check_xlsx.py METRICS-BINARY DIR

Summarises the shipped Middlesbrough data twice as xlsx (the bytes must be identical) and once as CSV, then
checks that the workbook has the sheets "summary" and "data", that every summary cell equals the CSV's
field (numbers as numeric cells, equal to the last bit; text as string cells, never formulas), and that
pandas.read_excel reads both sheets with numeric columns as numbers. Run by scripts/check-report.sh in the
report check's virtual environment (openpyxl is in scripts/report-check-requirements.txt).
"""
import csv
import io
import os
import subprocess
import sys

import openpyxl
import pandas as pd


def main(metrics: str, directory: str) -> int:
    os.makedirs(directory, exist_ok=True)
    data = [os.path.join("datasets", "middlesbrough", f) for f in ("children_looked_after.csv", "workforce.csv", "budget_share.csv")]
    book_path = os.path.join(directory, "summary.xlsx")
    again_path = os.path.join(directory, "summary-again.xlsx")
    for path in (book_path, again_path):
        subprocess.run([metrics, "summarize", data[0], "--format", "xlsx", "-o", path], check=True)
    with open(book_path, "rb") as a, open(again_path, "rb") as b:
        if a.read() != b.read():
            print("check_xlsx: FAILED: two runs wrote different workbooks", file=sys.stderr)
            return 1
    text = subprocess.run([metrics, "summarize", data[0], "--format", "csv"], check=True, capture_output=True, text=True).stdout
    rows = list(csv.reader(io.StringIO(text)))
    book = openpyxl.load_workbook(book_path)
    problems = []
    if book.sheetnames != ["summary", "data"]:
        problems.append(f"sheets {book.sheetnames}")
    sheet = book["summary"]
    cells = list(sheet.iter_rows())
    if [c.value for c in cells[0]] != rows[0]:
        problems.append("the summary sheet's header is not the CSV's")
    if len(cells) != len(rows):
        problems.append(f"{len(cells) - 1} summary rows, the CSV has {len(rows) - 1}")
    for r, (cell_row, csv_row) in enumerate(zip(cells[1:], rows[1:]), start=2):
        for cell, field, name in zip(cell_row, csv_row, rows[0]):
            if cell.data_type == "f":
                problems.append(f"{cell.coordinate} is a formula")
            if field == "":
                if cell.value not in (None, ""):
                    problems.append(f"{cell.coordinate} ({name}) is {cell.value!r}, the CSV's is empty")
            elif cell.data_type == "n":
                if float(field) != cell.value:
                    problems.append(f"{cell.coordinate} ({name}) is {cell.value!r}, the CSV's {field}")
            elif cell.value != field.lstrip("'") and cell.value != field:
                problems.append(f"{cell.coordinate} ({name}) is {cell.value!r}, the CSV's {field!r}")
    frames = pd.read_excel(book_path, sheet_name=None)
    summary, plot = frames["summary"], frames["data"]
    for column in ("n", "first_value", "last_value", "ols_slope", "mk_p"):
        if not pd.api.types.is_numeric_dtype(summary[column]):
            problems.append(f"pandas reads summary.{column} as {summary[column].dtype}")
    for column in ("time", "value"):
        if not pd.api.types.is_numeric_dtype(plot[column]):
            problems.append(f"pandas reads data.{column} as {plot[column].dtype}")
    if problems:
        for p in problems[:20]:
            print(f"check_xlsx: FAILED: {p}", file=sys.stderr)
        return 1
    print(f"check_xlsx: {book_path}: summary {summary.shape[0]} rows × {summary.shape[1]} columns and data {plot.shape[0]} rows read back by openpyxl and pandas; two runs byte-identical", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
