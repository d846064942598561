"""The graph stage, SPARQL access, the kg API, export and the CLI, on small documents built
in code (no ingest needed). Tests over the real corpus are in test_graph_corpus.py."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler

import pyoxigraph as ox
import pytest
from kg_docs import make_doc  # noqa: E402
from kg_helpers import answer_sparql_json, serve_stub  # noqa: E402

from aftalegraf.errors import BadQuery
from aftalegraf.kg import api, rdf  # noqa: E402
from aftalegraf.kg.export import export  # noqa: E402
from aftalegraf.kg.resolve import target_path  # noqa: E402
from aftalegraf.kg.sparql import sparql  # noqa: E402
from aftalegraf.kg.stage import GraphStage  # noqa: E402
from aftalegraf.model import Document
from aftalegraf.store import SourceRecord, Store

BEK = make_doc("bek-2022-1248", "bekendtgørelse", [
    ("kap1", "kapitel", "Kapitel 1", "Kapitel 1 Sundhedsaftaler", None),
    ("p21", "paragraf", "§ 21.", "§ 21. Regionsrådet og kommunalbestyrelserne i regionen skal indgå en sundhedsaftale.", "kap1"),
    ("p21/stk2", "stk", "Stk. 2.", "Stk. 2. Regionsrådet indsender sundhedsaftalen til Sundhedsstyrelsen senest den 1. juli.", "p21"),
    ("p22", "paragraf", "§ 22.", "§ 22. Sundhedssamarbejdsudvalget kan nedsætte arbejdsgrupper.", "kap1"),
], date="2022-09-05", meta={"number": 1248, "year": 2022})

VEJ = make_doc("sst-vejledning-2023-test", "vejledning", [
    ("s1", "section", "1", "1 Indledning", None),
    ("s1/p1", "paragraph", "", "Vejledningen knytter sig til bekendtgørelse nr. 1248 af 5. september 2022.", "s1"),
    ("s1/p2", "paragraph", "", "Det fremgår af bekendtgørelsens § 21, at regionsrådet skal indgå en sundhedsaftale.", "s1"),
    ("s1/p3", "paragraph", "", "Regionsrådet bør inddrage patienterne.", "s1"),
], date="2023-05-01")


def put(store: Store, doc: Document, source: str) -> list[str]:
    return store.replace_source(SourceRecord(source, doc.id, 1, "text"), [doc]).added


def graph_triples(store: Store, doc_id: str) -> set:
    st = rdf.open_graph(store.graph_path)
    return {(q.subject, q.predicate, q.object) for q in st.quads_for_pattern(None, None, None,
                                                                               ox.NamedNode(rdf.document_iri(doc_id)))}


@pytest.fixture
def kg_store(tmp_path):
    store = Store(tmp_path / "store")
    put(store, BEK, "/src/bek.txt")
    put(store, VEJ, "/src/vej.txt")
    stage = GraphStage(store)
    stage.rebuild()
    stage.close()
    yield store
    rdf.close_graph(store.graph_path)
    store.close()


def test_documents_and_provisions_in_named_graphs(kg_store):
    triples = graph_triples(kg_store, "bek-2022-1248")
    p21 = ox.NamedNode(rdf.provision_iri("bek-2022-1248/p21"))
    assert (p21, ox.NamedNode(rdf.AG + "partOf"), ox.NamedNode(rdf.provision_iri("bek-2022-1248/kap1"))) in triples
    assert (p21, ox.NamedNode(rdf.AG + "section"), ox.Literal("§ 21")) in triples
    # reference data lives in its own graph
    ask = sparql(kg_store, "ASK { GRAPH <https://w3id.org/aftalegraf/graf/reference> { "
                           "<https://w3id.org/aftalegraf/kommune/aarhus> ag:inRegion "
                           "<https://w3id.org/aftalegraf/region/midtjylland> } }")
    assert ask.boolean is True
    n = sparql(kg_store, "SELECT (COUNT(?m) AS ?n) WHERE { ?m a ag:Municipality }")
    assert n.rows == [[98]]


def test_obligations_api_contract(kg_store):
    obs = api.obligations(kg_store, actor="regionsrådets")
    assert obs, "regionsrådet bears obligations"
    for ob in obs:
        assert set(ob) >= {"id", "actor", "modality", "action", "text", "provision_id", "section", "document",
                           "bearers", "deadline", "frequency", "span"}
        assert "regionsraad" in [b["key"] for b in ob["bearers"]]
        assert ob["modality"] in ("obligation", "recommendation", "permission", "prohibition")
        assert set(ob["document"]) == {"id", "title", "type", "region"}
        doc = kg_store.document(ob["document"]["id"])
        assert doc.text[ob["span"]["start"]:ob["span"]["end"]] == ob["text"]
    stk2 = [o for o in obs if o["provision_id"] == "bek-2022-1248/p21/stk2"]
    assert stk2 and stk2[0]["section"] == "§ 21, stk. 2"
    assert stk2[0]["deadline"] and "1. juli" in stk2[0]["deadline"]["text"]
    perms = api.obligations(kg_store, modality="permission")
    assert all(o["modality"] == "permission" for o in perms)
    assert api.obligations(kg_store, document_id="bek-2022-1248", limit=1)[0]["document"]["id"] == "bek-2022-1248"
    only = api.obligations(kg_store, provision_ids=["bek-2022-1248/p22"])
    assert {o["provision_id"] for o in only} == {"bek-2022-1248/p22"}
    with pytest.raises(BadQuery):
        api.obligations(kg_store, modality="sometimes")


def test_a_bearer_the_text_names_outside_the_actor_table(tmp_path):
    """No actor of the table, but the text says who: the obligation shows those words
    (bearer key "ukendt", label "et kommunalt medlem") instead of "aktør ikke angivet"."""
    doc = make_doc("lov-2025-719", "lov", [
        ("p14l", "paragraf", "§ 14 l.", "§ 14 l. Et kommunalt medlem skal efter kommunalbestyrelsens anmodning "
                                         "videregive dokumenter til kommunalbestyrelsen.", None),
        ("p14m", "paragraf", "§ 14 m.", "§ 14 m. Tilbageholdelsen skal ophøre, når betingelserne ikke er opfyldt.", None),
    ], date="2025-06-20")
    store = Store(tmp_path / "store")
    put(store, doc, "/src/lov.txt")
    stage = GraphStage(store)
    stage.rebuild()
    stage.close()
    try:
        obs = {ob["provision_id"]: ob for ob in api.obligations(store)}
        assert obs["lov-2025-719/p14l"]["actor"] == "et kommunalt medlem"
        assert obs["lov-2025-719/p14l"]["bearers"] == [{"key": "ukendt", "label": "et kommunalt medlem"}]
        assert obs["lov-2025-719/p14m"]["actor"] == "aktør ikke angivet"
    finally:
        rdf.close_graph(store.graph_path)
        store.close()


def test_actors_api(kg_store):
    actors = {a["key"]: a for a in api.actors(kg_store)}
    assert actors["regionsraad"]["obligations"] >= 2
    assert actors["regionsraad"]["label"] == "regionsråd"


def test_references_resolved_in_and_out(kg_store):
    refs = api.references(kg_store, "sst-vejledning-2023-test/s1/p2")
    (ref,) = [r for r in refs["out"] if "§ 21" in r["label"]]
    assert ref["resolved"] and ref["target"] == "bek-2022-1248/p21" and ref["target_document"] == "bek-2022-1248"
    assert any(r["provision_id"] == "sst-vejledning-2023-test/s1/p2"
               for r in api.references(kg_store, "bek-2022-1248/p21")["in"])
    ask = sparql(kg_store, "ASK { <https://w3id.org/aftalegraf/bestemmelse/sst-vejledning-2023-test/s1/p2> "
                           "ag:refersTo <https://w3id.org/aftalegraf/bestemmelse/bek-2022-1248/p21> }")
    assert ask.boolean


def test_late_ingest_resolves_and_removal_unresolves(tmp_path):
    store = Store(tmp_path / "store")
    try:
        stage = GraphStage(store)
        stage.update(put(store, VEJ, "/src/vej.txt"), [])
        refs = api.references(store, "sst-vejledning-2023-test/s1/p2")["out"]
        assert refs and not refs[0]["resolved"] and refs[0]["target"] is None
        stage.update(put(store, BEK, "/src/bek.txt"), [])
        refs = api.references(store, "sst-vejledning-2023-test/s1/p2")["out"]
        assert refs[0]["resolved"] and refs[0]["target"] == "bek-2022-1248/p21"
        removed = store.remove_source("/src/bek.txt").removed
        stage.update([], removed)
        refs = api.references(store, "sst-vejledning-2023-test/s1/p2")["out"]
        assert not refs[0]["resolved"]
        assert not sparql(store, "ASK { ?p ag:refersTo ?t }").boolean
        assert not graph_triples(store, "bek-2022-1248")
    finally:
        rdf.close_graph(store.graph_path)
        store.close()


def test_update_replaces_named_graph(kg_store):
    before = graph_triples(kg_store, "bek-2022-1248")
    changed = make_doc("bek-2022-1248", "bekendtgørelse", [
        ("p1", "paragraf", "§ 1.", "§ 1. Kommunalbestyrelsen skal udarbejde en plan.", None),
    ], date="2022-09-05")
    stage = GraphStage(kg_store)
    stage.update(put(kg_store, changed, "/src/bek.txt"), [])
    after = graph_triples(kg_store, "bek-2022-1248")
    texts = {o.value for _, p, o in after if p.value == rdf.AG + "text"}
    assert "§ 1. Kommunalbestyrelsen skal udarbejde en plan." in texts
    assert not any("Regionsrådet" in t for t in texts), "stale triples left in the replaced graph"
    assert not (before & after) - {t for t in before if t[0].value == rdf.document_iri("bek-2022-1248")}
    # the reference from the guidance no longer finds § 21 ...
    assert not api.references(kg_store, "sst-vejledning-2023-test/s1/p2")["out"][0]["resolved"]
    # ... and no obligation of the old version survives anywhere
    assert not api.obligations(kg_store, provision_ids=["bek-2022-1248/p21/stk2"])


def test_failed_derivation_leaves_graph_intact(kg_store, monkeypatch):
    before = graph_triples(kg_store, "bek-2022-1248")
    import aftalegraf.kg.stage as stage_mod

    def boom(doc, resolver=None, extraction=None):
        raise RuntimeError("extraction failed")

    monkeypatch.setattr(stage_mod, "document_quads", boom)
    with pytest.raises(RuntimeError):
        GraphStage(kg_store).update(["bek-2022-1248"], [])
    assert graph_triples(kg_store, "bek-2022-1248") == before


@pytest.mark.parametrize("q", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX ag: <https://w3id.org/aftalegraf/ontologi#>\n# a comment\nDELETE WHERE { ?s ag:text ?o }",
    "DROP ALL",
    "CLEAR GRAPH <https://w3id.org/aftalegraf/graf/reference>",
    "LOAD <http://example.org/x.ttl>",
])
def test_sparql_update_refused(kg_store, q):
    n = len(list(rdf.open_graph(kg_store.graph_path)))
    with pytest.raises(BadQuery, match="updates are not allowed"):
        sparql(kg_store, q)
    assert len(list(rdf.open_graph(kg_store.graph_path))) == n


def test_sparql_syntax_error_has_line_and_column(kg_store):
    with pytest.raises(BadQuery) as info:
        sparql(kg_store, "SELECT ?s\nWHERE { ?s ?p }")
    assert "line 2" in str(info.value)
    assert info.value.line == 2 and info.value.column is not None


def test_sparql_forms_and_formats(kg_store):
    res = sparql(kg_store, "SELECT ?o ?m WHERE { ?o a ag:Obligation ; ag:modality ?m } ORDER BY ?o")
    assert res.kind == "select" and res.vars == ["o", "m"] and len(res) >= 3
    data = json.loads(res.serialize("json"))
    assert data["head"]["vars"] == ["o", "m"] and len(data["results"]["bindings"]) == len(res)
    csv_lines = res.serialize("csv").strip().splitlines()
    assert csv_lines[0] == "o,m" and len(csv_lines) == len(res) + 1
    assert res.serialize("tsv").splitlines()[1].startswith("<https://w3id.org/aftalegraf/forpligtelse/")
    assert "<sparql" in res.serialize("xml")
    g = sparql(kg_store, "CONSTRUCT { ?p ag:refersTo ?t } WHERE { ?p ag:refersTo ?t }")
    assert g.kind == "graph" and len(g) >= 1
    assert "ag:refersTo" in g.serialize("turtle")
    d = sparql(kg_store, "DESCRIBE <https://w3id.org/aftalegraf/bestemmelse/bek-2022-1248/p21>")
    assert d.kind == "graph" and len(d) > 3
    assert json.loads(g.serialize("jsonld"))


def test_export_round_trips(kg_store, tmp_path):
    st = rdf.open_graph(kg_store.graph_path)
    quads = set(st)
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    for fmt, rdf_fmt in [("turtle", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                         ("jsonld", ox.RdfFormat.JSON_LD)]:
        data = export(kg_store, fmt)
        back = {(t.subject, t.predicate, t.object) for t in ox.parse(data, format=rdf_fmt)}
        assert back == triples, fmt
    path = tmp_path / "graph.trig"
    with open(path, "wb") as fh:
        export(kg_store, "trig", fh)
    back = set(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    assert back == quads
    with pytest.raises(BadQuery):
        export(kg_store, "csv")


def test_shacl_validates_small_graph(kg_store):
    pytest.importorskip("pyshacl")
    from aftalegraf.kg.shacl import validate

    conforms, report = validate(kg_store)
    assert conforms, report


def test_target_path():
    assert target_path({"paragraf": "21", "stk": "2", "nr": "3"}) == "p21/stk2/nr3"
    assert target_path({"paragraf": "5 a"}) == "p5a"
    assert target_path({"kapitel": "6"}) == "kap6"
    assert target_path({"afsnit": "2.2.1"}) == "s2.2.1"


def test_rdflib_dataset_over_oxigraph(kg_store):
    from rdflib import URIRef

    ds = rdf.rdflib_dataset(kg_store)
    rows = list(ds.query("SELECT ?o WHERE { GRAPH ?g { ?o a <https://w3id.org/aftalegraf/ontologi#Obligation> } }"))
    assert rows and all(isinstance(r[0], URIRef) for r in rows)


def test_cli_commands(kg_store, capsys, tmp_path):
    from aftalegraf.cli import main

    store = str(kg_store.path)
    assert main(["obligations", "--actor", "regionsrådet", "--json", "--store", store]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["obligations"] and all("regionsraad" in [b["key"] for b in o["bearers"]] for o in out["obligations"])
    assert main(["actors", "--json", "--store", store]) == 0
    assert any(a["key"] == "sundhedssamarbejdsudvalg" for a in json.loads(capsys.readouterr().out)["actors"])
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?p WHERE { ?p ag:refersTo ?t }", encoding="utf-8")
    assert main(["sparql", f"@{q}", "--format", "csv", "--store", store]) == 0
    assert "bestemmelse/sst-vejledning-2023-test/s1/p2" in capsys.readouterr().out
    assert main(["sparql", "DROP ALL", "--store", store]) == 2
    assert "not allowed" in capsys.readouterr().err
    out_file = tmp_path / "g.nt"
    assert main(["export", "--format", "nt", "-o", str(out_file), "--store", store]) == 0
    assert out_file.stat().st_size > 1000
    assert main(["goals", "--json", "--store", store]) == 0
    assert "goals" in json.loads(capsys.readouterr().out)


# --- remote SPARQL endpoint (configuration path, local stub server) -----------------------

class _Stub(BaseHTTPRequestHandler):
    seen: list = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        _Stub.seen.append((self.path, self.headers["Content-Type"], self.headers.get("Accept"), body))
        if self.headers["Content-Type"].startswith("application/sparql-update"):
            self.send_response(204)
            self.end_headers()
            return
        answer_sparql_json(self, {"head": {"vars": ["s"]},
                                  "results": {"bindings": [{"s": {"type": "uri", "value": "urn:x"}}]}})

    def log_message(self, *a):
        pass


@pytest.fixture
def stub_port():
    """A stub SPARQL endpoint on a free local port (requests land in ``_Stub.seen``)."""
    yield from serve_stub(_Stub)


def test_remote_endpoint_configuration(tmp_path, monkeypatch, stub_port):
    port = stub_port
    monkeypatch.setenv("AFTALEGRAF_SPARQL_ENDPOINT", f"http://127.0.0.1:{port}/ds/query")
    monkeypatch.setenv("AFTALEGRAF_SPARQL_UPDATE_ENDPOINT", f"http://127.0.0.1:{port}/ds/update")
    store = Store(tmp_path / "remote")
    res = sparql(store, "SELECT ?s WHERE { ?s a ag:Obligation }")
    assert res.rows == [["urn:x"]]
    path, ctype, accept, body = _Stub.seen[-1]
    assert path == "/ds/query" and ctype.startswith("application/sparql-query")
    assert "sparql-results+json" in accept
    assert "PREFIX ag: <https://w3id.org/aftalegraf/ontologi#>" in body
    with pytest.raises(BadQuery):
        sparql(store, "DROP ALL")  # refused before anything is sent
    assert _Stub.seen[-1][0] == "/ds/query"
    from aftalegraf.kg.sparql import RemoteSparql

    RemoteSparql(store.settings["sparql_endpoint"], store.settings["sparql_update_endpoint"]).replace_graph(
        "https://w3id.org/aftalegraf/dokument/x", "<urn:a> <urn:b> <urn:c> .\n")
    path, ctype, _, body = _Stub.seen[-1]
    assert path == "/ds/update" and ctype.startswith("application/sparql-update")
    assert body.startswith("DROP SILENT GRAPH <https://w3id.org/aftalegraf/dokument/x>")
    store.close()


def test_stage_pushes_changed_graphs_to_remote_store(tmp_path, monkeypatch, stub_port):
    port = stub_port
    monkeypatch.setenv("AFTALEGRAF_SPARQL_UPDATE_ENDPOINT", f"http://127.0.0.1:{port}/ds/update")
    store = Store(tmp_path / "pushing")
    _Stub.seen.clear()
    GraphStage(store).update(put(store, BEK, "/src/bek.txt"), [])
    updates = [body for path, _, _, body in _Stub.seen if path == "/ds/update"]
    doc_g = rdf.document_iri("bek-2022-1248")
    assert any(b.startswith(f"DROP SILENT GRAPH <{doc_g}>") and "INSERT DATA" in b for b in updates)
    assert any(rdf.REFERENCE_GRAPH in b for b in updates)
    pushed = next(b for b in updates if b.startswith(f"DROP SILENT GRAPH <{doc_g}>"))
    assert "§ 21. Regionsrådet" in pushed
    rdf.close_graph(store.graph_path)
    store.close()


def test_graph_locked_by_another_process(tmp_path):
    import subprocess
    import sys

    from aftalegraf.errors import ConfigError

    store = Store(tmp_path / "locked")
    put(store, BEK, "/src/bek.txt")
    path = str(store.graph_path)
    # another process builds the graph and keeps it open (as `aftalegraf serve` would)
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys; from aftalegraf.store import Store; from aftalegraf.kg.stage import GraphStage; "
                               f"g = GraphStage(Store({str(store.path)!r})); g.rebuild(); g.ox.optimize(); print('ok', flush=True); "
                               "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        # readers fall back to a read-only handle ...
        assert sparql(store, "ASK { ?o a ag:Obligation }").boolean
        assert api.obligations(store, actor="regionsraad")
        # ... writers say clearly why they cannot write
        with pytest.raises(ConfigError, match="being written by another process"):
            GraphStage(store)
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
        rdf.close_graph(path)
        store.close()


def test_the_parties_of_an_agreement_bear_its_duties(tmp_path):
    """"Sundhedsaftalen skal indeholde …" is a duty of the agreement's parties: in the graph it
    is borne by the regional council and the municipal councils (sundhedsloven § 205), so each
    finds it under its own name; the wording of the text is kept as the bearer text."""
    store = Store(tmp_path / "parties")
    doc = make_doc("sa-2024-parter", "sundhedsaftale", [
        ("s1", "section", "1", "1 Indhold", None),
        ("s1/p1", "paragraph", "", "Sundhedsaftalen skal indeholde en plan for opfølgning.", "s1"),
    ], region="midtjylland", period="2024-2027")
    put(store, doc, "/src/sa.txt")
    GraphStage(store).rebuild()
    obs = api.obligations(store, document_id=doc.id)
    assert obs, "no obligation read"
    keys = {b["key"] for ob in obs for b in ob["bearers"]}
    assert {"regionsraad", "kommunalbestyrelse"} <= keys and "parterne" not in keys
    assert any(ob["id"] for ob in api.obligations(store, actor="kommunalbestyrelse") if ob["document"]["id"] == doc.id)
    rdf.close_graph(store.graph_path)
    store.close()


def test_reported_duties_are_not_listed_as_duties(tmp_path):
    """An agenda's "Regionsrådet skal godkende aftalen" reports a duty; it stays in the graph
    and on its paragraph (marked reported) but not in "Hvem skal hvad?" or the actor counts."""
    store = Store(tmp_path / "reported")
    agenda = make_doc("regionh-dagsorden-test", "dagsorden", [
        ("s1", "section", "1", "1 Sundhedsaftalen", None),
        ("s1/p1", "paragraph", "", "Herefter skal regionsrådet godkende sundhedsaftalen.", "s1"),
    ])
    put(store, BEK, "/src/bek.txt")
    put(store, agenda, "/src/dagsorden.txt")
    GraphStage(store).rebuild()
    listed = api.obligations(store, actor="regionsraad")
    assert listed and all(not ob["reported"] for ob in listed)
    assert all(ob["document"]["id"] != agenda.id for ob in listed)
    on_paragraph = api.obligations(store, provision_ids=[f"{agenda.id}/s1/p1"])
    assert on_paragraph and all(ob["reported"] for ob in on_paragraph)
    every = api.obligations(store, actor="regionsraad", include_reported=True)
    assert len(every) == len(listed) + len(on_paragraph)
    count = next(a for a in api.actors(store) if a["key"] == "regionsraad")["obligations"]
    assert count == len(listed)
    rdf.close_graph(store.graph_path)
    store.close()
