"""Downloads for Danish Excel: CSV (UTF-8 with BOM, semicolons, Danish values and dates) and
XLSX, for the comparison, an actor's duties and search results — read back as a planner's
spreadsheet would."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from aftalegraf.web.exports import Sheet, excel_csv, xlsx


def read_csv(r) -> list[list[str]]:
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith("\ufeff".encode()), "Excel needs the BOM to read UTF-8"
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rows and all(len(row) == len(rows[0]) for row in rows)
    return rows


def read_xlsx(r) -> list[list]:
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(r.content))
    assert "Om udtrækket" in wb.sheetnames
    return [[c for c in row] for row in wb.worksheets[0].iter_rows(values_only=True)]


def test_comparison_for_excel(client):
    params = {"regions": "hovedstaden,sjaelland,nordjylland"}
    rows = read_csv(client.get("/sammenlign.csv", params=params))
    head, body = rows[0], rows[1:]
    assert head[:6] == ["Del", "Emne", "Region", "Periode", "Status", "Fund"]
    api = client.get("/api/compare", params=params).json()
    regions = {r[2] for r in body}
    assert {"Region Hovedstaden", "Region Sjælland", "Region Nordjylland"} <= regions
    assert any(r[2] == "Region Nordjylland" and r[5] == "ingen aftale indlæst" for r in body)
    periods = {c["period"] for c in api["columns"] if not c["missing"]}
    assert periods and periods <= {r[3] for r in body}
    assert all(r[5] != "obligation" for r in body)       # Danish values
    goals = sum(len(c["goals"]) for row in api["by_agreement"]["themes"] for c in row["cells"])
    assert sum(1 for r in body if r[0] == "Tema" and r[5].startswith("mål")) == goals
    sheet = read_xlsx(client.get("/sammenlign.xlsx", params=params))
    assert sheet[0] == head and len(sheet) == len(rows)
    assert 'href="/sammenlign.xlsx?regions=' in client.get("/sammenlign", params=params).text


def test_actor_duties_for_excel(client):
    key = client.get("/api/actors").json()["actors"][0]["key"]
    obligations = client.get("/api/obligations", params={"actor": key}).json()["obligations"]
    rows = read_csv(client.get(f"/aktoer/{key}.csv"))
    assert rows[0][:4] == ["Aktør", "Skal/bør/kan", "Handling", "Frist"] and "Status" in rows[0]
    assert len(rows) - 1 == len(obligations)
    status = rows[0].index("Status")
    assert all(r[status] for r in rows[1:])
    assert {r[1] for r in rows[1:]} <= {"skal", "bør", "kan", "må ikke"}
    sheet = read_xlsx(client.get(f"/aktoer/{key}.xlsx"))
    assert len(sheet) == len(rows) and sheet[0] == rows[0]


def test_search_results_for_excel(client):
    q = {"q": "Hvem skal indsende sundhedsaftalen?", "k": "5"}
    hits = client.get("/api/search", params=q).json()["hits"]
    rows = read_csv(client.get("/soeg.csv", params=q))
    assert rows[0][:3] == ["Nr.", "Bestemmelse", "Tekst"] and len(rows) - 1 == len(hits)
    assert [r[2] for r in rows[1:]] == [h["text"] for h in hits]
    sheet = read_xlsx(client.get("/soeg.xlsx", params=q))
    assert len(sheet) == len(rows)
    assert client.get("/soeg.pdf", params=q).status_code == 400


def test_cells_are_safe_and_danish():
    sheet = Sheet("t", ["a", "b", "c", "d"], [["=HYPERLINK(\"http://x\")", "2024-07-01", 0.5, "-1"]])
    row = list(csv.reader(io.StringIO(excel_csv(sheet).decode("utf-8-sig")), delimiter=";"))[1]
    assert row == ["'=HYPERLINK(\"http://x\")", "1.7.2024", "0,5", "'-1"]
    ws = load_workbook(io.BytesIO(xlsx(sheet))).worksheets[0]
    cell = ws.cell(2, 1)
    assert cell.data_type == "s" and cell.value.startswith("=")     # text, never a formula
    assert ws.cell(2, 2).value.year == 2024                          # a real date for Excel
