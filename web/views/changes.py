"""'Hvad ændrer sig?' — texts that start or stop applying in a date range, with their
obligations by actor: ``GET /api/changes`` (JSON) and ``GET /aendringer`` (the page)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from aftalegraf.errors import AftalegrafError
from aftalegraf.kg.changes import changes, coming_new_year
from aftalegraf.kg.timeline import parse_date

from ..templating import render
from ._common import get_store

router = APIRouter()


def _range(start: str | None, end: str | None) -> tuple[str, str]:
    s = parse_date(start, "from") or coming_new_year()
    e = parse_date(end, "to") or s
    return s, e


@router.get(
    "/api/changes", tags=["vidensgraf"],
    summary="Hvad ændrer sig? / what changes in a date range",
    description="Dokumenter der træder i kraft (`starting`) eller ophører (`ending`) fra `from` til `to` "
                "(standard: førstkommende 1. januar), hver med sine forpligtelser pr. aktør, læst fra grafen. "
                "*Texts that start or stop applying in the range, with their obligations by actor.*",
)
def changes_api(request: Request, from_: str | None = Query(None, alias="from", description="YYYY-MM-DD"),
                to: str | None = Query(None, description="YYYY-MM-DD")) -> dict:
    start, end = _range(from_, to)
    return changes(get_store(request), start, end)


@router.get("/aendringer", tags=["sider"], summary="Hvad ændrer sig? (side)", response_class=Response)
def changes_page(request: Request, fra: str = "", til: str = ""):
    try:
        start, end = _range(fra or None, til or None)
        result, error, status = changes(get_store(request), start, end), None, 200
    except AftalegrafError as exc:
        start, end, result, error, status = fra, til, None, str(exc), 400
    return render(request, "changes.html", status_code=status, result=result, error=error, fra=start, til=end)
