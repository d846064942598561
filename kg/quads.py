"""One document as quads: the document, its provisions and the extracted facts (obligations,
goals, references, actors) in the document's named graph, with provenance and spans."""

from __future__ import annotations

import logging
import re

import pyoxigraph as ox

from aftalegraf.embedding import cache as vector_cache
from aftalegraf.model import Document
from aftalegraf.vocabulary import section_label

from . import rdf
from .actors import resolve_parties
from .extract import extract_document
from .goals import link_by_similarity
from .rdf import AG, DCTERMS, ELI, PROV, RDF, RDFS, XSD
from .resolve import Resolver, target_path

log = logging.getLogger(__name__)


N = ox.NamedNode
_TYPE = N(RDF + "type")
_EXTRACTION_ACTIVITY = N(rdf.BASE + "aktivitet/ekstraktion")
_UNKNOWN_ACTOR = rdf.actor_iri("ukendt")


def _p(local: str, ns: str = AG) -> ox.NamedNode:
    return N(ns + local)


P = {name: _p(name) for name in (
    "partOf text region bearer modality action statedIn refersTo documentType period act sourceFile "
    "checksum issuer kind label section headingPath ordinal inDocument span startOffset endOffset "
    "deadline frequency deadlineKind date duration anchor qualifier count per passive bearerInherited "
    "bearerText trigger theme nationalGoal goalKind classification concept method evidence score "
    "resolved target targetDocument targetKey targetPath"
).split()}
C = {name: _p(name) for name in (
    "Document Provision Obligation Goal Reference TextSpan Deadline Frequency Classification"
).split()}
ELI_LR = N(ELI + "LegalResource")
ELI_LRS = N(ELI + "LegalResourceSubdivision")
ELI_PART = N(ELI + "is_part_of")
ELI_HAS_PART = N(ELI + "has_part")
ELI_ID = N(ELI + "id_local")
ELI_TITLE = N(ELI + "title")
ELI_CITES = N(ELI + "cites")
ELI_DATE = N(ELI + "date_document")
DCT_ID = N(DCTERMS + "identifier")
DCT_TITLE = N(DCTERMS + "title")
DCT_ISSUED = N(DCTERMS + "issued")
DCT_SOURCE = N(DCTERMS + "source")
PROV_DERIVED = N(PROV + "wasDerivedFrom")
PROV_GENERATED = N(PROV + "wasGeneratedBy")
SEE_ALSO = N(RDFS + "seeAlso")

_XSD_INT = N(XSD + "integer")
_XSD_BOOL = N(XSD + "boolean")
_XSD_DEC = N(XSD + "decimal")
_XSD_DATE = N(XSD + "date")


def literal(v) -> ox.Literal:
    if isinstance(v, bool):
        return ox.Literal("true" if v else "false", datatype=_XSD_BOOL)
    if isinstance(v, int):
        return ox.Literal(str(v), datatype=_XSD_INT)
    if isinstance(v, float):
        return ox.Literal(repr(round(v, 6)), datatype=_XSD_DEC)
    return ox.Literal(str(v))


class _Quads:
    """Collects the quads of one named graph."""

    def __init__(self, graph: str):
        self.g = N(graph)
        self.items: list[ox.Quad] = []

    def add(self, s, p, o) -> None:
        if o is None or o == "":
            return
        if isinstance(s, str):
            s = N(s)
        if not isinstance(o, (ox.NamedNode, ox.Literal, ox.BlankNode)):
            o = literal(o)
        self.items.append(ox.Quad(s, p, o, self.g))

    def iri(self, s, p, o: str) -> None:
        if o:
            self.add(s, p, N(o))



def goal_embed_fn(store):
    """The store's configured embedder (``settings["embedder"]``) as ``embed(texts)``, or None
    with a warning when it cannot be loaded. The cached embedder keeps vectors per process, so
    the theme / national-goal label embeddings are computed once."""
    try:
        return vector_cache.cached_embedder(store).embed
    except Exception as exc:  # never fail the stage over the similarity pass
        log.warning("graph: embedder not available (%s); goals keep explicit theme links only", exc)
        return None


def link_similar(goals: list, embed_fn) -> None:
    """Explicit mention first, similarity second: goals without an explicit theme (resp.
    national-goal) link get ``method="similarity"`` links (score, matched label as evidence)."""
    if embed_fn is None or not goals:
        return
    todo = [g for g in goals if not any(t.method == "explicit" for t in g.themes)
            or not any(t.method == "explicit" for t in g.national_goals)]
    if not todo:
        return
    before = {id(g): (bool(any(t.method == "explicit" for t in g.themes)),
                      bool(any(t.method == "explicit" for t in g.national_goals))) for g in todo}
    try:
        link_by_similarity(todo, embed_fn)
    except Exception as exc:
        log.warning("graph: goal similarity linking failed (%s); explicit links only", exc)
        return
    for g in todo:  # a side that had explicit links keeps only those
        has_th, has_ng = before[id(g)]
        if has_th:
            g.themes = [t for t in g.themes if t.method != "similarity"]
        if has_ng:
            g.national_goals = [t for t in g.national_goals if t.method != "similarity"]


def linked_extraction(doc: Document, embed_fn):
    """The document's extraction with similarity links added (None without extraction)."""
    ex = extract_document(doc)
    if ex is not None:
        link_similar(getattr(ex, "goals", []), embed_fn)
    return ex


def document_quads(doc: Document, resolver: Resolver | None = None, extraction=None,
                   embed_fn=None) -> list[ox.Quad]:
    """All quads of one document's named graph."""
    d_iri = rdf.document_iri(doc.id)
    q = _Quads(d_iri)
    D = N(d_iri)
    q.add(D, _TYPE, C["Document"])
    if doc.type in rdf.LEGAL_TYPES:
        q.add(D, _TYPE, ELI_LR)
    q.add(D, DCT_ID, doc.id)
    title = doc.title or doc.id
    q.add(D, DCT_TITLE, title)
    if doc.type in rdf.LEGAL_TYPES:
        q.add(D, ELI_ID, doc.identifier or doc.id)
        q.add(D, ELI_TITLE, title)
    q.add(D, RDFS_LABEL, title)
    q.add(D, P["documentType"], doc.type or "andet")
    if doc.region:
        q.iri(D, P["region"], rdf.region_iri(doc.region))
    q.add(D, P["period"], doc.period)
    q.add(D, P["issuer"], doc.issuer)
    if doc.date:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date):
            q.add(D, DCT_ISSUED, ox.Literal(doc.date, datatype=_XSD_DATE))
            if doc.type in rdf.LEGAL_TYPES:
                q.add(D, ELI_DATE, ox.Literal(doc.date, datatype=_XSD_DATE))
        else:
            q.add(D, DCT_ISSUED, doc.date)
    if doc.eli:
        q.iri(D, SEE_ALSO, doc.eli)
    q.add(D, P["act"], str(doc.meta.get("act") or ""))
    q.add(D, P["sourceFile"], doc.source_path)
    q.add(D, P["checksum"], doc.source_sha256 or str(doc.meta.get("sha256") or ""))

    by_id = {p.id: p for p in doc.provisions}
    for p in doc.provisions:
        P_iri = N(rdf.provision_iri(p.id))
        parent = N(rdf.provision_iri(p.parent_id)) if p.parent_id and p.parent_id in by_id else D
        q.add(P_iri, _TYPE, C["Provision"])
        q.add(P_iri, DCT_ID, p.id)
        q.add(P_iri, P["partOf"], parent)
        if doc.type in rdf.LEGAL_TYPES:   # only legislation and guidance are ELI legal resources
            q.add(P_iri, _TYPE, ELI_LRS)
            q.add(P_iri, ELI_ID, p.id)
            q.add(P_iri, ELI_PART, parent)
            q.add(parent, ELI_HAS_PART, P_iri)
        q.add(P_iri, P["inDocument"], D)
        q.add(P_iri, P["text"], ox.Literal(p.text))
        q.add(P_iri, P["kind"], p.kind or "paragraph")
        q.add(P_iri, P["label"], p.label)
        q.add(P_iri, DCT_TITLE, p.title)
        q.add(P_iri, P["section"], section_label(p, by_id))
        if p.path:
            q.add(P_iri, P["headingPath"], " › ".join(p.path))
        q.add(P_iri, P["ordinal"], int(p.ordinal))
        q.add(P_iri, P["startOffset"], int(p.start))
        q.add(P_iri, P["endOffset"], int(p.end))

    ex = extraction if extraction is not None else extract_document(doc)
    if ex is None:
        return q.items
    link_similar(getattr(ex, "goals", []), embed_fn)
    for ob in getattr(ex, "obligations", []):
        if ob.provision_id not in by_id:
            continue
        o = rdf.obligation_iri(ob.provision_id, ob.id_index)
        _fact(q, o, C["Obligation"], ob.provision_id, D, ob.start, ob.end)
        for key in resolve_parties(ob.bearers) or ["ukendt"]:
            q.iri(o, P["bearer"], rdf.actor_iri(key))
        q.iri(o, P["modality"], rdf.MODALITY_IRI.get(ob.modality, rdf.MODALITY_IRI["obligation"]))
        q.add(o, P["action"], ob.action)
        q.add(o, P["text"], ox.Literal(ob.text or ""))
        q.add(o, P["ordinal"], int(ob.id_index))
        q.add(o, P["trigger"], ob.cue)
        q.add(o, P["bearerText"], ob.bearer_label)
        q.add(o, P["passive"], bool(ob.passive))
        q.add(o, P["bearerInherited"], bool(ob.carried))
        if ob.deadline:
            _structured(q, o, "deadline", C["Deadline"], ob.deadline)
        if ob.frequency:
            _structured(q, o, "frequency", C["Frequency"], ob.frequency)
    for g in getattr(ex, "goals", []):
        if g.provision_id not in by_id:
            continue
        gi = rdf.goal_iri(g.provision_id, g.index)
        _fact(q, gi, C["Goal"], g.provision_id, D, g.start, g.end)
        q.add(gi, P["text"], ox.Literal(g.text or ""))
        q.add(gi, P["goalKind"], g.kind)
        q.add(gi, P["label"], g.label)
        q.add(gi, P["ordinal"], int(g.index))
        links = [(P["theme"], rdf.theme_iri(t.key), t) for t in g.themes]
        links += [(P["nationalGoal"], rdf.national_goal_iri(t.key), t) for t in g.national_goals]
        for i, (prop, concept, t) in enumerate(links, 1):
            q.iri(gi, prop, concept)
            ci = f"{gi}/klassifikation/{i}"
            q.iri(gi, P["classification"], ci)
            q.add(ci, _TYPE, C["Classification"])
            q.iri(ci, P["concept"], concept)
            q.add(ci, P["method"], t.method)
            q.add(ci, P["evidence"], t.evidence)
            q.add(ci, P["score"], float(t.score))
    for r in getattr(ex, "references", []):
        if r.provision_id not in by_id:
            continue
        ri = rdf.reference_iri(r.provision_id, r.index)
        _fact(q, ri, C["Reference"], r.provision_id, D, r.start, r.end)
        q.add(ri, P["label"], ox.Literal(r.label or ""))
        q.add(ri, P["ordinal"], int(r.index))
        q.add(ri, P["targetKey"], r.target_document or "")
        path = target_path(r.target)
        q.add(ri, P["targetPath"], path)
        target, tdoc = resolver.resolve(doc.id, r.target_document, path) if resolver else (None, None)
        q.add(ri, P["resolved"], is_resolved(target, tdoc, path))
        if tdoc:
            q.iri(ri, P["targetDocument"], rdf.document_iri(tdoc))
        if target:
            q.iri(ri, P["target"], rdf.provision_iri(target))
            src = rdf.provision_iri(r.provision_id)
            q.iri(src, P["refersTo"], rdf.provision_iri(target))
            q.iri(src, ELI_CITES, rdf.provision_iri(target))
    return q.items


RDFS_LABEL = N(RDFS + "label")


def is_resolved(target: str | None, tdoc: str | None, path: str) -> bool:
    """A reference is resolved when its provision is found, or, for a citation of a whole
    document ("bekendtgørelse nr. 1248 af 5. september 2022"), when the document is."""
    return target is not None or (not path and tdoc is not None)


def _fact(q: _Quads, iri: str, cls, pid: str, D, start: int, end: int) -> None:
    prov_iri = N(rdf.provision_iri(pid))
    q.add(iri, _TYPE, cls)
    q.add(iri, P["statedIn"], prov_iri)
    q.add(iri, PROV_DERIVED, prov_iri)
    q.add(iri, PROV_GENERATED, _EXTRACTION_ACTIVITY)
    q.add(iri, P["inDocument"], D)
    span = f"{iri}/span"
    q.iri(iri, P["span"], span)
    q.add(span, _TYPE, C["TextSpan"])
    q.add(span, P["startOffset"], int(start))
    q.add(span, P["endOffset"], int(end))
    q.add(span, P["inDocument"], D)


_STRUCT_KEYS = {
    "text": "text", "kind": "deadlineKind", "type": "deadlineKind", "date": "date",
    "duration": "duration", "anchor": "anchor", "qualifier": "qualifier", "count": "count",
    "per": "per", "period": "per", "unit": "per",
}


def _structured(q: _Quads, owner: str, prop: str, cls, value: dict) -> None:
    node = f"{owner}/{'frist' if prop == 'deadline' else 'hyppighed'}"
    q.iri(owner, P[prop], node)
    q.add(node, _TYPE, cls)
    for k, v in value.items():
        if v is None or v == "" or k not in _STRUCT_KEYS:
            continue
        name = _STRUCT_KEYS[k]
        if name == "count":
            try:
                v = int(v)
            except (TypeError, ValueError):
                continue
        elif not isinstance(v, (str, int, float, bool)):
            v = str(v)
        elif not isinstance(v, bool) and isinstance(v, (int, float)):
            v = str(v)
        q.add(node, P[name], v)
    if "text" not in value and value:
        q.add(node, P["text"], ", ".join(f"{k}={v}" for k, v in value.items() if v not in (None, "")))


