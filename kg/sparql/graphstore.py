"""Where the graph is read from: the store's embedded Oxigraph directory, or a SPARQL 1.1
server shared by several nodes (setting ``sparql_endpoint``).

Everything that reads the graph (``kg.api``: obligations, actors, goals, references, counts;
hence search chips, actor pages, compare and health) goes through :func:`reader_for`, so a
serving node whose store has no local graph answers from the server, the same as the node
that ingested.

On a server the project reads only its own named graphs: the graph stage writes a small
metadata graph (:data:`META_GRAPH`) beside the documents' graphs, naming each graph it wrote
(``ag:includesGraph``) and the graph's version (``ag:graphVersion``). Readers send those graphs
as the request's dataset (``default-graph-uri`` and ``named-graph-uri``), so the default graph
is their union on every engine — as it is embedded — and another application's graphs on the
same server (or Virtuoso's system graphs) never enter an answer. The version is looked up at
most every :data:`VERSION_TTL` seconds; caches keyed by it follow the ingesting node.
"""

from __future__ import annotations

import threading
import time
from typing import Iterable, Iterator

import pyoxigraph as ox

from aftalegraf.errors import ConfigError

from .. import rdf
from .remote import RemoteSparql
from .results import term_from_json

META_GRAPH = rdf.BASE + "graf/meta"
VERSION_TTL = 2.0          # seconds a serving node trusts the server's graph version
_BATCH = 200               # subjects per VALUES block when reading properties remotely


class EmbeddedGraph:
    """The store's own Oxigraph directory (the default), default graph = union of named graphs."""

    kind = "embedded"

    def __init__(self, store):
        self.store = store
        self.key = f"embedded:{store.graph_path}"

    def version(self) -> str:
        return self.store.get_meta("graph:version", "") or ""

    def _ox(self) -> ox.Store:
        return rdf.graph_for(self.store)

    def select(self, query: str) -> list[dict]:
        """Rows as {variable: pyoxigraph term or None}."""
        sols = self._ox().query(query, prefixes=rdf.PREFIXES, use_default_graph_as_union=True)
        names = [v.value for v in sols.variables]
        return [{v: row[v] for v in names} for row in sols]

    def subjects(self, p: ox.NamedNode, objects: Iterable) -> set:
        """Subjects of ``?s p o`` for any of the objects."""
        st = self._ox()
        return {q.subject for o in objects for q in st.quads_for_pattern(None, p, o, None)}

    def props(self, subjects: Iterable) -> dict[str, dict[str, list]]:
        st = self._ox()
        out: dict[str, dict[str, list]] = {}
        for s in subjects:
            d = out.setdefault(s.value, {})
            for q in st.quads_for_pattern(s, None, None, None):
                d.setdefault(q.predicate.value, []).append(q.object)
        return out

    def count(self) -> int:
        if not self.store.graph_path.exists():
            return 0
        return len(self._ox())

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, named graph by named graph (export, SHACL)."""
        if self.store.graph_path.exists():
            yield from self._ox()


class RemoteGraph:
    """The project's named graphs on a SPARQL 1.1 server (Oxigraph server, Virtuoso, …)."""

    kind = "remote"

    def __init__(self, settings: dict):
        self.client = RemoteSparql.from_settings(settings)
        self.timeout = float(settings.get("sparql_timeout", 10.0) or 10.0)
        self.key = f"remote:{self.client.endpoint}"
        self._lock = threading.Lock()
        self._checked = 0.0
        self._version = ""
        self._graphs: list[str] = []

    def _dataset(self) -> tuple[str, list[str]]:
        """The graph version and the project's graphs, refreshed at most every VERSION_TTL s."""
        with self._lock:
            if time.monotonic() - self._checked < VERSION_TTL:
                return self._version, self._graphs
        res = self.client.query(
            f"SELECT ?v ?g WHERE {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> <{rdf.AG}graphVersion> ?v . "
            f"OPTIONAL {{ <{META_GRAPH}> <{rdf.AG}includesGraph> ?g }} }} }}", self.timeout)
        version = next((b["v"]["value"] for b in res.bindings if "v" in b), "")
        graphs = sorted({b["g"]["value"] for b in res.bindings if "g" in b})
        with self._lock:
            self._version, self._graphs, self._checked = version, graphs, time.monotonic()
        return version, graphs

    def version(self) -> str:
        return self._dataset()[0]

    def graphs(self) -> list[str]:
        """The named graphs the project wrote to this server (empty before the first push)."""
        return self._dataset()[1]

    def select(self, query: str) -> list[dict]:
        graphs = self.graphs()
        if not graphs:             # an empty answer here would read as "no obligations": say why instead
            raise ConfigError(f"the SPARQL server at {self.client.endpoint} holds no aftalegraf graph yet (no "
                              f"{META_GRAPH}): run `aftalegraf ingest` or `aftalegraf reindex` on the node that "
                              f"writes to it (sparql_update_endpoint or sparql_graph_store_endpoint)")
        res = self.client.query(query, self.timeout, "SELECT", graphs, graphs)
        if res.kind != "select":
            raise ConfigError(f"remote SPARQL endpoint answered a SELECT with a {res.kind} result")
        if res.truncated:
            raise ConfigError(f"the SPARQL server cut a result at {res.limit} rows (Virtuoso: raise "
                              f"ResultSetMaxRows in virtuoso.ini's [SPARQL] section); the answer would be incomplete")
        return [{v: term_from_json(b[v]) if v in b else None for v in res.vars} for b in res.bindings]

    def subjects(self, p: ox.NamedNode, objects: Iterable) -> set:
        out: set = set()
        for values in _values_blocks(list(objects)):
            out |= {r["s"] for r in self.select(f"SELECT DISTINCT ?s WHERE {{ VALUES ?o {{ {values} }} ?s {p} ?o }}")}
        return out

    def props(self, subjects: Iterable) -> dict[str, dict[str, list]]:
        subjects = list(subjects)
        out: dict[str, dict[str, list]] = {s.value: {} for s in subjects}
        for values in _values_blocks([s for s in subjects if isinstance(s, ox.NamedNode)]):
            for r in self.select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}"):
                out[r["s"].value].setdefault(r["p"].value, []).append(r["o"])
        return out

    def count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].value) if rows else 0

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the project's graphs on the server, one request per named graph."""
        for g in self.graphs():
            if g == META_GRAPH:
                continue
            graph = ox.NamedNode(g)
            for r in self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"):
                yield ox.Quad(r["s"], r["p"], r["o"], graph)


_remote: dict[tuple, RemoteGraph] = {}


def has_graph(store) -> bool:
    """Whether the store has a graph to read: a remote one configured, or the embedded one built."""
    return bool((getattr(store, "settings", {}) or {}).get("sparql_endpoint")) or store.graph_path.exists()


def _values_blocks(terms: list) -> Iterator[str]:
    """The terms as the bodies of VALUES blocks of at most ``_BATCH`` each (a long block is
    refused or slow on some servers)."""
    for i in range(0, len(terms), _BATCH):
        yield " ".join(str(t) for t in terms[i:i + _BATCH])


def reader_for(store):
    """The graph a store's readers use: the remote server when ``sparql_endpoint`` is set
    (one reader per endpoint and process, so the version check is shared), else embedded."""
    settings = getattr(store, "settings", {}) or {}
    endpoint = settings.get("sparql_endpoint") or ""
    if not endpoint:
        return EmbeddedGraph(store)
    ident = tuple(str(settings.get(k) or "") for k in (
        "sparql_endpoint", "sparql_query_method", "sparql_user", "sparql_password", "sparql_auth", "sparql_timeout"))
    reader = _remote.get(ident)
    if reader is None:
        reader = _remote[ident] = RemoteGraph(settings)
    return reader


def meta_triples(version: str, graphs: Iterable[str]) -> str:
    """The metadata graph's content (N-Triples) the stage writes after the documents' graphs."""
    m = f"<{META_GRAPH}>"
    lines = [f'{m} <{rdf.AG}graphVersion> "{version}" .']
    lines += [f"{m} <{rdf.AG}includesGraph> <{g}> ." for g in sorted(set(graphs))]
    return "\n".join(lines) + "\n"
