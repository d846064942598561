"""Hostile SPARQL over HTTP: the server answers 4xx and stays up (it used to die with SIGSEGV
on a deeply nested query, and to connect out for SERVICE)."""

from __future__ import annotations

NESTED = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"


def test_nested_query_is_a_400_and_the_server_stays_up(client):
    r = client.get("/sparql", params={"query": NESTED}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 400
    assert r.json()["reason"] == "too_deep" and "for dybt" in r.json()["detail"]
    assert client.get("/api/health").status_code == 200


def test_service_is_refused_over_http(client):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = client.post("/sparql", content=q, headers={"Content-Type": "application/sparql-query",
                                                   "Accept": "application/sparql-results+json"})
    assert r.status_code == 400
    assert r.json()["reason"] == "service" and "SERVICE" in r.json()["detail"]
