"""GET /api/obligations and GET /api/actors — calls aftalegraf.kg.api."""

from __future__ import annotations

import csv
import io
from collections import OrderedDict

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from aftalegraf.errors import BadQuery, NotFound
from aftalegraf.kg import api
from aftalegraf.vocabulary import MODALITIES

from ..exports import safe_cell
from ..templating import actor_label, deadline_text, provision_url, render
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

_HTML = {"content": {"text/html": {}}}


@router.get("/aktoer", tags=["sider"], summary="Aktører / actor index", response_class=Response, responses={200: _HTML})
def actors_page(request: Request):
    return render(request, "actors.html", actors=list_actors(get_store(request)), notice=None)


def _actor_info(store, key: str) -> dict:
    for a in list_actors(store):
        if a.get("key") == key:
            return a
    raise NotFound("actor", key)


def _grouped(obligations: list[dict]) -> "OrderedDict[str, dict]":
    groups: OrderedDict[str, dict] = OrderedDict()
    for ob in obligations:
        doc = ob.get("document") or {}
        doc_id = doc.get("id") or (ob.get("provision_id") or "").split("/")[0]
        g = groups.setdefault(doc_id, {"document": doc, "obligations": []})
        g["obligations"].append(ob)
    return groups


@router.get("/aktoer/{key}.csv", tags=["sider"], summary="Aktørens forpligtelser som CSV / an actor's obligations as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def actor_csv(key: str, request: Request, modality: str = ""):
    store = get_store(request)
    info = _actor_info(store, key)
    obs = list_obligations(store, actor=key, modality=modality or None)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["aktør", "modalitet", "handling", "frist", "tekst", "bestemmelse", "afsnit", "dokument_id",
                "dokument", "kilde_url"])
    base = str(request.base_url).rstrip("/")
    for ob in obs:
        doc = ob.get("document") or {}
        w.writerow([safe_cell(c) for c in (
            actor_label(ob.get("actor")) or info.get("label", key), ob.get("modality", ""),
            ob.get("action", ""), deadline_text(ob.get("deadline")), ob.get("text", ""),
            ob.get("provision_id", ""), ob.get("section", ""), doc.get("id", ""), doc.get("title", ""),
            base + provision_url(ob.get("provision_id", "")) if ob.get("provision_id") else "")])
    return Response("\ufeff" + buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="hvem-skal-hvad-{key}.csv"'})


@router.get("/aktoer/{key}", tags=["sider"], summary="Hvem skal hvad? én aktør / one actor's obligations",
            response_class=Response, responses={200: _HTML, 404: _HTML})
def actor_page(key: str, request: Request, modality: str = ""):
    store = get_store(request)
    info = _actor_info(store, key)
    obs = list_obligations(store, actor=key, modality=modality or None)
    return render(request, "actor.html", actor=info, key=key, groups=_grouped(obs), total=len(obs),
                  modality=modality)
