"""Legal-time vocabulary shared by every layer: the statuses a document can have on a date
(the contract's *Legal time*), their Danish labels, and the official ELI of a Danish legal
identifier, and Danish dates as the texts write them (»1. juli 2027«).

Lovtidende A documents (BEK, LBK, LOV) live under ``/eli/lta/YEAR/NR``; guidance and other
documents published on retsinformation.dk outside Lovtidende (VEJ, CIR, SKR) under
``/eli/retsinfo/YEAR/NR``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

STATUSES = ("in_force", "not_yet_in_force", "repealed", "superseded", "expired", "draft", "unknown")
# Texts that no longer apply, and those that do not apply today at all (not yet, or never: a draft).
ENDED = frozenset({"repealed", "superseded", "expired"})
NOT_APPLYING = ENDED | {"draft", "not_yet_in_force"}

# Short Danish labels for badges; the web adds dates and the successor.
STATUS_LABELS_DA = {
    "in_force": "Gældende",
    "not_yet_in_force": "Træder i kraft",
    "repealed": "Ophævet",
    "superseded": "Afløst",
    "expired": "Udløbet",
    "draft": "Høringsudkast",
    "unknown": "Status ukendt",
}

RETSINFO = "https://www.retsinformation.dk/eli"
LTA_CODES = ("BEK", "LBK", "LOV")
RETSINFO_CODES = ("VEJ", "CIR", "SKR", "BKI")
# "BEK nr 1248 af 05/09/2022": code, number, day, month, year
IDENTIFIER = re.compile(r"\b(BEK|LBK|LOV|VEJ|CIR|BKI|SKR)\s+nr\.?\s*(\d+)\s+af\s+(\d{1,2})/(\d{1,2})/(\d{4})")


# Danish month names, January first: the one list every reader of written dates uses.
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")
MONTH_NUMBER = {name: number for number, name in enumerate(MONTHS, 1)}
MONTH_PATTERN = "(?:" + "|".join(MONTHS) + ")"


def iso_date(year: int | str, month: int | str, day: int | str) -> str:
    """YYYY-MM-DD, or "" when there is no such day (a misread »31. juni«)."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return ""


def next_day(iso: str) -> str:
    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def day_before(iso: str) -> str:
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def eli_uri(code: str, year: int | str, number: int | str) -> str:
    """The official ELI of a retsinformation document: ('VEJ', 2013, 9005) ->
    https://www.retsinformation.dk/eli/retsinfo/2013/9005; '' for an unknown code."""
    code = code.upper()
    if code in LTA_CODES:
        return f"{RETSINFO}/lta/{int(year)}/{int(number)}"
    if code in RETSINFO_CODES:
        return f"{RETSINFO}/retsinfo/{int(year)}/{int(number)}"
    return ""


def eli_of_identifier(identifier: str) -> str:
    """'VEJ nr 9005 af 20/12/2013' -> its official ELI, or ''."""
    m = IDENTIFIER.search(identifier or "")
    return eli_uri(m.group(1), m.group(5), m.group(2)) if m else ""


_DOC_ID = re.compile(r"^(bek|lbk|lov|vej|cir)-(\d{4})-(\d+)")


def eli_of_document_id(doc_id: str) -> str:
    """'lov-1997-401' -> its official ELI, or '': a cited act not in the store still has its link."""
    m = _DOC_ID.fullmatch(doc_id or "")
    return eli_uri(m.group(1), m.group(2), m.group(3)) if m else ""


def short_citation(doc_id: str) -> str:
    """'bek-2022-1248' -> 'BEK 1248/2022' (lbk excerpts too); other ids as they are."""
    m = _DOC_ID.match(doc_id or "")
    return f"{m.group(1).upper()} {m.group(3)}/{m.group(2)}" if m else doc_id


# The paragraph (§) of a provision of an act or order: »lbk-2023-1011/p149« of »…/p149/stk2«.
_PARAGRAPH_ID = re.compile(r"[^/]+/p\d+[a-z]*")


def paragraph_of(provision_id: str) -> str:
    """»lbk-2023-1011/p149/stk2« → »lbk-2023-1011/p149«; a unit of a text without paragraphs is its own."""
    m = _PARAGRAPH_ID.match(provision_id)
    return m.group(0) if m else provision_id


def provision_citation(provision_id: str) -> str:
    """'bek-2022-1248/p31/stk2' -> 'BEK 1248/2022 § 31, stk. 2'."""
    doc_id, _, path = (provision_id or "").partition("/")
    parts = []
    for seg in path.split("/") if path else []:
        if m := re.fullmatch(r"p(\d+)([a-z]?)", seg):
            parts.append(f"§ {m.group(1)}{(' ' + m.group(2)) if m.group(2) else ''}")
        elif m := re.fullmatch(r"stk(\d+)", seg):
            parts.append(f"stk. {m.group(1)}")
        elif m := re.fullmatch(r"nr(\d+)", seg):
            parts.append(f"nr. {m.group(1)}")
    return (short_citation(doc_id) + (" " + ", ".join(parts) if parts else "")).strip()


def readable_citation(doc_id: str, title: str, place: str, binding: bool) -> str:
    """How a planner cites a provision: an act's or order's by the document's short citation and
    its section ('BEK 1248/2022 § 21, stk. 2'), any other text's by its title and place
    ('Vejledning om …, 5.1. Indsendelse af sundhedsaftalen, 2. afsnit')."""
    if binding:
        return f"{short_citation(doc_id)} {place}".strip()
    return ", ".join(x for x in (title, place) if x) or doc_id


def danish_date(iso: str | None) -> str:
    """'2027-01-01' -> '1.1.2027' (the short Danish form)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    return f"{int(m.group(3))}.{int(m.group(2))}.{m.group(1)}" if m else (iso or "")


def status_text(t: dict | None) -> str:
    """A document's legal time as a planner reads it: 'Gældende', 'Ophævet pr. 8.9.2022 ved
    BEK 1248/2022 § 31, stk. 2', 'Træder i kraft 1.1.2027', 'Høringsudkast', 'Udløbet 31.12.2023'."""
    t = t or {}
    st = t.get("status") or "unknown"
    label = STATUS_LABELS_DA.get(st, st)
    by = (t.get("superseded_by") or [{}])[0]
    by_text = provision_citation(by["provision"]) if by.get("provision") else short_citation(by.get("document", ""))
    if st in ("repealed", "superseded") and t.get("valid_to"):
        word = "ved" if st == "repealed" else "af"
        return f"{label} pr. {danish_date(next_day(t['valid_to']))}" + (f" {word} {by_text}" if by_text else "")
    if st == "not_yet_in_force" and t.get("valid_from"):
        return f"{label} {danish_date(t['valid_from'])}"
    if st == "expired" and t.get("valid_to"):
        return f"{label} {danish_date(t['valid_to'])}"
    if st == "in_force" and t.get("valid_to"):
        return f"{label} til og med {danish_date(t['valid_to'])}"
    return label
