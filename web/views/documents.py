"""GET /api/documents — what is ingested."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ._common import document_summary, get_store

router = APIRouter(tags=["dokumenter"])


@router.get(
    "/api/documents",
    summary="Indlæste dokumenter / ingested documents",
    description="Alle dokumenter med metadata og antal bestemmelser. *All documents with metadata.*",
    responses={200: {"content": {"application/json": {"example": {"documents": [{
        "id": "sst-vejledning-2023-hoeringsudkast", "title": "Vejledning om sundhedsklynger ...",
        "type": "høringsudkast", "region": "", "source": "/data/sst-vejledning.txt", "provisions": 240,
        "issuer": "Sundhedsstyrelsen", "period": "", "date": "2023-05-01"}]}}}}},
)
def documents(request: Request) -> dict:
    return {"documents": [document_summary(d) for d in get_store(request).documents()]}
