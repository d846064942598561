"""SPARQL over the graph: the embedded Oxigraph store by default, or a remote SPARQL 1.1
endpoint when the settings ``sparql_endpoint`` (and ``sparql_update_endpoint``) are set.

Queries only: SELECT, ASK, CONSTRUCT and DESCRIBE. An update is refused with ``BadQuery``
(so the web endpoint answers 4xx). The prefixes ag:, eli:, dcterms:, skos:, prov:, org:,
rdf:, rdfs:, xsd:, owl: are predeclared, and the default graph is the union of all named
graphs, so analysts need not name graphs.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from aftalegraf.errors import BadQuery, ConfigError

from . import rdf
from .sparql_guard import guard

RESULT_FORMATS = ("json", "csv", "tsv", "xml")
GRAPH_FORMATS = ("turtle", "nt", "jsonld", "xml", "trig", "nq")

_UPDATE_RE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.I,
)
_FORM_RE = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


@dataclass
class QueryResult:
    """A SPARQL result: ``kind`` is "select", "ask" or "graph".

    select: ``vars`` and ``rows`` (lists of python values: str for IRIs/literals, int/float
    for numeric literals, None for unbound); ``bindings`` keeps the terms as SPARQL JSON
    dicts. ask: ``boolean``. graph: ``triples`` as (s, p, o) N-Triples terms.
    """

    kind: str
    vars: list[str] = field(default_factory=list)
    bindings: list[dict[str, dict]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[str, str, str]] = field(default_factory=list)
    elapsed_ms: float = 0.0

    @property
    def rows(self) -> list[list[Any]]:
        return [[_pyvalue(b.get(v)) for v in self.vars] for b in self.bindings]

    def dicts(self) -> list[dict[str, Any]]:
        return [{v: _pyvalue(b.get(v)) for v in self.vars} for b in self.bindings]

    def __len__(self) -> int:
        return len(self.bindings) if self.kind == "select" else len(self.triples)

    def __iter__(self):
        """select: row dicts; graph: pyoxigraph Triples (so callers can ox.serialize them)."""
        if self.kind == "graph":
            return iter(self.ox_triples())
        return iter(self.dicts())

    def ox_triples(self) -> list:
        nt = "".join(f"{s} {p} {o} .\n" for s, p, o in self.triples)
        if not nt:
            return []
        return [ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]

    # serialisation -----------------------------------------------------------------------
    def serialize(self, format: str = "json") -> str:
        fmt = format.lower()
        if self.kind == "graph":
            return _serialize_triples(self.triples, fmt)
        if fmt == "json":
            if self.kind == "ask":
                return json.dumps({"head": {}, "boolean": self.boolean})
            return json.dumps({"head": {"vars": self.vars}, "results": {"bindings": self.bindings}},
                              ensure_ascii=False)
        if self.kind == "ask":
            if fmt in ("csv", "tsv"):
                return f"_askResult\n{'true' if self.boolean else 'false'}\n"
            if fmt == "xml":
                return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                        f"<head/><boolean>{'true' if self.boolean else 'false'}</boolean></sparql>\n")
        if fmt == "csv":
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\r\n")
            w.writerow(self.vars)
            for b in self.bindings:
                w.writerow(["" if b.get(v) is None else b[v]["value"] for v in self.vars])
            return buf.getvalue()
        if fmt == "tsv":
            lines = ["\t".join("?" + v for v in self.vars)]
            for b in self.bindings:
                lines.append("\t".join(_nt_term(b.get(v)) for v in self.vars))
            return "\n".join(lines) + "\n"
        if fmt == "xml":
            from xml.sax.saxutils import escape, quoteattr

            out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
            out += [f"<variable name={quoteattr(v)}/>" for v in self.vars]
            out += ["</head>", "<results>"]
            for b in self.bindings:
                out.append("<result>")
                for v in self.vars:
                    t = b.get(v)
                    if t is None:
                        continue
                    if t["type"] == "uri":
                        inner = f"<uri>{escape(t['value'])}</uri>"
                    elif t["type"] == "bnode":
                        inner = f"<bnode>{escape(t['value'])}</bnode>"
                    else:
                        attrs = ""
                        if "xml:lang" in t:
                            attrs = f" xml:lang={quoteattr(t['xml:lang'])}"
                        elif "datatype" in t:
                            attrs = f" datatype={quoteattr(t['datatype'])}"
                        inner = f"<literal{attrs}>{escape(t['value'])}</literal>"
                    out.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
                out.append("</result>")
            out += ["</results>", "</sparql>"]
            return "\n".join(out) + "\n"
        raise BadQuery(f"unknown result format {format!r} (use one of {', '.join(RESULT_FORMATS)})", "format")

    @property
    def media_type(self) -> str:
        return "application/sparql-results+json" if self.kind != "graph" else "text/turtle"


def _pyvalue(t: dict | None):
    if t is None:
        return None
    v = t["value"]
    dt = t.get("datatype", "")
    if dt in (rdf.XSD + "integer", rdf.XSD + "int", rdf.XSD + "long"):
        try:
            return int(v)
        except ValueError:
            return v
    if dt in (rdf.XSD + "decimal", rdf.XSD + "double", rdf.XSD + "float"):
        try:
            return float(v)
        except ValueError:
            return v
    if dt == rdf.XSD + "boolean":
        return v in ("true", "1")
    return v


def _nt_term(t: dict | None) -> str:
    if t is None:
        return ""
    if t["type"] == "uri":
        return f"<{t['value']}>"
    if t["type"] == "bnode":
        return f"_:{t['value']}"
    s = json.dumps(t["value"], ensure_ascii=False)
    if "xml:lang" in t:
        return f"{s}@{t['xml:lang']}"
    if "datatype" in t and t["datatype"] != rdf.XSD + "string":
        return f"{s}^^<{t['datatype']}>"
    return s


def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    d: dict[str, str] = {"type": "literal", "value": term.value}
    if term.language:
        d["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != rdf.XSD + "string":
        d["datatype"] = term.datatype.value
    return d


def _serialize_triples(triples: list[tuple[str, str, str]], fmt: str) -> str:
    nt = "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
    if fmt in ("nt", "ntriples", "n-triples"):
        return nt
    from .export import convert_ntriples

    return convert_ntriples(nt, fmt)


# --- checking ------------------------------------------------------------------------------

def check_query(query: str, service_allow: list[str] | tuple[str, ...] = ()) -> None:
    """Refuse updates, empty queries and queries the engine must not see (too deep, too long,
    SERVICE to an endpoint not allowed: see sparql_guard); parse errors are raised by the
    engine itself."""
    if not query or not query.strip():
        raise BadQuery("empty SPARQL query", "query")
    guard(query, service_allow=service_allow)
    stripped = _strip_comments(query)
    if _UPDATE_RE.search(stripped):
        raise BadQuery("SPARQL updates are not allowed: this endpoint answers queries only "
                       "(SELECT, ASK, CONSTRUCT, DESCRIBE)", "query")
    if not _FORM_RE.search(stripped):
        raise BadQuery("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE", "query")


def _strip_comments(q: str) -> str:
    out = []
    for line in q.splitlines():
        # drop '#' comments outside IRIs and strings (good enough for the update check)
        res, in_iri, in_str = [], False, None
        for ch in line:
            if in_str:
                res.append(ch)
                if ch == in_str:
                    in_str = None
                continue
            if ch in "\"'":
                in_str = ch
            elif ch == "<":
                in_iri = True
            elif ch == ">":
                in_iri = False
            elif ch == "#" and not in_iri:
                break
            res.append(ch)
        out.append("".join(res))
    return "\n".join(out)


def _syntax_error(exc: Exception, query: str) -> BadQuery:
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
    return err


def service_allow(settings) -> list[str]:
    """The endpoints SERVICE may call (setting ``sparql_service_allow``, comma-separated)."""
    raw = settings.get("sparql_service_allow") or ""
    items = raw if isinstance(raw, (list, tuple)) else str(raw).split(",")
    return [s.strip() for s in items if s and s.strip()]


# --- running -------------------------------------------------------------------------------

def sparql(store, query: str, timeout: float | None = None) -> QueryResult:
    """Run a SPARQL query over the store's graph (or the configured remote endpoint)."""
    import time

    settings = getattr(store, "settings", {}) or {}
    check_query(query, service_allow=service_allow(settings))
    timeout = float(timeout if timeout is not None else settings.get("sparql_timeout", 10.0) or 10.0)
    t0 = time.perf_counter()
    endpoint = settings.get("sparql_endpoint") or ""
    if endpoint:
        res = RemoteSparql(endpoint, settings.get("sparql_update_endpoint") or "").query(query, timeout)
    else:
        res = _local_query(rdf.graph_for(store), query, timeout)
    res.elapsed_ms = (time.perf_counter() - t0) * 1000
    return res


def _local_query(st: ox.Store, query: str, timeout: float) -> QueryResult:
    """Run and consume the query in a worker thread (pyoxigraph results may not cross
    threads), so a runaway query is stopped after ``timeout`` seconds."""
    result: dict = {}

    def work():
        try:
            raw = st.query(query, prefixes=rdf.PREFIXES, use_default_graph_as_union=True)
            if isinstance(raw, (ox.QueryBoolean, bool)):
                result["r"] = QueryResult("ask", boolean=bool(raw))
            elif isinstance(raw, ox.QuerySolutions):
                # Oxigraph's own SPARQL JSON writer is much faster than converting terms here
                data = json.loads(raw.serialize(format=ox.QueryResultsFormat.JSON))
                bindings = data.get("results", {}).get("bindings", [])
                for b in bindings:
                    for t in b.values():
                        if t.get("type") == "typed-literal":
                            t["type"] = "literal"
                        if t.get("datatype") == rdf.XSD + "string":
                            del t["datatype"]
                result["r"] = QueryResult("select", vars=data.get("head", {}).get("vars", []), bindings=bindings)
            else:
                triples = [(str(t.subject), str(t.predicate), str(t.object)) for t in raw]
                result["r"] = QueryResult("graph", triples=triples)
        except BaseException as exc:  # surfaced below
            result["e"] = exc

    th = threading.Thread(target=work, daemon=True)
    th.start()
    th.join(timeout)
    if th.is_alive():
        raise BadQuery(f"SPARQL query ran longer than {timeout:g} s and was stopped", "query")
    if "e" in result:
        exc = result["e"]
        if isinstance(exc, SyntaxError):
            raise _syntax_error(exc, query)
        raise BadQuery(f"SPARQL query failed: {exc}", "query")
    return result["r"]


# --- remote SPARQL 1.1 store -----------------------------------------------------------------

class RemoteSparql:
    """A SPARQL 1.1 Protocol client (Fuseki, GraphDB, Virtuoso ...): queries are POSTed as
    ``application/sparql-query``; the graph stage can push documents with SPARQL Update to
    ``update_endpoint`` (``DROP SILENT GRAPH <g>; INSERT DATA { GRAPH <g> { ... } }``)."""

    def __init__(self, endpoint: str, update_endpoint: str = ""):
        if not endpoint.startswith(("http://", "https://")):
            raise ConfigError(f"sparql_endpoint must be an http(s) URL, got {endpoint!r}")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint

    def build_query_request(self, query: str) -> urllib.request.Request:
        full = rdf.sparql_prefixes() + query
        is_graph = bool(re.search(r"\b(CONSTRUCT|DESCRIBE)\b", _strip_comments(query), re.I))
        accept = "application/n-triples" if is_graph else "application/sparql-results+json"
        return urllib.request.Request(
            self.endpoint, data=full.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept},
        )

    def build_update_request(self, update: str) -> urllib.request.Request:
        if not self.update_endpoint:
            raise ConfigError("sparql_update_endpoint is not set: the remote store is read-only")
        return urllib.request.Request(
            self.update_endpoint, data=update.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    def query(self, query: str, timeout: float = 10.0) -> QueryResult:
        req = self.build_query_request(query)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                body = resp.read().decode("utf-8")
                ctype = resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            raise BadQuery(f"remote SPARQL endpoint answered {exc.code}: "
                           f"{exc.read().decode('utf-8', 'replace')[:300]}", "query") from None
        except (urllib.error.URLError, OSError) as exc:
            raise ConfigError(f"remote SPARQL endpoint {self.endpoint} unreachable: {exc}") from None
        if "json" in ctype or body.lstrip().startswith("{"):
            data = json.loads(body)
            if "boolean" in data:
                return QueryResult("ask", boolean=bool(data["boolean"]))
            return QueryResult("select", vars=data["head"].get("vars", []),
                               bindings=data["results"]["bindings"])
        triples = []
        for t in ox.parse(body.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            triples.append((str(t.subject), str(t.predicate), str(t.object)))
        return QueryResult("graph", triples=triples)

    def update(self, update: str, timeout: float = 60.0) -> None:
        req = self.build_update_request(update)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                resp.read()
        except urllib.error.HTTPError as exc:
            raise ConfigError(f"remote SPARQL update endpoint answered {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise ConfigError(f"remote SPARQL update endpoint {self.update_endpoint} unreachable: {exc}") from None

    def replace_graph(self, graph_iri: str, quads_nt: str, timeout: float = 60.0) -> None:
        """Replace one named graph with the given N-Triples, in one update request."""
        self.update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{quads_nt}}} }}",
                    timeout)
