"""Acceptance on the shared corpus (real ingest): Region Hovedstaden's 2015-2018 draft
against Region Sjælland's 2019-2023 page. Goals with the same aim share a row of the
matrix, and the answer says why (evidence on each link)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def shared_result(tmp_path_factory, request):
    shared = request.getfixturevalue("corpus_dir")
    try:
        from aftalegraf.ingest import ingest_paths
    except ImportError as exc:  # pragma: no cover - ingest is part of the project
        pytest.skip(f"ingest not available: {exc}")
    from aftalegraf.compare import compare
    from aftalegraf.store import Store

    store = Store(tmp_path_factory.mktemp("shared") / "store")
    report = ingest_paths(store, [shared / "seeds"], derive=[])
    assert report.ok, [f.error for f in report.failed]
    result = compare(store, regions="Region Hovedstaden,sjælland")
    result["_store_path"] = str(store.path)
    store.close()
    return result


def _row(result, dim, key):
    return next(r for r in result["matrix"][dim] if r["key"] == key)


@pytest.mark.parametrize("dim,key", [
    ("themes", "mental-sundhed"),
    ("themes", "forebyggelse"),
    ("themes", "mestring-i-eget-hjem"),
    ("national_goals", "1"),   # Bedre sammenhængende patientforløb
])
def test_same_aims_share_a_row(shared_result, dim, key):
    row = _row(shared_result, dim, key)
    assert row["shared"], row
    for cell in row["cells"]:
        assert not cell["gap"]
        for g in cell["goals"]:
            assert g["evidence"] and g["provision_id"] and g["method"] in ("explicit", "similarity")
        for m in cell.get("mentions", []):
            assert m["provision_id"] and m["evidence"]


def test_the_answer_shows_why(shared_result):
    mental = {c["region"]: c for c in _row(shared_result, "themes", "mental-sundhed")["cells"]}
    assert any("psykisk" in g["evidence"].lower() for g in mental["hovedstaden"]["goals"])
    assert any("MENTAL SUNDHED" in g["text"] for g in mental["sjaelland"]["goals"])
    home = {c["region"]: c for c in _row(shared_result, "themes", "mestring-i-eget-hjem")["cells"]}
    assert any("mestre" in g["text"] for g in home["hovedstaden"]["goals"])
    assert any("EGET HJEM" in g["text"] for g in home["sjaelland"]["goals"])
    # Region Sjælland names the national goal itself
    ng1 = {c["region"]: c for c in _row(shared_result, "national_goals", "1")["cells"]}
    assert any("SAMMENHÆNGENDE PATIENTFORLØB" in m["text"].upper() for m in ng1["sjaelland"]["mentions"])


def test_regions_goals_and_versions(shared_result):
    regions = {r["key"]: r for r in shared_result["regions"]}
    assert set(regions) == {"hovedstaden", "sjaelland"}
    assert regions["hovedstaden"]["goals"] >= 11     # 4 visions + 11 målsætninger in the draft
    assert regions["sjaelland"]["goals"] == 4
    assert shared_result["versions"] == []          # one period per region in the corpus


def test_mental_health_alignment_across_the_two_regions(shared_result):
    entry = next(a for a in shared_result["alignments"] if "MENTAL SUNDHED" in a["goal"]["text"])
    best = entry["matches"][0]
    assert best["region"] == "hovedstaden"
    assert "psykisk" in best["goal"]["text"]
    assert any(t["key"] == "mental-sundhed" for t in best["shared_themes"])


def test_checklist_on_the_corpus(shared_result):
    req = shared_result["requirements"]
    assert req["source"]["builtin"] is False          # read from the 2023 vejledning in the corpus
    assert "2023" in (req["source"]["document_id"] or "")
    by_doc = {c["region"]: {i["key"]: i for i in c["items"]} for c in shared_result["checklists"]}
    sj = by_doc["sjaelland"]
    assert sj["parter"]["ok"] and "indgået mellem" in sj["parter"]["evidence"]["text"]
    assert sj["ikrafttraedelsesdato"]["ok"] and "trådte i kraft" in sj["ikrafttraedelsesdato"]["evidence"]["text"]
    assert sj["nationale-maal"]["ok"]
    assert not sj["versionsnummer"]["ok"] and not sj["midtvejsstatus"]["ok"]
    h = by_doc["hovedstaden"]
    assert h["valgperiode"]["ok"] and h["implementeringsplan"]["ok"]
    assert not h["nationale-maal"]["ok"]             # the 2014 draft predates the national goals
