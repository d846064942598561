"""Legal time over the real corpus: every order's status, dates and successor on dates
before, between and after entry into force and repeal; the consolidations of sundhedsloven
each with its interval; the 2023 vejledning a draft; the versions of § 204; a repeal that
resolves when the repealed order is ingested later. Documents only (no graph, no index)."""

from __future__ import annotations

import pytest

from aftalegraf.kg.timeline import build_timeline, provision_versions, timeline_for
from aftalegraf.store import Store

RETS = "retsinformation"


@pytest.fixture(scope="module")
def store(corpus_dir, tmp_path_factory):
    from aftalegraf.ingest import ingest_paths

    st = Store(tmp_path_factory.mktemp("timeline") / "store")
    ingest_paths(st, [corpus_dir / RETS, corpus_dir / "seeds"], derive=[])
    yield st
    st.close()


# (document, date, status, superseded by) — what the orders' own final provisions imply
CASES = [
    ("bek-2009-778", "2009-08-31", "not_yet_in_force", None),
    ("bek-2009-778", "2010-01-01", "in_force", None),
    ("bek-2009-778", "2014-01-01", "repealed", "bek-2013-1569"),
    ("bek-2013-1569", "2013-12-31", "not_yet_in_force", None),
    ("bek-2013-1569", "2016-05-01", "in_force", None),
    ("bek-2013-1569", "2018-06-08", "repealed", "bek-2018-679"),
    ("bek-2018-679", "2018-06-07", "not_yet_in_force", None),
    ("bek-2018-679", "2022-09-07", "in_force", None),
    ("bek-2018-679", "2022-09-08", "repealed", "bek-2022-1248"),
    ("bek-2014-256", "2020-01-01", "in_force", None),
    ("bek-2014-256", "2023-01-01", "repealed", "bek-2022-1248"),
    ("bek-2014-257", "2023-01-01", "repealed", "bek-2022-1248"),
    ("bek-2022-1248", "2022-09-07", "not_yet_in_force", None),
    ("bek-2022-1248", "2026-12-01", "in_force", None),
    ("bek-2018-918", "2026-12-31", "in_force", None),
    ("bek-2018-918", "2027-01-01", "repealed", "bek-2025-1804"),
    ("bek-2025-1804", "2026-12-31", "not_yet_in_force", None),
    ("bek-2025-1804", "2027-01-01", "in_force", None),
    ("bek-2025-1615", "2025-12-31", "not_yet_in_force", None),
    ("bek-2025-1615", "2026-01-01", "in_force", None),
    ("bek-2025-1208", "2026-01-01", "in_force", None),
]


@pytest.mark.parametrize("doc_id,on,status,by", CASES)
def test_every_order_on_dates_before_between_and_after(store, doc_id, on, status, by):
    d = timeline_for(store).get(doc_id)
    assert d is not None, doc_id
    assert d.status(on) == status
    if by:
        assert by in [s["document"] for s in d.superseded_by]


def test_repeal_names_the_provision_that_does_it(store):
    d = timeline_for(store).get("bek-2018-918")
    assert d.valid_from == "2018-07-01" and d.valid_to == "2026-12-31"
    assert d.superseded_by == [{"document": "bek-2025-1804", "provision": "bek-2025-1804/p9/stk2"}]
    assert timeline_for(store).get("bek-2018-679").superseded_by[0]["provision"] == "bek-2022-1248/p31/stk2"
    assert timeline_for(store).get("bek-2013-1569").entry_exception == "jf. dog stk. 3"


def test_the_amending_order_is_linked_to_the_order_it_amends(store):
    t = timeline_for(store)
    assert t.get("bek-2023-999").amends == ["bek-2022-1248"]
    assert "bek-2023-999" in t.get("bek-2022-1248").amended_by


def test_the_2023_vejledning_is_a_draft_and_the_2013_one_has_its_official_eli(store):
    t = timeline_for(store)
    drafts = [d for d in t.docs.values() if d.type == "vejledning" and "2023" in d.id]
    assert drafts and all(d.status("2024-01-01") == "draft" for d in drafts)
    assert t.get("vej-2013-9005").eli == "https://www.retsinformation.dk/eli/retsinfo/2013/9005"
    assert t.get("bek-2022-1248").eli == "https://www.retsinformation.dk/eli/lta/2022/1248"


def test_news_and_web_pages_have_no_legal_status(store):
    t = timeline_for(store)
    for d in t.docs.values():
        if d.type in ("nyhed", "webside", "dagsorden", "høringsbrev", "bilag"):
            assert d.status() == "unknown" and not d.legal


def test_each_consolidation_of_sundhedsloven_has_its_interval(store):
    t = timeline_for(store)
    lbks = sorted({(d.valid_from, d.valid_to, d.expression) for d in t.docs.values()
                   if d.type == "lovbekendtgørelse" and d.act == "sundhedsloven"})
    assert len(lbks) >= 13
    for (a_from, a_to, _), (b_from, _, _) in zip(lbks, lbks[1:]):
        assert a_to is not None and a_to < b_from            # one ends the day before the next begins
    assert lbks[-1][1] is None                               # the newest still applies
    on = "2024-06-01"
    current = {d.expression for d in t.docs.values() if d.act == "sundhedsloven" and d.status(on) == "in_force"}
    assert current == {"lbk-2024-247"}


def test_versions_of_paragraph_204(store):
    vs = provision_versions(store, "lbk-2023-1011/p204")
    assert len(vs) >= 10
    dates = [v["valid_from"] for v in vs]
    assert dates == sorted(dates) and all(dates)
    in_2012 = [v for v in vs if v["valid_from"] <= "2012-06-01" <= (v["valid_to"] or "9999")]
    in_2024 = [v for v in vs if v["valid_from"] <= "2024-06-01" <= (v["valid_to"] or "9999")]
    assert len(in_2012) == 1 and "sundhedskoordinationsudvalg" in in_2012[0]["text"]
    assert len(in_2024) == 1 and "sundhedssamarbejdsudvalg" in in_2024[0]["text"]
    changed = [v for v in vs[1:] if v["changed"]]
    assert changed, "§ 204 changed at least once"
    assert any(op == "+" and "sundhedssamarbejdsudvalg" in words for v in changed for op, words in v["diff"])
    assert all(not v["changed"] or v is vs[0] or v["diff"] for v in vs)


def test_versions_follow_the_chain_of_repealing_orders(store):
    """BEK 1248/2022 § 21 (indsendelse af sundhedsaftalen) was § 6 in 679/2018 and 1569/2013."""
    vs = provision_versions(store, "bek-2022-1248/p21")
    docs = [v["document"] for v in vs]
    assert "bek-2018-679" in docs and docs[-1] == "bek-2022-1248"
    assert all("indsend" in v["text"].lower() or "indsendelse" in v["text"].lower() for v in vs)


def test_a_repeal_of_a_document_not_in_the_store_resolves_when_it_is_ingested(corpus_dir, tmp_path):
    from aftalegraf.ingest import ingest_paths

    st = Store(tmp_path / "s")
    files = {p.name.split("-")[2]: p for p in (corpus_dir / RETS).glob("bek-*.txt")}
    ingest_paths(st, [files["1248"]], derive=[])
    t = timeline_for(st)
    assert {r["document"]: r["resolved"] for r in t.get("bek-2022-1248").repeals}["bek-2018-679"] is False
    ingest_paths(st, [files["679"]], derive=[])
    t = timeline_for(st)
    assert {r["document"]: r["resolved"] for r in t.get("bek-2022-1248").repeals}["bek-2018-679"] is True
    assert t.get("bek-2018-679").status("2023-01-01") == "repealed"
    st.close()


def test_build_timeline_is_pure(store):
    docs = [store.document(i) for i in store.document_ids()]
    assert build_timeline(docs).get("bek-2018-679").valid_to == "2022-09-07"


def test_a_paragraph_rewritten_in_part_is_a_version_under_its_number(store):
    """BEK 1804/2025 § 7, stk. 4 rewrites 918/2018's (the region is added, one sentence goes):
    under the same number it is the same provision's next version, from 1 January 2027."""
    vs = provision_versions(store, "bek-2018-918/p7/stk4", "2026-12-02")
    assert [v["id"] for v in vs] == ["bek-2018-918/p7/stk4", "bek-2025-1804/p7/stk4"]
    assert vs[1]["valid_from"] == "2027-01-01" and vs[1]["changed"] and vs[1]["status"] == "not_yet_in_force"
    assert any(op == "+" and "regionsrådet" in words for op, words in vs[1]["diff"])
    # the same answer asked from either end
    assert [v["id"] for v in provision_versions(store, "bek-2025-1804/p7/stk4")] == [v["id"] for v in vs]


def test_a_short_paragraph_is_not_a_version_of_a_long_one_that_shares_its_opening(store):
    """§ 1 of 679/2018 sets up the sundhedskoordinationsudvalg in one line; § 1 of 1248/2022 sets
    up the clusters in a long paragraph opening with the same words: not one provision."""
    assert "bek-2022-1248/p1" not in [v["id"] for v in provision_versions(store, "bek-2018-679/p1")]
