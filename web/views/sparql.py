"""/sparql — SPARQL 1.1 Protocol (query only) and the analysts' HTML console.

The query runs through ``aftalegraf.kg.sparql.sparql(store, query, timeout)``; this module
only speaks the protocol: it refuses updates, negotiates the result format, applies the row
cap (setting ``sparql_row_limit``) and the time limit (setting ``sparql_timeout``), and
writes the standard result serialisations.
"""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from xml.sax.saxutils import escape as xml_escape, quoteattr

from fastapi import APIRouter, Request
from fastapi.responses import Response

from aftalegraf.errors import AftalegrafError, BadQuery

from ..errors import error_response
from ..services import Unavailable, optional, require
from ..templating import render
from ._common import get_store

router = APIRouter(tags=["sparql"])

MAX_QUERY_CHARS = 100_000

PREFIXES = """\
PREFIX ag: <https://w3id.org/aftalegraf/ontologi#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

DEFAULT_QUERY = PREFIXES + """
SELECT ?aktoer ?handling ?bestemmelse WHERE {
  ?f a ag:Obligation ;
     ag:bearer ?a ;
     ag:action ?handling ;
     ag:statedIn ?bestemmelse .
  ?a rdfs:label ?aktoer .
}
LIMIT 20
"""

# format= names and media types
FORMATS = {
    "json": "application/sparql-results+json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "xml": "application/sparql-results+xml",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
}
SELECT_TYPES = ["application/sparql-results+json", "application/json", "text/csv",
                "text/tab-separated-values", "application/sparql-results+xml", "application/xml"]
GRAPH_TYPES = ["text/turtle", "application/ld+json", "application/n-triples", "application/json"]

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_STRIP = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*|BASE\s+)<>\s*)*", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[A-Za-z]+")
_POSITION = re.compile(r"(?:line\s*(\d+)(?:\D{1,12}col(?:umn)?\s*(\d+))?|at\s+(\d+):(\d+)|\(line:?\s*(\d+),\s*col:?\s*(\d+)\))",
                       re.IGNORECASE)


class UpdateRefused(AftalegrafError):
    pass


def is_update(query: str) -> bool:
    """True when the request text is a SPARQL Update (its first keyword after the prologue)."""
    stripped = _STRIP.sub(lambda m: "<>" if m.group().startswith("<") else " ", query)
    body = _PROLOGUE.sub("", stripped)
    m = _FIRST_WORD.search(body)
    return bool(m and m.group().upper() in UPDATE_KEYWORDS)


def error_position(message: str) -> tuple[int | None, int | None]:
    m = _POSITION.search(message or "")
    if not m:
        return None, None
    nums = [g for g in m.groups() if g]
    line = int(nums[0]) if nums else None
    col = int(nums[1]) if len(nums) > 1 else None
    return line, col


# --- results -------------------------------------------------------------------------
def _term_json(term) -> dict | None:
    """A pyoxigraph/rdflib term or a plain value -> SPARQL JSON term."""
    if term is None:
        return None
    if isinstance(term, dict):
        return term
    cls = type(term).__name__
    if cls in ("NamedNode", "URIRef"):
        return {"type": "uri", "value": str(term.value if hasattr(term, "value") and cls == "NamedNode" else term)}
    if cls in ("BlankNode", "BNode"):
        return {"type": "bnode", "value": str(term.value if cls == "BlankNode" else term)}
    if cls == "Literal":
        value = term.value if hasattr(term, "value") and not isinstance(term.value, (int, float, bool)) else str(term)
        out = {"type": "literal", "value": str(value)}
        lang = getattr(term, "language", None)
        dt = getattr(term, "datatype", None)
        if lang:
            out["xml:lang"] = lang
        elif dt is not None:
            dts = str(dt.value if hasattr(dt, "value") else dt)
            if dts != "http://www.w3.org/2001/XMLSchema#string":
                out["datatype"] = dts
        return out
    return {"type": "literal", "value": str(term)}


class Result:
    """A query result normalised for the protocol: SELECT, ASK or a graph."""

    def __init__(self, kind: str, vars: list[str] | None = None, bindings: list[dict] | None = None,
                 boolean: bool | None = None, graph=None, truncated: bool = False):
        self.kind, self.vars, self.bindings = kind, vars or [], bindings or []
        self.boolean, self.graph, self.truncated = boolean, graph, truncated

    def json(self) -> dict:
        if self.kind == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        return {"head": {"vars": self.vars}, "results": {"bindings": self.bindings}}


def normalise(result, row_limit: int) -> Result:
    """Whatever kg.sparql returned -> Result, with at most row_limit rows."""
    import pyoxigraph as ox

    inner = result
    for attr in ("raw", "result", "native"):
        if hasattr(inner, attr) and isinstance(getattr(inner, attr), (ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples)):
            inner = getattr(inner, attr)
            break
    if isinstance(inner, ox.QueryBoolean):
        return Result("ask", boolean=bool(inner))
    if isinstance(inner, ox.QueryTriples):
        triples = []
        for t in inner:
            triples.append(t)
        return Result("graph", graph=triples)
    if isinstance(inner, ox.QuerySolutions):
        vars_ = [v.value for v in inner.variables]
        rows, truncated = [], False
        for sol in inner:
            if len(rows) >= row_limit:
                truncated = True
                break
            row = {}
            for v in vars_:
                t = sol[v]
                if t is not None:
                    row[v] = _term_json(t)
            rows.append(row)
        return Result("select", vars_, rows, truncated=truncated)
    kind = getattr(inner, "kind", None)
    if kind in ("select", "ask", "graph") and hasattr(inner, "bindings"):  # kg.sparql.QueryResult
        if kind == "ask":
            return Result("ask", boolean=bool(inner.boolean))
        if kind == "graph":
            return Result("graph", graph=inner)
        rows = list(inner.bindings)
        return Result("select", list(inner.vars), rows[:row_limit], truncated=len(rows) > row_limit)
    if isinstance(inner, dict):  # SPARQL JSON already
        return _from_json(inner, row_limit)
    # a project QueryResult: try its SPARQL JSON serialisation
    for name in ("to_json", "json", "as_json"):
        fn = getattr(inner, name, None)
        if callable(fn):
            data = fn()
            if isinstance(data, (bytes, str)):
                data = json.loads(data)
            if isinstance(data, dict) and ("head" in data or "boolean" in data):
                return _from_json(data, row_limit)
    kind = str(getattr(inner, "kind", getattr(inner, "type", ""))).lower()
    if kind in ("construct", "describe", "graph", "triples"):
        return Result("graph", graph=inner)
    ser = getattr(inner, "serialize", None)
    if callable(ser):
        for fmt in ("json", "application/sparql-results+json"):
            try:
                data = ser(fmt)
            except Exception:
                continue
            if isinstance(data, bytes):
                data = data.decode("utf-8")
            data = json.loads(data)
            return _from_json(data, row_limit)
    raise BadQuery("Resultatet fra vidensgrafen kunne ikke læses.")


def _from_json(data: dict, row_limit: int) -> Result:
    if "boolean" in data:
        return Result("ask", boolean=bool(data["boolean"]))
    rows = data.get("results", {}).get("bindings", [])
    return Result("select", data.get("head", {}).get("vars", []), rows[:row_limit], truncated=len(rows) > row_limit)


def result_rows(result) -> list[dict]:
    """SELECT rows as {var: plain value} (used by health for a count)."""
    r = normalise(result, 10)
    return [{k: v.get("value") for k, v in row.items()} for row in r.bindings]


def _csv_value(term: dict | None, tsv: bool) -> str:
    if not term:
        return ""
    v = term.get("value", "")
    if not tsv:
        return v
    t = term.get("type")
    if t == "uri":
        return f"<{v}>"
    if t == "bnode":
        return f"_:{v}"
    lit = '"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + '"'
    if term.get("xml:lang"):
        return f"{lit}@{term['xml:lang']}"
    if term.get("datatype"):
        return f"{lit}^^<{term['datatype']}>"
    return lit


def serialise_table(r: Result, media: str) -> str:
    if media == "text/csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        if r.kind == "ask":
            w.writerow(["boolean"])
            w.writerow(["true" if r.boolean else "false"])
        else:
            w.writerow(r.vars)
            for row in r.bindings:
                w.writerow([_csv_value(row.get(v), False) for v in r.vars])
        return buf.getvalue()
    if media == "text/tab-separated-values":
        if r.kind == "ask":
            return "?boolean\n" + ("true" if r.boolean else "false") + "\n"
        lines = ["\t".join("?" + v for v in r.vars)]
        lines += ["\t".join(_csv_value(row.get(v), True) for v in r.vars) for row in r.bindings]
        return "\n".join(lines) + "\n"
    # XML
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in r.vars]
    out.append("</head>")
    if r.kind == "ask":
        out.append(f"<boolean>{'true' if r.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in r.bindings:
            out.append("<result>")
            for v in r.vars:
                t = row.get(v)
                if not t:
                    continue
                val = xml_escape(t.get("value", ""))
                if t.get("type") == "uri":
                    inner = f"<uri>{val}</uri>"
                elif t.get("type") == "bnode":
                    inner = f"<bnode>{val}</bnode>"
                else:
                    attrs = ""
                    if t.get("xml:lang"):
                        attrs = f" xml:lang={quoteattr(t['xml:lang'])}"
                    elif t.get("datatype"):
                        attrs = f" datatype={quoteattr(t['datatype'])}"
                    inner = f"<literal{attrs}>{val}</literal>"
                out.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def serialise_graph(r: Result, media: str) -> bytes:
    import pyoxigraph as ox

    fmt = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
           "application/json": ox.RdfFormat.JSON_LD, "application/n-triples": ox.RdfFormat.N_TRIPLES}[media]
    g = r.graph
    if isinstance(g, list):
        return ox.serialize(g, format=fmt) or b""
    ser = getattr(g, "serialize", None)
    name = {"text/turtle": "turtle", "application/ld+json": "jsonld", "application/json": "jsonld",
            "application/n-triples": "nt"}[media]
    data = ser(name) if callable(ser) else str(g)
    return data.encode("utf-8") if isinstance(data, str) else data


# --- negotiation ---------------------------------------------------------------------
def _accept_list(accept: str) -> list[tuple[str, float]]:
    out = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        out.append((bits[0].lower(), q - i * 1e-6))
    return sorted(out, key=lambda x: -x[1])


def wants_html(request: Request) -> bool:
    """A browser (the console) rather than a SPARQL client."""
    for media, q in _accept_list(request.headers.get("accept", "")):
        if q <= 0:
            continue
        if media in ("text/html", "application/xhtml+xml"):
            return True
        if media in SELECT_TYPES or media in GRAPH_TYPES:
            return False
    return False


def choose_media(request: Request, fmt: str | None, kind: str) -> str:
    offered = GRAPH_TYPES if kind == "graph" else SELECT_TYPES
    if fmt:
        key = fmt.strip().lower()
        media = FORMATS.get(key, key if "/" in key else None)
        if media is None:
            raise BadQuery(f"Ukendt format »{fmt}«; brug json, csv, tsv, xml (SELECT/ASK) eller turtle, jsonld (CONSTRUCT/DESCRIBE).",
                           field="format")
        if media not in offered:
            what = "CONSTRUCT/DESCRIBE" if kind == "graph" else "SELECT/ASK"
            raise NotAcceptable(f"Formatet »{fmt}« passer ikke til en {what}-forespørgsel.")
        return media
    accept = _accept_list(request.headers.get("accept", "") or "*/*")
    for media, q in accept:
        if q <= 0:
            continue
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return offered[0]
    if not accept:
        return offered[0]
    raise NotAcceptable("Ingen af de ønskede formater (Accept) kan leveres; brug " + ", ".join(offered) + ".")


class NotAcceptable(AftalegrafError):
    pass


# --- running -------------------------------------------------------------------------
def execute(store, query: str) -> Result:
    """Check and run a query; raises BadQuery (400), UpdateRefused (403), Unavailable (503)."""
    if not query or not query.strip():
        raise BadQuery("Forespørgslen er tom.", field="query")
    if len(query) > MAX_QUERY_CHARS:
        raise BadQuery(f"Forespørgslen er for lang ({len(query)} tegn; højst {MAX_QUERY_CHARS}).", field="query")
    if is_update(query):
        raise UpdateRefused("SPARQL Update er ikke tilladt her: endepunktet besvarer kun forespørgsler "
                            "(SELECT, ASK, CONSTRUCT, DESCRIBE).")
    mod = require("aftalegraf.kg.sparql")
    timeout = float(store.settings.get("sparql_timeout", 10.0))
    limit = int(store.settings.get("sparql_row_limit", 10000))
    try:
        raw = mod.sparql(store, query, timeout=timeout)
    except TimeoutError as exc:
        raise BadQuery(f"Forespørgslen tog mere end {timeout:g} s og blev stoppet. Tilføj LIMIT eller "
                       f"gør mønstret mere specifikt.", field="query") from exc
    except SyntaxError as exc:
        raise BadQuery(f"Syntaksfejl: {exc}", field="query") from exc
    return normalise(raw, limit)


def exc_position(exc: Exception) -> tuple[int | None, int | None]:
    line, col = getattr(exc, "line", None), getattr(exc, "column", None)
    if line is None:
        line, col = error_position(str(exc))
    return line, col


def _error_extra(exc: Exception) -> dict:
    line, col = exc_position(exc)
    extra = {}
    if line:
        extra["line"] = line
    if col:
        extra["column"] = col
    return extra


def _protocol_error(request: Request, exc: Exception):
    if isinstance(exc, UpdateRefused):
        return error_response(request, 403, "update_refused", "Ikke tilladt", str(exc), "update")
    if isinstance(exc, NotAcceptable):
        return error_response(request, 406, "not_acceptable", "Formatet understøttes ikke", str(exc), "format")
    if isinstance(exc, Unavailable):
        return error_response(request, 503, "unavailable", "Ikke tilgængelig", str(exc))
    msg = str(exc)
    extra = _error_extra(exc)
    if extra.get("line"):
        msg = f"{msg} (linje {extra['line']}" + (f", kolonne {extra['column']}" if extra.get("column") else "") + ")"
    return error_response(request, 400, "bad_query", "Forespørgslen kan ikke besvares", msg,
                          getattr(exc, "field", None) or "query", extra)


def answer(request: Request, query: str, fmt: str | None):
    store = get_store(request)
    try:
        if fmt and fmt.strip().lower() not in FORMATS and "/" not in fmt:
            choose_media(request, fmt, "select")  # unknown format: 400 before running
        result = execute(store, query)
        media = choose_media(request, fmt, result.kind)
    except (AftalegrafError,) as exc:
        return _protocol_error(request, exc)
    headers = {"Access-Control-Allow-Origin": "*"}
    if result.truncated:
        limit = int(store.settings.get("sparql_row_limit", 10000))
        headers["X-Aftalegraf-Truncated"] = f"true; row limit {limit}"
        headers["Warning"] = f'199 aftalegraf "result truncated to {limit} rows (sparql_row_limit)"'
    if fmt:
        ext = {"text/csv": "csv", "text/tab-separated-values": "tsv", "application/sparql-results+xml": "srx",
               "text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt"}.get(media, "json")
        headers["Content-Disposition"] = f'attachment; filename="resultat.{ext}"'
    if result.kind == "graph":
        return Response(serialise_graph(result, media), media_type=media, headers=headers)
    if media in ("application/sparql-results+json", "application/json"):
        return Response(json.dumps(result.json(), ensure_ascii=False), media_type=media, headers=headers)
    return Response(serialise_table(result, media), media_type=media + "; charset=utf-8", headers=headers)


# --- console -------------------------------------------------------------------------
def project_prefixes() -> str:
    """The project's prefixes (kg.rdf.PREFIXES when the graph package is there)."""
    rdf = optional("aftalegraf.kg.rdf")
    fn = getattr(rdf, "sparql_prefixes", None) if rdf else None
    if callable(fn):
        try:
            return fn()
        except Exception:
            pass
    return PREFIXES


def example_queries() -> list[dict]:
    """The analysts' example queries shipped as aftalegraf.queries (docs/queries/*.rq)."""
    out = []
    try:
        folder = resources.files("aftalegraf.queries")
    except (ModuleNotFoundError, TypeError):
        # a source checkout where docs/queries is not (yet) an importable package
        from pathlib import Path

        folder = Path(__file__).resolve().parents[2] / "docs" / "queries"
    try:
        files = sorted((f for f in folder.iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)
    except (FileNotFoundError, NotADirectoryError):
        return out
    for f in files:
        text = f.read_text(encoding="utf-8")
        title = f.name[:-3].replace("-", " ").replace("_", " ")
        for line in text.splitlines():
            if line.startswith("#"):
                title = line.lstrip("# ").strip() or title
                break
        out.append({"name": f.name[:-3], "title": title, "query": text})
    return out


def console(request: Request, query: str | None, status_code: int = 200):
    store = get_store(request)
    ctx = {"query": query if query is not None else project_prefixes() + DEFAULT_QUERY[len(PREFIXES):], "examples": example_queries(),
           "result": None, "error": None, "ran": bool(query and query.strip()),
           "row_limit": store.settings.get("sparql_row_limit"), "timeout": store.settings.get("sparql_timeout")}
    if ctx["ran"]:
        try:
            ctx["result"] = execute(store, query)
        except UpdateRefused as exc:
            ctx["error"] = {"message": str(exc)}
            status_code = 403
        except Unavailable as exc:
            ctx["error"] = {"message": str(exc)}
            status_code = 503
        except AftalegrafError as exc:
            line, col = exc_position(exc)
            lines = query.splitlines()
            ctx["error"] = {"message": str(exc), "line": line, "column": col,
                            "source": lines[line - 1] if line and 0 < line <= len(lines) else None}
            status_code = 400
    return render(request, "sparql.html", status_code=status_code, **ctx)


_DOC = (
    "SPARQL 1.1 Protocol, kun forespørgsler (SELECT, ASK, CONSTRUCT, DESCRIBE). Formater efter `Accept` "
    "eller `format=` (json, csv, tsv, xml; turtle, jsonld for CONSTRUCT/DESCRIBE). En opdatering "
    "(`update=` eller INSERT/DELETE/...) afvises med 403; syntaksfejl giver 400 med `line`/`column`; "
    "tidsgrænse `sparql_timeout`, rækkeloft `sparql_row_limit` (afkortet svar har headeren "
    "`X-Aftalegraf-Truncated`). Uden `query` og med `Accept: text/html`: konsollen. "
    "*Query-only SPARQL endpoint; without a query a browser gets the HTML console.*"
)
_RESPONSES = {
    200: {"content": {"application/sparql-results+json": {"example": {
        "head": {"vars": ["aktoer"]}, "results": {"bindings": [
            {"aktoer": {"type": "literal", "value": "Regionsrådet"}}]}}},
        "text/csv": {"example": "aktoer\r\nRegionsrådet\r\n"}}},
    400: {"content": {"application/json": {"example": {
        "detail": "Syntaksfejl: error at 3:5: expected ... (linje 3, kolonne 5)", "error": "bad_query",
        "field": "query", "line": 3, "column": 5}}}},
    403: {"content": {"application/json": {"example": {
        "detail": "SPARQL Update er ikke tilladt her ...", "error": "update_refused", "field": "update"}}}},
}


@router.get("/sparql", summary="SPARQL-forespørgsel (GET) / SPARQL query", description=_DOC, responses=_RESPONSES)
def sparql_get(request: Request, query: str | None = None, format: str | None = None, update: str | None = None):
    if update is not None:
        return _protocol_error(request, UpdateRefused("SPARQL Update er ikke tilladt her (parameteren update)."))
    if query is None and not format:
        return console(request, None)
    if wants_html(request) and not format:
        return console(request, query)
    return answer(request, query or "", format)


@router.post(
    "/sparql", summary="SPARQL-forespørgsel (POST) / SPARQL query",
    description=_DOC + " POST: formular `query=` (application/x-www-form-urlencoded) eller "
                       "`application/sparql-query` som krop.",
    responses=_RESPONSES,
    openapi_extra={"requestBody": {"content": {
        "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
            "query": {"type": "string"}, "format": {"type": "string"}}}},
        "application/sparql-query": {"schema": {"type": "string"},
                                     "example": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"}}}},
)
async def sparql_post(request: Request):
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = request.query_params.get("format")
    if ctype == "application/sparql-update" or "update" in request.query_params:
        return _protocol_error(request, UpdateRefused("SPARQL Update er ikke tilladt her."))
    if ctype == "application/sparql-query":
        body = await request.body()
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError:
            return _protocol_error(request, BadQuery("Forespørgslen er ikke gyldig UTF-8.", field="query"))
    elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        if "update" in form:
            return _protocol_error(request, UpdateRefused("SPARQL Update er ikke tilladt her (parameteren update)."))
        query = str(form.get("query") or "")
        fmt = str(form.get("format") or "") or fmt
    else:
        return error_response(request, 415, "unsupported_media_type", "Indholdstypen understøttes ikke",
                              "Send forespørgslen som formular (query=) eller som application/sparql-query.",
                              "content-type")
    from starlette.concurrency import run_in_threadpool

    if wants_html(request) and not fmt:
        return await run_in_threadpool(console, request, query)
    return await run_in_threadpool(answer, request, query, fmt)
