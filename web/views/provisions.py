"""GET /api/provisions/{id} — a provision with its context, obligations and references."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from aftalegraf.errors import BadQuery
from aftalegraf.kg import api
from aftalegraf.kg.references import split_references, target_document
from aftalegraf.kg.sparql.graphstore import has_graph
from aftalegraf.kg.timeline import parse_date, provision_versions, timeline_for
from aftalegraf.legal_time import eli_of_document_id, readable_citation
from aftalegraf.vocabulary import heading_label, section_label_in

from ..templating import render
from ._common import document_ref, get_store

router = APIRouter(tags=["dokumenter"])

GRAPH_MISSING = "Vidensgrafen er ikke bygget endnu: forpligtelser og henvisninger vises ikke."


def provision_detail(store, provision_id: str) -> dict:
    """The contract's provision shape (+ neighbours, goals, children, notices)."""
    provision_id = _check_id(provision_id)
    p = store.provision(provision_id)  # NotFound -> 404
    doc = store.document(p.document_id, with_provisions=False)
    section = section_label_in(store, p)
    out = {
        "id": p.id,
        "text": p.text,
        "section": section,
        "heading": heading_label(p) or section,
        "citation": citation(p, doc, section),
        "path": p.path,
        "kind": p.kind,
        "label": p.label,
        "title": p.title,
        "parent_id": p.parent_id,
        "document": document_ref(doc) | {"issuer": doc.issuer, "period": doc.period, "date": doc.date,
                                          "identifier": doc.identifier, "eli": doc.eli}
                    | timeline_for(store).document_time(doc.id),
        "obligations": [],
        "goals": [],
        "references": [],
        "referenced_by": [],
        "neighbours": [
            {"id": n.id, "text": n.text, "kind": n.kind, "label": n.label, "title": n.title,
             "section": section_label_in(store, n), "heading": heading_label(n) or section_label_in(store, n),
             "current": n.id == p.id}
            for n in store.neighbours(p.id, before=2, after=2)
        ],
        "children": [{"id": c.id, "label": c.label, "kind": c.kind} for c in store.children(p.id)],
        "notices": [],
    }
    if not has_graph(store):
        out["notices"].append(GRAPH_MISSING)
        return out
    out["obligations"] = list(api.obligations(store, provision_ids=[p.id]))
    refs = api.references(store, p.id)
    out["references"] = list(refs.get("out", []))
    out["referenced_by"] = list(refs.get("in", []))
    out["basis"], out["cross_references"] = split_references(out["references"], p.document_id, doc.type)
    for r in out["basis"]:
        r["eli"] = None
        if target_document(r):
            try:
                r["eli"] = store.document(target_document(r), with_provisions=False).eli or None
            except Exception:  # noqa: BLE001 - a cited document that is not stored has no link
                pass
        elif r.get("target_key"):
            # not in the store, but a numbered act or order still has its page on retsinformation
            r["eli"] = eli_of_document_id(r["target_key"]) or None
    for r in out["referenced_by"]:
        try:
            citing = store.provision(r["provision_id"])
            r["citation"] = citation(citing, store.document(citing.document_id, with_provisions=False),
                                     section_label_in(store, citing))
        except Exception:  # noqa: BLE001 - a label is a nicety; the id stays
            r["citation"] = r.get("provision_id")
    goals = api.goals(store, document_id=p.document_id)
    out["goals"] = [g for g in goals if g.get("provision_id") == p.id]
    return out


def citation(p, doc, section: str) -> str:
    """How a planner cites it: 'BEK 1248/2022 § 21, stk. 2' or 'Vejledning om … , 5.1. …, 2. afsnit'."""
    binding = p.kind in ("paragraf", "stk", "nr") and bool(doc.identifier)
    return readable_citation(doc.id, doc.title, section if binding else (heading_label(p) or section), binding)


def _check_id(provision_id: str) -> str:
    provision_id = provision_id.strip("/")
    if not provision_id or len(provision_id) > 500:
        raise BadQuery("Ugyldigt id for en bestemmelse.", field="id")
    return provision_id


def versions(store, provision_id: str, as_of: str | None = None) -> dict:
    """The contract's versions shape, oldest first."""
    provision_id = _check_id(provision_id)
    store.provision(provision_id)  # NotFound -> 404
    return {"id": provision_id, "versions": provision_versions(store, provision_id, parse_date(as_of))}


@router.get(
    "/api/provisions/{id:path}/versions",
    summary="Bestemmelsens versioner / a provision through time",
    description=(
        "Den samme bestemmelse i hver version af dens lov eller dokument i lageret, ældste først, med "
        "gyldighed og ændringer ord for ord (`diff`: `=` uændret, `-` udgået, `+` tilføjet) i forhold til "
        "forrige version; `changed` er false hvor teksten er den samme. *The same provision in every "
        "version of its act or document in the store, oldest first.*"
    ),
    responses={200: {"content": {"application/json": {"example": {"id": "lbk-2023-1011/p204", "versions": [
        {"id": "lbk-2008-95-uddrag/p204", "document": "lbk-2008-95-uddrag", "valid_from": "2008-02-07",
         "valid_to": "2010-07-12", "status": "superseded", "text": "§ 204. Regionsrådet nedsætter ...",
         "changed": True, "diff": []}]}}}}},
)
def provision_versions_route(id: str, request: Request, as_of: str | None = None) -> dict:
    return versions(get_store(request), id, as_of)


@router.get(
    "/api/provisions/{id:path}",
    summary="En bestemmelse / one provision",
    description=(
        "Bestemmelsen med tekst, afsnit, overskriftssti, dokument, forpligtelser, henvisninger ud "
        "(`references`, fx hjemmel) og ind (`referenced_by`, »Citeret af«) samt nabobestemmelser. "
        "*Unknown id: 404.*"
    ),
    responses={200: {"content": {"application/json": {"example": {
        "id": "bek-2022-1248/p21/stk2", "text": "Stk. 2. Regionsrådet indsender ...", "section": "§ 21, stk. 2",
        "path": ["Kapitel 5 Sundhedsaftaler", "§ 21"],
        "document": {"id": "bek-2022-1248", "title": "Bekendtgørelse om sundhedsaftaler",
                     "type": "bekendtgørelse", "region": ""},
        "obligations": [], "references": [{"label": "sundhedslovens § 205", "target": None,
                                           "target_document": "lbk-2023-1011", "resolved": False}],
        "referenced_by": [], "neighbours": []}}}},
               404: {"content": {"application/json": {"example": {
                   "detail": "Der findes ingen bestemmelse med id »x«.", "error": "not_found", "field": None}}}}},
)
def provision(id: str, request: Request) -> dict:
    return provision_detail(get_store(request), id)

_HTML = {"content": {"text/html": {}}}


@router.get("/bestemmelse/{id:path}", tags=["sider"], summary="En bestemmelse i sin sammenhæng / a provision in context",
            response_class=Response, responses={200: _HTML, 404: _HTML})
def provision_page(id: str, request: Request):
    store = get_store(request)
    detail = provision_detail(store, id)
    return render(request, "provision.html", p=detail, versions=provision_versions(store, detail["id"]))
