"""GET /api/documents — what is ingested, each document with its legal time on a date."""

from __future__ import annotations

from collections import OrderedDict

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from aftalegraf.errors import AftalegrafError
from aftalegraf.kg.timeline import parse_date, timeline_for, today

from ..templating import render
from ._common import document_summary, get_store

router = APIRouter(tags=["dokumenter"])


def documents_in_time(store, as_of: str | None = None) -> list[dict]:
    """Every document's summary with ``status``, ``valid_from``, ``valid_to``,
    ``superseded_by`` and the official ``eli`` as of ``as_of`` (default today)."""
    on = parse_date(as_of)
    tl = timeline_for(store)
    out = []
    for d in store.documents():
        item = document_summary(d)
        item.update(tl.document_time(d.id, on))
        out.append(item)
    return out


@router.get(
    "/api/documents",
    summary="Indlæste dokumenter / ingested documents",
    description="Alle dokumenter med metadata, antal bestemmelser og retlig status på en dato (`as_of`, "
                "standard i dag): `status`, `valid_from`, `valid_to`, `superseded_by`, `eli`. "
                "*All documents with metadata and their legal status on a date.*",
    responses={200: {"content": {"application/json": {"example": {"documents": [{
        "id": "bek-2018-679", "title": "Bekendtgørelse om sundhedskoordinationsudvalg og sundhedsaftaler",
        "type": "bekendtgørelse", "region": "", "source": "bek-2018-679.txt", "provisions": 29,
        "status": "repealed", "valid_from": "2018-06-08", "valid_to": "2022-09-07",
        "superseded_by": [{"document": "bek-2022-1248", "provision": "bek-2022-1248/p31/stk2"}],
        "eli": "https://www.retsinformation.dk/eli/lta/2018/679"}]}}}}},
)
def documents(request: Request, as_of: str | None = Query(None, description="YYYY-MM-DD")) -> dict:
    return {"documents": documents_in_time(get_store(request), as_of)}

_HTML = {"content": {"text/html": {}}}


@router.get("/dokumenter", tags=["sider"], summary="Indlæste dokumenter / ingested documents", response_class=Response,
            responses={200: _HTML})
def documents_page(request: Request, type: str = "", region: str = "", as_of: str = ""):
    try:
        docs = documents_in_time(get_store(request), as_of or None)
    except AftalegrafError:
        as_of, docs = "", documents_in_time(get_store(request))
    types = sorted({d["type"] for d in docs})
    regions = sorted({d["region"] for d in docs if d["region"]})
    shown = [d for d in docs if (not type or d["type"] == type) and (not region or d["region"] == region)]
    shown.sort(key=lambda d: (d["type"], d["region"], d["period"] or d["date"], d["title"]))
    by_type: OrderedDict[str, list] = OrderedDict()
    for d in shown:
        by_type.setdefault(d["type"], []).append(d)
    return render(request, "documents.html", by_type=by_type, types=types, regions=regions, total=len(docs),
                  type=type, region=region, as_of=as_of, timeline=_timeline_rows(docs))


def _timeline_rows(docs: list[dict]) -> dict:
    """Bars for the documents page's timeline: every text with a date it applies from (the
    timeline gives one to legislation, guidance and agreements only), positioned in % of the
    span from the first entry into force to a year past the last."""
    dated = [d for d in docs if d.get("valid_from")]
    if not dated:
        return {"rows": [], "years": []}
    first = int(min(d["valid_from"] for d in dated)[:4])
    last = max(int(max((d.get("valid_to") or d["valid_from"]) for d in dated)[:4]), int(today()[:4])) + 1

    def pos(iso: str) -> float:
        y, m, day = (int(x) for x in iso.split("-"))
        return round(100 * ((y - first) + (m - 1) / 12 + (day - 1) / 365) / (last - first + 1), 2)

    rows = []
    for d in sorted(dated, key=lambda d: (d["type"], d["valid_from"], d["id"])):
        a = pos(d["valid_from"])
        b = pos(d["valid_to"]) if d.get("valid_to") else 100.0
        rows.append({"doc": d, "left": a, "width": max(0.6, round(b - a, 2))})
    return {"rows": rows, "years": list(range(first, last + 1)), "today": pos(today())}
