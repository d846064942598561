"""Retrieval quality on the shared development QA set, over the whole shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from aftalegraf.search.evaluate import first_right_rank, normalise


def test_normalise_case_whitespace_hyphenation():
    assert normalise("Sundheds-\n  aftalen  SKAL") == normalise("sundhedsaftalen skal")
    assert normalise("a\u00adb") == "ab"
    assert first_right_rank([{"text": "x"}, {"text": "Det  faglige\nniveau"}], ["det faglige niveau"]) == 2
    assert first_right_rank([{"text": "x"}], ["y"]) is None


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory, corpus_dir):
    from aftalegraf.store import Store

    from .corpus_helper import load_files

    store = Store(tmp_path_factory.mktemp("corpus") / "store")
    load_files(store, [corpus_dir])
    return store


@pytest.mark.slow
def test_dev_qa_targets(corpus_store, eval_dir):
    from aftalegraf.search.evaluate import evaluate, load_qa

    result = evaluate(corpus_store, load_qa(eval_dir / "dev_qa.jsonl"))
    s = _rounded(result)
    assert s["hybrid"]["recall@5"] >= 0.9, s
    one_question = 1 / len(load_qa(eval_dir / "dev_qa.jsonl")) + 1e-9
    for single in ("bm25", "dense"):
        # better: at least as good on the top of the list (recall@1, @5, MRR), strictly better on one
        assert all(s["hybrid"][m] >= s[single][m] for m in ("recall@1", "recall@5", "mrr")), (single, s)
        assert any(s["hybrid"][m] > s[single][m] for m in MEASURES), (single, s)
        # further down, one question may differ: BM25 with word pairs ranks d05's »… godkender
        # indholdet af aftalen« first, the embedding 37th, the fused list 28th (BENCHMARKS.md, round 20)
        assert s["hybrid"]["recall@10"] >= s[single]["recall@10"] - one_question, (single, s)


@pytest.mark.slow
def test_hybrid_beats_each_signal_on_the_blind_development_sets(corpus_store):
    """The two sets in benchmarks/qa were written without seeing any ranking (118 questions):
    hybrid must lead both single signals on recall@5 and MRR there too."""
    from aftalegraf.search.evaluate import evaluate, load_qa

    qa_dir = Path(__file__).resolve().parents[2] / "benchmarks" / "qa"
    questions = load_qa(qa_dir / "extra_qa.jsonl") + load_qa(qa_dir / "extra_qa_b.jsonl")
    s = _rounded(evaluate(corpus_store, questions))
    for single in ("bm25", "dense"):
        assert s["hybrid"]["recall@5"] > s[single]["recall@5"] and s["hybrid"]["mrr"] > s[single]["mrr"], (single, s)


MEASURES = ("recall@1", "recall@5", "recall@10", "mrr")


def _rounded(result: dict) -> dict:
    # rounded: equal means summed in another order differ in the last bits
    return {m: {k: round(v, 9) for k, v in result["modes"][m]["all"].items()} for m in result["modes"]}


@pytest.mark.slow
def test_english_question_over_corpus(corpus_store):
    from aftalegraf.search.service import search

    r = search(corpus_store, "Who approves the content of the health agreement?", k=10)
    assert any("godkend" in h["text"].lower() for h in r["hits"])


@pytest.mark.slow
def test_who_sits_in_a_body_finds_what_it_consists_of(corpus_store):
    """»Hvem sidder i sundhedsrådet?« is answered by the act's »Sundhedsrådene består af …«
    (LOV 719/2025 § 14 d), not by a rule on one member's substitute that repeats »sundhedsrådet«."""
    from aftalegraf.search.service import search

    r = search(corpus_store, "Hvem sidder i sundhedsrådet?", k=5)
    assert r["hits"][0]["id"] == "lov-2025-719/p14d", [h["id"] for h in r["hits"]]
    assert r["answer"]["id"] == "lov-2025-719/p14d"


@pytest.mark.slow
def test_with_no_version_in_force_the_newest_consolidation_is_shown(corpus_store):
    """Sundhedsloven outside §§ 203-206: LBK 275/2025 is in the store only as an excerpt of those
    paragraphs, so both LBK 903/2019 and LBK 1011/2023 are superseded; § 46 is shown as the 2023
    text (which names regionsrådet where 2019 named Styrelsen for Patientsikkerhed), the 2019 text
    as its other version."""
    from aftalegraf.search.service import search

    hits = search(corpus_store, "Hvem skal godkende, at journaloplysninger videregives til en forsker?", k=10)["hits"]
    ids = [h["id"] for h in hits]
    assert "lbk-2023-1011/p46" in ids and "lbk-2019-903/p46" not in ids, ids
    hit = hits[ids.index("lbk-2023-1011/p46")]
    assert hit["document"]["status"] == "superseded" and hit["other_versions"] == ["lbk-2019-903/p46"]


@pytest.mark.slow
def test_english_words_of_the_field_find_the_danish_provision(corpus_store):
    """»chair«, »health council« and »municipal members« are the field's words, in Danish
    »formand«, »sundhedsråd« and »kommunale medlemmer« (search.crosslingual)."""
    from aftalegraf.search.crosslingual import danish_terms
    from aftalegraf.search.service import search

    assert danish_terms(corpus_store, "referrals to child and adolescent psychiatry") == [
        "børne- og ungdomspsykiatri", "henvisninger"]
    r = search(corpus_store, "Who chairs a health council, and how many municipal members does it have?", k=5)
    assert any("formand" in h["text"].lower() and "sundhedsråd" in h["text"].lower() for h in r["hits"])


@pytest.mark.slow
def test_english_plurals_and_section_numbers_reach_the_danish_act(corpus_store):
    """»complaints« and »pharmacies« are the field's »complaint« and »pharmacy« in the plural,
    and »section 203« is »§ 203« in the Danish text (search.crosslingual)."""
    from aftalegraf.search.crosslingual import danish_terms, for_index
    from aftalegraf.search.service import search

    assert danish_terms(corpus_store, "Where do complaints about pharmacies go?") == ["klage", "apotek"]
    assert for_index(corpus_store, "What does subsection 2 of section 57 b say?").endswith("§ 57 b stk. 2")
    assert for_index(corpus_store, "Hvad siger § 203?") == "Hvad siger § 203?"     # Danish stays as asked
    q = "What does section 203 of the Health Act require?"
    assert "§ 203" in for_index(corpus_store, q)
    top = search(corpus_store, q, k=3)["hits"][0]
    assert top["id"].endswith("/p203") and top["text"].startswith("§ 203.")
