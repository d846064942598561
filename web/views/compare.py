"""GET /api/compare and /sammenlign.csv — the cross-region comparison of aftalegraf.compare."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from markupsafe import Markup

from aftalegraf import compare as comparison
from aftalegraf.errors import BadQuery
from aftalegraf.vocabulary import REGIONS

from ..exports import safe_csv
from ..heatmap import heatmap_svg
from ..templating import render
from ._common import get_store

router = APIRouter(tags=["sammenligning"])


def run_compare(store, regions: str | None) -> dict:
    if regions and len(regions) > 500:
        raise BadQuery("regions er for lang.", field="regions")
    # compare resolves slugs and Danish names itself and raises BadQuery for unknown ones
    return comparison.compare(store, regions=(regions or "").strip() or None)


@router.get(
    "/api/compare",
    summary="Sammenlign regioner / compare regions",
    description=(
        "Sammenligning af regionernes sundhedsaftaler (`regions=hovedstaden,sjaelland`; slugs eller danske "
        "navne): regioner og aftaler, mål med temaer og nationale mål, matricer, huller, tjeklister. "
        "*The cross-region comparison; see docs/compare.md for the shape.*"
    ),
)
def compare(request: Request, regions: str | None = Query(None, description="Kommasepareret, fx `hovedstaden,sjaelland`")) -> dict:
    return run_compare(get_store(request), regions)


@router.get(
    "/sammenlign.csv",
    summary="Sammenligningen som CSV / the comparison as CSV",
    description="Samme sammenligning som `/sammenlign`, skrevet af `aftalegraf.compare.to_csv`.",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def compare_csv(request: Request, regions: str | None = Query(None, description="Kommasepareret, fx `hovedstaden,sjaelland`")):
    result = run_compare(get_store(request), regions)
    return Response(safe_csv(comparison.to_csv(result)), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="sammenligning.csv"'})

_HTML = {"content": {"text/html": {}}}


@router.get("/sammenlign", tags=["sider"], summary="Sammenlign regioner / compare regions", response_class=Response,
            responses={200: _HTML})
def compare_page(request: Request, regions: str = ""):
    result = run_compare(get_store(request), regions)
    heatmap = Markup(heatmap_svg(result))  # heatmap_svg escapes every label it writes
    return render(request, "compare.html", result=result, regions=regions, all_regions=REGIONS,
                  heatmap=heatmap)
