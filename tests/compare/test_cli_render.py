"""The compare command (human table, --json machine-clean, --csv, errors) and the CSV / SVG
renderings for the web page."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _run(*args, store):
    env = dict(os.environ, AFTALEGRAF_HOME=str(store.path))
    return subprocess.run([sys.executable, "-m", "aftalegraf.cli", "compare", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory, cmp_helpers):
    from aftalegraf.store import Store

    store = Store(tmp_path_factory.mktemp("cli") / "store")
    for name in cmp_helpers.AGREEMENTS:
        cmp_helpers.add_to_store(store, cmp_helpers.load_text(cmp_helpers.FIXTURES / name))
    yield store
    store.close()


def test_json_is_machine_clean(cli_store):
    proc = _run("--regions", "nordjylland,Region Midtjylland", "--json", store=cli_store)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)  # nothing but JSON on stdout
    assert [r["key"] for r in data["regions"]] == ["nordjylland", "midtjylland"]
    assert data["matrix"]["themes"] and data["checklists"]


def test_human_table(cli_store):
    proc = _run("--regions", "nordjylland,midtjylland", store=cli_store)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Mental sundhed og psykiatri" in out and "✓" in out and "hul" in out
    assert "Tjekliste" in out and "Versionsnummer" in out


def test_csv(cli_store):
    proc = _run("--csv", store=cli_store)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert any(r["afsnit"] == "tema" and r["status"] == "hul" for r in rows)
    assert any(r["afsnit"] == "tjekliste" and r["status"] == "✗" for r in rows)
    mental = [r for r in rows if r["noegle"] == "mental-sundhed" and r["status"] == "maal"]
    assert {r["region"] for r in mental} == {"nordjylland", "midtjylland"}
    assert all(r["bestemmelse"] for r in mental)


def test_unknown_region_is_one_line_and_exit_2(cli_store):
    proc = _run("--regions", "Region Fyn", "--json", store=cli_store)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Region Fyn" in proc.stderr.strip().splitlines()[-1]


def test_heatmap_svg(fixture_result):
    from aftalegraf.web.heatmap import heatmap_svg

    svg = heatmap_svg(fixture_result)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text.startswith("Sammenligning af sundhedsaftaler")
    assert "uden fundne mål" in root.find(f"{ns}desc").text
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "Region Nordjylland" in texts and "Mental sundhed og psykiatri" in texts and "–" in texts
    cells = [g for g in root.iter(f"{ns}g") if g.get("role") == "cell"]
    assert len(cells) == len(fixture_result["matrix"]["themes"]) * len(fixture_result["regions"])
    assert all(c.find(f"{ns}title") is not None for c in cells)
    ET.fromstring(heatmap_svg(fixture_result, "national_goals"))


def test_to_csv_matches_result(fixture_result):
    from aftalegraf.compare import to_csv

    rows = list(csv.DictReader(io.StringIO(to_csv(fixture_result))))
    gaps = [r for r in rows if r["status"] == "hul"]
    assert len(gaps) == len(fixture_result["gaps"])
    checks = [r for r in rows if r["afsnit"] == "tjekliste"]
    assert len(checks) == sum(c["total"] for c in fixture_result["checklists"])
