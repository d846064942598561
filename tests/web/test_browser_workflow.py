"""The planner's workflow in Debian's chromium, at laptop (1366 px) and phone (390 px) width:
bring her own agreement as a PDF (refused without the upload key), find its text in search,
see it in the comparison next to another region with the right periods and a region without
an agreement marked as such, and take the comparison and an actor's duties to Excel (CSV and
XLSX, read back here). Screenshots go to test-artifacts/screenshots/workflow-*.png."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from openpyxl import load_workbook

from .conftest import serve_app
from .test_browser import chromium_page, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOKEN = "planner-noegle-42"
LINES = [
    "Sundhedsaftale 2024-2027 for Region Midtjylland",
    "",
    "1. Fælles vision",
    "Vi vil skabe sammenhængende forløb for borgerne på tværs af sektorer.",
    "",
    "2. Målsætninger",
    "1) At styrke den tidlige opsporing af skrøbelige ældre medicinske patienter.",
    "2) At flere borgere med kronisk sygdom mestrer hverdagen i eget hjem.",
    "",
    "3. Opfølgning",
    "Regionsrådet og kommunalbestyrelserne skal følge op på aftalen hvert år.",
]


def make_agreement_pdf(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(LINES[0])
    c.setAuthor("Region Midtjylland")
    y = 780
    for line in LINES:
        c.setFont("Helvetica-Bold" if line[:1].isdigit() and ". " in line[:4] else "Helvetica", 11)
        c.drawString(60, y, line)
        y -= 18
    c.showPage()
    c.save()
    return path


@pytest.fixture
def own_server(built_store, tmp_path):
    """A copy of the sample store with an upload key, served over HTTP: the upload changes it."""
    from aftalegraf.store import Store
    from aftalegraf.web.app import create_app

    shutil.copytree(built_store.path, tmp_path / "store")
    store = Store(tmp_path / "store")
    store.settings["upload_token"] = TOKEN
    yield from serve_app(create_app(store=store))
    store.close()


def no_page_scroll(page) -> bool:
    """Nothing wider than the screen: tables scroll inside their own box."""
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def download(page, selector: str) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    path = info.value.path()
    return open(path, "rb").read()


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("width,name", [(1366, "laptop"), (390, "telefon")])
def test_bring_your_own_agreement_compare_and_export(own_server, tmp_path, width, name):
    pdf = make_agreement_pdf(tmp_path / "sundhedsaftale-midtjylland-2024-2027.pdf")
    with chromium_page(width=width, height=900) as page:
        page.set_default_timeout(120_000)
        # 1. upload: the wrong key is refused, the right one reads the file
        page.goto(own_server + "/tilfoej")
        page.set_input_files("#file", str(pdf))
        page.fill("#token", "forkert")
        page.click("form.upload-form button[type=submit]")
        assert "upload-nøgle" in page.locator("#upload-fejl").inner_text()
        refused = page.request.post(own_server + "/api/documents", multipart={
            "file": {"name": pdf.name, "mimeType": "application/pdf", "buffer": pdf.read_bytes()}})
        assert refused.status == 401
        page.set_input_files("#file", str(pdf))
        page.fill("#token", TOKEN)
        page.click("form.upload-form button[type=submit]")
        assert page.locator("#upload-status").inner_text() or page.locator("#upload-resultat").count()
        result = page.locator("#upload-resultat").inner_text()
        assert "Region Midtjylland" in result and "2024-2027" in result, result
        shot(page, f"workflow-{name}-1-tilfoejet")

        # 2. its text is found
        page.goto(own_server + "/?q=" + "tidlig opsporing af skrøbelige ældre medicinske patienter")
        first = page.locator("ol.hits > li").first
        assert "Midtjylland" in first.inner_text()
        assert no_page_scroll(page)
        shot(page, f"workflow-{name}-2-soegning")

        # 3. the comparison: the new agreement next to Hovedstaden's draft, Nordjylland without one
        page.goto(own_server + "/sammenlign")
        for region in ("midtjylland", "hovedstaden", "nordjylland"):
            page.check(f"input[name=regions][value={region}]")
        page.click(".compare-form button[type=submit]")
        cols = page.locator(".cmp-columns").inner_text()
        assert "Region Midtjylland" in cols and "2024-2027" in cols
        assert "Region Hovedstaden" in cols and "2015-2018" in cols and "høringsudkast" in cols
        assert "Region Nordjylland" in cols and "ingen aftale indlæst" in cols
        table = page.locator("table.cmp").first.inner_text()
        assert "skrøbelige ældre medicinske patienter" in table
        assert no_page_scroll(page)
        shot(page, f"workflow-{name}-3-sammenligning")
        rows = csv_rows(download(page, "#csv-download"))
        assert any(r[2] == "Region Midtjylland" and r[3] == "2024-2027" for r in rows[1:])
        assert any(r[2] == "Region Nordjylland" and r[5] == "ingen aftale indlæst" for r in rows[1:])
        sheet = load_workbook(io.BytesIO(download(page, "#xlsx-download"))).worksheets[0]
        assert sheet.max_row == len(rows)

        # 5. nothing scrolls sideways: the actor index and the documents list fit the screen
        for path in ("/aktoer", "/dokumenter", "/tilfoej", "/aendringer"):
            page.goto(own_server + path)
            assert no_page_scroll(page), path

        # 4. an actor's duties to Excel
        page.goto(own_server + "/aktoer/regionsraad")
        assert no_page_scroll(page)
        shot(page, f"workflow-{name}-4-aktoer")
        expected = page.request.get(own_server + "/api/obligations?actor=regionsraad").json()["obligations"]
        rows = csv_rows(download(page, "#csv-download"))
        assert len(rows) - 1 == len(expected) > 0
        sheet = load_workbook(io.BytesIO(download(page, "#xlsx-download"))).worksheets[0]
        assert sheet.max_row == len(rows)
