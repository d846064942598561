"""GET /api/health — the store's counts, and where the graph is read from."""

from __future__ import annotations

from fastapi import APIRouter, Request

from aftalegraf.errors import AftalegrafError
from aftalegraf.kg import api
from aftalegraf.kg.sparql.graphstore import reader_for

from ._common import get_store

router = APIRouter(tags=["status"])


def graph_status(store) -> tuple[int, str]:
    """Triples in the graph and why it could not be read ("" when it could); health answers
    even then. Embedded with no graph yet: 0. Remote and unreachable: 0 with the reason, so a
    serving node over a missing server is not reported healthy."""
    try:
        return int(api.triple_count(store)), ""
    except AftalegrafError as exc:
        return 0, str(exc)
    except Exception as exc:  # noqa: BLE001 - health answers even when the graph cannot be read
        return 0, f"{type(exc).__name__}: {exc}"


@router.get(
    "/api/health",
    summary="Status og antal / status and counts",
    description="Antal dokumenter, bestemmelser og tripler i lageret. *Counts of documents, provisions and triples.*",
    responses={200: {"content": {"application/json": {"example": {
        "status": "ok", "documents": 6, "provisions": 812, "triples": 15230, "graph": "embedded",
        "read_only": False}}}}},
)
def health(request: Request) -> dict:
    store = get_store(request)
    counts = store.counts()
    triples, error = graph_status(store)
    out = {"status": "degraded" if error else "ok", "documents": counts["documents"],
           "provisions": counts["provisions"], "triples": triples, "graph": reader_for(store).kind,
           "read_only": bool(getattr(request.app.state, "read_only", False))}
    if getattr(store, "generation_name", None):
        out["snapshot"] = store.generation_name        # the generation a read-only node serves
    if error:
        out["graph_error"] = error
    return out
