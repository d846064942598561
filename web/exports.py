"""Spreadsheet-safe CSV for planners' downloads: a cell that starts with =, +, -, @ or a
tab/CR is a formula to Excel and LibreOffice (=HYPERLINK(...) in a document title would run
when the file is opened), so such a cell is written with a leading apostrophe, which the
spreadsheet shows as text. Standard SPARQL results (text/csv from /sparql) are data for
programs and are written unchanged."""

from __future__ import annotations

import csv
import io

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA_START) else s


def safe_csv(text: str) -> str:
    """Re-write CSV text with every cell made safe (same dialect: comma, CRLF)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text)):
        w.writerow([safe_cell(c) for c in row])
    return out.getvalue()
