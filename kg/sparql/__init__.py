"""SPARQL over the graph — the one home of checking, running, limiting and serialising
queries; the web endpoint only parses the request, negotiates the format and words errors.

``sparql(store, query, timeout=None, untrusted=False, ...)`` runs a query over the embedded
Oxigraph store, or over a remote SPARQL 1.1 endpoint when the setting ``sparql_endpoint`` is
set (``graphstore``: the project's own reads, and the dataset of its named graphs there). Every query passes the lexical guard first (``guard``: updates, depth, length,
``SERVICE``). Queries from visitors (``untrusted=True``: the web endpoint and console) run in
worker processes that are killed at the time limit and stream at most ``limit`` rows
(``sandbox``); the project's own queries run in-process.

The prefixes ag:, eli:, dcterms:, skos:, prov:, org:, rdf:, rdfs:, xsd:, owl: are predeclared.
The default graph is the union of all named graphs, unless the query names its dataset
(``FROM``, ``FROM NAMED``) or the request does (``default_graph``/``named_graphs``, the
protocol's ``default-graph-uri``/``named-graph-uri``).
"""

from __future__ import annotations

import re
import threading
import time

import pyoxigraph as ox

from aftalegraf.errors import BadQuery, QueryTimeout

from .. import rdf
from .graphstore import reader_for
from .guard import FORMS, guard, is_update, scan
from .remote import RemoteSparql
from .results import GRAPH_FORMATS, QueryResult, collect, media_for, query_options, term_json
from .sandbox import sandbox_for

__all__ = ["sparql", "check_query", "service_allow", "QueryResult", "RemoteSparql", "is_update", "scan",
           "media_for", "term_json", "GRAPH_FORMATS", "FORMS"]


def service_allow(settings) -> list[str]:
    """The endpoints SERVICE may call (setting ``sparql_service_allow``, comma-separated)."""
    raw = settings.get("sparql_service_allow") or ""
    items = raw if isinstance(raw, (list, tuple)) else str(raw).split(",")
    return [s.strip() for s in items if s and s.strip()]


def check_query(query: str, service_allow: list[str] | tuple[str, ...] = ()):
    """Refuse what the engine must not see (see ``guard``); returns the query's scan."""
    return guard(query, service_allow=service_allow)


def sparql(store, query: str, timeout: float | None = None, *, untrusted: bool = False, limit: int | None = None,
           default_graph: list[str] | None = None, named_graphs: list[str] | None = None) -> QueryResult:
    """Run a query over the store's graph (or the configured remote endpoint)."""
    settings = getattr(store, "settings", {}) or {}
    s = check_query(query, service_allow=service_allow(settings))
    timeout = float(timeout if timeout is not None else settings.get("sparql_timeout", 10.0) or 10.0)
    if untrusted and limit is None:
        limit = int(settings.get("sparql_row_limit", 10000))
    union = not s.dataset          # FROM / FROM NAMED replace the union default graph
    t0 = time.perf_counter()
    endpoint = settings.get("sparql_endpoint") or ""
    try:
        if endpoint:
            reader = reader_for(store)
            if union and default_graph is None and named_graphs is None:
                # as embedded: the default graph is the union of the project's named graphs, and
                # only those are named — never another application's graphs on the same server
                default_graph = named_graphs = reader.graphs() or None
            res = reader.client.query(query, timeout, s.keyword, default_graph, named_graphs)
            res = _cap(res, limit)
        elif untrusted and int(settings.get("sparql_workers", 2)) > 0:
            pool = sandbox_for(int(settings.get("sparql_workers", 2)), int(settings.get("sparql_worker_memory_mb", 1024)))
            res = pool.run(query, path=str(store.graph_path), version=store.get_meta("graph:version", "") or "",
                           prefixes=rdf.PREFIXES, limit=limit or 1 << 62, timeout=timeout, union=union,
                           default_graph=default_graph, named_graphs=named_graphs)
        else:
            res = _local_query(rdf.graph_for(store), query, timeout, union, default_graph, named_graphs, limit)
    except SyntaxError as exc:
        raise _syntax_error(exc) from None
    except MemoryError as exc:
        raise BadQuery(f"SPARQL query needed more memory than allowed and was stopped ({exc}); "
                       f"add LIMIT or make the pattern more specific", "query") from None
    except RuntimeError as exc:
        raise BadQuery(f"SPARQL query failed: {exc}", "query") from None
    res.elapsed_ms = (time.perf_counter() - t0) * 1000
    return res


def _cap(res: QueryResult, limit: int | None) -> QueryResult:
    if limit is None:
        return res
    if res.kind == "select" and len(res.bindings) > limit:
        res.bindings, res.truncated, res.limit = res.bindings[:limit], True, limit
    elif res.kind == "graph" and len(res.triples) > limit:
        res.triples, res.truncated, res.limit = res.triples[:limit], True, limit
    return res


def _syntax_error(exc: Exception) -> BadQuery:
    msg = str(exc)
    m = re.search(r"(\d+):(\d+)", msg)
    line = col = None
    if m:
        line, col = int(m.group(1)), int(m.group(2))
    else:
        m = re.search(r"line (\d+)(?:,? col(?:umn)? (\d+))?", msg)
        if m:
            line = int(m.group(1))
            col = int(m.group(2)) if m.group(2) else None
    where = f" at line {line}, column {col}" if line is not None else ""
    err = BadQuery(f"SPARQL syntax error{where}: {msg}", "query")
    err.line, err.column = line, col  # type: ignore[attr-defined]
    err.engine_message = msg  # type: ignore[attr-defined]
    return err


def _local_query(st: ox.Store, query: str, timeout: float, union: bool, default_graph, named_graphs,
                 limit: int | None) -> QueryResult:
    """The project's own queries: in a worker thread (pyoxigraph results may not cross
    threads), abandoned after ``timeout`` seconds."""
    result: dict = {}
    kw = query_options(rdf.PREFIXES, union, default_graph, named_graphs)

    def work():
        try:
            result["r"] = collect(st.query(query, **kw), limit)
        except BaseException as exc:  # surfaced below
            result["e"] = exc

    th = threading.Thread(target=work, daemon=True)
    th.start()
    th.join(timeout)
    if th.is_alive():
        raise QueryTimeout(timeout)
    if "e" in result:
        raise result["e"]
    return result["r"]
