"""The Danish HTML pages: search, provision, actors ("Hvem skal hvad?"), documents, compare."""

from __future__ import annotations

import csv
import io
from collections import OrderedDict

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from aftalegraf.errors import AftalegrafError, NotFound
from aftalegraf.kg.timeline import provision_versions, today
from aftalegraf.vocabulary import REGIONS, SEARCH_MODES

from ..exports import safe_cell
from ..heatmap import heatmap_svg
from ..templating import MODALITY_LABELS, REGION_LABELS, actor_label, deadline_text, provision_url, render
from ._common import get_store
from .compare import run_compare
from .documents import documents_in_time
from .obligations import list_actors, list_obligations
from .provisions import provision_detail
from .search import run_search

router = APIRouter(tags=["sider"])
_HTML = {"content": {"text/html": {}}}


def facet_items(facets) -> dict[str, list[tuple[str, int, str]]]:
    """The search service's facets ({name: {value: count}} or {name: [{value|key, count, label}]})
    as {name: [(value, count, Danish label)]}."""
    out: dict[str, list] = {}
    for name, values in (facets or {}).items():
        items = []
        if isinstance(values, dict):
            pairs = [(str(v), c, None) for v, c in values.items()]
        else:
            pairs = [(str(v.get("value", v.get("key", ""))), v.get("count", 0), v.get("label"))
                     for v in values or [] if isinstance(v, dict)]
        for value, count, label in pairs:
            if not value:
                continue
            if not label:
                label = REGION_LABELS.get(value) if name == "region" else MODALITY_LABELS.get(value) if name == "modality" else None
            items.append((value, count if isinstance(count, int) else 0, label or value))
        out[name] = items
    return out


@router.get("/", summary="Søgesiden / the search page", response_class=Response, responses={200: _HTML})
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
    ctx["facets"] = facet_items(ctx["result"]["facets"]) if ctx["result"] else {}
    return render(request, "search.html", status_code=status, **ctx)


@router.get("/bestemmelse/{id:path}", summary="En bestemmelse i sin sammenhæng / a provision in context",
            response_class=Response, responses={200: _HTML, 404: _HTML})
def provision_page(id: str, request: Request):
    store = get_store(request)
    detail = provision_detail(store, id)
    return render(request, "provision.html", p=detail, versions=provision_versions(store, detail["id"]))


@router.get("/aktoer", summary="Aktører / actor index", response_class=Response, responses={200: _HTML})
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


@router.get("/aktoer/{key}.csv", summary="Aktørens forpligtelser som CSV / an actor's obligations as CSV",
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


@router.get("/aktoer/{key}", summary="Hvem skal hvad? én aktør / one actor's obligations",
            response_class=Response, responses={200: _HTML, 404: _HTML})
def actor_page(key: str, request: Request, modality: str = ""):
    store = get_store(request)
    info = _actor_info(store, key)
    obs = list_obligations(store, actor=key, modality=modality or None)
    return render(request, "actor.html", actor=info, key=key, groups=_grouped(obs), total=len(obs),
                  modality=modality)


@router.get("/dokumenter", summary="Indlæste dokumenter / ingested documents", response_class=Response,
            responses={200: _HTML})
def documents_page(request: Request, type: str = "", region: str = "", as_of: str = ""):
    try:
        docs = documents_in_time(get_store(request), as_of or None)
    except AftalegrafError:
        as_of, docs = "", documents_in_time(get_store(request))
    types = sorted({d["type"] for d in docs})
    regions = sorted({d["region"] for d in docs if d["region"]})
    shown = [d for d in docs if (not type or d["type"] == type) and (not region or d["region"] == region)]
    shown.sort(key=lambda d: (d["type"], d["region"], d["period"] or d["date"], d["title"]))
    by_type: OrderedDict[str, list] = OrderedDict()
    for d in shown:
        by_type.setdefault(d["type"], []).append(d)
    return render(request, "documents.html", by_type=by_type, types=types, regions=regions, total=len(docs),
                  type=type, region=region, as_of=as_of, timeline=_timeline_rows(docs))


def _timeline_rows(docs: list[dict]) -> dict:
    """Bars for the documents page's timeline: every text with a date it applies from (the
    timeline gives one to legislation, guidance and agreements only), positioned in % of the
    span from the first entry into force to a year past the last."""
    dated = [d for d in docs if d.get("valid_from")]
    if not dated:
        return {"rows": [], "years": []}
    first = int(min(d["valid_from"] for d in dated)[:4])
    last = max(int(max((d.get("valid_to") or d["valid_from"]) for d in dated)[:4]), int(today()[:4])) + 1

    def pos(iso: str) -> float:
        y, m, day = (int(x) for x in iso.split("-"))
        return round(100 * ((y - first) + (m - 1) / 12 + (day - 1) / 365) / (last - first + 1), 2)

    rows = []
    for d in sorted(dated, key=lambda d: (d["type"], d["valid_from"], d["id"])):
        a = pos(d["valid_from"])
        b = pos(d["valid_to"]) if d.get("valid_to") else 100.0
        rows.append({"doc": d, "left": a, "width": max(0.6, round(b - a, 2))})
    return {"rows": rows, "years": list(range(first, last + 1)), "today": pos(today())}


@router.get("/sammenlign", summary="Sammenlign regioner / compare regions", response_class=Response,
            responses={200: _HTML})
def compare_page(request: Request, regions: str = ""):
    result = run_compare(get_store(request), regions)
    heatmap = Markup(heatmap_svg(result))  # heatmap_svg escapes every label it writes
    return render(request, "compare.html", result=result, regions=regions, all_regions=REGIONS,
                  heatmap=heatmap)
