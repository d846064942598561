"""GET /api/obligations and GET /api/actors — calls aftalegraf.kg.api."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from aftalegraf.errors import BadQuery
from aftalegraf.kg import api
from aftalegraf.vocabulary import MODALITIES

from ._common import get_store

router = APIRouter(tags=["vidensgraf"])

MAX_LIMIT = 10000


def list_obligations(store, actor: str | None = None, modality: str | None = None,
                     limit: int | None = None, document_id: str | None = None) -> list[dict]:
    actor = (actor or "").strip() or None
    modality = (modality or "").strip().lower() or None
    if modality and modality not in MODALITIES:
        raise BadQuery(f"Ukendt modalitet »{modality}«; brug en af {', '.join(MODALITIES)}.", field="modality")
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise BadQuery(f"limit skal være mellem 1 og {MAX_LIMIT} (fik {limit}).", field="limit")
    if actor and len(actor) > 200:
        raise BadQuery("Aktøren er for lang (højst 200 tegn).", field="actor")
    kwargs = {"actor": actor, "modality": modality, "limit": limit}
    if document_id:
        kwargs["document_id"] = document_id
    return list(api.obligations(store, **kwargs))


def list_actors(store) -> list[dict]:
    return list(api.actors(store))


OB_EXAMPLE = {"obligations": [{
    "id": "https://w3id.org/aftalegraf/forpligtelse/bek-2022-1248/p21/stk2/1", "actor": "Regionsrådet",
    "modality": "obligation", "action": "indsende sundhedsaftalen",
    "text": "Regionsrådet indsender sundhedsaftalen til Sundhedsstyrelsen senest den 1. juli.",
    "provision_id": "bek-2022-1248/p21/stk2", "section": "§ 21, stk. 2",
    "document": {"id": "bek-2022-1248", "title": "Bekendtgørelse om sundhedsaftaler"},
    "bearers": [{"key": "regionsraad", "label": "Regionsrådet"}], "deadline": "senest 1. juli"}]}


@router.get(
    "/api/obligations",
    summary="Hvem skal hvad? / who must do what",
    description="Forpligtelser læst ud af bestemmelserne, hver med den bestemmelse der siger det "
                "(`provision_id`). *Obligations, each with its source provision.*",
    responses={200: {"content": {"application/json": {"example": OB_EXAMPLE}}}},
)
def obligations(
    request: Request,
    actor: str | None = Query(None, description="Aktørens nøgle eller navn, fx `regionsraad`"),
    modality: str | None = Query(None, description="obligation | recommendation | permission | prohibition"),
    limit: int | None = Query(None, description=f"Højst så mange (1–{MAX_LIMIT})"),
) -> dict:
    return {"obligations": list_obligations(get_store(request), actor, modality, limit)}


@router.get(
    "/api/actors",
    summary="Aktører / actors",
    description="Aktørtyperne i vidensgrafen (nøgle, navn, antal forpligtelser). *Actor types in the graph.*",
    responses={200: {"content": {"application/json": {"example": {"actors": [
        {"key": "regionsraad", "label": "Regionsrådet", "obligations": 12}]}}}}},
)
def actors(request: Request) -> dict:
    return {"actors": list_actors(get_store(request))}
