"""The lexical guard in front of the SPARQL engine (hardening: a deeply nested query used to
kill the process with SIGSEGV; SERVICE made the server connect out)."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading

import pytest

from aftalegraf.errors import BadQuery
from aftalegraf.kg.sparql.guard import guard, scan

NESTED_PARENS = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
NESTED_GROUPS = "SELECT * WHERE { " + "{" * 5000 + "}" * 5000 + " }"


def test_depth_counts_brackets_outside_strings_iris_and_comments():
    q = 'SELECT * WHERE { ?s ?p "(((((" . ?s <http://x/(((> ?o } # ((((((\n'
    assert scan(q).depth == 1
    assert scan("SELECT * WHERE { { { ?s ?p ?o } } }").depth == 3
    assert scan('SELECT * WHERE { ?s ?p """a "(" b""" }').depth == 1


@pytest.mark.parametrize("query", [NESTED_PARENS, NESTED_GROUPS])
def test_deep_nesting_is_refused_before_the_engine(query):
    with pytest.raises(BadQuery, match="nested too deeply"):
        guard(query)


def test_ordinary_queries_pass():
    guard("SELECT ?o WHERE { ?o a ag:Obligation ; ag:modality ?m . FILTER(?m = ag:Obligatory && (1 < 2)) } LIMIT 5")


@pytest.mark.parametrize("query,target", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "http://127.0.0.1:9/sparql"),
    ("SELECT * WHERE { SERVICE SILENT <http://x.example/q> { ?s ?p ?o } }", "http://x.example/q"),
    ("SELECT * WHERE { BIND(<http://x/> AS ?e) SERVICE ?e { ?s ?p ?o } }", "?e"),
    ("select * where { service ex:q { ?s ?p ?o } }", "ex"),
])
def test_service_is_found_and_refused(query, target):
    assert scan(query).services[0].startswith(target)
    with pytest.raises(BadQuery, match="SERVICE"):
        guard(query)


def test_service_allowed_endpoint_passes_the_guard():
    guard("SELECT * WHERE { SERVICE <http://allowed.example/sparql> { ?s ?p ?o } }",
          service_allow=["http://allowed.example/sparql"])


def test_the_word_service_in_a_string_is_not_a_service_clause():
    guard('SELECT * WHERE { ?s ?p "SERVICE <http://x/>" }')


def test_cli_survives_a_deeply_nested_query(tmp_path):
    """Before the guard, `aftalegraf sparql` died with SIGSEGV (exit 139)."""
    for q in (NESTED_PARENS, NESTED_GROUPS):
        r = subprocess.run([sys.executable, "-m", "aftalegraf.cli", "sparql", "--store", str(tmp_path / "s"), q],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 2, (r.returncode, r.stderr[-500:])
        assert "nested too deeply" in r.stderr


def test_service_makes_no_outbound_connection(tmp_store):
    """A listening socket on loopback must see no connection from a SERVICE query."""
    from aftalegraf.kg.sparql import sparql

    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    srv.settimeout(1.0)
    port = srv.getsockname()[1]
    seen: list = []

    def accept():
        try:
            seen.append(srv.accept())
        except OSError:
            pass

    th = threading.Thread(target=accept)
    th.start()
    with pytest.raises(BadQuery, match="SERVICE"):
        sparql(tmp_store, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
    th.join()
    srv.close()
    assert not seen


def test_dataset_clauses_and_variables_named_like_keywords():
    assert scan("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }").dataset
    assert scan("SELECT * FROM NAMED <urn:g> WHERE { GRAPH ?g { ?s ?p ?o } }").dataset
    assert not scan("SELECT ?from WHERE { ?s ?p ?from FILTER(BOUND(?from)) }").dataset
    assert not scan('SELECT * WHERE { ?s ?p "FROM <urn:g>" }').dataset
    assert scan("SELECT ?service WHERE { ?service ?p ?o }").services == []
