"""Legal-time vocabulary shared by every layer: the statuses a document can have on a date
(the contract's *Legal time*), their Danish labels, and the official ELI of a Danish legal
identifier.

Lovtidende A documents (BEK, LBK, LOV) live under ``/eli/lta/YEAR/NR``; guidance and other
documents published on retsinformation.dk outside Lovtidende (VEJ, CIR, SKR) under
``/eli/retsinfo/YEAR/NR``.
"""

from __future__ import annotations

import re

STATUSES = ("in_force", "not_yet_in_force", "repealed", "superseded", "expired", "draft", "unknown")

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
_IDENT = re.compile(r"\b(BEK|LBK|LOV|VEJ|CIR|SKR|BKI)\s+nr\.?\s*(\d+)\s+af\s+\d{1,2}/\d{1,2}/(\d{4})")


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
    m = _IDENT.search(identifier or "")
    return eli_uri(m.group(1), m.group(3), m.group(2)) if m else ""
