from aftalegraf.ingest.ids import IdAllocator, legal_doc_id, paragraf_key, section_key, slugify


def test_slugify_transliterates_danish():
    assert slugify("Høringsudkast Sundhedsaftale 2015 – 2018") == "hoeringsudkast-sundhedsaftale-2015-2018"
    assert slugify("Region Sjælland") == "region-sjaelland"


def test_keys():
    assert legal_doc_id("BEK", 2022, 1248) == "bek-2022-1248"
    assert paragraf_key("§ 5 a") == "p5a" and paragraf_key("§ 21") == "p21"
    assert section_key("2.1.1.") == "s2.1.1"


def test_allocator_suffixes_repeats():
    a = IdAllocator()
    assert [a.take("p1"), a.take("p1"), a.take("p1")] == ["p1", "p1-2", "p1-3"]
