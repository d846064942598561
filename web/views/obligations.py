"""GET /api/obligations and GET /api/actors — calls aftalegraf.kg.api."""

from __future__ import annotations

from collections import OrderedDict

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from aftalegraf.errors import BadQuery, NotFound
from aftalegraf.kg import api
from aftalegraf.kg.timeline import timeline_for, today
from aftalegraf.legal_time import danish_date, provision_citation, status_text
from aftalegraf.model import LEGISLATION_TYPES
from aftalegraf.vocabulary import MODALITIES

from ..exports import Sheet, download
from ..templating import MODALITY_WORDS, actor_label, deadline_text, provision_url, render
from ._common import get_store

router = APIRouter(tags=["vidensgraf"])

MAX_LIMIT = 10000


def list_obligations(store, actor: str | None = None, modality: str | None = None,
                     limit: int | None = None, document_id: str | None = None,
                     include_reported: bool = False) -> list[dict]:
    actor = (actor or "").strip() or None
    modality = (modality or "").strip().lower() or None
    if modality and modality not in MODALITIES:
        raise BadQuery(f"Ukendt modalitet »{modality}«; brug en af {', '.join(MODALITIES)}.", field="modality")
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise BadQuery(f"limit skal være mellem 1 og {MAX_LIMIT} (fik {limit}).", field="limit")
    if actor and len(actor) > 200:
        raise BadQuery("Aktøren er for lang (højst 200 tegn).", field="actor")
    kwargs = {"actor": actor, "modality": modality, "limit": limit, "include_reported": include_reported}
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
                "(`provision_id`). Pligter, som en nyhed, en dagsorden eller et høringsbrev blot gengiver "
                "(`reported: true`), er kun med med `include_reported=true`. *Obligations, each with its source "
                "provision; reported ones only on request.*",
    responses={200: {"content": {"application/json": {"example": OB_EXAMPLE}}}},
)
def obligations(
    request: Request,
    actor: str | None = Query(None, description="Aktørens nøgle eller navn, fx `regionsraad`"),
    modality: str | None = Query(None, description="obligation | recommendation | permission | prohibition"),
    limit: int | None = Query(None, description=f"Højst så mange (1–{MAX_LIMIT})"),
    include_reported: bool = Query(False, description="Også pligter, som nyheder og dagsordener gengiver"),
) -> dict:
    return {"obligations": list_obligations(get_store(request), actor, modality, limit,
                                            include_reported=include_reported)}


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


def actor_sheet(store, key: str, label: str, obligations: list[dict], base_url: str) -> Sheet:
    """An actor's duties for Danish Excel: one row per obligation with the provision it is read
    from, the document, and the document's legal status today."""
    timeline = timeline_for(store)
    rows = []
    for ob in obligations:
        doc = ob.get("document") or {}
        doc_id = doc.get("id") or (ob.get("provision_id") or "").split("/")[0]
        t = timeline.document_time(doc_id)
        pid = ob.get("provision_id") or ""
        rows.append([
            actor_label(ob.get("actor")) or label, MODALITY_WORDS.get(ob.get("modality", ""), ob.get("modality", "")),
            ob.get("action", ""), deadline_text(ob.get("deadline")), ob.get("text", ""),
            provision_citation(pid) if doc.get("type") in LEGISLATION_TYPES
            else (ob.get("section") or pid), doc.get("title", ""), doc.get("type", ""), status_text(t),
            t.get("valid_from"), t.get("valid_to"), base_url + provision_url(pid) if pid else "",
        ])
    return Sheet(
        name=f"hvem-skal-hvad-{key}",
        columns=["Aktør", "Skal/bør/kan", "Handling", "Frist", "Sætningen", "Bestemmelse", "Dokument", "Dokumenttype",
                 "Status", "Gælder fra", "Gælder til", "Link"],
        rows=rows,
        about=[("Udtræk", f"aftalegraf: hvem skal hvad? – {label}"), ("Status pr.", danish_date(today())),
               ("Forpligtelser", str(len(rows)))],
    )


@router.get("/aktoer/{key}.{fmt}", tags=["sider"],
            summary="Aktørens forpligtelser til Excel (CSV eller XLSX) / an actor's obligations for spreadsheets",
            description="`csv` (UTF-8 med BOM, semikolon, danske datoer) eller `xlsx`; `modality` som på siden.",
            response_class=Response,
            responses={200: {"content": {"text/csv": {}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}}})
def actor_export(key: str, fmt: str, request: Request, modality: str = ""):
    if fmt not in ("csv", "xlsx"):
        raise NotFound("format", fmt)
    store = get_store(request)
    info = _actor_info(store, key)
    obs = list_obligations(store, actor=key, modality=modality or None)
    return download(actor_sheet(store, key, info.get("label") or key, obs, str(request.base_url).rstrip("/")), fmt)


@router.get("/aktoer/{key}", tags=["sider"], summary="Hvem skal hvad? én aktør / one actor's obligations",
            response_class=Response, responses={200: _HTML, 404: _HTML})
def actor_page(key: str, request: Request, modality: str = ""):
    store = get_store(request)
    info = _actor_info(store, key)
    obs = list_obligations(store, actor=key, modality=modality or None)
    return render(request, "actor.html", actor=info, key=key, groups=_grouped(obs), total=len(obs),
                  modality=modality)
