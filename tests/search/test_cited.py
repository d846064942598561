"""A question that cites a paragraph or names a document (search.cited): resolved against the
store's documents, and put forward in the hybrid ranking (search.service)."""

from __future__ import annotations

import pytest

from aftalegraf.kg.resolve import Resolver, _DocInfo
from aftalegraf.search import service
from aftalegraf.search.cited import Cited, cited_in


@pytest.fixture()
def resolver() -> Resolver:
    docs = [("bek-2009-778", "bekendtgørelse", ""), ("bek-2013-1569", "bekendtgørelse", ""),
            ("bek-2022-1248", "bekendtgørelse", ""), ("bek-2023-999", "bekendtgørelse", ""),
            ("lbk-2019-903", "lovbekendtgørelse", "sundhedsloven"),
            ("lbk-2023-1011", "lovbekendtgørelse", "sundhedsloven"),
            ("lov-2025-719", "lov", "regionsloven")]
    r = Resolver(docs={d: _DocInfo(d, t, d.split("-")[1] + "-01-01", act) for d, t, act in docs})
    r.provisions = {"bek-2009-778/p4", "bek-2013-1569/p4", "bek-2013-1569/p4/stk2", "bek-2023-999/p30a",
                    "bek-2013-1569/p15", "bek-2022-1248/p15", "lbk-2019-903/p57b", "lbk-2023-1011/p57b",
                    "lbk-2023-1011/p57b/stk2"}
    return r


def test_a_paragraph_in_a_numbered_order(resolver):
    assert cited_in("Hvilke områder efter § 4 i bekendtgørelse nr. 778 af 2009?", resolver) == \
        Cited(provisions=("bek-2009-778/p4",))
    assert cited_in("§ 4, stk. 2, i bekendtgørelse nr. 1569 af 16. december 2013", resolver) == \
        Cited(provisions=("bek-2013-1569/p4/stk2",))
    assert cited_in("BEK 1569/2013 § 4", resolver) == Cited(provisions=("bek-2013-1569/p4",))
    # the year given must be the document's
    assert not cited_in("§ 4 i bekendtgørelse nr. 778 af 2010", resolver)


def test_an_act_by_name_means_each_of_its_consolidations(resolver):
    # the exact subsection where a version has it, else the paragraph that holds it
    assert cited_in("Hvad står der i sundhedslovens § 57 b, stk. 2?", resolver) == \
        Cited(provisions=("lbk-2019-903/p57b", "lbk-2023-1011/p57b/stk2"))


def test_the_order_without_a_number_only_when_one_order_has_the_paragraph(resolver):
    assert cited_in("Hvem udarbejder praksisplanen efter § 30 a i bekendtgørelsen?", resolver) == \
        Cited(provisions=("bek-2023-999/p30a",))
    assert not cited_in("Hvilke opgaver har udvalget efter bekendtgørelsens § 15?", resolver)


def test_a_paragraph_with_no_document_named_is_not_resolved(resolver):
    assert not cited_in("Hvad siger § 4 om sundhedsaftaler?", resolver)
    assert not cited_in("Hvem skal indsende sundhedsaftalen?", resolver)


def test_a_document_named_without_a_paragraph(resolver):
    assert cited_in("Hvilke bekendtgørelser ophæves ved bekendtgørelse nr. 1248 af 5. september 2022?",
                    resolver) == Cited(documents=("bek-2022-1248",))
    assert cited_in("Hvor mange medlemmer efter LOV nr. 719 af 2025?", resolver) == \
        Cited(documents=("lov-2025-719",))
    # a document the store does not have is no citation
    assert not cited_in("Hvad sker der med vejledning nr. 9504 af 4. juni 2018?", resolver)


@pytest.mark.parametrize("question,expected", [
    # the same duty is BEK 1248/2022 § 21 today; the question asks for the 2018 order's paragraph
    ("Hvornår skal sundhedsaftalen indsendes efter § 6 i bekendtgørelse nr. 679 af 30. maj 2018?",
     "bek-2018-679/p6"),
    # the order's title repeats the name the question gives; the paragraph that answers it leads
    ("Hvilke bekendtgørelser blev ophævet med bekendtgørelse nr. 1248 af 5. september 2022?",
     "bek-2022-1248/p31"),
])
def test_what_the_question_cites_comes_first(versions_store, monkeypatch, question, expected):
    assert service.search(versions_store, question, k=5)["hits"][0]["id"] == expected
    # ... and because it is cited: without the bonus it is not first
    monkeypatch.setattr(service, "CITED_BONUS", 0.0)
    monkeypatch.setattr(service, "NAMED_DOC_BONUS", 0.0)
    assert service.search(versions_store, question, k=5)["hits"][0]["id"] != expected


@pytest.mark.parametrize("question", ["BEK 1248/2022 § 21", "§ 21 i bekendtgørelse nr. 1248 af 2022"])
def test_a_cited_paragraph_leads_its_orders_title_block(versions_store, question):
    """The order's preamble holds the number the citation gives (»BEK nr 1248 …«) and once
    outranked § 21 itself, on the card too."""
    r = service.search(versions_store, question, k=5)
    assert r["hits"][0]["id"] == "bek-2022-1248/p21"
    assert r["answer"]["id"] == "bek-2022-1248/p21"


def test_a_cited_subsection_brings_its_paragraph(versions_store):
    hits = service.search(versions_store, "Hvad står der i sundhedslovens § 205, stk. 4?", k=5)["hits"]
    assert "/p205" in hits[0]["id"] and hits[0]["document"]["id"].startswith("lbk-")


def test_a_long_hostile_question_resolves_quickly(resolver):
    import time

    q = ("§ 4 i bekendtgørelse nr. 778 af 2009, sundhedslovens § 57 b, stk. 99999999999999999999, "
         "BEK 0/0000 ")[:1000] * 8
    t0 = time.perf_counter()
    cited = cited_in(q[:1000], resolver)
    assert time.perf_counter() - t0 < 0.5
    assert "bek-2009-778/p4" in cited.provisions
