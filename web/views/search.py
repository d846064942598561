"""GET /api/search — calls aftalegraf.search.service.search."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from aftalegraf.errors import AftalegrafError, BadQuery
from aftalegraf.kg import api
from aftalegraf.legal_time import danish_date, status_text
from aftalegraf.search import service
from aftalegraf.vocabulary import SEARCH_MODES

from ..exports import Sheet, download
from ..templating import MODALITY_LABELS, REGION_LABELS, obligation_chip, provision_url, render
from ._common import PlainJSON, get_store

router = APIRouter(tags=["søgning"])


def run_search(store, q, k, mode, filters: dict[str, str | None], as_of: str | None = None) -> dict:
    clean = {name: v.strip() for name, v in filters.items() if v and v.strip()}
    return service.search(store, q, k=k, mode=mode or "hybrid", filters=clean or None,
                          as_of=(as_of or "").strip() or None)


EXAMPLE = {
    "query": "Hvem skal indsende sundhedsaftalen?",
    "hits": [{
        "id": "bek-2022-1248/p21/stk2", "score": 0.82,
        "text": "Stk. 2. Regionsrådet indsender sundhedsaftalen til Sundhedsstyrelsen senest den 1. juli.",
        "section": "§ 21, stk. 2", "path": ["Kapitel 5 Sundhedsaftaler", "§ 21"],
        "document": {"id": "bek-2022-1248", "title": "Bekendtgørelse om sundhedsaftaler",
                     "type": "bekendtgørelse", "region": ""},
        "obligations": [{"id": "https://w3id.org/aftalegraf/forpligtelse/bek-2022-1248/p21/stk2/1",
                         "actor": "Regionsrådet", "modality": "obligation",
                         "action": "indsende sundhedsaftalen", "provision_id": "bek-2022-1248/p21/stk2"}],
        "references": []}],
    "facets": {"doc_type": {"bekendtgørelse": 3}, "region": {}, "actor": {"regionsraad": 2},
               "modality": {"obligation": 2}},
}


@router.get(
    "/api/search",
    summary="Søg i bestemmelser / search provisions",
    description=(
        "Søg med naturligt sprog i alle indlæste bestemmelser. `mode`: `hybrid` (standard), `bm25` "
        "eller `dense`. Filtre: `doc_type`, `region`, `actor`, `modality`. *Search provisions; "
        "an empty or over-long `q`, a `k` outside 1–100 or an unknown `mode` is answered 400 "
        "with the field named. `as_of=YYYY-MM-DD` returns only the texts that applied on that date; "
        "every hit's `document` carries its `status`, `valid_from` and `valid_to`, and the same "
        "provision in other versions of its act is listed in `other_versions` instead of repeated; "
        "the same text in another document (an order and the order that replaced it) is shown once, "
        "by the text in force where one is, the others in `same_text` (`id`, `label`, `document`, `status`). The `answer` shows the act's or "
        "order's provision in force rather than a draft guidance paragraph that cites or restates it, "
        "naming the paragraph in `explained_in`.*"
    ),
    responses={200: {"content": {"application/json": {"example": EXAMPLE}}},
               400: {"content": {"application/json": {"example": {
                   "detail": "Skriv en søgetekst (parameteren q er tom).", "error": "bad_query", "field": "q"}}}}},
)
def search(
    request: Request,
    q: str = Query("", description="Søgetekst / query text", examples=["Hvem skal indsende sundhedsaftalen?"]),
    k: int = Query(10, description="Antal resultater (1–100) / number of hits"),
    mode: str = Query("hybrid", description="hybrid | bm25 | dense"),
    doc_type: str | None = Query(None, description="Dokumenttype, fx `vejledning`"),
    region: str | None = Query(None, description="Region, fx `hovedstaden`"),
    actor: str | None = Query(None, description="Aktør, fx `regionsraad`"),
    modality: str | None = Query(None, description="obligation | recommendation | permission | prohibition"),
    as_of: str | None = Query(None, description="Gældende pr. dato (YYYY-MM-DD): kun tekster der gjaldt den dag "
                                                "/ only texts that applied on that date"),
) -> JSONResponse:
    # the result is plain JSON already: sent as it is, without a second pass through a
    # response model (a search is answered in milliseconds; that pass cost a fair share of them)
    return PlainJSON(run_search(get_store(request), q, k, mode,
                                   {"doc_type": doc_type, "region": region, "actor": actor, "modality": modality}, as_of))

_HTML = {"content": {"text/html": {}}}


def facet_items(store, facets: dict) -> dict[str, list[tuple[str, int, str]]]:
    """The search service's facets ({name: {value: count}}) as {name: [(value, count, Danish
    label)]}: regions by name, modalities in plain Danish, actors by their label."""
    actors = {a["key"]: a["label"] for a in api.actor_table(store)} if facets.get("actor") else {}
    labels = {"region": REGION_LABELS, "modality": MODALITY_LABELS, "actor": actors}
    return {name: [(str(v), int(n), labels.get(name, {}).get(v) or str(v)) for v, n in values.items() if v]
            for name, values in (facets or {}).items()}


@router.get("/", tags=["sider"], summary="Søgesiden / the search page", response_class=Response, responses={200: _HTML})
def search_page(
    request: Request,
    q: str = "",
    k: str = "10",
    mode: str = "hybrid",
    doc_type: str = "",
    region: str = "",
    actor: str = "",
    modality: str = "",
    as_of: str = "",
):
    store = get_store(request)
    filters = {"doc_type": doc_type, "region": region, "actor": actor, "modality": modality}
    ctx = {"q": q, "k": k, "mode": mode if mode in SEARCH_MODES else "hybrid", "filters": filters, "modes": SEARCH_MODES,
           "as_of": as_of,
           "result": None, "error": None, "notice": None}
    status = 200
    if q.strip():
        try:
            try:
                k_int = int(k)
            except ValueError:
                k_int = -1
            ctx["result"] = run_search(store, q, k_int, mode, filters, as_of)
        except AftalegrafError as exc:
            ctx["error"], status = {"message": str(exc), "field": getattr(exc, "field", None)}, 400
    elif "q" in request.query_params:
        ctx["notice"] = "Skriv en søgetekst, fx »Hvem skal indsende sundhedsaftalen?«."
    ctx["counts"] = store.counts()
    ctx["facets"] = facet_items(store, ctx["result"]["facets"]) if ctx["result"] else {}
    return render(request, "search.html", status_code=status, **ctx)


def results_sheet(result: dict, base_url: str) -> Sheet:
    """The hits of a search for Danish Excel: one row per provision, with its document, the
    document's legal status and the duties read from it."""
    rows = []
    for i, hit in enumerate(result["hits"], start=1):
        doc = hit.get("document") or {}
        rows.append([
            i, hit.get("section") or hit["id"], hit.get("text", ""), doc.get("title", ""), doc.get("type", ""),
            REGION_LABELS.get(doc.get("region", ""), doc.get("region", "")), status_text(doc),
            doc.get("valid_from"), doc.get("valid_to"),
            "; ".join(obligation_chip(ob) for ob in hit.get("obligations", [])),
            base_url + provision_url(hit["id"]),
        ])
    about = [("Udtræk", "aftalegraf: søgning"), ("Søgetekst", result["query"]),
             ("Relevante bestemmelser", str(result.get("total", len(rows)))), ("Viste", str(len(rows)))]
    if result.get("as_of"):
        about.append(("Gældende pr.", danish_date(result["as_of"])))
    return Sheet(name="soegning", rows=rows, about=about,
                 columns=["Nr.", "Bestemmelse", "Tekst", "Dokument", "Dokumenttype", "Region", "Status", "Gælder fra",
                          "Gælder til", "Forpligtelser", "Link"])


@router.get("/soeg.{fmt}", tags=["sider"],
            summary="Søgeresultaterne til Excel (CSV eller XLSX) / search results for spreadsheets",
            description="Samme parametre som `/`: `csv` (UTF-8 med BOM, semikolon, danske datoer) eller `xlsx`.",
            response_class=Response,
            responses={200: {"content": {"text/csv": {}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}}})
def search_export(request: Request, fmt: str, q: str = "", k: int = 10, mode: str = "hybrid", doc_type: str = "",
                  region: str = "", actor: str = "", modality: str = "", as_of: str = ""):
    if fmt not in ("csv", "xlsx"):
        raise BadQuery("Formatet skal være csv eller xlsx.", field="fmt")
    result = run_search(get_store(request), q, k, mode,
                        {"doc_type": doc_type, "region": region, "actor": actor, "modality": modality}, as_of)
    return download(results_sheet(result, str(request.base_url).rstrip("/")), fmt)
