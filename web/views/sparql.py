"""/sparql — the SPARQL 1.1 Protocol's query operation, and the analysts' HTML console.

Checking, running, limiting and serialising are ``aftalegraf.kg.sparql``'s; this view reads
the request (one query, in the URL or the body; the dataset parameters), negotiates the
result format (``Accept`` first, ``format=`` as a fallback that takes SPARQLWrapper's
values), and words errors in Danish with the engine's own text kept. HEAD, OPTIONS, ``Vary:
Accept`` and CORS (only for the origins in the setting ``cors_allow_origins``) follow the
protocol and HTTP.
"""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from aftalegraf.errors import AftalegrafError, BadQuery, Busy, QueryRefused, QueryTimeout
from aftalegraf.kg import rdf
from aftalegraf.kg.sparql import QueryResult, media_for, scan, sparql
from aftalegraf.kg.sparql.results import GRAPH_MEDIA, SELECT_MEDIA, resolve_media

from ..errors import error_response
from ..templating import render
from ._common import get_store

router = APIRouter(tags=["sparql"])

MAX_BODY_BYTES = 512 * 1024       # a query is at most 100,000 characters (kg.sparql.guard)
ALLOW = "GET, HEAD, POST, OPTIONS"
DEFAULT_QUERY = """
SELECT ?aktoer ?handling ?bestemmelse WHERE {
  ?f a ag:Obligation ;
     ag:bearer ?a ;
     ag:action ?handling ;
     ag:statedIn ?bestemmelse .
  ?a rdfs:label ?aktoer .
}
LIMIT 20
"""
_EXT = {"text/csv": "csv", "text/tab-separated-values": "tsv", "application/sparql-results+xml": "srx",
        "text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt",
        "application/rdf+xml": "rdf", "application/sparql-results+json": "json"}
# Danish wording of the refusals kg.sparql names by code
_REFUSED_DA = {
    "update": "SPARQL Update er ikke tilladt her: endepunktet besvarer kun forespørgsler (SELECT, ASK, CONSTRUCT, DESCRIBE).",
    "empty": "Forespørgslen er tom.",
    "too_long": "Forespørgslen er for lang.",
    "too_deep": "Forespørgslen er indlejret for dybt (for mange parenteser eller klammer inden i hinanden).",
    "service": "SERVICE (forespørgsler til andre endepunkter) er slået fra på denne server.",
    "not_a_query": "Det er ikke en SPARQL-forespørgsel: den skal være SELECT, ASK, CONSTRUCT eller DESCRIBE.",
}


class NotAcceptable(AftalegrafError):
    pass


class Ambiguous(BadQuery):
    pass


# --- the request -------------------------------------------------------------------------
def _one(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise Ambiguous(f"Parameteren {name} er givet {len(values)} gange; giv den én gang.", field=name)
    return values[0] if values else None


def _first(values: list[str]) -> str | None:
    """``format=`` may come more than once (SPARQLWrapper sends its own name and a media
    type); it is only a fallback after Accept, so the first one counts."""
    return values[0] if values else None


def _dataset(params) -> tuple[list[str] | None, list[str] | None]:
    dg = params.getlist("default-graph-uri") if hasattr(params, "getlist") else []
    ng = params.getlist("named-graph-uri") if hasattr(params, "getlist") else []
    for g in dg + ng:
        if not g.startswith(("http://", "https://", "urn:")):
            raise BadQuery(f"Ugyldig graf-IRI »{g}« i default-graph-uri/named-graph-uri.", field="default-graph-uri")
    return (dg or None), (ng or None)


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
        if resolve_media(media, "select") or resolve_media(media, "graph"):
            return False
    return False


def choose_media(request: Request, fmt: str | None, kind: str) -> str:
    """Accept first; ``format=`` when Accept names nothing concrete we write."""
    offered = GRAPH_MEDIA if kind == "graph" else SELECT_MEDIA
    accept = [(m, q) for m, q in _accept_list(request.headers.get("accept", "")) if q > 0]
    for media, _ in accept:
        got = resolve_media(media, kind)
        if got:
            return got
    if fmt:
        got = media_for(fmt, kind)
        if got is None:
            what = "CONSTRUCT/DESCRIBE" if kind == "graph" else "SELECT/ASK"
            raise NotAcceptable(f"Formatet »{fmt}« passer ikke til en {what}-forespørgsel.")
        return got
    concrete = [m for m, _ in accept if m not in ("*/*", "application/*", "text/*", "text/html",
                                                   "application/xhtml+xml")]
    if concrete and not any(m in ("*/*", "application/*", "text/*") for m, _ in accept):
        raise NotAcceptable("Ingen af de ønskede formater (Accept) kan leveres; brug " + ", ".join(offered) + ".")
    return offered[0]


def cors_headers(request: Request) -> dict:
    origin = request.headers.get("origin")
    allowed = [o.strip() for o in str(get_store(request).settings.get("cors_allow_origins") or "").split(",") if o.strip()]
    if not origin or not allowed:
        return {}
    if "*" in allowed:
        return {"Access-Control-Allow-Origin": "*"}
    return {"Access-Control-Allow-Origin": origin, "Vary": "Accept, Origin"} if origin in allowed else {}


# --- running -----------------------------------------------------------------------------
def execute(store, query: str, default_graph=None, named_graphs=None) -> QueryResult:
    return sparql(store, query, untrusted=True, default_graph=default_graph, named_graphs=named_graphs)


def danish(exc: Exception) -> str:
    if isinstance(exc, QueryRefused):
        return _REFUSED_DA.get(exc.code, str(exc))
    if isinstance(exc, QueryTimeout):
        return (f"Forespørgslen tog mere end {exc.seconds:g} sekunder og blev stoppet. Tilføj LIMIT eller gør "
                f"mønstret mere specifikt.")
    if isinstance(exc, Busy):
        return "Alle SPARQL-arbejdere er optaget lige nu. Prøv igen om lidt."
    engine = getattr(exc, "engine_message", None)
    if engine:
        return f"Syntaksfejl i forespørgslen. Motorens besked: {engine}"
    return str(exc)


def _protocol_error(request: Request, exc: Exception):
    headers = cors_headers(request)
    if isinstance(exc, QueryRefused) and exc.code == "update":
        return error_response(request, 403, "update_refused", "Ikke tilladt", danish(exc), "update", headers=headers)
    if isinstance(exc, NotAcceptable):
        return error_response(request, 406, "not_acceptable", "Formatet understøttes ikke", str(exc), "format",
                              headers=headers)
    if isinstance(exc, _TooLarge):
        return error_response(request, 413, "too_large", "For stor forespørgsel", str(exc), "query", headers=headers)
    if isinstance(exc, Busy):
        return error_response(request, 503, "busy", "Optaget", danish(exc), headers={**headers, "Retry-After": "2"})
    extra = {k: getattr(exc, k) for k in ("line", "column") if getattr(exc, k, None)}
    if isinstance(exc, QueryRefused):
        extra["reason"] = exc.code
    msg = danish(exc)
    if extra.get("line"):
        msg += f" (linje {extra['line']}" + (f", kolonne {extra['column']}" if extra.get("column") else "") + ")"
    if getattr(exc, "engine_message", None):
        extra["engine"] = exc.engine_message
    return error_response(request, 400, "bad_query", "Forespørgslen kan ikke besvares", msg,
                          getattr(exc, "field", None) or "query", extra, headers=headers)


def answer(request: Request, query: str, fmt: str | None, default_graph=None, named_graphs=None, head: bool = False):
    store = get_store(request)
    try:
        kind = {"ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}.get(scan(query or "").keyword, "select")
        media = choose_media(request, fmt, kind)        # 406 before running anything
        result = execute(store, query, default_graph, named_graphs)
    except AftalegrafError as exc:
        return _protocol_error(request, exc)
    headers = {"Vary": "Accept", **cors_headers(request)}
    if result.truncated:
        headers["X-Aftalegraf-Truncated"] = f"true; row limit {result.limit}"
        headers["Warning"] = f'199 aftalegraf "result truncated to {result.limit} rows (sparql_row_limit)"'
    if fmt:
        headers["Content-Disposition"] = f'attachment; filename="resultat.{_EXT.get(media, "txt")}"'
    body = b"" if head else result.to_bytes(media)
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Response(body, media_type=media + charset, headers=headers)


# --- console -------------------------------------------------------------------------------
def example_queries() -> list[dict]:
    """The analysts' example queries shipped as aftalegraf.queries (docs/queries/*.rq)."""
    out = []
    try:
        folder = resources.files("aftalegraf.queries")
    except (ModuleNotFoundError, TypeError):
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
    ctx = {"query": query if query is not None else rdf.sparql_prefixes() + DEFAULT_QUERY,
           "examples": example_queries(), "result": None, "error": None, "ran": bool(query and query.strip()),
           "row_limit": store.settings.get("sparql_row_limit"), "timeout": store.settings.get("sparql_timeout")}
    if ctx["ran"]:
        try:
            ctx["result"] = execute(store, query)
        except AftalegrafError as exc:
            line, col = getattr(exc, "line", None), getattr(exc, "column", None)
            lines = query.splitlines()
            engine = getattr(exc, "engine_message", None)
            ctx["error"] = {"message": "Syntaksfejl i forespørgslen." if engine else danish(exc), "engine": engine,
                            "line": line, "column": col,
                            "source": lines[line - 1] if line and 0 < line <= len(lines) else None}
            status_code = (403 if isinstance(exc, QueryRefused) and exc.code == "update"
                           else 503 if isinstance(exc, Busy) else 400)
    return render(request, "sparql.html", status_code=status_code, **ctx)


# --- routes --------------------------------------------------------------------------------
_DOC = (
    "SPARQL 1.1 Protocol, kun forespørgsler (SELECT, ASK, CONSTRUCT, DESCRIBE). Resultatformat efter `Accept` "
    "(SPARQL JSON/XML, CSV, TSV; Turtle, N-Triples, JSON-LD, RDF/XML for CONSTRUCT/DESCRIBE); `format=` bruges "
    "kun når `Accept` ikke nævner et af dem (json, xml, csv, tsv, turtle, n3, nt, json-ld, rdf+xml). Datasæt: "
    "`FROM`/`FROM NAMED` i forespørgslen eller `default-graph-uri`/`named-graph-uri`; ellers er standardgrafen "
    "foreningen af alle grafer. En opdatering afvises med 403, `query` givet to gange med 400. Afkortede "
    "resultater (`sparql_row_limit`) har `head.link` / `<link>` og headeren `X-Aftalegraf-Truncated`. "
    "*Query-only SPARQL endpoint; without a query a browser gets the HTML console.*"
)


@router.get("/sparql", summary="SPARQL-forespørgsel (GET) / SPARQL query", description=_DOC)
async def sparql_get(request: Request):
    params = request.query_params
    try:
        if "update" in params:
            raise QueryRefused("SPARQL Update er ikke tilladt her (parameteren update).", "update", "update")
        query = _one(params.getlist("query"), "query")
        fmt = _first(params.getlist("format"))
        dg, ng = _dataset(params)
    except AftalegrafError as exc:
        return _protocol_error(request, exc)
    if query is None and not fmt or (wants_html(request) and not fmt):
        return await run_in_threadpool(console, request, query)
    return await run_in_threadpool(answer, request, query or "", fmt, dg, ng, request.method == "HEAD")


@router.head("/sparql", include_in_schema=False)
async def sparql_head(request: Request):
    return await sparql_get(request)


@router.options("/sparql", summary="CORS og tilladte metoder / CORS preflight and allowed methods")
def sparql_options(request: Request):
    headers = {"Allow": ALLOW, **cors_headers(request)}
    if "Access-Control-Allow-Origin" in headers:
        headers.update({"Access-Control-Allow-Methods": ALLOW, "Access-Control-Max-Age": "600",
                        "Access-Control-Allow-Headers": "Accept, Content-Type"})
    return Response(status_code=204, headers=headers)


@router.post("/sparql", summary="SPARQL-forespørgsel (POST) / SPARQL query",
             description=_DOC + " POST: formular (`application/x-www-form-urlencoded`) eller "
                                "`application/sparql-query` som krop (datasæt-parametrene da i URL'en).",
             openapi_extra={"requestBody": {"content": {
                 "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                     "query": {"type": "string"}, "format": {"type": "string"}}}},
                 "application/sparql-query": {"schema": {"type": "string"},
                                              "example": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"}}}})
async def sparql_post(request: Request):
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        length = int(request.headers.get("content-length") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        return error_response(request, 413, "too_large", "For stor forespørgsel",
                              f"Forespørgslen er for stor ({length} byte; højst {MAX_BODY_BYTES}).", "query")
    try:
        if ctype == "application/sparql-update" or "update" in request.query_params:
            raise QueryRefused("SPARQL Update er ikke tilladt her.", "update", "update")
        body = await _read_capped(request)
        if ctype == "application/sparql-query":
            try:
                query = body.decode("utf-8")
            except UnicodeDecodeError:
                raise BadQuery("Forespørgslen er ikke gyldig UTF-8.", field="query") from None
            if "query" in request.query_params:
                raise Ambiguous("Forespørgslen er givet både i URL'en og i kroppen; giv den ét sted.", field="query")
            params = request.query_params
        elif ctype == "application/x-www-form-urlencoded":
            from urllib.parse import parse_qsl

            from starlette.datastructures import QueryParams

            params = QueryParams(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
            if "update" in params:
                raise QueryRefused("SPARQL Update er ikke tilladt her (parameteren update).", "update", "update")
            if "query" in request.query_params:
                raise Ambiguous("Forespørgslen er givet både i URL'en og i kroppen; giv den ét sted.", field="query")
            query = _one(params.getlist("query"), "query") or ""
        else:
            return error_response(request, 415, "unsupported_media_type", "Indholdstypen understøttes ikke",
                                  "Send forespørgslen som formular (query=) eller som application/sparql-query.",
                                  "content-type")
        fmt = _first(params.getlist("format") + request.query_params.getlist("format"))
        dg, ng = _dataset(params)
    except AftalegrafError as exc:
        return _protocol_error(request, exc)
    if wants_html(request) and not fmt:
        return await run_in_threadpool(console, request, query)
    return await run_in_threadpool(answer, request, query, fmt, dg, ng)


class _TooLarge(BadQuery):
    pass


async def _read_capped(request: Request) -> bytes:
    """The body, read in chunks and refused past MAX_BODY_BYTES (a missing or false
    Content-Length does not let a client make the server hold more)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _TooLarge(f"Forespørgslen er for stor (over {MAX_BODY_BYTES} byte).", field="query")
        chunks.append(chunk)
    return b"".join(chunks)
