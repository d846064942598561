"""The graph built from the real corpus (../shared/corpus): SHACL, the 2023 vejledning's
reference to BEK 1248/2022 § 21, late resolution across ingests, and the example queries
of docs/queries. The store is built once per session."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from aftalegraf.store import Store

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "docs" / "queries"
BEK_1248 = "bek-2022-1248"
P21 = "https://w3id.org/aftalegraf/bestemmelse/bek-2022-1248/p21"


def _ingest_ready() -> None:
    for mod in ("aftalegraf.ingest.pipeline", "aftalegraf.ingest.documents", "aftalegraf.kg.extract"):
        if importlib.util.find_spec(mod) is None:
            pytest.skip(f"{mod} is not there yet")


@pytest.fixture(scope="session")
def corpus_store(corpus_dir, tmp_path_factory):
    _ingest_ready()
    from aftalegraf.ingest.pipeline import ingest_paths
    from aftalegraf.kg import rdf

    store = Store(tmp_path_factory.mktemp("kg-corpus") / "store")
    report = ingest_paths(store, [corpus_dir], derive=["graph"])
    if not store.document_ids():
        pytest.skip(f"ingest produced no documents: {report.to_dict()['summary']}")
    yield store
    rdf.close_graph(store.graph_path)
    store.close()


def _vejledning_2023(store: Store) -> str:
    ids = [d.id for d in store.documents() if d.type == "vejledning" and "2023" in d.id]
    if not ids:
        pytest.skip("the 2023 vejledning is not in the store")
    return ids[0]


def _p21_paragraph(store: Store, doc_id: str) -> str:
    hits = [p.id for p in store.provisions(doc_id) if "Det fremgår af bekendtgørelsens § 21" in p.text]
    assert hits, "the paragraph 'Det fremgår af bekendtgørelsens § 21, …' is in the 2023 vejledning"
    return hits[0]


def test_shacl_validation_of_corpus_graph(corpus_store):
    pytest.importorskip("pyshacl")
    from aftalegraf.kg.shacl import validate

    conforms, report = validate(corpus_store)
    assert conforms, report[:5000]


def test_vejledning_2023_refers_to_bek_1248_p21(corpus_store):
    from aftalegraf.kg import api
    from aftalegraf.kg.sparql import sparql

    vej = _vejledning_2023(corpus_store)
    pid = _p21_paragraph(corpus_store, vej)
    iri = f"https://w3id.org/aftalegraf/bestemmelse/{pid}"
    assert sparql(corpus_store, f"ASK {{ <{iri}> ag:refersTo <{P21}> }}").boolean
    out = api.references(corpus_store, pid)["out"]
    assert any(r["target"] == f"{BEK_1248}/p21" and r["resolved"] for r in out)
    assert any(r["provision_id"] == pid for r in api.references(corpus_store, f"{BEK_1248}/p21")["in"])


def test_citing_document_first_then_cited_document_resolves(corpus_dir, tmp_path):
    _ingest_ready()
    from aftalegraf.ingest.pipeline import ingest_paths
    from aftalegraf.kg import api, rdf

    vej_file = next((corpus_dir / "seeds").glob("sst-vejledning-*2023*"))
    bek_file = next((corpus_dir / "retsinformation").glob("bek-2022-1248-*"))
    store = Store(tmp_path / "store")
    try:
        ingest_paths(store, [vej_file], derive=["graph"])
        vej = _vejledning_2023(store)
        pid = _p21_paragraph(store, vej)
        before = [r for r in api.references(store, pid)["out"] if "21" in r["label"]]
        assert before and not any(r["resolved"] for r in before)
        ingest_paths(store, [bek_file], derive=["graph"])
        after = [r for r in api.references(store, pid)["out"] if "21" in r["label"]]
        assert any(r["resolved"] and r["target"] == f"{BEK_1248}/p21" for r in after)
    finally:
        rdf.close_graph(store.graph_path)
        store.close()


def _run(store, name: str):
    from aftalegraf.kg.sparql import sparql

    return sparql(store, (QUERIES / name).read_text(encoding="utf-8")).dicts()


def test_every_query_file_has_a_bilingual_header_and_runs(corpus_store):
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 5
    for f in files:
        head = f.read_text(encoding="utf-8").split("SELECT")[0]
        assert head.lstrip().startswith("#") and any(w in head for w in ("Alle", "Hvad", "Mål", "Bestemmelser",
                                                                        "Henvisninger"))
        _run(corpus_store, f.name)


def test_query_regionsraadets_forpligtelser(corpus_store):
    rows = _run(corpus_store, "regionsraadets-forpligtelser.rq")
    assert rows
    from aftalegraf.kg import api

    expected = {o["iri"] for o in api.obligations(corpus_store, actor="regionsraad", modality="obligation")}
    assert {r["obligation"] for r in rows} == expected
    assert all(r["provision"].startswith("https://w3id.org/aftalegraf/bestemmelse/") for r in rows)
    legal = [r for r in rows if "/dokument/bek-" in r["document"]]
    assert legal and all(r["section"] and r["section"].startswith("§") for r in legal)
    assert any(r["deadline"] for r in rows), "some obligation of regionsrådet has a deadline"


def test_query_sundhedssamarbejdsudvalget_kan(corpus_store):
    rows = _run(corpus_store, "sundhedssamarbejdsudvalget-kan.rq")
    assert rows
    from aftalegraf.kg import api

    for r in rows:
        ob = api.obligations(corpus_store, provision_ids=[r["provision"].rsplit("/bestemmelse/", 1)[1]])
        mine = [o for o in ob if o["iri"] == r["obligation"]]
        assert mine and mine[0]["modality"] == "permission"
        assert "sundhedssamarbejdsudvalg" in [b["key"] for b in mine[0]["bearers"]]


def test_query_maal_per_region(corpus_store):
    rows = _run(corpus_store, "maal-per-region.rq")
    from aftalegraf.kg import api

    goals_with_ng = [g for g in api.goals(corpus_store) if g["document"]["region"] and g["national_goals"]]
    if not goals_with_ng:
        pytest.skip("no regional goal is linked to a national goal in this corpus build")
    assert rows
    for r in rows:
        assert r["region"].startswith("https://w3id.org/aftalegraf/region/")
        assert r["nationalGoal"].startswith("https://w3id.org/aftalegraf/nationalt-maal/")
        assert 1 <= int(r["nationalGoal"].rsplit("/", 1)[1]) <= 8
        assert r["nationalGoalLabel"] and r["method"] in ("explicit", "similarity")
    assert {r["goal"] for r in rows} == {g["iri"] for g in goals_with_ng}


def test_query_uloeste_henvisninger(corpus_store):
    rows = _run(corpus_store, "uloeste-henvisninger.rq")
    from aftalegraf.kg.sparql import sparql

    n = sparql(corpus_store, "SELECT (COUNT(?r) AS ?n) WHERE { ?r a ag:Reference ; ag:resolved false }").rows[0][0]
    assert len({r["reference"] for r in rows}) == n
    for r in rows:
        ask = f"ASK {{ <{r['reference']}> ag:target ?t }}"
        assert not sparql(corpus_store, ask).boolean
        assert r["label"]


def test_query_citerede_dokumenter_ikke_indlaest(corpus_store):
    """The acts the corpus cites but the store lacks: the Health Act's »§ 5 i værgemålsloven«
    and LOV 719/2025's many paragraphs »i lov om kommunernes styrelse«; never a stored document."""
    rows = _run(corpus_store, "citerede-dokumenter-ikke-indlaest.rq")
    keys = {r["targetKey"]: int(r["references"]) for r in rows}
    assert keys.get("værgemålsloven", 0) >= 1 and keys.get("lov om kommunernes styrelse", 0) >= 10
    stored = set(corpus_store.document_ids())
    assert not stored & set(keys)
    assert list(keys.values()) == sorted(keys.values(), reverse=True)


def test_query_henvisninger_til_p21(corpus_store):
    rows = _run(corpus_store, "henvisninger-til-bek-1248-p21.rq")
    assert rows
    vej = _vejledning_2023(corpus_store)
    pid = _p21_paragraph(corpus_store, vej)
    assert f"https://w3id.org/aftalegraf/bestemmelse/{pid}" in {r["provision"] for r in rows}
    for r in rows:
        assert r["target"] == P21 or r["target"].startswith(P21 + "/")
        assert "21" in r["label"]


def test_obligations_have_provenance(corpus_store):
    from aftalegraf.kg import api

    obs = api.obligations(corpus_store, limit=200)
    assert obs
    texts = {}
    for ob in obs:
        doc_id = ob["document"]["id"]
        if doc_id not in texts:
            texts[doc_id] = corpus_store.document(doc_id, with_provisions=False).text
        prov = corpus_store.provision(ob["provision_id"])
        s, e = ob["span"]["start"], ob["span"]["end"]
        assert prov.start <= s < e <= prov.end
        assert texts[doc_id][s:e] == ob["text"]


# --- legal time in the graph ----------------------------------------------------------------

def test_query_provisions_in_force_on_a_date_obliging_regionsraadet(corpus_store):
    """The example query agrees with the timeline: obligations of regionsrådet in the texts
    that applied on 1 January 2027 (BEK 1804/2025 in, BEK 918/2018 out)."""
    from aftalegraf.kg import api
    from aftalegraf.kg.timeline import timeline_for

    rows = _run(corpus_store, "regionsraadets-pligter-gaeldende-pr-dato.rq")
    t = timeline_for(corpus_store)
    expected = {o["provision_id"] for o in api.obligations(corpus_store, actor="regionsraad", modality="obligation")
                if t.get(o["document"]["id"]).legal and t.status(o["document"]["id"], "2027-01-01") == "in_force"}
    got = {r["provision"].rsplit("/bestemmelse/", 1)[1] for r in rows}
    assert got == expected and got
    docs = {r["document"].rsplit("/", 1)[1] for r in rows}
    assert "bek-2018-918" not in docs and "bek-2018-679" not in docs


def test_eli_terms_only_on_legal_resources(corpus_store):
    from aftalegraf.kg.sparql import sparql

    types = {r["type"] for r in sparql(corpus_store, """SELECT DISTINCT ?type WHERE {
        ?d a eli:LegalResource ; ag:documentType ?type }""").dicts()}
    assert types <= {"bekendtgørelse", "lov", "lovbekendtgørelse", "vejledning"}
    bad = sparql(corpus_store, """ASK { ?p a eli:LegalResourceSubdivision ; ag:inDocument ?d .
        ?d ag:documentType ?t FILTER(?t IN ("nyhed", "webside", "dagsorden", "høringsbrev", "bilag")) }""")
    assert bad.boolean is False


def test_repeals_dates_and_official_eli_in_the_graph(corpus_store):
    from aftalegraf.kg.sparql import sparql

    rows = sparql(corpus_store, """SELECT ?to ?by ?same ?inforce WHERE {
        <https://w3id.org/aftalegraf/dokument/bek-2018-679> eli:date_no_longer_in_force ?to ;
            eli:repealed_by ?by ; owl:sameAs ?same ; eli:in_force ?inforce }""").dicts()
    assert rows == [{"to": "2022-09-07", "by": "https://w3id.org/aftalegraf/dokument/bek-2022-1248",
                     "same": "https://www.retsinformation.dk/eli/lta/2018/679",
                     "inforce": "http://data.europa.eu/eli/ontology#InForce-notInForce"}]
    ask = sparql(corpus_store, """ASK { <https://w3id.org/aftalegraf/bestemmelse/bek-2022-1248/p31/stk2>
        eli:repeals <https://w3id.org/aftalegraf/dokument/bek-2018-679> }""")
    assert ask.boolean
    vej = sparql(corpus_store, """SELECT ?same WHERE { <https://w3id.org/aftalegraf/dokument/vej-2013-9005>
        owl:sameAs ?same }""").dicts()
    assert vej == [{"same": "https://www.retsinformation.dk/eli/retsinfo/2013/9005"}]


def test_what_changes_on_1_january_2027_comes_out_of_the_graph(corpus_store):
    from aftalegraf.kg.changes import changes

    c = changes(corpus_store, "2027-01-01")
    starting = {d["id"]: d for d in c["starting"]}
    ending = {d["id"]: d for d in c["ending"]}
    assert "bek-2025-1804" in starting and "bek-2018-918" in ending
    assert ending["bek-2018-918"]["superseded_by"] == ["bek-2025-1804"]
    assert ending["bek-2018-918"]["superseded_in"] == ["bek-2025-1804/p9/stk2"]
    assert starting["bek-2025-1804"]["entry_provision"] == "bek-2025-1804/p9"
    for d in (starting["bek-2025-1804"], ending["bek-2018-918"]):
        obs = [ob for g in d["obligations_by_actor"] for ob in g["obligations"]]
        assert obs and all(ob["document"]["id"] == d["id"] for ob in obs)
        assert any(g["key"] == "kommunalbestyrelse" for g in d["obligations_by_actor"])


def test_a_document_named_after_the_paragraph(corpus_store):
    """bek-2014-257 § 4 cites »§ 7 i bekendtgørelse om praksisplanudvalg for almen praksis« and
    »§ 2, stk. 5, og § 3 i bekendtgørelse om sundhedskoordinationsudvalg og sundhedsaftaler«: the
    other orders' paragraphs (of the orders with that title, the one in force in 2014), never the
    citing order's own § 7, § 2 and § 3. The Health Act's »§ 5 i værgemålsloven« is another act,
    not the Health Act's own § 5."""
    from aftalegraf.kg import api

    got = {r["label"]: r["target"] for r in api.references(corpus_store, "bek-2014-257/p4")["out"]}
    assert got["§ 7 i bekendtgørelse om praksisplanudvalg for almen praksis"] == "bek-2014-256/p7"
    assert got["§ 2, stk. 5"] == "bek-2013-1569/p2/stk5"
    assert got["§ 3 i bekendtgørelse om sundhedskoordinationsudvalg og sundhedsaftaler"] == "bek-2013-1569/p3"
    assert not any(t and t.startswith("bek-2014-257/") for t in got.values())
    refs = api.references(corpus_store, "lbk-2019-903/p27d/stk3")["out"]
    other = [r for r in refs if r["label"] == "§ 5 i værgemålsloven"]
    assert other and other[0]["target"] is None and other[0]["target_key"] == "værgemålsloven"
