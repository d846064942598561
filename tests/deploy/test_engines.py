"""Scale-out on real engines: one node ingests the sample corpus into Oxigraph server or
Virtuoso (another application's graphs on the same server), writes a snapshot, and a
read-only serving node with no local graph answers from the server exactly as the embedded
store does — the obligations API, example queries, actor pages, compare and search chips.
Then a change, a re-ingest, a rebuild and a removal, with the other application's data
untouched throughout.

Slow (one ingest per engine); the servers come from tests/engines.py."""

from __future__ import annotations

import shutil
import time
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest
from engines import Engine, oxigraph_server, virtuoso_server  # noqa: F401 (fixtures)
from fastapi.testclient import TestClient

from aftalegraf.compare import compare
from aftalegraf.deploy.snapshot import Follower, open_generation, write_snapshot
from aftalegraf.ingest import ingest_paths
from aftalegraf.ingest.pipeline import remove_documents
from aftalegraf.kg import api, rdf
from aftalegraf.kg.export import export
from aftalegraf.kg.sparql import graphstore, sparql
from aftalegraf.kg.stage import GraphStage
from aftalegraf.store import Store
from aftalegraf.web.app import create_app

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
OTHER_APP = "http://example.org/another-application/graph"
LOOKALIKE = rdf.BASE + "dokument/written-by-someone-else"
# another application's data that would show in "Hvem skal hvad?" if it were ever read
OTHER_TRIPLES = (f"<urn:other:ob> a <{rdf.AG}Obligation> ; <{rdf.AG}statedIn> <urn:other:p> ; "
                 f"<{rdf.AG}inDocument> <urn:other:d> ; <{rdf.AG}action> \"theirs\" .")
CHANGED = "sst-side-sundhedsaftaler-2022.txt"
NEW_DUTY = ("\n\nRegionsrådet skal senest den 1. marts 2027 sende en statusrapport om samarbejdet til "
            "Sundhedsstyrelsen.\n")

pytestmark = pytest.mark.slow


def _toml(settings: dict) -> str:
    return "".join(f'{k} = "{v}"\n' for k, v in settings.items())


class Deployment:
    """The ingesting node, the embedded view of the same data, and a reader over a snapshot."""

    def __init__(self, engine: Engine, root: Path):
        self.engine = engine
        self.sources = root / "sources"
        shutil.copytree(SAMPLE, self.sources)
        engine_client = graphstore.RemoteGraph(engine.settings).client
        engine_client.update(f"INSERT DATA {{ GRAPH <{OTHER_APP}> {{ {OTHER_TRIPLES} }} "
                             f"GRAPH <{LOOKALIKE}> {{ <urn:s> <urn:p> \"also theirs\" }} }}")
        self.other_before = (engine.count(OTHER_APP), engine.count(LOOKALIKE))
        self.ingester = Store(root / "ingest")
        self.ingester.settings.update(engine.settings)
        t0 = time.perf_counter()
        report = ingest_paths(self.ingester, [self.sources], derive=["graph", "index"])
        self.ingest_seconds = time.perf_counter() - t0
        assert report.ok, report.to_dict()
        # the same directory read embedded: the ingesting node keeps its working graph locally
        self.embedded = Store(root / "ingest")
        self.snapshots = root / "snapshots"
        reader_settings = {k: v for k, v in engine.settings.items() if k in (
            "sparql_endpoint", "sparql_query_method", "sparql_user", "sparql_password", "sparql_auth")}
        self.snapshots.mkdir()
        (self.snapshots / "aftalegraf.toml").write_text(_toml(reader_settings), encoding="utf-8")
        write_snapshot(self.ingester, self.snapshots)
        self.reader = open_generation(self.snapshots)

    def other_untouched(self) -> bool:
        return (self.engine.count(OTHER_APP), self.engine.count(LOOKALIKE)) == self.other_before


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def deployment(request, tmp_path_factory):
    engine = request.getfixturevalue(f"{request.param}_server")
    dep = Deployment(engine, tmp_path_factory.mktemp(f"deploy-{request.param}"))
    yield dep
    dep.reader.close()


def test_the_reader_has_no_local_graph_and_reads_the_server(deployment):
    r = deployment.reader
    assert not r.graph_path.exists() and r.read_only
    assert graphstore.reader_for(r).kind == "remote" and graphstore.reader_for(deployment.embedded).kind == "embedded"
    assert api.triple_count(r) == api.triple_count(deployment.embedded) > 10000


def test_obligations_actors_goals_and_references_are_the_same(deployment):
    r, e = deployment.reader, deployment.embedded
    assert api.obligations(r) == api.obligations(e) and len(api.obligations(e)) > 100
    assert api.obligations(r, actor="regionsrådet", modality="obligation") == \
        api.obligations(e, actor="regionsrådet", modality="obligation")
    assert api.obligations(r, include_reported=True) == api.obligations(e, include_reported=True)
    assert api.actors(r) == api.actors(e)
    assert api.goals(r) == api.goals(e)
    for ob in api.obligations(e)[:15]:
        pid = ob["provision_id"]
        assert api.references(r, pid) == api.references(e, pid)
        assert api.obligations(r, provision_ids=[pid]) == api.obligations(e, provision_ids=[pid])
    # references that resolved (Virtuoso answers booleans as "1"/"0")
    cited = sparql(e, "SELECT DISTINCT ?src WHERE { ?r a ag:Reference ; ag:statedIn ?src ; ag:resolved true } LIMIT 25")
    pids = [rdf.iri_tail(row[0], "bestemmelse") for row in cited.rows]
    assert pids and api.references_out(r, pids) == api.references_out(e, pids)
    assert any(ref["resolved"] for refs in api.references_out(r, pids).values() for ref in refs)
    # another application's "obligation" on the same server is never read
    assert "theirs" not in {ob["action"] for ob in api.obligations(r, include_reported=True)}


def test_example_queries_give_the_same_rows(deployment):
    folder = resources.files("aftalegraf.queries")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".rq"))
    assert len(names) >= 5
    answered = 0
    for name in names:
        q = (folder / name).read_text(encoding="utf-8")
        remote, embedded = sparql(deployment.reader, q), sparql(deployment.embedded, q)
        assert not remote.truncated
        assert _unordered(remote.rows) == _unordered(embedded.rows), name
        answered += bool(remote.rows)
    assert answered >= 3, "the sample answers most example queries"


def _unordered(rows) -> list[str]:
    return sorted(map(repr, rows))      # engines may order ties differently


def test_compare_and_pages_are_the_same(deployment):
    r, e = deployment.reader, deployment.embedded
    assert compare(r) == compare(e)
    with TestClient(create_app(store=r, read_only=True)) as remote, TestClient(create_app(store=e)) as local:
        for url in ("/api/obligations?actor=regionsrådet", "/api/actors", "/api/compare",
                    "/api/search?q=Hvem+skal+indsende+sundhedsaftalen%3F&k=5"):
            a, b = remote.get(url), local.get(url)
            assert a.status_code == b.status_code == 200, url
            if "search" in url:
                ra, rb = a.json(), b.json()
                assert [h["obligations"] for h in ra["hits"]] == [h["obligations"] for h in rb["hits"]]
                assert any(h["obligations"] for h in ra["hits"]), "search chips come from the server"
                assert ra["answer"] == rb["answer"]
            else:
                assert a.json() == b.json(), url
        for url in ("/aktoer/regionsraad", "/aktoer", "/sammenlign"):
            a, b = remote.get(url), local.get(url)
            assert a.status_code == b.status_code == 200
            assert a.text == b.text, url
        health = remote.get("/api/health").json()
        assert health["status"] == "ok" and health["graph"] == "remote" and health["read_only"] is True
        refused = remote.post("/api/documents", files={"file": ("x.txt", b"Regionsraadet skal.")},
                              headers={"Authorization": "Bearer x"})
        assert refused.status_code == 403 and refused.json()["error"] == "read_only"


def test_change_reingest_rebuild_and_removal_on_the_server(deployment):
    ing, eng = deployment.ingester, deployment.engine
    follower = Follower(deployment.snapshots)
    first = follower.current().generation_name
    path = deployment.sources / CHANGED
    path.write_text(path.read_text(encoding="utf-8") + NEW_DUTY, encoding="utf-8")
    assert ingest_paths(ing, [path], derive=["graph", "index"]).ok
    # the serving node's graph reads follow the server at once (its version), before any snapshot
    graphstore.VERSION_TTL, ttl = 0.0, graphstore.VERSION_TTL
    try:
        assert any("statusrapport" in ob["text"] for ob in api.obligations(follower.current(), actor="regionsrådet"))
    finally:
        graphstore.VERSION_TTL = ttl
    # a new snapshot: the follower swaps it in
    info = write_snapshot(ing, deployment.snapshots)
    assert info["name"] != first and follower.wait_for(info["name"]).generation_name == info["name"]
    ours = {g for g in eng.graphs() if g.startswith(rdf.BASE)} - {LOOKALIKE}
    # a rebuild writes the same graphs again, and drops nothing it did not write
    GraphStage(ing).rebuild()
    assert {g for g in eng.graphs() if g.startswith(rdf.BASE)} - {LOOKALIKE} == ours
    assert api.obligations(deployment.reader) == api.obligations(deployment.embedded)
    # removing the source drops its document's graph on the server, and only that
    doc_ids = [d.id for d in ing.documents() if Path(d.source_path).name == CHANGED]
    assert doc_ids and not remove_documents(ing, doc_ids)["unknown"]
    gone = {rdf.document_iri(d) for d in doc_ids}
    assert not (gone & eng.graphs())
    assert api.obligations(deployment.reader) == api.obligations(deployment.embedded)
    assert deployment.other_untouched()


def test_export_from_the_server_is_the_embedded_graph(deployment):
    """`aftalegraf export` on a node without a local graph dumps the project's graphs on the
    server: the same quads as the embedded store (blank nodes aside)."""
    def quads(store):
        return {(q.subject.value, q.predicate.value, str(q.object), q.graph_name.value)
                for q in ox.parse(export(store, "nq"), format=ox.RdfFormat.N_QUADS)
                if not {type(q.subject), type(q.object)} & {ox.BlankNode} and "/.well-known/genid/" not in str(q)}
    remote, embedded = quads(deployment.reader), quads(deployment.embedded)
    assert len(remote) > 10000
    assert remote == embedded, (sorted(remote - embedded)[:3], sorted(embedded - remote)[:3])
