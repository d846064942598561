import pytest

from aftalegraf.kg.temporal import find_deadline, find_frequency


@pytest.mark.parametrize("text,expect", [
    ("skal ske senest den 1. juli i valgperiodens andet år", {"date": "--07-01", "anchor": "i valgperiodens andet år"}),
    ("senest 2 år efter ikrafttrædelse", {"offset": "P2Y", "anchor": "ikrafttrædelse"}),
    ("godkende den inden for 8 uger", {"offset": "P8W"}),
    ("inden udgangen af januar 2015", {"date": "2015-01-31"}),
    ("inden udgangen af 2016", {"date": "2016-12-31"}),
    ("senest et halvt år før udløb af aftaleperioden", {"offset": "-P6M"}),
    ("senest den 15. marts 2024", {"date": "2024-03-15"}),
    ("inden for 14 dage efter modtagelsen", {"offset": "P14D", "anchor": "modtagelsen"}),
])
def test_deadlines(text, expect):
    d = find_deadline(text)
    assert d and d["kind"] == "deadline"
    for k, v in expect.items():
        assert d[k] == v, (k, d)
    assert text[d["start"]:d["end"]] == d["text"]


@pytest.mark.parametrize("text,count,per", [
    ("Udvalget skal afholde mindst fire møder om året.", 4, "year"),
    ("som minimum 4 gange årligt", 4, "year"),
    ("én gang årligt gennemgå aftalen", 1, "year"),
    ("mødes to gange om året", 2, "year"),
    ("en gang i valgperioden", 1, "election-period"),
])
def test_frequencies(text, count, per):
    f = find_frequency(text)
    assert f and f["kind"] == "frequency" and f["count"] == count and f["per"] == per


def test_none():
    assert find_deadline("Regionsrådet indsender aftalen.") is None
    assert find_frequency("Regionsrådet indsender aftalen.") is None


def test_offset_base():
    d = find_deadline("xx inden for 6 uger", offset_base=100)
    assert d["start"] == 103
