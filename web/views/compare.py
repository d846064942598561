"""GET /api/compare — the cross-region comparison from aftalegraf.kg.compare.

While that module is absent the route answers a documented placeholder (200) saying so."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from aftalegraf.errors import BadQuery
from aftalegraf.model import REGIONS

from ..exports import safe_csv
from ..services import Unavailable, optional
from ._common import get_store

router = APIRouter(tags=["sammenligning"])

PLACEHOLDER_MESSAGE = "Sammenligningen af regionerne er ikke tilgængelig endnu (aftalegraf.kg.compare mangler)."


def parse_regions(regions: str | None) -> list[str] | None:
    if not regions or not regions.strip():
        return None
    out = [r.strip().lower() for r in regions.split(",") if r.strip()]
    unknown = [r for r in out if r not in REGIONS]
    if unknown:
        raise BadQuery(f"Ukendt region: {', '.join(unknown)}; brug {', '.join(REGIONS)}.", field="regions")
    return out


def compare_function():
    """kg.compare's entry point, or None while it is absent."""
    mod = optional("aftalegraf.kg.compare")
    fn = getattr(mod, "compare", None) if mod else None
    return fn if callable(fn) else None


def run_compare(store, regions: str | None) -> dict:
    fn = compare_function()
    if not callable(fn):
        chosen = parse_regions(regions)
        return {"available": False, "regions": chosen or list(REGIONS), "message": PLACEHOLDER_MESSAGE}
    if regions and len(regions) > 500:
        raise BadQuery("regions er for lang.", field="regions")
    # kg.compare resolves slugs and Danish names itself and raises BadQuery for unknown ones
    result = fn(store, regions=(regions or "").strip() or None)
    return result if isinstance(result, dict) else {"comparison": result}


@router.get(
    "/api/compare",
    summary="Sammenlign regioner / compare regions",
    description=(
        "Sammenligning af regionernes sundhedsaftaler (`regions=hovedstaden,sjaelland`). Formen "
        "bestemmes af `aftalegraf.kg.compare`. Mens modulet mangler, svares 200 med "
        "`{\"available\": false, \"regions\": [...], \"message\": ...}`. *Placeholder while absent.*"
    ),
    responses={200: {"content": {"application/json": {"example": {
        "available": False, "regions": ["hovedstaden", "sjaelland"], "message": PLACEHOLDER_MESSAGE}}}}},
)
def compare(request: Request, regions: str | None = Query(None, description="Kommasepareret, fx `hovedstaden,sjaelland`")) -> dict:
    return run_compare(get_store(request), regions)


@router.get(
    "/sammenlign.csv",
    summary="Sammenligningen som CSV / the comparison as CSV",
    description="Samme sammenligning som `/sammenlign`, skrevet af `aftalegraf.kg.compare.to_csv`.",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def compare_csv(request: Request, regions: str | None = Query(None, description="Kommasepareret, fx `hovedstaden,sjaelland`")):
    mod = optional("aftalegraf.kg.compare")
    to_csv = getattr(mod, "to_csv", None) if mod else None
    if compare_function() is None or not callable(to_csv):
        raise Unavailable("aftalegraf.kg.compare")
    result = run_compare(get_store(request), regions)
    return Response(safe_csv(to_csv(result)), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="sammenligning.csv"'})
