"""GET /api/health — the store's counts."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ..services import optional
from ._common import get_store

router = APIRouter(tags=["status"])

_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
_cache: dict[tuple, int] = {}


def triple_count(store) -> int:
    """Triples in the graph, asked through the graph's own API; 0 while there is none."""
    api = optional("aftalegraf.kg.api")
    for name in ("triple_count", "count_triples"):
        fn = getattr(api, name, None) if api else None
        if callable(fn):
            try:
                return int(fn(store))
            except Exception:
                return 0
    sq = optional("aftalegraf.kg.sparql")
    if sq is None or not store.graph_path.exists():
        return 0
    key = (str(store.path), store.generation, store.get_meta("stage:graph:generation"))
    if key in _cache:
        return _cache[key]
    try:
        from .sparql import result_rows

        rows = result_rows(sq.sparql(store, _COUNT, timeout=5))
        n = int(rows[0]["n"]) if rows else 0
    except Exception:
        return 0
    _cache.clear()
    _cache[key] = n
    return n


@router.get(
    "/api/health",
    summary="Status og antal / status and counts",
    description="Antal dokumenter, bestemmelser og tripler i lageret. *Counts of documents, provisions and triples.*",
    responses={200: {"content": {"application/json": {"example": {
        "status": "ok", "documents": 6, "provisions": 812, "triples": 15230}}}}},
)
def health(request: Request) -> dict:
    store = get_store(request)
    counts = store.counts()
    return {"status": "ok", "documents": counts["documents"], "provisions": counts["provisions"],
            "triples": triple_count(store)}
