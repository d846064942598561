"""The regions × themes / national goals matrix over the synthetic agreements."""

from __future__ import annotations

import json

import pytest

from aftalegraf.errors import BadQuery


def _row(result, dim, key):
    return next(r for r in result["matrix"][dim] if r["key"] == key)


def _cell(result, dim, key, region):
    return next(c for c in _row(result, dim, key)["cells"] if c["region"] == region)


def test_regions_and_shape(fixture_result):
    r = fixture_result
    assert [x["key"] for x in r["regions"]] == ["syddanmark", "midtjylland", "nordjylland"]
    json.dumps(r)  # JSON-serialisable
    assert {"regions", "themes", "national_goals", "goals", "matrix", "gaps", "alignments", "versions",
            "requirements", "checklists"} <= set(r)
    syd = next(x for x in r["regions"] if x["key"] == "syddanmark")
    assert sorted(a["period"] for a in syd["agreements"]) == ["2015-2018", "2019-2023"]


def test_mental_health_cells_and_gap(fixture_result):
    nord = _cell(fixture_result, "themes", "mental-sundhed", "nordjylland")
    midt = _cell(fixture_result, "themes", "mental-sundhed", "midtjylland")
    syd = _cell(fixture_result, "themes", "mental-sundhed", "syddanmark")
    assert not nord["gap"] and not midt["gap"]
    assert syd["gap"] and syd["goals"] == []
    g = nord["goals"][0]
    assert "psykisk sygdom" in g["text"]
    assert g["provision_id"].startswith("sundhedsaftale-2019-2023-region-nordjylland/")
    assert g["method"] == "explicit" and "psykisk" in g["evidence"]
    assert "psykiske lidelser" in midt["goals"][0]["text"]
    assert _row(fixture_result, "themes", "mental-sundhed")["shared"] is True


def test_other_cells(fixture_result):
    assert not _cell(fixture_result, "themes", "boern-og-unge", "nordjylland")["gap"]
    assert _cell(fixture_result, "themes", "boern-og-unge", "midtjylland")["gap"]
    assert not _cell(fixture_result, "themes", "kronisk-sygdom", "nordjylland")["gap"]
    assert _cell(fixture_result, "themes", "kronisk-sygdom", "midtjylland")["gap"]
    assert not _cell(fixture_result, "themes", "aeldre-medicinske-patienter", "midtjylland")["gap"]
    assert not _cell(fixture_result, "themes", "patientinddragelse", "midtjylland")["gap"]
    texts = [g["text"] for g in _cell(fixture_result, "themes", "genoptraening-og-rehabilitering", "syddanmark")["goals"]]
    assert any("genoptræning" in t for t in texts)
    gaps = {(g["dimension"], g["key"], g["region"]) for g in fixture_result["gaps"]}
    assert ("themes", "mental-sundhed", "syddanmark") in gaps
    assert ("themes", "mental-sundhed", "nordjylland") not in gaps


def test_national_goal_matrix(fixture_result):
    # "diabetes og KOL" names chronic illness -> national goal 2
    cell = _cell(fixture_result, "national_goals", "2", "nordjylland")
    assert not cell["gap"] and any("kronisk" in g["text"] for g in cell["goals"])
    assert all(c["region"] in {"syddanmark", "midtjylland", "nordjylland"} for c in _row(fixture_result, "national_goals", "1")["cells"])


def test_every_goal_links_to_a_provision_with_evidence(fixture_result):
    for g in fixture_result["goals"]:
        assert g["provision_id"].startswith(g["document_id"] + "/")
        for link in g["themes"] + g["national_goals"]:
            assert link["method"] in ("explicit", "similarity")
            assert link["evidence"] and 0 < link["score"] <= 1.0


def test_region_filter_and_names(fixture_store):
    from aftalegraf.compare import compare

    r = compare(fixture_store, regions="Region Nordjylland,midtjylland")
    assert [x["key"] for x in r["regions"]] == ["nordjylland", "midtjylland"]
    assert {g["region"] for g in r["goals"]} == {"nordjylland", "midtjylland"}
    r = compare(fixture_store, regions=["hovedstaden"])
    assert r["regions"][0]["key"] == "hovedstaden" and r["regions"][0]["agreements"] == []
    assert all(c["gap"] for row in r["matrix"]["themes"] for c in row["cells"])
    with pytest.raises(BadQuery) as exc:
        compare(fixture_store, regions="nordjylland,Region Fyn")
    assert "Region Fyn" in str(exc.value)


def test_resolve_region_spellings():
    from aftalegraf.compare import resolve_region

    for name in ("sjaelland", "Sjælland", "Region Sjælland", "region sjaelland", " SJÆLLAND "):
        assert resolve_region(name) == "sjaelland"
    assert resolve_region("Region Hovedstaden") == "hovedstaden"
    with pytest.raises(BadQuery):
        resolve_region("Bornholm")
