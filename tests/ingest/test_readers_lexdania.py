"""LexDania 2.1 XML reader: the two real retsinformation documents in ../shared (skipped
when absent) and small documents built here for the edge cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aftalegraf.errors import IngestError
from aftalegraf.ingest.readers.base import reader_for
from aftalegraf.ingest.readers.lexdania import LexDaniaReader


@pytest.fixture(scope="module")
def lexdania_dir(corpus_dir: Path) -> Path:
    d = corpus_dir / "lexdania-xml"
    if not any(d.glob("*.xml")):
        pytest.skip(f"no LexDania XML in {d}")
    return d


@pytest.fixture(scope="module")
def bek(lexdania_dir):
    (path,) = lexdania_dir.glob("BEK_2024-1709*.xml")
    return LexDaniaReader().read(path)


@pytest.fixture(scope="module")
def lbk(lexdania_dir):
    (path,) = lexdania_dir.glob("LBK_2024-62*.xml")
    return LexDaniaReader().read(path)


def test_sniffed_by_content(lexdania_dir):
    for path in lexdania_dir.glob("*.xml"):
        assert isinstance(reader_for(path), LexDaniaReader)


def test_head_lines_in_canonical_layout(bek):
    lines = bek.text.splitlines()
    assert lines[0] == "Bekendtgørelse om opgørelse af beskæftigelseskrav og beregning af sygedagpenge m.v."
    assert lines[1] == "BEK nr 1709 af 30/12/2024"
    assert lines[2] == "https://www.retsinformation.dk/eli/lta/2024/1709"
    assert lines[3] == ""
    assert bek.layout == "legal" and bek.format == "lexdania"


def test_meta_hints(bek, lbk):
    assert bek.meta["identifier"] == "BEK nr 1709 af 30/12/2024"
    assert bek.meta["eli"] == "https://www.retsinformation.dk/eli/lta/2024/1709"
    assert bek.meta["date"] == "2024-12-30"
    assert bek.meta["issuer"] == "Beskæftigelsesministeriet"
    assert bek.meta["type"] == "bekendtgørelse"
    assert bek.meta["status"] == "historic"
    assert (bek.meta["number"], bek.meta["year"]) == ("1709", "2024")
    assert lbk.meta["identifier"] == "LBK nr 62 af 19/01/2024"
    assert lbk.meta["type"] == "lovbekendtgørelse"
    assert lbk.meta["eli"] == "https://www.retsinformation.dk/eli/lta/2024/62"
    assert lbk.title == "Bekendtgørelse af lov om hold af dyr"


def test_chapters_with_titles(bek, lbk):
    assert "\n\nKapitel 1\nAnvendelsesområde\n\n§ 1. Reglerne i bekendtgørelsen" in bek.text
    assert "\n\nKapitel 11\nIkrafttræden m.v.\n\n§ 30." in bek.text
    assert len(re.findall(r"^Kapitel \d+$", bek.text, re.M)) == 11
    assert "\n\nKapitel 1\nFormål og område\n\n§ 1. Lovens formål" in lbk.text
    assert len(re.findall(r"^Kapitel \d+ ?\w?$", lbk.text, re.M)) == 18


def test_paragraphs_and_stk(bek, lbk):
    numbers = [int(m) for m in re.findall(r"^§ (\d+)\. ", bek.text, re.M)]
    assert numbers == list(range(1, 31))
    assert "\nStk. 2. Er der indberettet lønindkomst" in bek.text
    # several Linea of one Stk. are one line of text
    assert "feriegodtgørelse." in bek.text.split("\nStk. 3. Kan beskæftigelseskravet")[1].split("\n")[0]
    assert re.search(r"^§ 3 a\. Ministeren for fødevarer", lbk.text, re.M)
    # every line is a heading, a §, a Stk. or running text; no label left without text
    assert not re.search(r"^(§ \d+ ?\w?\.|Stk\. \d+\.)$", bek.text + lbk.text, re.M)


def test_numbered_items_inline(bek):
    line = next(line for line in bek.text.splitlines() if line.startswith("§ 2. "))
    assert ", oplyse, 1) hvornår lønmodtageren blev ansat i virksomheden, 2) omfanget" in line
    assert "3) om lønmodtageren tidligere" in line


def test_footnotes_left_out(lbk):
    line = next(line for line in lbk.text.splitlines() if line.startswith("§ 3 a. "))
    assert "Ministeren for fødevarer, landbrug og fiskeri kan fastsætte regler om uddannelseskrav" in line
    assert "kongelig resolution" not in lbk.text


def test_entry_into_force_blocks_after_main_text(lbk):
    tail = lbk.text.split("indeholder følgende ikrafttrædelsesbestemmelse:", 1)
    assert len(tail) == 2
    assert re.search(r"^§ \d+\. Loven træder i kraft", tail[1], re.M)


DOC = """<?xml version="1.0" encoding="utf-8"?>
<Dokument>
  <Meta><DocumentType>LOV H#LOKDOK01</DocumentType><DocumentTitle>Lov om prøve</DocumentTitle>
    <Year>2025</Year><DiesSigni>2025-06-10</DiesSigni><Number>719</Number><Ministry>Indenrigs- og Sundhedsministeriet</Ministry></Meta>
  <DokumentIndhold>
    <Kapitel><Explicatus>Kapitel 1</Explicatus><Rubrica><Linea><Char>Område</Char></Linea></Rubrica>
      <ParagrafGruppe><Paragraf><Explicatus>§ 1</Explicatus>
        <Stk><Exitus><Linea><Char>Regionsrådet skal</Char></Linea>
          <Index><Indentatio><Explicatus>1)</Explicatus><Exitus><Linea><Char>sikre <Char formaChar="Italic">sammenhæng</Char>,</Char></Linea></Exitus></Indentatio>
          <Indentatio><Explicatus>2)</Explicatus><Exitus><Linea><Char>følge op.</Char></Linea></Exitus></Indentatio></Index>
        </Exitus></Stk>
        <Stk><Explicatus>Stk. 2.</Explicatus><Exitus><Linea><Char>Anden stk.</Char></Linea></Exitus></Stk>
      </Paragraf></ParagrafGruppe>
    </Kapitel>
  </DokumentIndhold>
</Dokument>
"""


def test_small_law(tmp_path):
    path = tmp_path / "lov.xml"
    path.write_text(DOC, encoding="utf-8")
    ex = reader_for(path).read(path)
    assert ex.text.splitlines()[:3] == ["Lov om prøve", "LOV nr 719 af 10/06/2025", "https://www.retsinformation.dk/eli/lta/2025/719"]
    assert "§ 1. Regionsrådet skal 1) sikre sammenhæng, 2) følge op.\nStk. 2. Anden stk." in ex.text
    assert ex.meta["type"] == "lov" and ex.meta["issuer"] == "Indenrigs- og Sundhedsministeriet"


def test_other_xml_is_not_lexdania(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>', encoding="utf-8")
    assert not LexDaniaReader().sniff(path, path.read_bytes())
    with pytest.raises(IngestError) as err:
        reader_for(path).read(path)
    assert "not retsinformation LexDania" in err.value.reason


def test_malformed_xml_names_the_line(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text(DOC.replace("</Stk>", "</Stq>", 1), encoding="utf-8")
    with pytest.raises(IngestError) as err:
        LexDaniaReader().read(path)
    assert re.search(r"malformed XML at line \d+", err.value.reason)
    assert err.value.path == str(path)


def test_end_to_end_provisions(lexdania_dir, tmp_store):
    from aftalegraf.ingest import ingest_paths

    report = ingest_paths(tmp_store, [lexdania_dir], derive=[])
    assert report.ok, report.to_dict()
    docs = {d.id: d for d in tmp_store.documents()}
    assert {"bek-2024-1709", "lbk-2024-62"} <= set(docs)
    bek_doc = docs["bek-2024-1709"]
    assert bek_doc.identifier == "BEK nr 1709 af 30/12/2024"
    assert bek_doc.eli == "https://www.retsinformation.dk/eli/lta/2024/1709"
    assert bek_doc.type == "bekendtgørelse"
    provisions = list(tmp_store.provisions("bek-2024-1709"))
    by_id = {p.id: p for p in provisions}
    kapitler = [p for p in provisions if p.kind == "kapitel"]
    assert len(kapitler) == 11
    assert by_id["bek-2024-1709/kap1"].title == "Anvendelsesområde"
    paragraffer = [p for p in provisions if p.kind == "paragraf"]
    assert [p.label for p in paragraffer] == [f"§ {n}" for n in range(1, 31)]
    assert by_id["bek-2024-1709/p3/stk2"].text.startswith("Stk. 2. Er der indberettet lønindkomst")
    assert by_id["bek-2024-1709/p2/nr3"].text.startswith("3) om lønmodtageren")
    lbk_ids = {p.id for p in tmp_store.provisions("lbk-2024-62")}
    assert {"lbk-2024-62/p3a", "lbk-2024-62/kap1"} <= lbk_ids
