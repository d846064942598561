"""Dates as Danish web pages and document properties write them -> ISO 8601 (YYYY-MM-DD).

Shared by the HTML, PDF and DOCX readers for their date hints."""

from __future__ import annotations

import re
from datetime import date, datetime

from aftalegraf.legal_time import MONTH_NUMBER, iso_date

# The Danish names and their abbreviations; English ones for CMS templates that print them.
MONTHS = MONTH_NUMBER | {name[:3]: number for name, number in MONTH_NUMBER.items()} | {"sept": 9} | {
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10, "oct": 10,
}

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b")
_WORDS = re.compile(r"\b(\d{1,2})\.?\s+([A-Za-zæøåÆØÅ]{3,9})\.?\s+(\d{4})\b")

# "Opdateret 12 DEC 2022", "Sidst opdateret: 12.12.2022", "Publiceret 23. august 2019"
UPDATED_RE = re.compile(r"\b(?:sidst\s+)?(?:opdateret|revideret|ændret)\s*:?\s*(?P<date>[^\n|]{6,30})", re.I)
PUBLISHED_RE = re.compile(r"\b(?:publiceret|offentliggjort|udgivet|dato)\s*:?\s*(?P<date>[^\n|]{6,30})", re.I)


def parse_date(text: str) -> str:
    """The first date in ``text`` as YYYY-MM-DD, or "" when there is none."""
    if not text:
        return ""
    if m := _ISO.search(text):
        return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _NUMERIC.search(text):
        return iso_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _WORDS.search(text):
        month = MONTHS.get(m.group(2).lower())
        if month:
            return iso_date(int(m.group(3)), month, int(m.group(1)))
    return ""


def iso_of(value) -> str:
    """A datetime/date (document properties) or a string -> YYYY-MM-DD, or ""."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return parse_date(value)
    return ""
