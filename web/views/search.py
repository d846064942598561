"""GET /api/search — calls aftalegraf.search.service.search."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from aftalegraf.search import service

from ._common import get_store

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
        "provision in other versions of its act is listed in `other_versions` instead of repeated.*"
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
) -> dict:
    return run_search(get_store(request), q, k, mode,
                      {"doc_type": doc_type, "region": region, "actor": actor, "modality": modality}, as_of)
