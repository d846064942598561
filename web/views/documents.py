"""GET /api/documents — what is ingested, each document with its legal time on a date."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from aftalegraf.kg.timeline import parse_date, timeline_for

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
