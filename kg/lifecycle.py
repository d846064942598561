"""What one document says about its own life: when it enters into force, which texts it
repeals or amends, whether it is a draft, which period an agreement covers.

Pure reading of one ``Document`` (no store): ``read_lifecycle(doc) -> Lifecycle``. The
store-wide picture — which document repealed or replaced which, and the status of each on
a date — is ``kg.timeline``'s job, because a repeal names a document that may be ingested
later.

Only a document's own final provisions count: a lovbekendtgørelse (consolidation) quotes
the entry-into-force and repeal clauses of every act it consolidates ("Loven træder i kraft
den 1. januar 2007", "Samtidig ophæves lov nr. 482 ..."), which say nothing about the
consolidation itself, so they are not read there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aftalegraf.legal_time import MONTH_NUMBER, MONTH_PATTERN, iso_date, next_day
from aftalegraf.model import Document

from .references import NAMED_DOC, named_id

# "Bekendtgørelsen træder i kraft den 1. januar 2027, jf. dog stk. 3." / "Loven træder i kraft d. 8. ..."
ENTRY_INTO_FORCE = re.compile(
    r"(?:^|[.:]\s+|§\s*\d+\s*[a-z]?\.\s+)(?P<subject>Bekendtgørelsen|Loven|Vejledningen|Cirkulæret|Denne bekendtgørelse|Denne lov)"
    r"\s+træder\s+i\s+kraft\s+(?:(?:den|d\.)\s+(?P<d>\d{1,2})\.\s*(?P<m>" + MONTH_PATTERN + r")\s+(?P<y>\d{4})"
    r"|(?P<dayafter>dagen\s+efter\s+bekendtgørelsen\s+i\s+Lovtidende))"
    r"(?P<exception>,?\s*jf\.\s*dog\s+stk\.\s*\d+(?:\s*(?:-|–|og)\s*\d+)?)?",
    re.I | re.M)
_REPEAL = re.compile(r"\bophæves\b", re.I)
# "Bekendtgørelse om ændring af bekendtgørelse om X" / "I bekendtgørelse nr. 1248 af ... foretages følgende ændringer"
_AMENDING_TITLE = re.compile(r"^(?:Bekendtgørelse|Lov)\s+om\s+ændring\s+af\s+(?P<target>.+)$", re.I)
_AMEND_CLAUSE = re.compile(r"\bI\s+(?P<named>(?:bekendtgørelse|lov|lovbekendtgørelse)\s+nr\..{0,300}?)"
                           r"foretages\s+følgende\s+ændring", re.I | re.S)
_DRAFT_TITLE = re.compile(r"^\s*(?:høringsudkast|udkast)\b", re.I)
LEGISLATION = {"bekendtgørelse", "lov"}            # types whose own final provisions are read
AGREEMENTS = {"sundhedsaftale", "samarbejdsaftale"}


@dataclass
class Named:
    """A document named in a lifecycle clause: its id as the store would give it
    (``bek-2018-679``), the words as written and the provision that says it."""

    id: str
    label: str
    provision_id: str


@dataclass
class Lifecycle:
    document_id: str
    entry_into_force: str | None = None      # ISO date the text itself gives
    entry_provision: str | None = None       # the provision that says so
    entry_exception: str = ""                # "jf. dog stk. 3": parts apply otherwise
    repeals: list[Named] = field(default_factory=list)
    amends: list[Named] = field(default_factory=list)
    amends_title: str = ""                   # "bekendtgørelse om sundhedsklynger, ..." (by title)
    draft: bool = False
    period: tuple[str, str] | None = None    # an agreement's first and last day


def is_draft(doc: Document) -> bool:
    return (doc.type == "høringsudkast" or str(doc.meta.get("status") or "").lower() in ("høringsudkast", "udkast")
            or bool(_DRAFT_TITLE.match(doc.title or "")))


def read_lifecycle(doc: Document) -> Lifecycle:
    lc = Lifecycle(doc.id, draft=is_draft(doc))
    if doc.type in AGREEMENTS and doc.period and re.fullmatch(r"\d{4}-\d{4}", doc.period):
        a, b = doc.period.split("-")
        lc.period = (f"{a}-01-01", f"{b}-12-31")
    if doc.type not in LEGISLATION:
        return lc
    m = _AMENDING_TITLE.match(doc.title or "")
    if m:
        lc.amends_title = m.group("target").strip().rstrip(".")
    for p in doc.provisions:
        if p.kind not in ("paragraf", "stk", "preamble"):
            continue
        text = p.text
        if lc.entry_into_force is None:
            e = ENTRY_INTO_FORCE.search(text)
            if e:
                if e.group("dayafter"):
                    lc.entry_into_force = next_day(doc.date) if doc.date else None
                else:
                    lc.entry_into_force = iso_date(e.group("y"), MONTH_NUMBER[e.group("m").lower()], e.group("d"))
                lc.entry_provision = p.id
                lc.entry_exception = (e.group("exception") or "").strip(" ,")
        if _REPEAL.search(text) and not re.search(r"indtil\s+de\s+ophæves", text, re.I):
            _collect(lc.repeals, doc, p.id, text)
        for a in _AMEND_CLAUSE.finditer(text):
            _collect(lc.amends, doc, p.id, a.group("named"), first_only=True)
    return lc


def _collect(into: list[Named], doc: Document, pid: str, text: str, first_only: bool = False) -> None:
    for m in NAMED_DOC.finditer(text):
        target = named_id(m)
        if target == doc.id or any(n.id == target for n in into):
            continue
        into.append(Named(target, m.group(0), pid))
        if first_only:
            return
