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
import time
import uuid

import pyoxigraph as ox

from aftalegraf.progress import progress
from aftalegraf.store import Store

from . import api, rdf
from .quads import ELI_CITES, N, P, document_quads, goal_embed_fn, is_resolved, linked_extraction, literal
from .resolve import Resolver
from .sparql import RemoteSparql
from .sparql.graphstore import META_GRAPH, meta_triples
from .timeline import timeline_for
from .timeline_graph import TIMELINE_GRAPH, timeline_quads

log = logging.getLogger(__name__)


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
            quads.extend(document_quads(doc, resolver, extraction=linked_extraction(doc, embed_fn)))
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
            quads.extend(document_quads(doc, resolver, extraction=linked_extraction(doc, embed_fn)))
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
            adds.append(ox.Quad(r, P["resolved"], literal(is_resolved(target, tdoc, path)), g))
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
        ``sparql_graph_store_endpoint`` or ``sparql_update_endpoint`` is configured (see ontology/README.md).

        The server may hold other applications' graphs: the stage drops only graphs it wrote
        itself (its registry in the store, per endpoint) and only under the project's IRI base —
        never ``DROP ALL``. A rebuild drops the registered graphs it no longer writes."""
        settings = getattr(self.store, "settings", {}) or {}
        # where the graphs are written: the Graph Store Protocol endpoint, else the update endpoint
        update_ep = settings.get("sparql_graph_store_endpoint") or settings.get("sparql_update_endpoint") or ""
        if not update_ep:
            return
        remote = RemoteSparql.from_settings(settings)
        written = ([rdf.REFERENCE_GRAPH] if reference else []) + list(graphs)
        registry = self._remote_registry(update_ep)
        stale = (registry - set(written) - {META_GRAPH}) if clear else (registry & set(dropped))
        for g in sorted(stale):
            if g.startswith(rdf.BASE):      # ours by name as well as by record
                remote.drop_graph(g)
            registry.discard(g)
        for g in written:
            buf = io.BytesIO()
            ox.serialize((ox.Triple(q.subject, q.predicate, q.object)
                          for q in self.ox.quads_for_pattern(None, None, None, N(g))), buf, ox.RdfFormat.N_TRIPLES)
            if g not in registry:   # recorded before it is written: a graph we may have written is ours to drop
                registry.add(g)
                self.store.set_meta(self._registry_key(update_ep), json.dumps(sorted(registry)))
            remote.replace_graph(g, buf.getvalue().decode("utf-8"))
        # last, the graph list and version serving nodes read by (kg.graphstore): they switch to
        # the new graph when this lands, and never read a graph that is not in it
        registry.add(META_GRAPH)
        self.store.set_meta(self._registry_key(update_ep), json.dumps(sorted(registry)))
        remote.replace_graph(META_GRAPH, meta_triples(self.store.get_meta("graph:version", "") or "",
                                                      registry - {META_GRAPH}))
        log.info("graph: pushed %d named graphs to %s, dropped %d of its own", len(written), update_ep, len(stale))

    @staticmethod
    def _registry_key(endpoint: str) -> str:
        return f"remote-graphs:{endpoint}"

    def _remote_registry(self, endpoint: str) -> set[str]:
        """The named graphs this store has written to ``endpoint`` (and so may drop there)."""
        try:
            return set(json.loads(self.store.get_meta(self._registry_key(endpoint)) or "[]"))
        except ValueError:
            return set()
