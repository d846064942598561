"""The SPARQL 1.1 Protocol's query operation against a real server (uvicorn on loopback)
with real clients: SPARQLWrapper in every return format over GET and POST, rdflib's
SPARQLStore, and the W3C protocol test cases for the query operation written as tests
(https://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/). Then what hardening
asked: FROM and the dataset parameters honoured, ambiguous requests refused, HEAD/OPTIONS/
CORS/Vary, truncation visible in the result, and a runaway query killed with its worker."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

SELECT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 3"
ASK = "ASK { ?s a <https://w3id.org/aftalegraf/ontologi#Document> }"
CONSTRUCT = "CONSTRUCT { ?d a ?t } WHERE { ?d a ?t } LIMIT 5"
DESCRIBE = "DESCRIBE ?d WHERE { ?d a <https://w3id.org/aftalegraf/ontologi#Document> } LIMIT 1"
REF_GRAPH = "https://w3id.org/aftalegraf/graf/reference"


def _req(url: str, method: str = "GET", data: bytes | None = None, headers: dict | None = None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def _get(base: str, params: list[tuple[str, str]], accept: str | None = None):
    return _req(f"{base}/sparql?{urllib.parse.urlencode(params)}", headers={"Accept": accept} if accept else {})


# --- real clients ------------------------------------------------------------------------------

def _sparqlwrapper(base: str, method: str, query: str, fmt: str):
    """SPARQLWrapper's converted answer for one query, method and return format."""
    sw = pytest.importorskip("SPARQLWrapper")
    w = sw.SPARQLWrapper(base + "/sparql")
    w.setMethod(method)
    w.setQuery(query)
    w.setReturnFormat(fmt)
    return w.query().convert()


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_sparqlwrapper_select_every_format(live_server, method, fmt):
    out = _sparqlwrapper(live_server, method, SELECT, fmt)
    if fmt == "json":
        assert len(out["results"]["bindings"]) == 3
    elif fmt == "xml":
        assert len(out.getElementsByTagName("result")) == 3
    else:
        text = out.decode("utf-8") if isinstance(out, bytes) else out
        assert len(text.strip().splitlines()) == 4


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_sparqlwrapper_ask(live_server, method, fmt):
    out = _sparqlwrapper(live_server, method, ASK, fmt)
    value = out["boolean"] if fmt == "json" else out.getElementsByTagName("boolean")[0].firstChild.data == "true"
    assert value is True


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", ["xml", "rdf+xml", "turtle", "n3", "json-ld"])
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE])
def test_sparqlwrapper_graph_every_format(live_server, method, fmt, query):
    import rdflib

    out = _sparqlwrapper(live_server, method, query, fmt)
    if isinstance(out, bytes):
        out = rdflib.Graph().parse(data=out, format="turtle")
    assert isinstance(out, rdflib.Graph) and len(out) >= 1


def test_rdflib_sparqlstore_select_ask_construct(live_server):
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    for method in ("GET", "POST"):
        st = SPARQLStore(query_endpoint=live_server + "/sparql", method=method)
        g = rdflib.Graph(store=st)
        rows = list(g.query(SELECT))
        assert len(rows) == 3 and all(len(r) == 3 for r in rows)
        assert g.query(ASK).askAnswer is True
        con = g.query(CONSTRUCT)
        assert len(con.graph) >= 1
        st.close()


# --- the W3C protocol test cases for the query operation ------------------------------------------

def test_w3c_query_get_post_form_post_direct(live_server):
    q = "ASK { ?s ?p ?o }"
    assert _get(live_server, [("query", q)], "application/sparql-results+json")[0] == 200
    body = urllib.parse.urlencode({"query": q}).encode()
    assert _req(live_server + "/sparql", "POST", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                        "Accept": "application/sparql-results+xml"})[0] == 200
    assert _req(live_server + "/sparql", "POST", q.encode(), {"Content-Type": "application/sparql-query",
                                                              "Accept": "application/sparql-results+json"})[0] == 200


def test_w3c_query_content_type_per_form(live_server):
    for q, accept, ctype in [("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "application/sparql-results+xml, application/rdf+xml",
                              "application/sparql-results+xml"),
                             ("ASK { ?s ?p ?o }", "application/sparql-results+json, text/turtle",
                              "application/sparql-results+json"),
                             (DESCRIBE, "application/sparql-results+xml, application/rdf+xml", "application/rdf+xml"),
                             (CONSTRUCT, "application/sparql-results+json, text/turtle", "text/turtle")]:
        status, headers, _ = _get(live_server, [("query", q)], accept)
        assert status == 200 and headers["content-type"].startswith(ctype), (q, headers["content-type"])


def _count(base: str, params: list[tuple[str, str]]) -> int:
    status, _, body = _get(base, params, "application/sparql-results+json")
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_w3c_dataset_default_and_named_graphs(live_server):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    union = _count(live_server, [("query", count)])
    ref = _count(live_server, [("query", count), ("default-graph-uri", REF_GRAPH)])
    assert 0 < ref < union
    # two default graphs merge
    docs = json.loads(_get(live_server, [("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")],
                           "application/sparql-results+json")[2])["results"]["bindings"]
    other = next(b["g"]["value"] for b in docs if b["g"]["value"] != REF_GRAPH)
    both = _count(live_server, [("query", count), ("default-graph-uri", REF_GRAPH), ("default-graph-uri", other)])
    assert both > ref
    # named graphs: only those are visible to GRAPH
    named = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(live_server, [("query", named), ("named-graph-uri", REF_GRAPH)]) == 1
    # the form-encoded POST takes them in the body
    body = urllib.parse.urlencode([("query", count), ("default-graph-uri", REF_GRAPH)]).encode()
    status, _, out = _req(live_server + "/sparql", "POST", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    assert status == 200 and int(json.loads(out)["results"]["bindings"][0]["n"]["value"]) == ref


def test_from_in_the_query_is_honoured(live_server):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    ref = _count(live_server, [("query", count), ("default-graph-uri", REF_GRAPH)])
    from_q = f"SELECT (COUNT(*) AS ?n) FROM <{REF_GRAPH}> WHERE {{ ?s ?p ?o }}"
    assert _count(live_server, [("query", from_q)]) == ref
    # the protocol's dataset overrides the query's (SPARQL 1.1 Protocol, 2.1.4)
    docs_graph = "https://w3id.org/aftalegraf/graf/tidslinje"
    assert _count(live_server, [("query", from_q), ("default-graph-uri", docs_graph)]) != ref


@pytest.mark.parametrize("case", ["multiple-queries", "url-and-body", "wrong-media-type", "missing-type",
                                  "non-utf8", "syntax", "update-get", "update-post", "method-put"])
def test_w3c_bad_requests(live_server, case):
    url = live_server + "/sparql"
    q = "ASK { ?s ?p ?o }"
    if case == "multiple-queries":
        status = _get(live_server, [("query", q), ("query", q)])[0]
    elif case == "url-and-body":
        status = _req(url + "?" + urllib.parse.urlencode({"query": q}), "POST", q.encode(),
                      {"Content-Type": "application/sparql-query"})[0]
    elif case == "wrong-media-type":
        status = _req(url, "POST", q.encode(), {"Content-Type": "text/plain"})[0]
    elif case == "missing-type":
        status = _req(url, "POST", urllib.parse.urlencode({"query": q}).encode(), {"Content-Type": ""})[0]
    elif case == "non-utf8":
        status = _req(url, "POST", "ASK { ?s ?p \"æ\" }".encode("latin-1"), {"Content-Type": "application/sparql-query"})[0]
    elif case == "syntax":
        status = _get(live_server, [("query", "SELECT * WHERE { ?s ?p }")])[0]
    elif case == "update-get":
        status = _get(live_server, [("update", "CLEAR ALL")])[0]
    elif case == "update-post":
        status = _req(url, "POST", b"CLEAR ALL", {"Content-Type": "application/sparql-update"})[0]
    else:
        status = _req(url, "PUT", q.encode(), {"Content-Type": "application/sparql-query"})[0]
    assert 400 <= status < 500, (case, status)


# --- HTTP details ---------------------------------------------------------------------------

def test_format_param_is_a_fallback_after_accept(live_server):
    status, headers, _ = _get(live_server, [("query", SELECT), ("format", "n3")], "application/sparql-results+json")
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    status, headers, _ = _get(live_server, [("query", SELECT), ("format", "csv")], "*/*")
    assert status == 200 and headers["content-type"].startswith("text/csv")


def test_head_options_vary_and_cors(live_server, app):
    status, headers, body = _req(live_server + "/sparql?" + urllib.parse.urlencode({"query": SELECT}), "HEAD",
                                 headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and body == b"" and "Accept" in headers.get("vary", "")
    status, headers, _ = _req(live_server + "/sparql", "OPTIONS")
    assert status == 204 and "POST" in headers["allow"]
    status, headers, _ = _get(live_server, [("query", SELECT)], "application/sparql-results+json")
    assert "access-control-allow-origin" not in {k.lower() for k in headers}
    settings = app.state.store.settings
    settings["cors_allow_origins"] = "https://analyse.example"
    try:
        status, headers, _ = _req(live_server + "/sparql?" + urllib.parse.urlencode({"query": SELECT}),
                                  headers={"Origin": "https://analyse.example", "Accept": "text/csv"})
        assert headers.get("access-control-allow-origin") == "https://analyse.example"
        status, headers, _ = _req(live_server + "/sparql", "OPTIONS", headers={
            "Origin": "https://analyse.example", "Access-Control-Request-Method": "POST"})
        assert status == 204 and "POST" in headers["access-control-allow-methods"]
        status, headers, _ = _req(live_server + "/sparql?" + urllib.parse.urlencode({"query": SELECT}),
                                  headers={"Origin": "https://evil.example", "Accept": "text/csv"})
        assert "access-control-allow-origin" not in {k.lower() for k in headers}
    finally:
        settings["cors_allow_origins"] = ""


def test_truncation_is_in_the_result_itself(live_server, app):
    settings = app.state.store.settings
    old = settings["sparql_row_limit"]
    settings["sparql_row_limit"] = 2
    try:
        status, headers, body = _get(live_server, [("query", SELECT)], "application/sparql-results+json")
        data = json.loads(body)
        assert len(data["results"]["bindings"]) == 2
        assert any("truncated" in link for link in data["head"]["link"])
        status, headers, body = _get(live_server, [("query", SELECT)], "application/sparql-results+xml")
        assert b"<link href=" in body and b"truncated" in body
    finally:
        settings["sparql_row_limit"] = old


def test_an_oversized_body_is_refused_before_it_is_read(live_server):
    """Only the headers are sent: the answer comes without the server waiting for the body."""
    import socket

    host, port = live_server.rsplit("//", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 400000000\r\n\r\n")
        head = sock.recv(200)
    assert head.startswith(b"HTTP/1.1 413")


# --- a runaway query ----------------------------------------------------------------------------

CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def test_a_runaway_query_is_killed_and_the_server_keeps_answering(live_server, app):
    from aftalegraf.kg.sparql.sandbox import sandbox_for

    settings = app.state.store.settings
    old = settings["sparql_timeout"], settings["sparql_row_limit"]
    settings["sparql_timeout"], settings["sparql_row_limit"] = 2.0, 10_000_000
    rss0 = _rss_mb()
    try:
        heavy: list = []
        th = threading.Thread(target=lambda: heavy.append(_get(live_server, [("query", CROSS)],
                                                               "application/sparql-results+json")))
        t0 = time.monotonic()
        th.start()
        time.sleep(0.5)
        h0 = time.monotonic()
        status, _, _ = _req(live_server + "/api/health")
        assert status == 200 and time.monotonic() - h0 < 0.5      # health answers while it runs
        th.join(30)
        status, _, body = heavy[0]
        assert status == 400 and "sekunder" in json.loads(body)["detail"]
        assert time.monotonic() - t0 < 10
        pool = sandbox_for(int(settings.get("sparql_workers", 2)), int(settings.get("sparql_worker_memory_mb", 1024)))
        assert pool._free.qsize() == pool.size                   # the slot came back
        time.sleep(1)
        assert _rss_mb() - rss0 < 400                             # the server itself never grew
        assert _get(live_server, [("query", "ASK { ?s ?p ?o }")], "application/sparql-results+json")[0] == 200
    finally:
        settings["sparql_timeout"], settings["sparql_row_limit"] = old
