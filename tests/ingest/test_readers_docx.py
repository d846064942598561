"""DOCX reader: a document built with python-docx with Heading styles (English and
Danish names), a bulleted and a numbered list, a 2-column table and core properties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aftalegraf.ingest.readers.base import reader_for
from aftalegraf.ingest.readers.docx import DocxReader

docx = pytest.importorskip("docx")


def make_docx(path: Path) -> Path:
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    d.core_properties.title = "Sundhedsaftale 2019-2023"
    d.core_properties.created = dt.datetime(2019, 8, 23, 12, 0)
    d.add_paragraph("Sundhedsaftale for Region Sjælland", style="Title")
    d.add_heading("1. Indledning", level=1)
    d.add_paragraph("Sundhedsaftalen skal bidrage til:")
    d.add_paragraph("bedre sammenhæng for borgerne", style="List Bullet")
    d.add_paragraph("mere lighed i sundhed", style="List Bullet")
    d.add_paragraph("herunder for udsatte borgere", style="List Bullet 2")
    d.add_heading("1.1 Politiske mål", level=2)
    d.add_paragraph("Flere sunde leveår", style="List Number")
    d.add_paragraph("Bedre sammenhængende patientforløb", style="List Number")
    table = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Politisk niveau", "Faglig strategisk niveau"),
                                 ("Regionsrådsformand", "3 repræsentanter for regionen"),
                                 ("Borgmestre", "1 repræsentant fra hver kommune")]):
        table.cell(r, 0).text = a
        table.cell(r, 1).text = b
    # a Danish Word names its heading styles "Overskrift N"
    danish = d.styles.add_style("Overskrift 2", WD_STYLE_TYPE.PARAGRAPH)
    danish.base_style = d.styles["Normal"]
    d.add_paragraph("1.2 Opfølgning", style=danish)
    d.add_paragraph("Sundhedssamarbejdsudvalget følger op hvert år.")
    d.save(str(path))
    return path


@pytest.fixture
def docx_path(tmp_path: Path) -> Path:
    return make_docx(tmp_path / "aftale.docx")


def test_reader_chosen_by_suffix(docx_path):
    assert isinstance(reader_for(docx_path), DocxReader)


def test_headings_marked(docx_path):
    ex = DocxReader().read(docx_path)
    lines = ex.text.splitlines()
    assert "# 1. Indledning" in lines
    assert "## 1.1 Politiske mål" in lines
    assert "## 1.2 Opfølgning" in lines
    assert ex.layout == "marked" and ex.format == "docx"


def test_lists(docx_path):
    text = DocxReader().read(docx_path).text
    lines = text.splitlines()
    assert "- bedre sammenhæng for borgerne" in lines
    assert "- mere lighed i sundhed" in lines
    assert "  - herunder for udsatte borgere" in lines
    assert "Sundhedsaftalen skal bidrage til:\n\n- bedre sammenhæng" in text
    # Word's automatic numbering is rendered as text
    assert "- 1. Flere sunde leveår" in lines
    assert "- 2. Bedre sammenhængende patientforløb" in lines


def test_table_rows(docx_path):
    lines = DocxReader().read(docx_path).text.splitlines()
    assert "| Politisk niveau | Faglig strategisk niveau |" in lines
    assert "| Borgmestre | 1 repræsentant fra hver kommune |" in lines


def test_merged_cells_once(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "Tema"
    for i, v in enumerate(["a", "b", "c"]):
        t.cell(1, i).text = v
    path = tmp_path / "merged.docx"
    d.save(str(path))
    lines = DocxReader().read(path).text.splitlines()
    assert "| Tema |" in lines and "| a | b | c |" in lines


def test_core_properties_hints(docx_path):
    ex = DocxReader().read(docx_path)
    assert ex.title == "Sundhedsaftale 2019-2023"
    assert ex.meta["created"] == "2019-08-23"
    assert ex.meta["date"] == "2019-08-23"


def test_title_from_title_style_when_no_property(tmp_path):
    d = docx.Document()
    d.core_properties.title = ""
    d.add_paragraph("Vejledning om sundhedsklynger", style="Title")
    d.add_paragraph("Tekst.")
    path = tmp_path / "v.docx"
    d.save(str(path))
    assert DocxReader().read(path).title == "Vejledning om sundhedsklynger"


def test_numbered_headings_from_word_numbering(tmp_path):
    """Headings numbered by a multi-level list (the numbers are not in the text)."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    # find the numId the template uses for "List Number" and attach it to Heading 1/2
    list_number = d.styles["List Number"].element.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numPr"
    )
    assert list_number is not None and numbering is not None
    import copy

    for level, style in ((0, "Heading 1"), (1, "Heading 2")):
        num = copy.deepcopy(list_number)
        ilvl = num.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ilvl")
        if ilvl is None:
            ilvl = num.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ilvl", {})
            num.insert(0, ilvl)
        ilvl.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", str(level))
        d.styles[style].element.get_or_add_pPr().append(num)
    d.add_heading("Indledning", level=1)
    d.add_heading("Formål", level=2)
    d.add_heading("Organisering", level=1)
    path = tmp_path / "numbered.docx"
    d.save(str(path))
    lines = [line for line in DocxReader().read(path).text.splitlines() if line.startswith("#")]
    assert lines[0].startswith("# 1") and lines[0].endswith("Indledning")
    assert lines[1].startswith("## ") and lines[1].endswith("Formål")
    assert lines[2].startswith("# 2") and lines[2].endswith("Organisering")


def test_end_to_end_provisions(tmp_store, docx_path):
    from aftalegraf.ingest import ingest_paths

    report = ingest_paths(tmp_store, [docx_path], derive=[])
    assert report.ok, report.to_dict()
    (doc,) = tmp_store.documents()
    provisions = list(tmp_store.provisions(doc.id))
    labels = {p.label.rstrip(".") for p in provisions}
    assert {"1", "1.1", "1.2"} <= labels
    kinds = {p.kind for p in provisions}
    assert {"item", "row"} <= kinds
    assert any("Borgmestre" in p.text for p in provisions if p.kind == "row")


def test_toc_lines_dropped_and_content_controls_read(tmp_path):
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn

    d = docx.Document()
    toc = d.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("1. Indledning\t3", style=toc)
    d.add_paragraph("2. Organisering\t5", style=toc)
    d.add_heading("1. Indledning", level=1)
    inner = d.add_paragraph("Tekst i en indholdskontrol.")
    # wrap the paragraph in a block-level content control, as Word does for cover pages
    sdt = inner._p.makeelement(qn("w:sdt"), {})
    content = sdt.makeelement(qn("w:sdtContent"), {})
    inner._p.addprevious(sdt)
    content.append(inner._p)
    sdt.append(content)
    path = tmp_path / "toc.docx"
    d.save(str(path))
    text = DocxReader().read(path).text
    assert text.count("Indledning") == 1 and "Organisering" not in text
    assert "Tekst i en indholdskontrol." in text


def test_tracked_changes_read_as_accepted(tmp_path):
    from docx.oxml.ns import qn

    d = docx.Document()
    para = d.add_paragraph("Regionen skal ")
    ins = para._p.makeelement(qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "x"})
    run = para._p.makeelement(qn("w:r"), {})
    t = run.makeelement(qn("w:t"), {})
    t.text = "altid "
    run.append(t)
    ins.append(run)
    para._p.append(ins)
    dele = para._p.makeelement(qn("w:del"), {qn("w:id"): "2", qn("w:author"): "x"})
    drun = para._p.makeelement(qn("w:r"), {})
    dt = drun.makeelement(qn("w:delText"), {})
    dt.text = "aldrig "
    drun.append(dt)
    dele.append(drun)
    para._p.append(dele)
    para.add_run("følge op.")
    path = tmp_path / "tracked.docx"
    d.save(str(path))
    assert "Regionen skal altid følge op." in DocxReader().read(path).text


def test_custom_heading_style_by_outline_level(tmp_path):
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn

    d = docx.Document()
    style = d.styles.add_style("Afsnitsrubrik", WD_STYLE_TYPE.PARAGRAPH)
    outline = style.element.get_or_add_pPr().makeelement(qn("w:outlineLvl"), {qn("w:val"): "1"})
    style.element.get_or_add_pPr().append(outline)
    d.add_paragraph("3.2 Kommunale tilbud", style=style)
    d.add_paragraph("Kommunerne skal tilbyde genoptræning.")
    path = tmp_path / "outline.docx"
    d.save(str(path))
    assert "## 3.2 Kommunale tilbud" in DocxReader().read(path).text.splitlines()
