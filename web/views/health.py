"""GET /api/health — the store's counts."""

from __future__ import annotations

from fastapi import APIRouter, Request

from aftalegraf.kg import api

from ._common import get_store

router = APIRouter(tags=["status"])


def triple_count(store) -> int:
    """Triples in the graph; 0 while there is none (the count must never fail health)."""
    if not store.graph_path.exists():
        return 0
    try:
        return int(api.triple_count(store))
    except Exception:  # noqa: BLE001 - health answers even when the graph cannot be read
        return 0


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
