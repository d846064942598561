"""Untrusted SPARQL queries in worker processes that can really be stopped.

A thread cannot be cancelled: a query that times out in one keeps running and keeps
allocating (a cross join grew the server from 209 MB to 1.3 GB in a minute after its user
was told it had stopped). So the queries visitors send run in a small pool of worker
processes, each with its own read-only handle on the graph and an address-space limit:

- the pool has ``sparql_workers`` processes (default 2): at most that many queries run at
  once, so search keeps its latency; a request that finds none free within its time limit
  is answered ``Busy`` (503);
- a worker that passes the time limit is killed (SIGKILL) and replaced on the next request,
  which gives its memory back at once;
- a worker streams solutions and stops at the row limit + 1: a result is never built whole;
- a worker opens the graph read-only and reopens it when the graph stage has written since
  (``graph:version``), so it always answers from the current graph.

Workers are spawned (not forked): the server process holds threads and a RocksDB handle.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import resource
import threading
import time

from aftalegraf.errors import Busy, QueryTimeout

from .results import QueryResult, collect, query_options

log = logging.getLogger(__name__)

_CTX = mp.get_context("spawn")


# --- the worker process -------------------------------------------------------------------
def _worker_main(conn, memory_mb: int) -> None:
    if memory_mb > 0:
        limit = memory_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import pyoxigraph as ox

    handles: dict[str, tuple[str, object]] = {}
    while True:
        try:
            req = conn.recv()
        except EOFError:
            return
        try:
            path, version = req["path"], req["version"]
            cached = handles.get(path)
            if cached is None or cached[0] != version:
                handles[path] = (version, ox.Store.read_only(path))
            st = handles[path][1]
            conn.send(("ok", _run(ox, st, req)))
        except MemoryError:
            conn.send(("error", "MemoryError", "the query needed more memory than a SPARQL worker may use"))
        except SyntaxError as exc:
            conn.send(("error", "SyntaxError", str(exc)))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises BadQuery
            conn.send(("error", type(exc).__name__, str(exc)))


def _run(ox, st, req: dict) -> dict:
    kw = query_options(req["prefixes"], req["union"], req["default_graph"], req["named_graphs"])
    res = collect(st.query(req["query"], **kw), req["limit"])
    if res.kind == "graph":        # terms do not pickle: the triples travel as N-Triples
        nt = ox.serialize(res.triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8") if res.triples else ""
        return {"kind": "graph", "nt": nt, "truncated": res.truncated}
    return {"kind": res.kind, "vars": res.vars, "bindings": res.bindings, "boolean": res.boolean,
            "truncated": res.truncated}


# --- the pool in the server process ----------------------------------------------------------
class _Worker:
    def __init__(self, memory_mb: int):
        self.conn, child = _CTX.Pipe()
        self.proc = _CTX.Process(target=_worker_main, args=(child, memory_mb), daemon=True,
                                 name="aftalegraf-sparql")
        self.proc.start()
        child.close()

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(5)
        finally:
            self.conn.close()


class Sandbox:
    def __init__(self, workers: int = 2, memory_mb: int = 1024):
        self.size = max(1, int(workers))
        self.memory_mb = int(memory_mb)
        self._free: queue.Queue = queue.Queue()
        for _ in range(self.size):
            self._free.put(None)            # a slot; the worker starts on first use

    def run(self, query: str, *, path: str, version: str, prefixes: dict, limit: int, timeout: float,
            union: bool = True, default_graph: list[str] | None = None,
            named_graphs: list[str] | None = None) -> QueryResult:
        t0 = time.monotonic()
        try:
            w = self._free.get(timeout=timeout)
        except queue.Empty:
            raise Busy(f"every SPARQL worker is busy ({self.size}); try again in a moment") from None
        left = max(0.1, timeout - (time.monotonic() - t0))
        try:
            if w is None or not w.proc.is_alive():
                w = _Worker(self.memory_mb)
            w.conn.send({"query": query, "path": path, "version": version, "prefixes": prefixes, "limit": limit,
                         "union": union, "default_graph": default_graph, "named_graphs": named_graphs})
            if not w.conn.poll(left):
                log.warning("SPARQL worker %s stopped after %.1f s", w.proc.pid, timeout)
                w.kill()
                w = None
                raise QueryTimeout(timeout)
            try:
                status, *payload = w.conn.recv()
            except EOFError:                  # the worker died (e.g. out of its memory)
                w.kill()
                w = None
                raise MemoryError("the SPARQL worker stopped while running the query") from None
        finally:
            self._free.put(w)
        if status == "error":
            name, message = payload
            if name == "SyntaxError":
                raise SyntaxError(message)
            if name == "MemoryError":
                raise MemoryError(message)
            raise RuntimeError(message)
        return _result(payload[0], limit)

def _result(d: dict, limit: int) -> QueryResult:
    import pyoxigraph as ox

    if d["kind"] == "ask":
        return QueryResult("ask", boolean=d["boolean"])
    if d["kind"] == "select":
        return QueryResult("select", vars=d["vars"], bindings=d["bindings"], truncated=d["truncated"], limit=limit)
    triples = [ox.Triple(q.subject, q.predicate, q.object)
               for q in ox.parse(d["nt"].encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)] if d["nt"] else []
    return QueryResult("graph", triples=triples, truncated=d["truncated"], limit=limit)


_pools: dict[tuple, Sandbox] = {}
_pools_lock = threading.Lock()


def sandbox_for(workers: int, memory_mb: int) -> Sandbox:
    """The process's pool for these settings (pools are shared by every store of a process)."""
    key = (int(workers), int(memory_mb), os.getpid())
    with _pools_lock:
        sb = _pools.get(key)
        if sb is None:
            sb = _pools[key] = Sandbox(workers, memory_mb)
        return sb
