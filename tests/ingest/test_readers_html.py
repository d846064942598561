"""HTML reader: a page with the furniture of a real authority site (skip link, cookie
banner, nav, svg icons, breadcrumbs, aside, footer) around an article with h2/h3, a
list and a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from aftalegraf.ingest.readers.base import reader_for
from aftalegraf.ingest.readers.html import HtmlReader

PAGE = """<!DOCTYPE html>
<html lang="da">
<head>
  <meta charset="{charset}">
  <title>Sundhedsaftaler | Sundhedsstyrelsen</title>
  <meta property="og:title" content="Sundhedsaftaler 2019-2023">
  <meta property="og:site_name" content="Sundhedsstyrelsen">
  <meta property="article:modified_time" content="2022-12-12T09:30:00+01:00">
  <script>window.dataLayer = ["<p>tracking</p>"];</script>
  <style>.x {{ color: red }}</style>
</head>
<body class="cookie-consent-pending">
  <a class="skip-link" href="#indhold">Gå til indhold</a>
  <div id="CybotCookiebotDialog" class="cookie-banner"><p>Vi bruger cookies til statistik.</p>
    <button>Tillad alle</button></div>
  <header class="site-header">
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Logo</title><path d="M0 0h10"/></svg>
    <nav aria-label="Hovedmenu"><ul><li><a href="/">Forside</a></li><li><a href="/om">Om os</a></li></ul></nav>
  </header>
  <main id="indhold">
    <nav class="breadcrumb"><ol><li>Forside</li><li>Sundhed og samarbejde</li></ol></nav>
    <article>
      <h1>Sundhedsaftaler</h1>
      <p class="meta">Opdateret 12 DEC 2022</p>
      <p>Regioner og kommuner <strong>skal</strong> indgå en sundhedsaftale<br>for hver valgperiode.</p>
      <h2>Sundhedsaftalens indhold</h2>
      <p>Aftalen skal som minimum omfatte:</p>
      <ul>
        <li>forebyggelse og sundhedsfremme</li>
        <li>behandling og pleje<ul><li>herunder indlæggelse og udskrivning</li></ul></li>
        <li><a href="/rehab">genoptræning og rehabilitering</a></li>
      </ul>
      <h3>Politiske mål</h3>
      <ol><li>Flere sunde leveår</li><li>Bedre sammenhængende patientforløb</li></ol>
      <table>
        <thead><tr><th>Politisk niveau</th><th>Faglig strategisk niveau</th></tr></thead>
        <tbody><tr><td>Regionsrådsformand</td><td>3 repræsentanter for regionen</td></tr>
        <tr><td>Borgmestre</td><td>1 repræsentant fra hver kommune</td></tr></tbody>
      </table>
      <p><a href="#top">Link til denne side</a></p>
    </article>
    <aside><h2>Relateret indhold</h2><p>Se også praksisplanen.</p></aside>
  </main>
  <footer><p>Sundhedsstyrelsen · Islands Brygge 67 · 2300 København S</p></footer>
</body>
</html>
"""

FURNITURE = (
    "Gå til indhold", "cookies", "Tillad alle", "Forside", "Om os", "Logo", "xmlns", "svg",
    "Sundhed og samarbejde", "Relateret indhold", "Islands Brygge", "Link til denne side",
    "tracking", "color", "Hovedmenu",
)


def write_page(tmp_path: Path, charset: str = "utf-8", encoding: str = "utf-8", name: str = "side.html") -> Path:
    path = tmp_path / name
    path.write_bytes(PAGE.format(charset=charset).encode(encoding))
    return path


@pytest.fixture
def page(tmp_path: Path) -> Path:
    return write_page(tmp_path)


def test_reader_chosen_by_suffix(page):
    assert isinstance(reader_for(page), HtmlReader)


def test_boilerplate_dropped(page):
    ex = HtmlReader().read(page)
    for junk in FURNITURE:
        assert junk not in ex.text, junk
    assert ex.layout == "marked"


def test_headings_marked_by_level(page):
    lines = HtmlReader().read(page).text.splitlines()
    assert "# Sundhedsaftaler" in lines
    assert "## Sundhedsaftalens indhold" in lines
    assert "### Politiske mål" in lines


def test_paragraph_is_one_line(page):
    text = HtmlReader().read(page).text
    assert "Regioner og kommuner skal indgå en sundhedsaftale for hver valgperiode." in text.splitlines()


def test_lists_and_tables(page):
    text = HtmlReader().read(page).text
    lines = text.splitlines()
    assert "- forebyggelse og sundhedsfremme" in lines
    assert "- behandling og pleje" in lines
    assert "  - herunder indlæggelse og udskrivning" in lines
    assert "- genoptræning og rehabilitering" in lines
    assert "- 1) Flere sunde leveår" in lines
    assert "- 2) Bedre sammenhængende patientforløb" in lines
    assert "| Politisk niveau | Faglig strategisk niveau |" in lines
    assert "| Borgmestre | 1 repræsentant fra hver kommune |" in lines
    # the list's lead-in stays the block just before the list
    assert "Aftalen skal som minimum omfatte:\n\n- forebyggelse" in text


def test_title_and_date_hints(page):
    ex = HtmlReader().read(page)
    assert ex.title == "Sundhedsaftaler"
    assert ex.meta["modified"] == "2022-12-12"
    assert ex.meta["date"] == "2022-12-12"
    assert ex.meta["site"] == ex.meta["issuer"] == "Sundhedsstyrelsen"
    # the printed "Opdateret" line is also a hint; it stays for metadata and cleaning
    assert "Opdateret 12 DEC 2022" in ex.text


def test_printed_update_date_when_no_meta(tmp_path):
    path = tmp_path / "nyhed.html"
    path.write_text(
        "<html><body><main><h1>Fem nye sundhedsaftaler</h1><p>Opdateret 23. august 2019</p>"
        "<p>Sundhedsstyrelsen har godkendt aftalerne.</p></main></body></html>",
        encoding="utf-8",
    )
    ex = HtmlReader().read(path)
    assert ex.meta["modified"] == "2019-08-23"
    assert ex.title == "Fem nye sundhedsaftaler"


def test_title_falls_back_to_og_title_then_title(tmp_path):
    path = tmp_path / "x.html"
    path.write_text(
        '<html><head><title>Om aftalen - Region Sjælland</title></head><body><p>Tekst om aftalen.</p></body></html>',
        encoding="utf-8",
    )
    ex = HtmlReader().read(path)
    assert ex.title == "Om aftalen"
    assert ex.meta["site"] == "Region Sjælland"


@pytest.mark.parametrize("charset,encoding", [("windows-1252", "cp1252"), ("iso-8859-1", "latin-1"), ("utf-8", "utf-8-sig")])
def test_encoding_from_meta_charset_or_bom(tmp_path, charset, encoding):
    path = write_page(tmp_path, charset=charset, encoding=encoding)
    text = HtmlReader().read(path).text
    assert "## Sundhedsaftalens indhold" in text
    assert "- genoptræning og rehabilitering" in text


def test_undeclared_cp1252_is_decoded(tmp_path):
    path = tmp_path / "gammel.htm"
    path.write_bytes("<html><body><p>Sundhedsaftalen for Region Sjælland – sammenhæng på tværs</p></body></html>".encode("cp1252"))
    assert "Sjælland – sammenhæng på tværs" in HtmlReader().read(path).text


def test_end_to_end_provisions(tmp_store, page):
    from aftalegraf.ingest import ingest_paths

    report = ingest_paths(tmp_store, [page], derive=[])
    assert report.ok, report.to_dict()
    (doc,) = tmp_store.documents()
    provisions = list(tmp_store.provisions(doc.id))
    kinds = {p.kind for p in provisions}
    assert {"item", "row"} <= kinds
    texts = [p.text for p in provisions]
    assert any("forebyggelse og sundhedsfremme" in t for t in texts)
    assert any("Borgmestre" in t and "1 repræsentant fra hver kommune" in t for t in texts)
    for t in texts:
        for junk in FURNITURE:
            assert junk not in t, (junk, t)


def test_layout_table_read_as_blocks(tmp_path):
    path = tmp_path / "gammel.html"
    path.write_text(
        "<html><body><table><tr><td><h2>2. Mål</h2><p>Regionen skal følge op.</p></td>"
        "<td><p>Kommunerne skal deltage.</p></td></tr></table></body></html>",
        encoding="utf-8",
    )
    lines = HtmlReader().read(path).text.splitlines()
    assert "## 2. Mål" in lines and "Regionen skal følge op." in lines and "Kommunerne skal deltage." in lines
    assert not any(line.startswith("|") for line in lines)


def test_header_inside_main_is_content_and_shared_class_kept(tmp_path):
    path = tmp_path / "hero.html"
    path.write_text(
        '<html><body><header><nav>Menu</nav><p>Sitenavn</p></header>'
        '<main><header class="hero"><h1>Sundhedsklynger</h1></header>'
        '<div class="shared-content"><p>Klyngerne samler region og kommuner.</p></div>'
        '<div class="share"><a href="#">Del på LinkedIn</a><span>Facebook</span></div></main>'
        "<footer><p>Kontakt os</p></footer></body></html>",
        encoding="utf-8",
    )
    ex = HtmlReader().read(path)
    assert ex.title == "Sundhedsklynger"
    assert ex.text.splitlines()[0] == "# Sundhedsklynger"
    assert "Klyngerne samler region og kommuner." in ex.text
    for junk in ("Sitenavn", "Menu", "Kontakt os", "LinkedIn", "Facebook"):
        assert junk not in ex.text


def test_page_without_main_drops_page_header_and_footer(tmp_path):
    path = tmp_path / "plain.html"
    path.write_text(
        "<html><body><header><p>Region Sjælland</p></header><h1>Om aftalen</h1><p>Aftalen gælder 2019-2023.</p>"
        "<article><header><p>Publiceret 1. marts 2019</p></header><p>Artiklen.</p></article>"
        "<footer><p>Alléen 15, 4180 Sorø</p></footer></body></html>",
        encoding="utf-8",
    )
    ex = HtmlReader().read(path)
    assert "Region Sjælland" not in ex.text and "Sorø" not in ex.text
    assert "Aftalen gælder 2019-2023." in ex.text and "Publiceret 1. marts 2019" in ex.text
    assert ex.meta["published"] == "2019-03-01"


def test_collapsed_accordion_content_kept_screen_reader_hints_dropped(tmp_path):
    path = tmp_path / "faq.html"
    path.write_text(
        '<html><body><main><h2><button aria-expanded="false">Hvad er en sundhedsklynge?</button></h2>'
        '<div class="accordion-panel" hidden><p>Et samarbejde omkring et akutsygehus.</p></div>'
        '<p><a href="/x">Læs vejledningen<span class="sr-only">Åbner i nyt vindue</span></a>'
        '<i class="icon" aria-hidden="true">\ue001</i></p></main></body></html>',
        encoding="utf-8",
    )
    text = HtmlReader().read(path).text
    assert "Et samarbejde omkring et akutsygehus." in text
    assert "## Hvad er en sundhedsklynge?" in text.splitlines()
    assert "Åbner i nyt vindue" not in text and "\ue001" not in text
    assert "Læs vejledningen" in text


def test_latin1_label_read_as_windows_1252(tmp_path):
    path = tmp_path / "latin.html"
    body = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'></head>"
    body += "<body><p>Aftalen – “sammenhæng” for 100 €</p></body></html>"
    path.write_bytes(body.encode("cp1252"))
    assert "Aftalen – “sammenhæng” for 100 €" in HtmlReader().read(path).text
