"""The vejledning's checklist: ✓/✗ with the evidence provision for each synthetic agreement,
requirements read from the vejledning in the store, the built-in list as fallback."""

from __future__ import annotations

import pytest

KEYS = ["parter", "valgperiode", "versionsnummer", "ikrafttraedelsesdato", "nationale-maal",
        "implementeringsplan", "midtvejsstatus", "slutstatus"]

# document -> requirement -> the block (provision) that shows it, or None for ✗
EXPECTED = {
    "sundhedsaftale-2019-2023-region-nordjylland": {
        "parter": "b2", "valgperiode": "b1", "versionsnummer": "b3", "ikrafttraedelsesdato": "b3",
        "nationale-maal": "b6", "implementeringsplan": "b7", "midtvejsstatus": "b8", "slutstatus": "b8"},
    "sundhedsaftale-2019-2023-region-midtjylland": {
        "parter": "b2", "valgperiode": "b1", "versionsnummer": None, "ikrafttraedelsesdato": "b2",
        "nationale-maal": "b5", "implementeringsplan": "b6", "midtvejsstatus": None, "slutstatus": None},
    "sundhedsaftale-2015-2018-region-syddanmark": {
        "parter": "b2", "valgperiode": "b1", "versionsnummer": None, "ikrafttraedelsesdato": None,
        "nationale-maal": None, "implementeringsplan": None, "midtvejsstatus": None, "slutstatus": None},
    "sundhedsaftale-2019-2023-region-syddanmark": {
        "parter": None, "valgperiode": "b1", "versionsnummer": "b2", "ikrafttraedelsesdato": None,
        "nationale-maal": None, "implementeringsplan": None, "midtvejsstatus": "b4", "slutstatus": "b4"},
}


def test_checklist_runs_for_every_agreement(fixture_result):
    assert {c["document_id"] for c in fixture_result["checklists"]} == set(EXPECTED)


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_checklist_marks_and_evidence(fixture_result, doc_id):
    cl = next(c for c in fixture_result["checklists"] if c["document_id"] == doc_id)
    assert [i["key"] for i in cl["items"]] == KEYS
    for item in cl["items"]:
        want = EXPECTED[doc_id][item["key"]]
        assert item["ok"] is (want is not None), (item["key"], item)
        assert item["mark"] == ("✓" if want else "✗")
        if want:
            assert item["evidence"]["provision_id"] == f"{doc_id}/{want}"
            assert item["evidence"]["match"]
        else:
            assert item["evidence"] is None and item["note"]
    assert cl["met"] == sum(1 for v in EXPECTED[doc_id].values() if v)


def test_fallback_requirements_without_vejledning(fixture_result):
    req = fixture_result["requirements"]
    assert req["source"]["builtin"] is True
    assert [r["key"] for r in req["items"]] == KEYS
    assert all(r["source"]["builtin"] for r in req["items"])


def test_requirements_read_from_the_2023_vejledning(fixture_store, corpus_dir, cmp_helpers):
    load_text, add_to_store = cmp_helpers.load_text, cmp_helpers.add_to_store
    from aftalegraf.compare import compare
    from aftalegraf.compare.checklist import requirements

    path = corpus_dir / "seeds" / "sst-vejledning-sundhedsklynger-ssu-sundhedsaftaler-2023-hoeringsudkast.txt"
    vej = load_text(path, doc_type="vejledning")
    add_to_store(fixture_store, vej)
    reqs, source = requirements(fixture_store)
    assert source["builtin"] is False and source["document_id"] == vej.id
    assert [r.key for r in reqs] == KEYS
    by_key = {r.key: r for r in reqs}
    for key in ("parter", "valgperiode", "versionsnummer", "ikrafttraedelsesdato"):
        assert "skal fremgå af sundhedsaftalen" in by_key[key].source["text"]
    assert "viser sammenhæng med de nationale mål" in by_key["nationale-maal"].source["text"]
    assert "plan for implementering" in by_key["implementeringsplan"].source["text"]
    assert "midtvejsstatus" in by_key["midtvejsstatus"].source["text"]
    assert "afsluttende status" in by_key["slutstatus"].source["text"]
    for r in reqs:
        pid = r.source["provision_id"]
        assert pid.startswith(vej.id + "/")
        assert r.source["text"] in " ".join(fixture_store.provision(pid).text.split()) or r.source["text"] in fixture_store.provision(pid).text
    result = compare(fixture_store)
    assert result["requirements"]["source"]["document_id"] == vej.id
    assert all(c["region"] for c in result["checklists"])  # the vejledning itself is not checked


def test_a_new_vejledning_changes_the_checklist(fixture_store, shared_dir, cmp_helpers):
    load_text, add_to_store = cmp_helpers.load_text, cmp_helpers.add_to_store
    from aftalegraf.compare import compare

    add_to_store(fixture_store, load_text(shared_dir / "corpus" / "seeds" /
                                          "sst-vejledning-sundhedsklynger-ssu-sundhedsaftaler-2023-hoeringsudkast.txt",
                                          doc_type="vejledning"))
    _new_vejledning_checks(fixture_store, compare, cmp_helpers)


def test_a_synthetic_vejledning_alone(fixture_store, cmp_helpers):
    from aftalegraf.compare import compare

    _new_vejledning_checks(fixture_store, compare, cmp_helpers)


def _new_vejledning_checks(store, compare, h):
    # a synthetic (marked) 2025 vejledning asks for a contact person and no longer for
    # versionsnummer, ikrafttrædelsesdato, implementation plan or midtvejsstatus
    h.add_to_store(store, h.load_text(h.FIXTURES / "sst-vejledning-2025-syntetisk.txt", doc_type="vejledning"))
    result = compare(store)
    assert result["requirements"]["source"]["document_id"] == "sst-vejledning-2025-syntetisk"
    keys = [r["key"] for r in result["requirements"]["items"]]
    assert keys == ["parter", "valgperiode", "nationale-maal", "slutstatus", "kontaktperson"]
    nord = next(c for c in result["checklists"] if c["document_id"].endswith("region-nordjylland"))
    item = next(i for i in nord["items"] if i["key"] == "kontaktperson")
    assert item["mark"] == "✗" and item["label"] == "Kontaktperson"


def test_fixtures_through_the_real_ingest_pipeline(tmp_path, cmp_helpers):
    """The fixtures read by `aftalegraf ingest` give the same checklist and goals."""
    from aftalegraf.compare import compare
    from aftalegraf.ingest import ingest_paths
    from aftalegraf.store import Store

    store = Store(tmp_path / "store")
    report = ingest_paths(store, [cmp_helpers.FIXTURES / n for n in cmp_helpers.AGREEMENTS], derive=[])
    assert report.ok, [f.error for f in report.failed]
    result = compare(store)
    store.close()
    by_key = {}
    for cl in result["checklists"]:
        doc = next(a for r in result["regions"] for a in r["agreements"] if a["id"] == cl["document_id"])
        by_key[(cl["region"], doc["period"])] = {i["key"]: i["ok"] for i in cl["items"]}
    for doc_id, want in EXPECTED.items():
        region = doc_id.rsplit("-region-", 1)[1]
        period = "-".join(doc_id.split("-")[1:3])
        assert by_key[(region, period)] == {k: v is not None for k, v in want.items()}, doc_id
    mental = next(r for r in result["matrix"]["themes"] if r["key"] == "mental-sundhed")
    assert {c["region"] for c in mental["cells"] if not c["gap"]} == {"nordjylland", "midtjylland"}
