"""The cross-region comparison (aftalegraf.compare): GET /api/compare (JSON), /sammenlign
(the planner's page: one column per agreement), /sammenlign.csv and /sammenlign.xlsx (for
Danish Excel)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from markupsafe import Markup

from aftalegraf import compare as comparison
from aftalegraf.errors import AftalegrafError, BadQuery
from aftalegraf.legal_time import danish_date
from aftalegraf.vocabulary import REGION_MERGERS, REGIONS

from ..exports import Sheet, download
from ..heatmap import heatmap_svg
from ..templating import provision_url, render
from ._common import get_store

router = APIRouter(tags=["sammenligning"])
_HTML = {"content": {"text/html": {}}}


def chosen_regions(request: Request, regions: str | None) -> str:
    """The regions asked for: ``regions=a,b`` or repeated checkboxes ``regions=a&regions=b``."""
    values = request.query_params.getlist("regions") or ([regions] if regions else [])
    return ",".join(v.strip() for v in values if v and v.strip())


def run_compare(store, regions: str | None, as_of: str | None = None) -> dict:
    if regions and len(regions) > 500:
        raise BadQuery("regions er for lang.", field="regions")
    # compare resolves slugs and Danish names itself and raises BadQuery for unknown ones
    return comparison.compare(store, regions=(regions or "").strip() or None, as_of=(as_of or "").strip() or None)


@router.get(
    "/api/compare",
    summary="Sammenlign regioner / compare regions",
    description=(
        "Sammenligning af regionernes sundhedsaftaler (`regions=hovedstaden,sjaelland`; slugs eller danske "
        "navne; `oestdanmark` står for Hovedstaden og Sjælland): `columns` (én pr. aftale med periode og status, "
        "eller `missing` for en valgt region uden aftale), `by_agreement` (temaer, nationale mål og tjeklisten "
        "pr. aftale), mål med temaer og nationale mål, matricer pr. region, huller, tjeklister. `as_of`: datoen "
        "status læses på (standard i dag). *The cross-region comparison; see docs/compare.md.*"
    ),
)
def compare(request: Request, regions: str | None = Query(None, description="Kommasepareret, fx `hovedstaden,sjaelland`"),
            as_of: str | None = Query(None, description="Status pr. dato (YYYY-MM-DD)")) -> dict:
    return run_compare(get_store(request), chosen_regions(request, regions), as_of)


def comparison_sheet(result: dict) -> Sheet:
    """The comparison as one table: per theme, national goal and checklist item, one row per
    agreement and finding (a goal, a national goal named, nothing found, no agreement)."""
    cols = {c["key"]: c for c in result["columns"]}
    rows = []
    for part, title in (("themes", "Tema"), ("national_goals", "Nationalt mål")):
        for row in result["by_agreement"][part]:
            for cell in row["cells"]:
                col = cols[cell["column"]]
                base = [title, row["label"], col["region_label"], col.get("period") or "", col.get("status_label") or ""]
                if cell["missing"]:
                    rows.append(base + ["ingen aftale indlæst", "", "", ""])
                    continue
                for g in cell["goals"]:
                    how = "mål (nævnt)" if g["method"] == "explicit" else "mål (beslægtet indhold)"
                    rows.append(base + [how, g["text"], g["provision_id"], provision_url(g["provision_id"])])
                for n in cell["named"]:
                    rows.append(base + ["nævnt som nationalt mål", n["label"], n.get("provision_id") or "",
                                        provision_url(n["provision_id"]) if n.get("provision_id") else ""])
                if cell["gap"]:
                    rows.append(base + ["intet fundet", cell["question"], "", ""])
    for row in result["by_agreement"]["checklist"]:
        for cell in row["cells"]:
            col = cols[cell["column"]]
            if cell["missing"]:
                continue
            rows.append(["Krav i vejledningen", row["label"], col["region_label"], col.get("period") or "",
                         col.get("status_label") or "", "opfyldt" if cell["ok"] else "ikke fundet",
                         row["requirement"], cell.get("provision_id") or "",
                         provision_url(cell["provision_id"]) if cell.get("provision_id") else ""])
    return Sheet(
        name="sammenligning",
        columns=["Del", "Emne", "Region", "Periode", "Status", "Fund", "Tekst", "Bestemmelse", "Link"],
        rows=rows,
        about=[("Udtræk", "aftalegraf: sammenligning af regionernes sundhedsaftaler"),
               ("Status pr.", danish_date(result["as_of"])),
               ("Aftaler", "; ".join(f"{c['label']} ({c.get('status_label') or 'ingen aftale'})"
                                     for c in result["columns"]))],
    )


@router.get(
    "/sammenlign.{fmt}",
    summary="Sammenligningen til Excel (CSV eller XLSX) / the comparison for spreadsheets",
    description="Samme sammenligning som `/sammenlign`: `csv` (UTF-8 med BOM, semikolon, danske datoer) eller "
                "`xlsx`. Én række pr. fund.",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}}},
)
def compare_export(request: Request, fmt: str, regions: str | None = Query(None), as_of: str | None = Query(None)):
    if fmt not in ("csv", "xlsx"):
        raise BadQuery("Formatet skal være csv eller xlsx.", field="fmt")
    result = run_compare(get_store(request), chosen_regions(request, regions), as_of)
    return download(comparison_sheet(result), fmt)


@router.get("/sammenlign", tags=["sider"], summary="Sammenlign regioner / compare regions", response_class=Response,
            responses={200: _HTML})
def compare_page(request: Request, regions: str = "", as_of: str = ""):
    store = get_store(request)
    wanted = chosen_regions(request, regions)
    error = None
    try:
        result = run_compare(store, wanted, as_of)
    except AftalegrafError as exc:
        error, result = {"message": str(exc), "field": getattr(exc, "field", None)}, run_compare(store, "", "")
    heatmap = Markup(heatmap_svg(result))  # heatmap_svg escapes every label it writes
    picked = set(comparison.resolve_regions(wanted) or []) if not error else set()
    return render(request, "compare.html", status_code=400 if error else 200, result=result, error=error,
                  regions=wanted, picked=picked, as_of=result["as_of"], all_regions=REGIONS,
                  mergers=REGION_MERGERS, heatmap=heatmap)
