"""A SPARQL 1.1 client for a remote store (Oxigraph server, Virtuoso, Fuseki, GraphDB).

Queries go by the setting ``sparql_query_method``: ``post`` (the body is the query,
``application/sparql-query``), ``form`` (``application/x-www-form-urlencoded``, for servers
that never answer the direct POST, e.g. Virtuoso, openlink/virtuoso-opensource#842) or ``get``.
Writes use the SPARQL 1.1 Graph Store Protocol (PUT/DELETE of one named graph) when
``sparql_graph_store_endpoint`` is set, else SPARQL Update on ``sparql_update_endpoint``.
Credentials (``sparql_user``/``sparql_password`` with ``sparql_auth`` basic, digest or bearer)
are handed to urllib's handlers or one header; no message or log line carries them.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from aftalegraf.errors import BadQuery, ConfigError, QueryTimeout

from .. import rdf
from .results import QueryResult

METHODS = ("post", "form", "get")
BATCH = 1000   # triples per INSERT DATA: Virtuoso refuses one statement of ~2,500 triples (its SQL size limit)
AUTH = ("basic", "digest", "bearer")


WRITE_ATTEMPTS = 3
MAX_URL = 4000   # a direct POST carries its dataset in the URL; past this (many documents' graphs) it goes as a form


class _Transient(Exception):
    """A write the server may take when asked again (unreachable, 5xx)."""


class RemoteSparql:
    def __init__(self, endpoint: str, update_endpoint: str = "", graph_store_endpoint: str = "",
                 method: str = "post", user: str = "", password: str = "", auth: str = "basic"):
        for name, url in (("sparql_endpoint", endpoint), ("sparql_update_endpoint", update_endpoint),
                          ("sparql_graph_store_endpoint", graph_store_endpoint)):
            if url and not url.startswith(("http://", "https://")):
                raise ConfigError(f"{name} must be an http(s) URL, got {url!r}")
        if method not in METHODS:
            raise ConfigError(f"sparql_query_method {method!r}: expected one of {', '.join(METHODS)}")
        if auth not in AUTH:
            raise ConfigError(f"sparql_auth {auth!r}: expected one of {', '.join(AUTH)}")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint
        self.graph_store_endpoint = graph_store_endpoint
        self.method = method
        self._headers: dict[str, str] = {}
        handlers: list = []
        if auth == "bearer" and password:
            self._headers["Authorization"] = f"Bearer {password}"
        elif user:
            mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in (endpoint, update_endpoint, graph_store_endpoint):
                if url:
                    mgr.add_password(None, url, user, password)
            handlers.append(urllib.request.HTTPDigestAuthHandler(mgr) if auth == "digest"
                            else urllib.request.HTTPBasicAuthHandler(mgr))
        self._opener = urllib.request.build_opener(*handlers)

    @classmethod
    def from_settings(cls, settings: dict) -> "RemoteSparql":
        update = settings.get("sparql_update_endpoint") or ""
        return cls(settings.get("sparql_endpoint") or update, update,
                   settings.get("sparql_graph_store_endpoint") or "",
                   str(settings.get("sparql_query_method") or "post").lower(),
                   settings.get("sparql_user") or "", settings.get("sparql_password") or "",
                   str(settings.get("sparql_auth") or "basic").lower())

    def __repr__(self) -> str:  # never the credentials
        return f"RemoteSparql({self.endpoint!r}, method={self.method!r})"

    # --- requests ---------------------------------------------------------------------
    def build_query_request(self, query: str, form: str = "SELECT", default_graph: list[str] | None = None,
                            named_graphs: list[str] | None = None) -> urllib.request.Request:
        full = rdf.sparql_prefixes() + query
        accept = "application/n-triples" if form in ("CONSTRUCT", "DESCRIBE") else "application/sparql-results+json"
        params = [("default-graph-uri", g) for g in default_graph or []]
        params += [("named-graph-uri", g) for g in named_graphs or []]
        headers = {"Accept": accept, **self._headers}
        url = self._with(self.endpoint, params)
        if self.method == "post" and len(url) <= MAX_URL:
            return urllib.request.Request(url, data=full.encode("utf-8"), method="POST",
                                          headers={**headers, "Content-Type": "application/sparql-query; charset=utf-8"})
        body = urllib.parse.urlencode([("query", full), *params])
        if self.method in ("form", "post"):     # post with a long dataset: in the body, where it fits
            return urllib.request.Request(self.endpoint, data=body.encode("utf-8"), method="POST",
                                          headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
        return urllib.request.Request(self.endpoint + ("&" if "?" in self.endpoint else "?") + body, method="GET",
                                      headers=headers)

    @staticmethod
    def _with(url: str, params: list[tuple[str, str]]) -> str:
        return url + (("&" if "?" in url else "?") + urllib.parse.urlencode(params) if params else "")

    def build_update_request(self, update: str) -> urllib.request.Request:
        if not self.update_endpoint:
            raise ConfigError("sparql_update_endpoint is not set: the remote store is read-only")
        return urllib.request.Request(
            self.update_endpoint, data=update.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-update; charset=utf-8", **self._headers},
        )

    def _send(self, req: urllib.request.Request, timeout: float, what: str) -> tuple[bytes, str]:
        """A write (update, graph store): every write is idempotent (a whole graph replaced or
        dropped), so one the server could not take for a passing reason (unreachable, 5xx) is
        tried again, WRITE_ATTEMPTS times in all, before the error is raised."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                body, headers = self._exchange(req, timeout, what)
                return body, headers.get("Content-Type", "")
            except _Transient as exc:
                if attempt == WRITE_ATTEMPTS - 1:
                    raise ConfigError(str(exc)) from None
                time.sleep(0.5 * 2 ** attempt)
        raise AssertionError("unreachable")

    def _exchange(self, req: urllib.request.Request, timeout: float, what: str):
        try:
            with self._opener.open(req, timeout=timeout) as resp:
                return resp.read(), resp.headers
        except urllib.error.HTTPError as exc:
            # the server's own words: Virtuoso and Oxigraph say what they refused and why
            text = exc.read().decode("utf-8", "replace").strip()[:500]
            if what == "query":
                raise BadQuery(f"remote SPARQL endpoint answered {exc.code}: {text}", "query") from None
            if exc.code >= 500:
                raise _Transient(f"remote SPARQL {what} endpoint answered {exc.code}: {text}") from None
            raise ConfigError(f"remote SPARQL {what} endpoint answered {exc.code}: {text}") from None
        except TimeoutError:
            raise QueryTimeout(timeout) from None
        except (urllib.error.URLError, OSError) as exc:
            if isinstance(getattr(exc, "reason", None), TimeoutError):
                raise QueryTimeout(timeout) from None
            message = (f"remote SPARQL {what} endpoint {req.full_url.split('?', 1)[0]} unreachable: "
                       f"{getattr(exc, 'reason', exc)}")
            raise (ConfigError if what == "query" else _Transient)(message) from None

    # --- the protocol -------------------------------------------------------------------
    def query(self, query: str, timeout: float = 10.0, form: str = "SELECT", default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None) -> QueryResult:
        raw, headers = self._exchange(self.build_query_request(query, form, default_graph, named_graphs), timeout,
                                      "query")
        body, ctype = raw.decode("utf-8"), headers.get("Content-Type", "")
        if "json" in ctype or body.lstrip().startswith("{"):
            data = json.loads(body)
            if "boolean" in data:
                return QueryResult("ask", boolean=bool(data["boolean"]))
            res = QueryResult("select", vars=data["head"].get("vars", []), bindings=data["results"]["bindings"])
            # Virtuoso cuts a result at ResultSetMaxRows without an error; it says so only in this header
            cap = headers.get("X-SPARQL-MaxRows", "")
            if cap.isdigit() and len(res.bindings) >= int(cap):
                res.truncated, res.limit = True, int(cap)
            return res
        triples = [ox.Triple(t.subject, t.predicate, t.object)
                   for t in ox.parse(body.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
        return QueryResult("graph", triples=triples)

    def update(self, update: str, timeout: float = 60.0) -> None:
        self._send(self.build_update_request(update), timeout, "update")

    def replace_graph(self, graph_iri: str, quads_nt: str, timeout: float = 60.0) -> None:
        """Replace one named graph with the given N-Triples: a Graph Store Protocol PUT where
        the server has one, else one update request (DROP SILENT GRAPH; INSERT DATA)."""
        if self.graph_store_endpoint:
            req = urllib.request.Request(self._with(self.graph_store_endpoint, [("graph", graph_iri)]),
                                         data=quads_nt.encode("utf-8"), method="PUT",
                                         headers={"Content-Type": "application/n-triples", **self._headers})
            self._send(req, timeout, "graph store")
            return
        lines = skolemise(quads_nt, graph_iri).splitlines(keepends=True)
        batches = [lines[i:i + BATCH] for i in range(0, len(lines), BATCH)] or [[]]
        for n, batch in enumerate(batches):
            drop = f"DROP SILENT GRAPH <{graph_iri}> ;\n" if n == 0 else ""
            self.update(f"{drop}INSERT DATA {{ GRAPH <{graph_iri}> {{\n{''.join(batch)}}} }}", timeout)

    def drop_graph(self, graph_iri: str, timeout: float = 60.0) -> None:
        """Remove one named graph (Graph Store Protocol DELETE, or DROP SILENT GRAPH)."""
        if self.graph_store_endpoint:
            req = urllib.request.Request(self._with(self.graph_store_endpoint, [("graph", graph_iri)]),
                                         method="DELETE", headers=dict(self._headers))
            try:
                self._send(req, timeout, "graph store")
            except ConfigError as exc:
                if "answered 404" not in str(exc):   # already gone
                    raise
            return
        self.update(f"DROP SILENT GRAPH <{graph_iri}>", timeout)


def skolemise(quads_nt: str, graph_iri: str) -> str:
    """N-Triples with every blank node replaced by an IRI under the project's base (one per
    blank node and graph), so that INSERT DATA carries no blank nodes (Virtuoso refuses them
    in a constant clause) and a rewrite of the graph replaces them instead of adding more."""
    if "_:" not in quads_nt:
        return quads_nt
    base = f"{rdf.BASE}.well-known/genid/{hashlib.sha1(graph_iri.encode()).hexdigest()[:16]}/"

    def term(t):
        return ox.NamedNode(base + t.value) if isinstance(t, ox.BlankNode) else t

    out = io.BytesIO()
    ox.serialize((ox.Triple(term(t.subject), t.predicate, term(t.object))
                  for t in ox.parse(quads_nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)),
                 out, ox.RdfFormat.N_TRIPLES)
    return out.getvalue().decode("utf-8")
