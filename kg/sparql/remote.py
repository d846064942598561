"""A SPARQL 1.1 Protocol client for a remote store (Fuseki, GraphDB, Virtuoso, Oxigraph
server): queries are POSTed as ``application/sparql-query``; the graph stage pushes
documents with SPARQL Update to ``update_endpoint``."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from aftalegraf.errors import BadQuery, ConfigError, QueryTimeout

from .. import rdf
from .results import QueryResult


class RemoteSparql:
    def __init__(self, endpoint: str, update_endpoint: str = ""):
        if not endpoint.startswith(("http://", "https://")):
            raise ConfigError(f"sparql_endpoint must be an http(s) URL, got {endpoint!r}")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint

    def build_query_request(self, query: str, form: str = "SELECT", default_graph: list[str] | None = None,
                            named_graphs: list[str] | None = None) -> urllib.request.Request:
        full = rdf.sparql_prefixes() + query
        accept = "application/n-triples" if form in ("CONSTRUCT", "DESCRIBE") else "application/sparql-results+json"
        params = [("default-graph-uri", g) for g in default_graph or []]
        params += [("named-graph-uri", g) for g in named_graphs or []]
        url = self.endpoint + (("&" if "?" in self.endpoint else "?") + urllib.parse.urlencode(params) if params else "")
        return urllib.request.Request(
            url, data=full.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept},
        )

    def build_update_request(self, update: str) -> urllib.request.Request:
        if not self.update_endpoint:
            raise ConfigError("sparql_update_endpoint is not set: the remote store is read-only")
        return urllib.request.Request(
            self.update_endpoint, data=update.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    def query(self, query: str, timeout: float = 10.0, form: str = "SELECT", default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None) -> QueryResult:
        req = self.build_query_request(query, form, default_graph, named_graphs)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                body = resp.read().decode("utf-8")
                ctype = resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            raise BadQuery(f"remote SPARQL endpoint answered {exc.code}: "
                           f"{exc.read().decode('utf-8', 'replace')[:300]}", "query") from None
        except TimeoutError:
            raise QueryTimeout(timeout) from None
        except (urllib.error.URLError, OSError) as exc:
            if isinstance(getattr(exc, "reason", None), TimeoutError):
                raise QueryTimeout(timeout) from None
            raise ConfigError(f"remote SPARQL endpoint {self.endpoint} unreachable: {exc}") from None
        if "json" in ctype or body.lstrip().startswith("{"):
            data = json.loads(body)
            if "boolean" in data:
                return QueryResult("ask", boolean=bool(data["boolean"]))
            return QueryResult("select", vars=data["head"].get("vars", []), bindings=data["results"]["bindings"])
        triples = [ox.Triple(t.subject, t.predicate, t.object)
                   for t in ox.parse(body.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
        return QueryResult("graph", triples=triples)

    def update(self, update: str, timeout: float = 60.0) -> None:
        req = self.build_update_request(update)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                resp.read()
        except urllib.error.HTTPError as exc:
            # the server's own words: Virtuoso and Oxigraph say what they refused and why
            text = exc.read().decode("utf-8", "replace").strip()[:500]
            raise ConfigError(f"remote SPARQL update endpoint answered {exc.code}: {text}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise ConfigError(f"remote SPARQL update endpoint {self.update_endpoint} unreachable: {exc}") from None

    def replace_graph(self, graph_iri: str, quads_nt: str, timeout: float = 60.0) -> None:
        """Replace one named graph with the given N-Triples, in one update request."""
        self.update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{quads_nt}}} }}",
                    timeout)
