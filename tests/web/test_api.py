"""The HTTP API against a store built once per session (tests/web/conftest.py)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LONG = "sundhedsaftale " * 1400  # 21,000 characters


def assert_4xx(r, field: str | None = None):
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    if r.headers.get("content-type", "").startswith("application/json"):
        body = r.json()
        assert body["detail"]
        if field:
            assert body["field"] == field, body


# --- health and documents -------------------------------------------------------------
def test_health(client, built_store):
    r = client.get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert set(body) >= {"status", "documents", "provisions", "triples"}
    assert body["documents"] == built_store.counts()["documents"] > 0
    assert body["provisions"] == built_store.counts()["provisions"] > 0
    assert isinstance(body["triples"], int)


def test_health_counts_triples(client):
    assert client.get("/api/health").json()["triples"] > 0


def test_documents(client, built_store):
    r = client.get("/api/documents")
    assert r.status_code == 200
    docs = r.json()["documents"]
    assert len(docs) == built_store.counts()["documents"]
    for d in docs:
        assert set(d) >= {"id", "title", "type", "region", "source", "provisions"}
        assert d["provisions"] > 0


# --- provisions ------------------------------------------------------------------------
def test_provision_shape(client, a_provision_id):
    r = client.get(f"/api/provisions/{a_provision_id}")
    assert r.status_code == 200, r.text
    p = r.json()
    for key in ("id", "text", "section", "path", "document", "obligations", "references", "referenced_by",
                "neighbours"):
        assert key in p
    assert p["id"] == a_provision_id
    assert p["text"]
    assert isinstance(p["path"], list)
    assert p["document"]["id"] == a_provision_id.split("/")[0]
    assert any(n["current"] and n["id"] == a_provision_id for n in p["neighbours"])


def test_provision_obligations_point_to_it(client, a_provision_id):
    p = client.get(f"/api/provisions/{a_provision_id}").json()
    assert p["obligations"], "the chosen provision has obligations"
    for ob in p["obligations"]:
        assert ob["provision_id"] == a_provision_id
        assert ob["modality"] in ("obligation", "recommendation", "permission", "prohibition")


@pytest.mark.parametrize("pid", ["nope", "nope/p1", "bek-0000-0/p999", "%3Cscript%3E", "a" * 600])
def test_unknown_provision(client, pid):
    r = client.get(f"/api/provisions/{pid}")
    assert r.status_code in (400, 404)
    assert r.json()["error"] in ("not_found", "bad_query")


# --- search ------------------------------------------------------------------------------
def test_search_shape(client):
    r = client.get("/api/search", params={"q": "Hvem skal indsende sundhedsaftalen?", "k": 5})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["query"] == "Hvem skal indsende sundhedsaftalen?"
    assert 0 < len(body["hits"]) <= 5
    for hit in body["hits"]:
        assert set(hit) >= {"id", "score", "text", "section", "path", "document", "obligations", "references"}
        assert set(hit["document"]) >= {"id", "title", "type", "region"}
    assert "facets" in body


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_search_modes(client, mode):
    r = client.get("/api/search", params={"q": "sundhedsaftale", "mode": mode})
    assert r.status_code == 200, r.text


def test_search_filter(client):
    r = client.get("/api/search", params={"q": "sundhedsaftale", "modality": "obligation"})
    assert r.status_code == 200


@pytest.mark.parametrize("params,field", [
    ({"q": ""}, "q"),
    ({}, "q"),
    ({"q": "   "}, "q"),
    ({"q": LONG}, "q"),
    ({"q": "x", "k": "0"}, "k"),
    ({"q": "x", "k": "1000"}, "k"),
    ({"q": "x", "k": "abc"}, "k"),
    ({"q": "x", "k": "-5"}, "k"),
    ({"q": "x", "mode": "magic"}, "mode"),
])
def test_search_bad_input(client, params, field):
    assert_4xx(client.get("/api/search", params=params), field)


# --- obligations and actors ---------------------------------------------------------------
def test_obligations(client):
    r = client.get("/api/obligations", params={"limit": 5})
    assert r.status_code == 200
    obs = r.json()["obligations"]
    assert 0 < len(obs) <= 5
    for ob in obs:
        assert set(ob) >= {"id", "actor", "modality", "action", "text", "provision_id", "section", "document"}


def test_obligations_filter(client):
    obs = client.get("/api/obligations", params={"modality": "obligation"}).json()["obligations"]
    assert all(o["modality"] == "obligation" for o in obs)
    r = client.get("/api/obligations", params={"actor": "regionsraad"})
    assert r.status_code == 200


@pytest.mark.parametrize("params,field", [
    ({"modality": "maybe"}, "modality"), ({"limit": "0"}, "limit"), ({"limit": "x"}, "limit"),
    ({"actor": "x" * 20000}, "actor"),
])
def test_obligations_bad_input(client, params, field):
    assert_4xx(client.get("/api/obligations", params=params), field)


def test_actors(client):
    actors = client.get("/api/actors").json()["actors"]
    assert any(a["key"] == "regionsraad" for a in actors)


# --- compare ----------------------------------------------------------------------------
def test_compare_answers(client):
    r = client.get("/api/compare", params={"regions": "hovedstaden,sjaelland"})
    assert r.status_code == 200, r.text
    assert isinstance(r.json(), dict)


def test_compare_unknown_region(client):
    assert_4xx(client.get("/api/compare", params={"regions": "atlantis"}), "regions")


# --- SPARQL -----------------------------------------------------------------------------
SELECT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 3"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"

@pytest.mark.parametrize("accept,ctype", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
])
def test_sparql_accept(client, accept, ctype):
    r = client.get("/sparql", params={"query": SELECT}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(ctype)


@pytest.mark.parametrize("fmt,ctype", [("json", "application/sparql-results+json"), ("csv", "text/csv"),
                                       ("tsv", "text/tab-separated-values"),
                                       ("xml", "application/sparql-results+xml")])
def test_sparql_format_param(client, fmt, ctype):
    r = client.get("/sparql", params={"query": SELECT, "format": fmt})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(ctype)
    if fmt == "json":
        body = r.json()
        assert body["head"]["vars"] == ["s", "p", "o"]
        assert len(body["results"]["bindings"]) == 3
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["s", "p", "o"] and len(rows) == 4
    if fmt == "tsv":
        assert r.text.splitlines()[0] == "?s\t?p\t?o"
    if fmt == "xml":
        assert "<sparql" in r.text and "<result>" in r.text


def test_sparql_post_form_and_body(client):
    r = client.post("/sparql", data={"query": SELECT}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 3
    r = client.post("/sparql", content=SELECT.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")


def test_sparql_ask_and_construct(client):
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert r.status_code == 200 and r.json()["boolean"] is True
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    r = client.get("/sparql", params={"query": CONSTRUCT, "format": "jsonld"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
    json.loads(r.text)


def test_sparql_row_cap(client, app):
    store = app.state.store
    old = store.settings["sparql_row_limit"]
    store.settings["sparql_row_limit"] = 2
    try:
        r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10", "format": "json"})
    finally:
        store.settings["sparql_row_limit"] = old
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == 2
    assert "X-Aftalegraf-Truncated" in r.headers


def test_sparql_syntax_error_has_line(client):
    r = client.get("/sparql", params={"query": "SELECT *\nWHERE {\n  ?s ?p \n"})
    assert r.status_code == 400
    body = r.json()
    assert body["field"] == "query"
    assert body["line"] >= 3
    assert "linje" in body["detail"].lower() or "line" in body["detail"].lower()


@pytest.mark.parametrize("query", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX ex: <urn:x#>\nDELETE WHERE { ?s ?p ?o }",
    "# comment\nDROP ALL",
    "LOAD <http://example.org/x>",
    "CLEAR DEFAULT",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_sparql_update_refused(client, query):
    r = client.get("/sparql", params={"query": query})
    assert r.status_code in (400, 403)
    r = client.post("/sparql", data={"query": query})
    assert r.status_code in (400, 403)
    r = client.post("/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code in (400, 403)


def test_sparql_update_param_and_type_refused(client):
    assert client.get("/sparql", params={"update": "DROP ALL"}).status_code == 403
    assert client.post("/sparql", data={"update": "DROP ALL"}).status_code == 403
    r = client.post("/sparql", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403


def test_sparql_unknown_format(client):
    assert_4xx(client.get("/sparql", params={"query": SELECT, "format": "pdf"}), "format")
    r = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    r = client.get("/sparql", params={"query": CONSTRUCT, "format": "csv"})
    assert r.status_code == 406


def test_sparql_bad_requests(client):
    assert_4xx(client.get("/sparql", params={"query": "", "format": "json"}))
    assert_4xx(client.post("/sparql", data={"query": "x" * 200_000, "format": "json"}))
    assert client.post("/sparql", content=b"\xff\xfe", headers={
        "Content-Type": "application/sparql-query"}).status_code == 400
    assert client.post("/sparql", content=b"SELECT", headers={"Content-Type": "text/plain"}).status_code == 415


def test_sparql_console_without_query(client):
    r = client.get("/sparql", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "PREFIX ag:" in r.text
    r = client.get("/sparql")
    assert r.status_code == 200 and "<textarea" in r.text


# --- robustness and documentation -----------------------------------------------------------
def test_openapi_documents_routes(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/health", "/api/search", "/api/documents", "/api/provisions/{id}", "/api/obligations",
                 "/api/compare", "/sparql"):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200


def test_unknown_api_route_is_json_404(client):
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.json()["error"] == "http"


def test_every_route_documented(app):
    """Each route of the app is named in README.md (the one place users look)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for route in app.routes:
        path = getattr(route, "path", "")
        if not path or path.startswith(("/openapi", "/docs")):
            continue
        plain = re.sub(r"\{(\w+)(:\w+)?\}", r"{\1}", path)
        if path not in text and plain not in text:
            missing.append(path)
    assert not missing, f"routes not documented in README.md: {missing}"


def test_settings_documented():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("sparql_timeout", "sparql_row_limit"):
        assert name in text


def test_plain_json_is_utf8_and_never_nan():
    from aftalegraf.web.views._common import PlainJSON

    body = PlainJSON({"score": float("nan"), "text": "Regionsrådet", "n": [1, 0.5]}).body
    assert body == '{"score":null,"text":"Regionsrådet","n":[1,0.5]}'.encode()
