"""The graph stage: documents, provisions and extracted facts as RDF in an embedded
Oxigraph store (``store.graph_path``), one named graph per document.

* ``update(added, removed)`` derives the quads of the added documents first (extraction is
  the part that can fail), then drops their named graphs and writes the new ones; a failure
  before the write leaves the previous graph untouched.
* ``rebuild()`` derives everything, then replaces the whole graph (bulk load).
* After either, every reference of every document is re-resolved against the documents
  now in the store, so ingesting a cited document later resolves earlier references, and
  removing it makes them unresolved again.
"""

from __future__ import annotations

import io
import json
import logging
import re
import time
import uuid
from dataclasses import dataclass, field

import pyoxigraph as ox

from aftalegraf.embedding import cache as vector_cache
from aftalegraf.model import Document
from aftalegraf.progress import progress
from aftalegraf.store import Store
from aftalegraf.vocabulary import section_label

from . import api, rdf
from .extract import extract_document
from .goals import link_by_similarity
from .rdf import AG, DCTERMS, ELI, PROV, RDF, RDFS, XSD
from .sparql import RemoteSparql
from .timeline import timeline_for
from .timeline_graph import TIMELINE_GRAPH, timeline_quads

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


def _lit(v) -> ox.Literal:
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
            o = _lit(o)
        self.items.append(ox.Quad(s, p, o, self.g))

    def iri(self, s, p, o: str) -> None:
        if o:
            self.add(s, p, N(o))


# --- reference targets ----------------------------------------------------------------

def _slug_num(v) -> str:
    return re.sub(r"\s+", "", str(v)).lower().rstrip(".")


def target_path(target: dict) -> str:
    """The structural target of a reference as a provision-id path: {"paragraf": "21",
    "stk": "2"} -> "p21/stk2"; {"kapitel": "6"} -> "kap6"; {"afsnit": "2.2.1"} -> "s2.2.1"."""
    t = target or {}
    parts: list[str] = []
    if t.get("paragraf"):
        parts.append("p" + _slug_num(t["paragraf"]))
        if t.get("stk"):
            parts.append("stk" + _slug_num(t["stk"]))
        if t.get("nr"):
            parts.append("nr" + _slug_num(t["nr"]))
    elif t.get("kapitel"):
        parts.append("kap" + _slug_num(t["kapitel"]))
    elif t.get("afsnit"):
        parts.append("s" + _slug_num(t["afsnit"]))
    return "/".join(parts)


@dataclass
class _DocInfo:
    id: str
    type: str
    date: str
    act: str
    size: int = 0


@dataclass
class Resolver:
    """Resolves (citing document, target key, target path) to a provision id, against the
    documents in the SQLite store."""

    docs: dict[str, _DocInfo] = field(default_factory=dict)
    provisions: set[str] = field(default_factory=set)
    section_labels: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: Store) -> "Resolver":
        r = cls()
        for row in store.db.execute(
                "SELECT d.id, d.type, d.date, d.period, d.meta, "
                "(SELECT count(*) FROM provisions p WHERE p.document_id = d.id) AS n FROM documents d"):
            try:
                meta = json.loads(row["meta"] or "{}")
            except ValueError:
                meta = {}
            date = row["date"] or ""
            if not date:
                # undated (a hearing draft, a web page): the end of the year its id or
                # period names is the best guess of when it was written
                years = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", f"{row['id']} {row['period'] or ''}")
                date = f"{years[0]}-12-31" if years else ""
            r.docs[row["id"]] = _DocInfo(row["id"], row["type"] or "", date,
                                         str(meta.get("act") or "").lower(), int(row["n"]))
        for row in store.db.execute("SELECT id, document_id, kind, label FROM provisions"):
            r.provisions.add(row["id"])
            if row["kind"] in ("section", "heading") and row["label"]:
                key = (row["document_id"], row["label"].strip().rstrip("."))
                r.section_labels.setdefault(key, row["id"])
        return r

    def candidates(self, citing: str, key: str | None) -> list[str]:
        """The documents a citation may mean, best first. An act name ("sundhedsloven")
        means its consolidated text (lovbekendtgørelse) in force at the citing document's
        date, else the latest; then other versions, newest first."""
        if not key:
            return [citing] if citing in self.docs else []
        if key in self.docs:
            return [key]
        name = key.lower()
        cands = [d for d in self.docs.values() if d.act == name and d.id != citing]
        if not cands:
            return []
        date = self.docs[citing].date if citing in self.docs else ""

        def rank(d: _DocInfo):
            in_force = bool(date and d.date and d.date <= date)
            return (d.type == "lovbekendtgørelse", in_force or not date, d.date, d.size, d.id)

        return [d.id for d in sorted(cands, key=rank, reverse=True)]

    def document_for(self, citing: str, key: str | None) -> str | None:
        c = self.candidates(citing, key)
        return c[0] if c else None

    def _find(self, doc: str, path: str) -> tuple[str | None, bool]:
        """(provision id, exact?) of ``path`` in ``doc``."""
        if path.startswith("s"):
            pid = self.section_labels.get((doc, path[1:]))
            if pid:
                return pid, True
            pid = f"{doc}/{path}"
            return (pid, True) if pid in self.provisions else (None, False)
        parts = path.split("/")
        exact = True
        # the exact provision, else the nearest enclosing one that exists (§ 21 when the
        # version in the store has no such stk.)
        while parts:
            pid = f"{doc}/{'/'.join(parts)}"
            if pid in self.provisions:
                return pid, exact
            parts.pop()
            exact = False
        return None, False

    def resolve(self, citing: str, key: str | None, path: str) -> tuple[str | None, str | None]:
        """(target provision id, target document id); either may be None."""
        cands = self.candidates(citing, key)
        if not cands:
            return None, None
        if not path:
            return None, cands[0]
        fallback: tuple[str | None, str | None] = (None, cands[0])
        for doc in cands:
            pid, exact = self._find(doc, path)
            if pid and exact:
                return pid, doc
            if pid and fallback[0] is None:
                fallback = (pid, doc)
        return fallback


# --- one document -> quads --------------------------------------------------------------

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


def _linked(doc: Document, embed_fn):
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
        for key in ob.bearers or ["ukendt"]:
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
        q.add(ri, P["resolved"], _is_resolved(target, tdoc, path))
        if tdoc:
            q.iri(ri, P["targetDocument"], rdf.document_iri(tdoc))
        if target:
            q.iri(ri, P["target"], rdf.provision_iri(target))
            src = rdf.provision_iri(r.provision_id)
            q.iri(src, P["refersTo"], rdf.provision_iri(target))
            q.iri(src, ELI_CITES, rdf.provision_iri(target))
    return q.items


RDFS_LABEL = N(RDFS + "label")


def _is_resolved(target: str | None, tdoc: str | None, path: str) -> bool:
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


# --- the stage -----------------------------------------------------------------------------

class GraphStage:
    name = "graph"

    def __init__(self, store: Store):
        self.store = store
        self.ox = rdf.open_graph(store.graph_path)

    # the stage protocol ------------------------------------------------------------------
    def update(self, added: list[str], removed: list[str]) -> None:
        t0 = time.perf_counter()
        resolver = Resolver.from_store(self.store)
        quads: list[ox.Quad] = []
        present = []
        embed_fn = goal_embed_fn(self.store) if added else None
        for doc_id in added:
            if doc_id not in resolver.docs:
                continue
            doc = self.store.document(doc_id)
            quads.extend(document_quads(doc, resolver, extraction=_linked(doc, embed_fn)))
            present.append(doc_id)
        # derivation done: now write
        for doc_id in [*added, *removed]:
            self.ox.remove_graph(N(rdf.document_iri(doc_id))) if self.ox.contains_named_graph(
                N(rdf.document_iri(doc_id))) else None
        self._ensure_reference()
        self.ox.extend(quads)
        touched = self.reresolve(resolver, skip=set(present))
        self._write_timeline()
        self.ox.flush()
        self._stamp()
        self._push_remote(sorted({rdf.document_iri(d) for d in present} | touched | {TIMELINE_GRAPH}),
                          [rdf.document_iri(d) for d in removed if d not in present], reference=True)
        log.info("graph: %d documents updated, %d removed, %d quads in %.2fs",
                 len(present), len(removed), len(quads), time.perf_counter() - t0)

    def rebuild(self) -> None:
        t0 = time.perf_counter()
        resolver = Resolver.from_store(self.store)
        quads: list[ox.Quad] = rdf.reference_quads()
        ids = self.store.document_ids()
        embed_fn = goal_embed_fn(self.store) if ids else None
        for doc_id in progress(ids, desc="graph", unit="doc"):
            doc = self.store.document(doc_id)
            quads.extend(document_quads(doc, resolver, extraction=_linked(doc, embed_fn)))
        quads.extend(timeline_quads(timeline_for(self.store)))
        self.ox.clear()
        self.ox.bulk_extend(quads)
        api.clear_cache()
        self.ox.flush()
        self._stamp()
        self._push_remote([rdf.document_iri(d) for d in ids] + [TIMELINE_GRAPH], [], reference=True, clear=True)
        log.info("graph: rebuilt %d documents, %d quads in %.2fs", len(ids), len(quads), time.perf_counter() - t0)

    def close(self) -> None:
        try:
            self.ox.flush()
        except Exception:  # pragma: no cover - closing must not fail the ingest
            pass

    # helpers -----------------------------------------------------------------------------
    def _stamp(self) -> None:
        """Mark the graph as changed, so readers' caches (kg.api) are rebuilt."""
        self.store.set_meta("graph:version", uuid.uuid4().hex)

    def _ensure_reference(self) -> None:
        api.clear_cache()
        g = N(rdf.REFERENCE_GRAPH)
        self.ox.remove_graph(g) if self.ox.contains_named_graph(g) else None
        self.ox.extend(rdf.reference_quads())

    def _write_timeline(self) -> None:
        """Rewrite the legal-time graph: a repeal in one document changes the dates of another."""
        g = N(TIMELINE_GRAPH)
        if self.ox.contains_named_graph(g):
            self.ox.remove_graph(g)
        self.ox.extend(timeline_quads(timeline_for(self.store)))

    def reresolve(self, resolver: Resolver | None = None, skip: set[str] | None = None) -> set[str]:
        """Re-resolve the references of all documents (except ``skip``, just derived)
        against the documents now in the store; returns the named graphs it changed."""
        resolver = resolver or Resolver.from_store(self.store)
        skip = skip or set()
        rows = self.ox.query(
            """SELECT ?g ?r ?src ?key ?path ?target ?tdoc WHERE { GRAPH ?g {
                 ?r a ag:Reference ; ag:statedIn ?src .
                 OPTIONAL { ?r ag:targetKey ?key } OPTIONAL { ?r ag:targetPath ?path }
                 OPTIONAL { ?r ag:target ?target } OPTIONAL { ?r ag:targetDocument ?tdoc } } }""",
            prefixes=rdf.PREFIXES,
        )
        changed_sources: dict[tuple[str, str], None] = {}
        removes: list[ox.Quad] = []
        adds: list[ox.Quad] = []
        for row in rows:
            g = row["g"]
            citing = rdf.iri_tail(g.value, "dokument")
            if citing in skip:
                continue
            key = row["key"].value if row["key"] else None
            path = row["path"].value if row["path"] else ""
            target, tdoc = resolver.resolve(citing, key, path)
            old_t = row["target"].value if row["target"] else None
            old_d = row["tdoc"].value if row["tdoc"] else None
            new_t = rdf.provision_iri(target) if target else None
            new_d = rdf.document_iri(tdoc) if tdoc else None
            if old_t == new_t and old_d == new_d:
                continue
            r = row["r"]
            for p in (P["target"], P["targetDocument"], P["resolved"]):
                removes.extend(self.ox.quads_for_pattern(r, p, None, g))
            adds.append(ox.Quad(r, P["resolved"], _lit(_is_resolved(target, tdoc, path)), g))
            if new_t:
                adds.append(ox.Quad(r, P["target"], N(new_t), g))
            if new_d:
                adds.append(ox.Quad(r, P["targetDocument"], N(new_d), g))
            changed_sources[(g.value, row["src"].value)] = None
        for q in removes:
            self.ox.remove(q)
        self.ox.extend(adds)
        # recompute ag:refersTo / eli:cites of the provisions whose references changed
        for g_iri, src in changed_sources:
            g, s = N(g_iri), N(src)
            for p in (P["refersTo"], ELI_CITES):
                for q in list(self.ox.quads_for_pattern(s, p, None, g)):
                    self.ox.remove(q)
            targets = self.ox.query(
                f"SELECT DISTINCT ?t WHERE {{ GRAPH <{g_iri}> {{ ?r ag:statedIn <{src}> ; a ag:Reference ; ag:target ?t }} }}",
                prefixes=rdf.PREFIXES,
            )
            for row in targets:
                self.ox.add(ox.Quad(s, P["refersTo"], row["t"], g))
                self.ox.add(ox.Quad(s, ELI_CITES, row["t"], g))
        return {g for g, _ in changed_sources}

    def _push_remote(self, graphs: list[str], dropped: list[str], reference: bool = False,
                     clear: bool = False) -> None:
        """Mirror the changed named graphs to a remote SPARQL 1.1 store when
        ``sparql_update_endpoint`` is configured (see ontology/README.md)."""
        settings = getattr(self.store, "settings", {}) or {}
        update_ep = settings.get("sparql_update_endpoint") or ""
        if not update_ep:
            return
        remote = RemoteSparql(settings.get("sparql_endpoint") or update_ep, update_ep)
        if clear:
            remote.update("DROP SILENT ALL")
        for g in dropped:
            remote.update(f"DROP SILENT GRAPH <{g}>")
        for g in ([rdf.REFERENCE_GRAPH] if reference else []) + list(graphs):
            buf = io.BytesIO()
            ox.serialize((ox.Triple(q.subject, q.predicate, q.object)
                          for q in self.ox.quads_for_pattern(None, None, None, N(g))), buf, ox.RdfFormat.N_TRIPLES)
            remote.replace_graph(g, buf.getvalue().decode("utf-8"))
        log.info("graph: pushed %d named graphs to %s", len(graphs) + int(reference), update_ep)
