"""PDF reader: a multi-page PDF built with reportlab, with numbered headings, the running
header and footer of a meeting appendix on every page (as in the Region Hovedstaden
meeting papers) and a word hyphenated across a line break."""

from __future__ import annotations

from pathlib import Path

import pytest

from aftalegraf.errors import IngestError
from aftalegraf.ingest.readers.base import reader_for
from aftalegraf.ingest.readers.pdf import PdfReader

pytest.importorskip("reportlab", reason="reportlab (test extra) builds the PDF fixtures")

HEADER = "Punkt nr. 2 - Høring over sundhedsaftalen - politisk del"
FOOTER = "Møde i Praksisplanudvalget d. 14-05-2014"
PAGES = [
    [
        "1. Indledning",
        "Regioner og kommuner skal samarbejde om forebyg-",
        "gelse og behandling af borgere med kronisk sygdom.",
        "1.1 Formål",
        "Sundhedsaftalen skal sikre sammenhængende forløb.",
    ],
    [
        "2. Organisering",
        "Sundhedsklyngen består af et politisk niveau.",
        "2.1 Opgaver",
        "Klyngen mødes mindst fire gange årligt.",
    ],
    [
        "3. Opfølgning",
        "Sundhedssamarbejdsudvalget følger op på aftalen hvert år.",
    ],
]


def make_pdf(path: Path, pages=PAGES, title: str = "Sundhedsaftale 2019-2023", header: str = HEADER) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(title)
    c.setAuthor("Region Sjælland")
    for n, lines in enumerate(pages, 1):
        c.setFont("Helvetica", 9)
        c.drawString(72, 800, header)
        c.drawString(72, 788, f"Bilag 2 - Side {n} af {len(pages)}")
        c.setFont("Helvetica", 11)
        y = 740
        for line in lines:
            c.setFont("Helvetica-Bold" if line[0].isdigit() else "Helvetica", 11)
            c.drawString(72, y, line)
            y -= 18
        c.setFont("Helvetica", 9)
        c.drawString(72, 40, FOOTER)
        c.showPage()
    c.save()
    return path


@pytest.fixture
def pdf_path(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "aftale.pdf")


def test_reader_chosen_by_suffix(pdf_path):
    assert isinstance(reader_for(pdf_path), PdfReader)


def test_pages_joined_with_form_feeds(pdf_path):
    ex = PdfReader().read(pdf_path)
    pages = ex.text.split("\f")
    assert len(pages) == 3
    assert ex.layout == "plain" and ex.format == "pdf"
    # each page keeps its own furniture so that the cleaning step can see it repeat
    for n, page in enumerate(pages, 1):
        assert HEADER in page and FOOTER in page
        assert f"Side {n} af 3" in page


def test_text_in_reading_order_with_headings(pdf_path):
    ex = PdfReader().read(pdf_path)
    text = ex.text
    order = [text.index(h) for h in ("1. Indledning", "1.1 Formål", "2. Organisering", "2.1 Opgaver", "3. Opfølgning")]
    assert order == sorted(order)
    assert "æ" in text and "ø" in text and "å" in text
    # hyphenation is left to the cleaning step, but both halves are there on their lines
    assert "forebyg-\ngelse" in text


def test_metadata_hints(pdf_path):
    ex = PdfReader().read(pdf_path)
    assert ex.title == "Sundhedsaftale 2019-2023"
    assert ex.meta["pages"] == 3
    assert ex.meta["author"] == "Region Sjælland"
    assert len(ex.meta["date"]) == 10 and ex.meta["date"][4] == "-"


def test_junk_title_not_used(tmp_path):
    path = make_pdf(tmp_path / "x.pdf", title="Microsoft Word - aftale_v3.docx")
    assert PdfReader().read(path).title == ""


def test_pdf_without_suffix_is_sniffed(tmp_path, pdf_path):
    bare = tmp_path / "aftale"
    bare.write_bytes(pdf_path.read_bytes())
    assert isinstance(reader_for(bare), PdfReader)


def test_encrypted_with_empty_user_password_is_read(tmp_path, pdf_path):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(pdf_path))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = tmp_path / "locked-for-editing.pdf"
    with open(out, "wb") as fh:
        writer.write(fh)
    assert "1.1 Formål" in PdfReader().read(out).text


def test_scanned_pdf_without_text_layer(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        c.rect(50, 50, 400, 600, fill=1)  # an "image" of a page: graphics, no text
        c.showPage()
    c.save()
    with pytest.raises(IngestError) as err:
        PdfReader().read(path)
    assert "no text layer" in err.value.reason and "OCR" in err.value.reason
    assert err.value.path == str(path)


def test_end_to_end_provisions(tmp_path, tmp_store, pdf_path):
    from aftalegraf.ingest import ingest_paths

    report = ingest_paths(tmp_store, [pdf_path], derive=[])
    assert report.ok, report.to_dict()
    docs = tmp_store.documents()
    assert len(docs) == 1
    provisions = list(tmp_store.provisions(docs[0].id))
    labels = {p.label for p in provisions}
    assert {"1", "1.1", "2", "2.1", "3"} <= {label.rstrip(".") for label in labels}
    texts = " ".join(p.text for p in provisions)
    assert "forebyggelse" in texts  # hyphenation across the line break undone
    for p in provisions:
        assert HEADER not in p.text and FOOTER not in p.text and "Side 1 af 3" not in p.text, p


def test_page_text_undoes_pdf_artefacts():
    from aftalegraf.ingest.readers.pdf import page_text

    assert page_text("\r\nSundhedsproﬁl og ﬂere\x00 oﬀentlige\r\n") == "Sundhedsprofil og flere offentlige"


def _pdf_of_text(path: Path, text: str, header: str, footer: str, per_page: int = 48) -> int:
    """A PDF of plain text, wrapped and paged, with a running header on every page but the
    first (the cover, which carries the title) and a running footer with the page number."""
    import textwrap

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rows: list[str] = []
    for para in text.split("\n"):
        para = para.encode("cp1252", "ignore").decode("cp1252").replace("\t", "    ")   # the standard fonts' glyphs
        rows += textwrap.wrap(para, 95, break_on_hyphens=False) or [""]
    pages = [rows[i:i + per_page] for i in range(0, len(rows), per_page)]
    c = canvas.Canvas(str(path), pagesize=A4)
    for n, lines in enumerate(pages, 1):
        c.setFont("Helvetica", 8)
        if n > 1:
            c.drawString(72, 810, header)
        c.drawString(72, 30, footer.format(n=n, of=len(pages)))
        c.setFont("Helvetica", 10)
        for k, line in enumerate(lines):
            c.drawString(60, 780 - 14 * k, line)
        c.showPage()
    c.save()
    return len(pages)


def test_running_header_and_footer_of_a_pdf_of_real_text_removed(tmp_path, corpus_dir):
    """The 2023 hearing draft (corpus text) as a 20-odd-page PDF whose header (the title) and
    footer no pattern knows: both go from every page, the title stays on the cover, and the
    sections and paragraphs are those of the text itself."""
    import re

    from aftalegraf.ingest.pipeline import read_documents

    seed = corpus_dir / "seeds" / "sst-vejledning-sundhedsklynger-ssu-sundhedsaftaler-2023-hoeringsudkast.txt"
    title = "Vejledning om sundhedsklynger, sundhedssamarbejdsudvalg og sundhedsaftaler"
    pdf = tmp_path / "vejledning.pdf"
    assert _pdf_of_text(pdf, seed.read_text(encoding="utf-8"), title, "Sundhedsstyrelsen · høringsudkast · side {n} af {of}") > 15
    _, (doc,) = read_documents(pdf)
    _, (plain,) = read_documents(seed)
    assert "høringsudkast · side" not in doc.text
    assert doc.text.count(title) == plain.text.count(title) == 2        # the cover's, not the pages'
    assert doc.title.startswith(title)
    for p in doc.provisions:
        assert doc.text[p.start:p.end] == p.text, p.id
    assert {p.label for p in doc.provisions if p.kind == "section"} == {
        p.label for p in plain.provisions if p.kind == "section"}
    norm = lambda t: re.sub(r"\s+", " ", t).strip()          # noqa: E731
    body = norm(doc.text)
    paragraphs = [norm(p.text) for p in plain.provisions if p.kind == "paragraph"]
    assert sum(t in body for t in paragraphs) >= 0.95 * len(paragraphs)
