"""The graph pushed to a real SPARQL 1.1 server (Oxigraph server, the `oxigraph` binary from
PyPI) that also holds another application's data: the stage writes its own named graphs,
drops only graphs it wrote itself — never DROP ALL — and reports the server's own words when
a write is refused. Skipped where the binary is absent."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from engines import start_oxigraph
from kg_docs import make_doc
from test_graph import BEK, VEJ, put

from aftalegraf.errors import ConfigError
from aftalegraf.kg import rdf
from aftalegraf.kg.sparql import RemoteSparql
from aftalegraf.kg.stage import GraphStage
from aftalegraf.store import Store

OTHER_APP = "http://example.org/another-application/graph"
LOOKALIKE = rdf.BASE + "dokument/written-by-someone-else"


@pytest.fixture
def server(tmp_path):
    """A fresh Oxigraph server per test (tests/engines.py), its base URL."""
    engine = start_oxigraph(tmp_path / "oxi")
    yield engine.base
    engine.process.terminate()
    engine.process.wait(10)


def graphs(base: str) -> set[str]:
    q = urllib.parse.quote("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    req = urllib.request.Request(base + "/query?query=" + q, headers={"Accept": "application/sparql-results+json"})
    rows = json.loads(urllib.request.urlopen(req, timeout=10).read())["results"]["bindings"]
    return {r["g"]["value"] for r in rows}


def test_the_stage_drops_only_its_own_graphs(tmp_path, server):
    remote = RemoteSparql(server + "/query", server + "/update")
    remote.update(f'INSERT DATA {{ GRAPH <{OTHER_APP}> {{ <urn:s> <urn:p> "theirs" }} '
                  f'GRAPH <{LOOKALIKE}> {{ <urn:s> <urn:p> "also theirs" }} }}')
    store = Store(tmp_path / "store")
    store.settings.update(sparql_endpoint=server + "/query", sparql_update_endpoint=server + "/update")
    put(store, BEK, "/src/bek.txt")
    put(store, VEJ, "/src/vej.txt")
    stage = GraphStage(store)
    stage.rebuild()
    ours = {rdf.document_iri(BEK.id), rdf.document_iri(VEJ.id), rdf.REFERENCE_GRAPH}
    assert ours | {OTHER_APP, LOOKALIKE} <= graphs(server)

    # a rebuild replaces what it wrote and leaves the rest of the server alone
    stage.rebuild()
    assert ours | {OTHER_APP, LOOKALIKE} <= graphs(server)

    # a removed document's graph goes; nothing else does
    stage.update([], [VEJ.id])
    now = graphs(server)
    assert rdf.document_iri(VEJ.id) not in now
    assert {rdf.document_iri(BEK.id), OTHER_APP, LOOKALIKE} <= now
    # the text is there, queryable on the server
    res = remote.query(f"ASK {{ GRAPH <{rdf.document_iri(BEK.id)}> {{ ?p ag:text ?t FILTER(CONTAINS(?t, 'Sundhedsstyrelsen')) }} }}")
    assert res.boolean
    stage.close()
    rdf.close_graph(store.graph_path)
    store.close()


def test_a_refused_write_says_the_servers_words(server):
    remote = RemoteSparql(server + "/query", server + "/update")
    with pytest.raises(ConfigError) as info:
        remote.update("INSERT DATA { <urn:a> <urn:b> }")       # not SPARQL
    message = str(info.value)
    assert "answered 400" in message and len(message) > len("remote SPARQL update endpoint answered 400: ")


def test_a_later_document_is_pushed_without_touching_others(tmp_path, server):
    store = Store(tmp_path / "store")
    store.settings.update(sparql_endpoint=server + "/query", sparql_update_endpoint=server + "/update")
    RemoteSparql(server + "/query", server + "/update").update(
        f'INSERT DATA {{ GRAPH <{OTHER_APP}> {{ <urn:s> <urn:p> "theirs" }} }}')
    stage = GraphStage(store)
    stage.update(put(store, BEK, "/src/bek.txt"), [])
    extra = make_doc("sa-2024-remote", "sundhedsaftale", [("s1", "section", "1", "1 Mål", None),
                                                          ("s1/p1", "paragraph", "", "Regionsrådet skal følge op.", "s1")])
    stage.update(put(store, extra, "/src/sa.txt"), [])
    assert {rdf.document_iri(BEK.id), rdf.document_iri(extra.id), OTHER_APP} <= graphs(server)
    stage.close()
    rdf.close_graph(store.graph_path)
    store.close()


@pytest.mark.parametrize("method", ["post", "form", "get"])
def test_queries_reach_the_server_by_each_method(server, method):
    """Direct POST, form-encoded POST (what Virtuoso answers) and GET give the same answer."""
    remote = RemoteSparql.from_settings({"sparql_endpoint": server + "/query", "sparql_update_endpoint": server + "/update",
                                         "sparql_query_method": method})
    remote.update(f'INSERT DATA {{ GRAPH <{OTHER_APP}> {{ <urn:s> <urn:p> "value" }} }}')
    res = remote.query(f'SELECT ?o WHERE {{ GRAPH <{OTHER_APP}> {{ <urn:s> <urn:p> ?o }} }}')
    assert [b["o"]["value"] for b in res.bindings] == ["value"]
    # Oxigraph server's default graph is its own, not the union (unless --union-default-graph)
    assert remote.query("ASK { GRAPH ?g { ?s ?p ?o } }", form="ASK").boolean


def test_graph_store_protocol_writes_and_deletes_one_graph(tmp_path, server):
    """With a Graph Store Protocol endpoint each document's graph is one PUT and one DELETE."""
    store = Store(tmp_path / "store")
    store.settings.update(sparql_endpoint=server + "/query", sparql_graph_store_endpoint=server + "/store")
    remote = RemoteSparql.from_settings(store.settings)
    remote.replace_graph(OTHER_APP, '<urn:s> <urn:p> "theirs" .\n')
    stage = GraphStage(store)
    stage.update(put(store, BEK, "/src/bek.txt"), [])
    stage.update(put(store, VEJ, "/src/vej.txt"), [])
    assert {rdf.document_iri(BEK.id), rdf.document_iri(VEJ.id), OTHER_APP} <= graphs(server)
    stage.update([], [BEK.id])
    now = graphs(server)
    assert rdf.document_iri(BEK.id) not in now and {rdf.document_iri(VEJ.id), OTHER_APP} <= now
    stage.close()
    rdf.close_graph(store.graph_path)
    store.close()


def test_a_large_graph_with_blank_nodes_goes_in_batches(server, monkeypatch):
    """The update path sends INSERT DATA in batches (Virtuoso refuses ~2,500 triples in one) and
    replaces blank nodes by IRIs (Virtuoso refuses them in INSERT DATA); all of it arrives."""
    from aftalegraf.kg.sparql import remote as remote_mod

    remote = RemoteSparql(server + "/query", server + "/update")
    sent = []
    real = remote.update
    monkeypatch.setattr(remote, "update", lambda u, timeout=60.0: sent.append(u) or real(u, timeout))
    graph = rdf.BASE + "dokument/stor"
    nt = "".join(f'<urn:s{i}> <urn:p> "{i}" .\n' for i in range(2500)) + '_:b1 <urn:p> _:b2 .\n_:b2 <urn:p> "x" .\n'
    remote.replace_graph(graph, nt)
    assert len(sent) == 3 and sent[0].startswith(f"DROP SILENT GRAPH <{graph}>") and "DROP" not in sent[1]
    count = remote.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert int(count.bindings[0]["n"]["value"]) == 2502
    blank = remote.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }} }}", form="ASK")
    assert not blank.boolean
    # the same graph again replaces it (skolem IRIs are stable), nothing is added
    remote.replace_graph(graph, nt)
    count = remote.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert int(count.bindings[0]["n"]["value"]) == 2502
    assert remote_mod.BATCH == 1000


def test_a_refused_push_leaves_the_graph_stale_with_the_servers_words(tmp_path, server):
    """The server refuses the write (here: updates sent to its read-only query endpoint): ingest
    keeps the documents, reports the graph stage's failure with the server's text, and the stage
    stays stale so that `reindex` repairs it."""
    from aftalegraf import stages
    from aftalegraf.ingest import ingest_paths

    store = Store(tmp_path / "store")
    store.settings.update(sparql_endpoint=server + "/query", sparql_update_endpoint=server + "/query")
    src = tmp_path / "aftale.txt"
    src.write_text("Sundhedsaftale 2024-2027 for Region Midtjylland\n\n1. Opfølgning\n\n"
                   "Regionsrådet skal følge op på aftalen hvert år.\n", encoding="utf-8")
    report = ingest_paths(store, [src], derive=["graph"])
    assert store.counts()["documents"] == 1
    assert "graph" in report.stage_errors and "answered" in report.stage_errors["graph"]
    assert stages.is_stale(store, "graph")
    rdf.close_graph(store.graph_path)
    store.close()


def test_a_reader_over_a_server_without_our_graphs_says_so(tmp_path, server):
    """No local graph and nothing pushed yet: an error naming the cause, never "0 obligations"."""
    from fastapi.testclient import TestClient

    from aftalegraf.kg import api
    from aftalegraf.web.app import create_app

    RemoteSparql(server + "/query", server + "/update").update(
        f'INSERT DATA {{ GRAPH <{OTHER_APP}> {{ <urn:s> <urn:p> "theirs" }} }}')
    store = Store(tmp_path / "reader")
    store.settings.update(sparql_endpoint=server + "/query")
    with pytest.raises(ConfigError, match="holds no aftalegraf graph"):
        api.obligations(store)
    with TestClient(create_app(store=store)) as client:
        health = client.get("/api/health").json()
    assert health["status"] == "degraded" and "no aftalegraf graph" in health["graph_error"]
    assert health["graph"] == "remote"


def test_a_long_dataset_goes_in_the_body(server):
    """Hundreds of documents' graphs as the dataset do not fit a URL: a direct POST sends them as
    a form instead, and the server answers over exactly those graphs."""
    remote = RemoteSparql(server + "/query", server + "/update")
    remote.update('INSERT DATA { GRAPH <urn:g:wanted> { <urn:s> <urn:p> "wanted" } '
                  'GRAPH <urn:g:other> { <urn:s> <urn:p> "other" } }')
    dataset = ["urn:g:wanted"] + [f"https://w3id.org/aftalegraf/dokument/doc-{i:04d}" for i in range(300)]
    req = remote.build_query_request("SELECT ?o WHERE { ?s ?p ?o }", "SELECT", dataset, dataset)
    assert req.get_header("Content-type") == "application/x-www-form-urlencoded" and len(req.full_url) < 200
    res = remote.query("SELECT ?o WHERE { ?s ?p ?o }", 10, "SELECT", dataset, dataset)
    assert [b["o"]["value"] for b in res.bindings] == ["wanted"]
