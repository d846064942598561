"""Upload (contract: POST /api/documents) and the page »Tilføj dokumenter«: the token rules,
limits by size and type, and an uploaded agreement that is then in the documents list, the
search index and the graph — on a store of its own."""

from __future__ import annotations

import pytest

AGREEMENT = """Sundhedsaftale for Region Midtjylland 2024-2027

1. Fælles mål

Regionsrådet og kommunalbestyrelserne skal styrke den tidlige opsporing af ældre medicinske patienter.

2. Opfølgning

Sundhedsrådet skal følge op på aftalen mindst to gange om året.
"""
TOKEN = "hemmelig-noegle-123"


@pytest.fixture(scope="module")
def upload_client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from aftalegraf.store import Store
    from aftalegraf.web.app import create_app

    store = Store(tmp_path_factory.mktemp("upload") / "store")
    app = create_app(store=store)
    with TestClient(app, raise_server_exceptions=False) as c:
        c.store = store
        yield c
    store.close()


def _post(client, data: bytes, name: str = "aftale.txt", token: str | None = TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/documents", files={"file": (name, data, "text/plain")}, headers=headers)


def test_upload_is_off_without_a_configured_token(upload_client):
    upload_client.store.settings["upload_token"] = ""
    r = _post(upload_client, AGREEMENT.encode())
    assert r.status_code == 403 and r.json()["error"] == "upload_disabled"


def test_token_rules_and_limits(upload_client):
    settings = upload_client.store.settings
    settings["upload_token"] = TOKEN
    assert _post(upload_client, AGREEMENT.encode(), token=None).status_code == 401
    assert _post(upload_client, AGREEMENT.encode(), token="forkert").status_code == 401
    r = _post(upload_client, b"PK\x03\x04junk", name="regneark.xlsx")
    assert r.status_code == 415 and "regneark.xlsx" in r.json()["detail"]
    settings["max_file_mb"] = 0.001
    try:
        r = _post(upload_client, AGREEMENT.encode() * 10)
        assert r.status_code == 413
    finally:
        settings["max_file_mb"] = 20
    r = upload_client.post("/api/documents", content=b"x", headers={"Authorization": f"Bearer {TOKEN}",
                                                                   "Content-Type": "text/plain"})
    assert r.status_code == 415


def test_an_uploaded_agreement_is_searchable_and_in_the_graph(upload_client):
    upload_client.store.settings["upload_token"] = TOKEN
    r = _post(upload_client, AGREEMENT.encode("utf-8"), name="Sundhedsaftale Midt 2024-2027.txt")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["documents"][0]["region"] == "midtjylland" and body["documents"][0]["period"] == "2024-2027"
    assert body["provisions"] >= 2
    docs = upload_client.get("/api/documents").json()["documents"]
    assert any(d["region"] == "midtjylland" for d in docs)
    hits = upload_client.get("/api/search", params={"q": "tidlig opsporing af ældre medicinske patienter"}).json()
    assert "opsporing" in hits["hits"][0]["text"]
    obs = upload_client.get("/api/obligations", params={"actor": "regionsraad"}).json()["obligations"]
    assert any("opsporing" in o["action"] for o in obs)
    # the same file again: unchanged, not duplicated
    again = _post(upload_client, AGREEMENT.encode("utf-8"), name="Sundhedsaftale Midt 2024-2027.txt")
    assert again.status_code == 201 and again.json()["status"] == "unchanged"
    assert len(upload_client.get("/api/documents").json()["documents"]) == len(docs)


def test_the_page_refuses_without_the_token_and_takes_a_file_with_it(upload_client):
    upload_client.store.settings["upload_token"] = TOKEN
    page = upload_client.get("/tilfoej", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Tilføj dokumenter" in page.text and 'type="file"' in page.text
    r = upload_client.post("/tilfoej", files={"file": ("b.txt", AGREEMENT.replace("Midtjylland", "Syddanmark").encode(),
                                                       "text/plain")}, data={"token": "forkert"})
    assert r.status_code == 401 and "upload-nøgle" in r.text
    r = upload_client.post("/tilfoej", files={"file": ("b.txt", AGREEMENT.replace("Midtjylland", "Syddanmark").encode(),
                                                       "text/plain")}, data={"token": TOKEN})
    assert r.status_code == 201 and 'id="upload-resultat"' in r.text and "Region Syddanmark" in r.text


def test_remove_again_through_the_api_and_the_page(upload_client):
    upload_client.store.settings["upload_token"] = TOKEN
    text = AGREEMENT.replace("Midtjylland", "Nordjylland").replace("opsporing", "rehabilitering")
    r = _post(upload_client, text.encode("utf-8"), name="nord.txt")
    assert r.status_code == 201
    doc_id = r.json()["documents"][0]["id"]
    assert upload_client.delete(f"/api/documents/{doc_id}").status_code == 401
    r = upload_client.delete(f"/api/documents/{doc_id}", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.json()["removed"] == [doc_id]
    assert doc_id not in {d["id"] for d in upload_client.get("/api/documents").json()["documents"]}
    obs = upload_client.get("/api/obligations", params={"actor": "regionsraad"}).json()["obligations"]
    assert not any("rehabilitering" in o["action"] for o in obs)
    hits = upload_client.get("/api/search", params={"q": "rehabilitering af ældre medicinske patienter"}).json()
    assert all(h["document"]["id"] != doc_id for h in hits["hits"])
    assert upload_client.delete(f"/api/documents/{doc_id}", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404
    # the page's form
    r = _post(upload_client, text.encode("utf-8"), name="nord.txt")
    r = upload_client.post("/tilfoej/fjern", data={"id": doc_id, "token": TOKEN})
    assert r.status_code == 200 and 'id="fjernet"' in r.text and doc_id in r.text


def test_cli_remove(tmp_path):
    import json
    import subprocess
    import sys

    f = tmp_path / "a.txt"
    f.write_text(AGREEMENT, encoding="utf-8")
    store = str(tmp_path / "s")
    base = [sys.executable, "-m", "aftalegraf.cli"]
    subprocess.run(base + ["-q", "ingest", str(f), "--store", store, "--skip-graph", "--skip-index"], check=True,
                   timeout=300)
    ids = [d["id"] for d in json.loads(subprocess.run(base + ["documents", "--json", "--store", store],
                                                       capture_output=True, text=True, check=True).stdout)["documents"]]
    r = subprocess.run(base + ["remove", ids[0], "findes-ikke", "--json", "--store", store], capture_output=True,
                       text=True, timeout=300)
    out = json.loads(r.stdout)
    assert r.returncode == 1 and out["removed"] == ids and out["unknown"] == ["findes-ikke"]
    left = json.loads(subprocess.run(base + ["documents", "--json", "--store", store], capture_output=True,
                                     text=True, check=True).stdout)["documents"]
    assert left == []
