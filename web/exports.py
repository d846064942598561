"""Tables for planners' spreadsheets, in one place: Danish Excel CSV (UTF-8 with BOM, ``;``,
CRLF, Danish values and dates) and XLSX (openpyxl), both from one ``Sheet``.

A cell that starts with =, +, -, @ or a tab/CR is a formula to Excel and LibreOffice
(=HYPERLINK(...) in a document title would run when the file is opened): in CSV such a cell
gets a leading apostrophe, which the spreadsheet shows as text; in XLSX it is stored as a
string cell, never as a formula. Standard SPARQL results (text/csv from /sparql) are data for
programs and are written unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from fastapi.responses import Response
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from aftalegraf.legal_time import danish_date

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


@dataclass
class Sheet:
    """One table as a planner downloads it: Danish column names, one row per fact, and the
    lines that say what it is (source, filters, date of the extract) for the XLSX's second sheet."""

    name: str                                   # file name stem and sheet title
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    about: list[tuple[str, str]] = field(default_factory=list)   # (Danish label, value)


def danish_value(value) -> str:
    """A cell as Danish Excel reads it: ISO dates as 1.7.2024, decimals with a comma."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".").replace(".", ",")
    s = str(value)
    return danish_date(s) if _ISO_DATE.fullmatch(s) else s


def excel_csv(sheet: Sheet) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(sheet.columns)
    for row in sheet.rows:
        w.writerow([safe_cell(danish_value(c)) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx(sheet: Sheet) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = re.sub(r"[\[\]:*?/\\]", " ", sheet.name)[:31] or "Ark"
    ws.append(sheet.columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        ws.append([_xlsx_value(c) for c in row])
    for r in ws.iter_rows(min_row=2):
        for cell in r:
            if isinstance(cell.value, str):
                cell.data_type = "s"          # text, even when it starts with "=": never a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, name in enumerate(sheet.columns, start=1):
        longest = max([len(name)] + [len(str(r[i - 1] or "")) for r in sheet.rows[:200]])
        ws.column_dimensions[ws.cell(1, i).column_letter].width = min(60, max(10, longest + 2))
    ws.freeze_panes = "A2"
    about = wb.create_sheet("Om udtrækket")
    for label, value in sheet.about:
        about.append([label, value])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xlsx_value(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return date.fromisoformat(value)
    return "" if value is None else str(value)


def download(sheet: Sheet, fmt: str) -> Response:
    """The sheet as a file download: ``fmt`` "csv" (Danish Excel) or "xlsx"."""
    if fmt == "xlsx":
        body, media = xlsx(sheet), XLSX_TYPE
    else:
        body, media, fmt = excel_csv(sheet), "text/csv; charset=utf-8", "csv"
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{sheet.name}.{fmt}"'})
