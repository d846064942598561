"""Browser flows with Playwright driving Debian's chromium (apt-get install chromium).

Run with ``pytest -m "browser and slow" tests/web/test_browser.py``. Screenshots of the
main pages are saved under test-artifacts/screenshots/ (laptop and phone width)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(live_server):
    return live_server


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="da-DK", accept_downloads=True)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not errors, f"JavaScript errors: {errors}"


@contextmanager
def chromium_page(width: int = 1366, height: int = 900):
    """A page in Debian's chromium (skipped where it is absent); JavaScript errors fail the test."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = b.new_page(viewport={"width": width, "height": height}, locale="da-DK", accept_downloads=True)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            yield page
        finally:
            b.close()
        assert not errors, f"JavaScript errors: {errors}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_facet_provision(page, server):
    page.goto(server + "/")
    shot(page, "01-forside")
    page.get_by_label("Søgetekst").fill("Hvem skal indsende sundhedsaftalen?")
    page.get_by_label("Søgetekst").press("Enter")
    page.wait_for_selector(".card")
    assert "q=" in page.url
    assert page.locator(".card mark").count() >= 1
    shot(page, "02-soegeresultat")
    # a facet link narrows the search and stays in the URL
    facet = page.locator(".facet a").first
    if facet.count():
        facet.click()
        page.wait_for_load_state()
        assert any(f"{k}=" in page.url for k in ("doc_type", "region", "actor", "modality"))
        assert page.locator(".active-filters a").count() >= 1
        page.wait_for_selector(".card")
        shot(page, "03-facet")
    page.locator(".card-title a").first.click()
    page.wait_for_selector("h2#tekst-titel")
    assert "/bestemmelse/" in page.url
    assert page.locator(".context-list li.current").count() == 1
    assert page.get_by_role("heading", name="Citeret af").count() == 1
    shot(page, "04-bestemmelse")


def test_keyboard_skip_link_and_focus(page, server):
    page.goto(server + "/dokumenter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Spring til indhold" in focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_actor_page_and_csv(page, server):
    page.goto(server + "/aktoer")
    shot(page, "05-aktoerer")
    page.locator('a[href="/aktoer/regionsraad"]').click()
    page.wait_for_selector("h1")
    assert "Hvem skal hvad?" in page.locator("h1").inner_text()
    shot(page, "06-aktoer-regionsraad")
    with page.expect_download() as info:
        page.locator("#csv-download").click()
    download = info.value
    path = download.path()
    text = Path(path).read_text(encoding="utf-8-sig")
    assert text.startswith("Aktør;Skal/bør/kan;Handling")   # Danish Excel: ";" and Danish headers
    assert download.suggested_filename.endswith(".csv")


def test_sparql_console_run_and_download(page, server):
    page.goto(server + "/sparql")
    editor = page.get_by_label("Forespørgsel")
    assert "PREFIX ag:" in editor.input_value()
    editor.fill("PREFIX ag: <https://w3id.org/aftalegraf/ontologi#>\n"
                "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5")
    page.get_by_role("button", name="Kør forespørgsel").click()
    page.wait_for_selector("table.sparql-table")
    assert page.locator("table.sparql-table tbody tr").count() == 5
    assert "query=" in page.url  # the share link is the page's own URL
    shot(page, "07-sparql")
    with page.expect_download() as info:
        page.locator("#download-csv").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "s,p,o"
    # an error is shown with its line
    page.get_by_label("Forespørgsel").fill("SELECT *\nWHERE {\n  ?s ?p\n")
    page.get_by_role("button", name="Kør forespørgsel").click()
    page.wait_for_selector("#sparql-error")
    assert "Linje" in page.locator("#sparql-error").inner_text()
    shot(page, "08-sparql-fejl")


def test_pages_at_phone_width(browser, server, a_provision_id):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    pg = ctx.new_page()
    try:
        for name, url in [("mobil-forside", "/?q=sundhedsaftale"), ("mobil-bestemmelse", f"/bestemmelse/{a_provision_id}"),
                          ("mobil-dokumenter", "/dokumenter")]:
            pg.goto(server + url)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 400, f"{url} scrolls sideways at phone width ({width}px)"
            shot(pg, name)
        pg.goto(server + "/dokumenter")
    finally:
        ctx.close()


def test_documents_page(page, server):
    page.goto(server + "/dokumenter")
    assert page.locator("table").count() >= 1
    shot(page, "09-dokumenter")


def test_sammenlign_heatmap_cell_and_csv(page, server):
    page.goto(server + "/sammenlign")
    svg = page.locator("figure.heatmap svg")
    assert svg.count() == 1, "the heatmap SVG is missing"
    labels = (svg.text_content() or "") + " " + (svg.get_attribute("aria-label") or "")
    for region in ("Region Hovedstaden", "Region Sjælland"):
        assert region in labels, f"{region} is not labelled in the heatmap"
    shot(page, "10-sammenlign")
    # the CSV export downloads text/csv
    link = page.locator("#csv-download")
    assert link.count() == 1, "the CSV download link is missing"
    r = page.request.get(server + link.get_attribute("href"))
    assert r.ok and r.headers["content-type"].startswith("text/csv")
    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename.endswith(".csv")
    assert Path(info.value.path()).read_text(encoding="utf-8-sig").strip()


def test_sammenlign_cell_links_to_provision(page, server):
    page.goto(server + "/sammenlign")
    # a goal in the comparison table links to its provision, and following it shows that provision
    cell = page.locator('table.cmp a[href*="/bestemmelse/"]').first
    assert cell.count() == 1, "no comparison cell links to a provision"
    href = cell.get_attribute("href") or cell.get_attribute("xlink:href")
    cell.click()
    page.wait_for_selector("h2#tekst-titel")
    assert "/bestemmelse/" in page.url and page.url.endswith(href.split("/bestemmelse/", 1)[1])
    assert page.locator(".context-list li.current").count() == 1
    shot(page, "11-sammenlign-bestemmelse")
