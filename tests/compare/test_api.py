"""GET /api/compare and /sammenlign through the web app answer compare()'s result."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def client(tmp_path_factory, cmp_helpers):
    pytest.importorskip("httpx")
    try:
        from fastapi.testclient import TestClient

        from aftalegraf.web.app import create_app
    except Exception as exc:  # the web layer is built beside this package
        pytest.skip(f"web app not importable: {exc}")
    from aftalegraf.store import Store

    store = Store(tmp_path_factory.mktemp("api") / "store")
    for name in cmp_helpers.AGREEMENTS:
        cmp_helpers.add_to_store(store, cmp_helpers.load_text(cmp_helpers.FIXTURES / name))
    with TestClient(create_app(store=store)) as c:
        yield c
    store.close()


def test_api_compare(client):
    r = client.get("/api/compare", params={"regions": "nordjylland,midtjylland"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert [x["key"] for x in data["regions"]] == ["nordjylland", "midtjylland"]
    mental = next(row for row in data["matrix"]["themes"] if row["key"] == "mental-sundhed")
    assert all(not c["gap"] for c in mental["cells"])
    assert {c["document_id"] for c in data["checklists"]} == {
        "sundhedsaftale-2019-2023-region-nordjylland", "sundhedsaftale-2019-2023-region-midtjylland"}


def test_api_unknown_region_is_4xx(client):
    r = client.get("/api/compare", params={"regions": "fyn"})
    assert 400 <= r.status_code < 500
    assert "fyn" in r.text


def test_page_renders(client):
    r = client.get("/sammenlign", params={"regions": "nordjylland,midtjylland"})
    assert r.status_code == 200
    assert "Sammenlign" in r.text
