"""Acceptance over the real corpus in ../shared/corpus (skipped when it is absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aftalegraf.ingest.pipeline import read_documents

FURNITURE = [
    re.compile(r"xmlns=|viewBox="),
    re.compile(r"Punkt nr\. \d+ - "),
    re.compile(r"Bilag \d+ - Side"),
    re.compile(r"Møde i Praksisplanudvalget d\."),
    re.compile(r"(^|\n)\s*Side \d+\s*($|\n)"),
    re.compile(r"Gå til indhold|Link til denne side|\.jpg\b|Klik på billedet"),
    re.compile(r"[\uf0b7\uf0a7\ufffd\u00ad\u2010]"),
]


@pytest.fixture(scope="module")
def corpus_docs(corpus_dir: Path):
    files = sorted(p for p in corpus_dir.rglob("*") if p.suffix in (".txt", ".xml"))
    assert files, f"no corpus files in {corpus_dir}"
    out = {}
    for f in files:
        _, docs = read_documents(f)
        out[f.name] = docs
    return out


def _all(corpus_docs):
    return [d for docs in corpus_docs.values() for d in docs]


def _by_id(corpus_docs):
    return {d.id: d for d in _all(corpus_docs)}


def test_every_file_yields_documents_with_provisions(corpus_docs):
    for name, docs in corpus_docs.items():
        assert docs and all(d.provisions for d in docs), name


def test_offsets_invariant_and_unique_ids(corpus_docs):
    ids = set()
    for d in _all(corpus_docs):
        assert d.id not in ids
        ids.add(d.id)
        pids = set()
        for p in d.provisions:
            assert d.text[p.start:p.end] == p.text, p.id
            assert p.text.strip() and p.id.startswith(d.id + "/") and p.id not in pids
            pids.add(p.id)
            assert p.parent_id is None or p.parent_id in pids, p.id     # parents come first


def test_no_furniture_in_provisions(corpus_docs):
    for d in _all(corpus_docs):
        for p in d.provisions:
            for rx in FURNITURE:
                assert not rx.search(p.text), (p.id, rx.pattern, p.text[:200])


def test_provisions_are_paragraph_sized(corpus_docs):
    for d in _all(corpus_docs):
        for p in d.provisions:
            if p.kind in ("kapitel", "section", "heading"):
                assert len(p.text) < 300, p.id
            if p.kind not in ("list", "table"):
                assert len(p.text) < 6000, (p.id, len(p.text))


def test_types(corpus_docs):
    by = _by_id(corpus_docs)
    assert by["bek-2022-1248"].type == "bekendtgørelse"
    assert by["lbk-2023-1011"].type == "lovbekendtgørelse" and by["lbk-2023-1011"].meta["act"] == "sundhedsloven"
    assert by["lov-2025-719"].type == "lov"
    assert by["sst-vejledning-2023-hoeringsudkast"].type == "vejledning"
    assert by["sst-nyhed-2019-08-23"].type == "nyhed" and by["sst-nyhed-2019-08-23"].date == "2019-08-23"
    assert by["sst-side-sundhedsaftaler"].type == "webside"
    sj = by["regionsjaelland-side-hvad-er-sundhedsaftalen"]
    assert (sj.type, sj.region, sj.period) == ("webside", "sjaelland", "2019-2023")
    bek = by["bek-2022-1248"]
    assert bek.eli == "https://www.retsinformation.dk/eli/lta/2022/1248" and bek.identifier == "BEK nr 1248 af 05/09/2022"


def test_regionh_compound_file(corpus_docs):
    docs = corpus_docs["regionh-praksisplanudvalg-2014-05-14-dagsorden-med-bilag.txt"]
    assert len(docs) >= 4
    assert len({d.source_path for d in docs}) == 1
    by = {d.id: d for d in docs}
    vej = by["vej-2013-9005"]
    assert vej.type == "vejledning" and vej.eli.endswith("/2013/9005") and vej.date == "2013-12-20"
    drafts = [d for d in docs if d.type in ("høringsudkast", "sundhedsaftale")]
    assert len(drafts) == 1
    draft = drafts[0]
    assert (draft.region, draft.period) == ("hovedstaden", "2015-2018")
    assert draft.title.startswith("Udkast til politiske visioner og mål for Sundhedsaftalen")
    types = {d.type for d in docs}
    assert {"dagsorden", "høringsbrev", "vejledning", "høringsudkast"} <= types
    # spans point back into the file, in order and without overlap
    spans = [d.source_span for d in docs]
    assert all(s is not None for s in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    goals = [p for p in draft.provisions if p.kind == "goal" and p.label]
    assert [g.label for g in goals] == [f"{n})" for n in range(1, 12)]
    assert goals[0].text.startswith("1) At borgerne sikres samme høje kvalitet")


def test_bek_1248_paragraphs_and_stk(corpus_docs):
    bek = _by_id(corpus_docs)["bek-2022-1248"]
    paras = [p for p in bek.provisions if p.kind == "paragraf"]
    assert [p.label for p in paras] == [f"§ {n}" for n in range(1, 32)]
    ids = {p.id for p in bek.provisions}
    assert {"bek-2022-1248/p1/stk2", "bek-2022-1248/p1/stk3", "bek-2022-1248/p16/stk6", "bek-2022-1248/p31/stk3"} <= ids
    assert "bek-2022-1248/p2/stk2/nr1" in ids
    stk = next(p for p in bek.provisions if p.id == "bek-2022-1248/p6/stk2")
    assert stk.text == "Stk. 2. Det politiske niveau mødes som minimum to gange årligt." and stk.path == ["§ 6"]


def test_vejledning_2023_sections(corpus_docs):
    vej = _by_id(corpus_docs)["sst-vejledning-2023-hoeringsudkast"]
    sections = {p.label: p for p in vej.provisions if p.kind == "section"}
    assert [lab for lab in sections if "." not in lab] == [str(n) for n in range(1, 9)]
    assert {"1.1", "2.1", "2.1.1", "2.1.8", "2.2.8", "3.6", "5.6", "7.1"} <= set(sections)
    assert sections["2.1.1"].path == ["2. Sundhedssamarbejdsudvalget og sundhedsklynger", "2.1. Sundhedsklynger"]
    table = next(p for p in vej.provisions if p.kind == "table")
    rows = [p for p in vej.provisions if p.parent_id == table.id]
    assert rows[0].text == "| Politisk niveau | Faglig strategisk niveau |" and len(rows) >= 6
    assert table.path[-1] == "2.1. Sundhedsklynger"


def test_sjaelland_goals(corpus_docs):
    doc = corpus_docs["regionsjaelland-side-hvad-er-sundhedsaftalen.txt"][0]
    goals = [p.text for p in doc.provisions if p.kind == "goal"]
    assert goals == ["- FÆLLES OM BORGERENS LIVSUDFORDRINGER", "- TRYGHED OG MESTRING I EGET HJEM",
                     "- EFFEKTIV FOREBYGGELSE – SUNDE BORGERE", "- MENTAL SUNDHED OG PSYKISK TRIVSEL"]


def test_versions_file_one_document_per_version(corpus_docs):
    docs = corpus_docs["sundhedsloven-203-206-alle-versioner-2008-2025.txt"]
    assert len(docs) == 13
    assert docs[0].id == "lbk-2008-95-uddrag" and docs[0].meta["full_text_id"] == "lbk-2008-95"
    assert all(d.type == "lovbekendtgørelse" and d.meta["act"] == "sundhedsloven" for d in docs)
    assert all(any(p.label == "§ 203" for p in d.provisions) for d in docs)


def test_cleaning_repairs_hyphenation_in_corpus(corpus_docs):
    docs = corpus_docs["regionh-praksisplanudvalg-2014-05-14-dagsorden-med-bilag.txt"]
    text = " ".join(d.text for d in docs)
    assert "forebyggelse" in text and "forebyg- gelse" not in text and "sund-hedsaftalen" not in text
    assert "Der skal inden udgangen af januar 2015" in text


def test_letter_signature_and_link_lines_are_not_headings(corpus_docs):
    by = _by_id(corpus_docs)

    def headings(doc_id):
        return [p.title for p in by[doc_id].provisions if p.kind == "heading"]

    letter = headings("regionh-hoeringsbrev-2015-2018")
    for line in ("Hillerød den 9. april 2014", "Ref. Winnie Brandt", "Til", "Med venlig hilsen",
                 "Per Seerup Knudsen / Ninna Thomsen", "Formand Næstformand"):
        assert line not in letter
    vej = headings("vej-2013-9005")
    assert "Sundhedsstyrelsen, den 20. december 2013" not in vej and "Jette Jul Bruun" not in vej
    assert "Regioner, 2013" not in vej
    assert {"Bilag 1", "Referencer", "Love", "Bekendtgørelser", "Andet"} <= set(vej)
    web = headings("sst-side-sundhedsaftaler")
    assert not [h for h in web if h.startswith(("Region ", "Svarbrev til", "Se "))]
    assert {"Sundhedsaftaler", "Sundhedsstyrelsens vejledning", "Svarbreve"} <= set(web)
    sj = headings("regionsjaelland-side-hvad-er-sundhedsaftalen")
    assert "Eller hent Sundhedsaftalen 2019-23 som pdf" not in sj and "Økonomi og kapacitet" in sj
    draft = headings("regionh-sundhedsaftale-2015-2018-udkast")
    assert len(draft) == 26 and "Indledning" in draft


def test_issuer_of_legislation(corpus_docs):
    by = _by_id(corpus_docs)
    # consolidated acts and the act: the ministry of the minister they empower
    assert by["lbk-2023-1011"].issuer == "Indenrigs- og Sundhedsministeriet"
    assert by["lbk-2019-903"].issuer == "Sundheds- og Ældreministeriet"
    assert by["lov-2025-719"].issuer == "Indenrigs- og Sundhedsministeriet"
    assert by["lbk-2008-95-uddrag"].issuer == "Ministeriet for Sundhed og Forebyggelse"
    assert all(by[d].meta.get("issuer_from") == "minister" for d in ("lbk-2023-1011", "lbk-2019-903", "lov-2025-719"))
    # the LexDania order names its ministry in its metadata
    assert by["bek-2024-1709"].issuer == "Beskæftigelsesministeriet"
    # the retsinformation texts of the orders end without the signature and name no
    # minister: no issuer is guessed for them
    for d in by.values():
        if d.type == "bekendtgørelse" and d.id != "bek-2024-1709":
            assert d.issuer == "", (d.id, d.issuer)
