"""One hit for one text (search.same_text), on sentences of the real orders: BEK 918/2018 and
its successor BEK 1804/2025 say the same in § 1; BEK 1569/2013 and BEK 679/2018 differ in the
submission deadline, which must keep them apart."""

from __future__ import annotations

import pytest

from aftalegraf.search.same_text import collapse, same, signature

FILES = {"918": "bek-2018-918-genoptraeningsplaner-og-valg-af-genoptraeningstilbud.txt",
         "1804": "bek-2025-1804-genoptraeningsplaner-og-valg-af-genoptraeningstilbud.txt",
         "1569": "bek-2013-1569-sundhedskoordinationsudvalg-og-sundhedsaftaler.txt",
         "679": "bek-2018-679-sundhedskoordinationsudvalg-og-sundhedsaftaler.txt"}


@pytest.fixture(scope="module")
def para(corpus_dir):
    """para[order][n]: the first line of § n of the order, as the corpus has it."""
    out = {}
    for key, name in FILES.items():
        path = corpus_dir / "retsinformation" / name
        if not path.exists():
            pytest.skip(f"corpus file missing: {path}")
        lines = path.read_text(encoding="utf-8").splitlines()
        out[key] = {int(line.split(".")[0][2:]): line for line in lines if line[:2] == "§ " and line[2].isdigit()}
    return out


def test_the_same_words_under_another_number_are_the_same_text(para):
    assert para["918"][1] == para["1804"][1]
    assert same(signature(para["918"][1]), signature(para["1804"][1].replace("§ 1.", "§ 3.")))


def test_another_date_is_another_text(para):
    assert "31. januar" in para["1569"][6] and "1. juli" in para["679"][6]
    assert not same(signature(para["1569"][6]), signature(para["679"][6]))


def test_different_words_are_different_texts(para):
    assert not same(signature(para["918"][1]), signature(para["679"][6]))
    assert not same(signature(para["918"][6]), signature(para["1804"][6]))   # the 2025 order changed § 6


def test_a_group_is_shown_once_by_its_member_in_force_at_the_best_place(para):
    texts = {"bek-2025-1804/p1": para["1804"][1], "bek-2018-918/p1": para["918"][1], "bek-2018-679/p6": para["679"][6],
             "bek-2013-1569/p6": para["1569"][6]}
    in_force = {"bek-2018-918/p1"}
    ranked = [("bek-2025-1804/p1", 0.9), ("bek-2018-679/p6", 0.8), ("bek-2018-918/p1", 0.7), ("bek-2013-1569/p6", 0.6)]
    out, members = collapse(ranked, lambda p: signature(texts[p]), lambda p: p.split("/")[0],
                            lambda p: p in in_force, limit=10)
    assert out == [("bek-2018-918/p1", 0.9), ("bek-2018-679/p6", 0.8), ("bek-2013-1569/p6", 0.6)]
    assert members["bek-2018-918/p1"] == ["bek-2025-1804/p1"] and members["bek-2018-679/p6"] == []


def test_a_group_is_shown_by_the_member_the_question_cites(para):
    """»§ 1 i bekendtgørelse nr. 1804«: the 2025 order's paragraph is shown, though the 2018
    order's identical § 1 is the one in force and ranks first."""
    texts = {"bek-2018-918/p1": para["918"][1], "bek-2025-1804/p1": para["1804"][1]}
    ranked = [("bek-2018-918/p1", 0.9), ("bek-2025-1804/p1", 0.8)]
    out, members = collapse(ranked, lambda p: signature(texts[p]), lambda p: p.split("/")[0],
                            lambda p: p == "bek-2018-918/p1", limit=10, wanted=lambda p: p == "bek-2025-1804/p1")
    assert out == [("bek-2025-1804/p1", 0.9)] and members["bek-2025-1804/p1"] == ["bek-2018-918/p1"]


def test_the_same_words_twice_in_one_document_stay_two_hits():
    lead_in = signature("I aftaleperioden vil vi sætte særligt politisk fokus på:")
    ranked = [("agreement/h6/p3", 0.9), ("agreement/h17/p3", 0.8)]
    out, _ = collapse(ranked, lambda p: lead_in, lambda p: p.split("/")[0], lambda p: True, limit=10)
    assert [p for p, _ in out] == ["agreement/h6/p3", "agreement/h17/p3"]


def test_a_long_provision_is_compared_whole_not_by_its_best_window(para):
    """Two provisions cut into windows whose first windows agree but whose second differ are two
    texts (the service compares all of a provision's units)."""
    from types import SimpleNamespace

    from aftalegraf.search.service import _one_hit_per_text
    from aftalegraf.search.units import Unit

    def units(doc, second):
        pid = f"{doc}/p1"
        return [Unit(key=pid, provision_id=pid, document_id=doc, start=0, end=10, text=para["918"][1], heading=""),
                Unit(key=pid + "#w1", provision_id=pid, document_id=doc, start=10, end=20, text=second, heading="")]

    for second_b, folded in ((para["918"][6], True), (para["1804"][6], False)):
        idx = SimpleNamespace(units=units("bek-a", para["918"][6]) + units("bek-b", second_b), derived={})
        tl = SimpleNamespace(status=lambda doc_id, on: "in_force")
        ranked, members = _one_hit_per_text(idx, tl, [("bek-a/p1", 0.9), ("bek-b/p1", 0.8)],
                                            {"bek-a/p1": 0, "bek-b/p1": 2}, None, 10, {})
        assert (len(ranked) == 1) is folded and (members["bek-a/p1"] == ["bek-b/p1"]) is folded
