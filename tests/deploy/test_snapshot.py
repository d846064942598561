"""Snapshots and read-only serving on one machine (embedded graph): a generation is a
complete, immutable store; a stale index is refused; a serving node swaps in a new
generation while requests keep being answered; writes on a read-only node answer 403."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from aftalegraf.deploy.snapshot import CURRENT, GENERATIONS, Follower, open_generation, write_snapshot
from aftalegraf.errors import ConfigError, ReadOnly
from aftalegraf.ingest import ingest_paths
from aftalegraf.kg import api
from aftalegraf.search.service import search, warm_up
from aftalegraf.store import DB_NAME, Store
from aftalegraf.web.app import create_app

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
FIRST = SAMPLE / "sst-side-sundhedsaftaler-2022.txt"
SECOND = SAMPLE / "regionsjaelland-side-hvad-er-sundhedsaftalen.txt"


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("snap") / "source")
    assert ingest_paths(store, [FIRST], derive=["graph", "index"]).ok
    return store


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_generation_is_a_complete_immutable_store(source, tmp_path):
    info = write_snapshot(source, tmp_path / "snaps")
    gen = tmp_path / "snaps" / GENERATIONS / info["name"]
    assert (tmp_path / "snaps" / CURRENT).read_text().strip() == info["name"]
    assert {"aftalegraf.sqlite", "index", "graph", "snapshot.json"} <= {p.name for p in gen.iterdir()}
    assert info["graph"] == "embedded" and info["documents"] == source.counts()["documents"]
    before = _digest(gen / DB_NAME)
    tree = _tree(gen)
    store = open_generation(tmp_path / "snaps")
    assert store.read_only and store.counts() == source.counts()
    assert api.obligations(store) == api.obligations(source)
    assert search(store, "Hvem skal indsende sundhedsaftalen?", k=3)["hits"]
    with pytest.raises(ReadOnly):
        store.set_meta("x", "y")
    assert _digest(gen / DB_NAME) == before and not (gen / (DB_NAME + "-wal")).exists()
    assert _tree(gen) == tree, "reading a generation writes nothing into it (it may be mounted read-only)"


def _tree(root: Path) -> dict:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*")}


def test_generations_are_kept_and_pruned(source, tmp_path):
    names = [write_snapshot(source, tmp_path / "snaps", keep=2)["name"] for _ in range(3)]
    kept = sorted(p.name for p in (tmp_path / "snaps" / GENERATIONS).iterdir())
    assert kept == names[1:]


def test_a_stale_index_is_refused(tmp_path):
    store = Store(tmp_path / "s")
    assert ingest_paths(store, [FIRST], derive=["graph", "index"]).ok
    assert ingest_paths(store, [SECOND], derive=[]).ok       # documents ahead of the index
    with pytest.raises(ConfigError, match="reindex"):
        write_snapshot(store, tmp_path / "snaps")
    assert not (tmp_path / "snaps" / CURRENT).exists()


def test_read_only_node_refuses_writes(source):
    ro = Store(source.path, read_only=True)
    with TestClient(create_app(store=ro)) as c:
        page = c.get("/tilfoej")
        assert page.status_code == 200 and "skrivebeskyttet" in page.text
        r = c.post("/api/documents", files={"file": ("a.txt", b"Regionsraadet skal.")},
                   headers={"Authorization": "Bearer k", "Accept": "application/json"})
        assert r.status_code == 403 and r.json()["error"] == "read_only"
        assert c.delete(f"/api/documents/{source.document_ids()[0]}").status_code == 403
        assert c.get("/api/health").json()["read_only"] is True
    assert source.counts()["documents"] == 1


def _serve(app):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def test_a_serving_node_swaps_generations_without_dropping_requests(tmp_path):
    store = Store(tmp_path / "source")
    assert ingest_paths(store, [FIRST], derive=["graph", "index"]).ok
    snaps = tmp_path / "snaps"
    first = write_snapshot(store, snaps)["name"]
    follower = Follower(snaps, prepare=warm_up)
    server, base = _serve(create_app(follower=follower))
    statuses: list[int] = []
    seen: set[str] = set()
    stop = threading.Event()

    def hammer():
        while not stop.is_set():
            for url in ("/api/health", "/api/search?q=sundhedsaftale&k=3"):
                try:
                    with urllib.request.urlopen(base + url, timeout=30) as resp:
                        statuses.append(resp.status)
                        if url == "/api/health":
                            seen.add(json.loads(resp.read())["snapshot"])
                except urllib.error.HTTPError as exc:
                    statuses.append(exc.code)

    workers = [threading.Thread(target=hammer) for _ in range(3)]
    try:
        for w in workers:
            w.start()
        assert ingest_paths(store, [SECOND], derive=["graph", "index"]).ok
        second = write_snapshot(store, snaps)["name"]
        follower.wait_for(second)
        time.sleep(0.5)
    finally:
        stop.set()
        for w in workers:
            w.join(30)
        server.should_exit = True
    assert statuses and set(statuses) == {200}, sorted(set(statuses))
    assert {first, second} <= seen
    assert follower.current().counts()["documents"] == 2


def _cli(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aftalegraf.cli", *args], check=False, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


def test_cli_snapshot_and_reading_commands(source, tmp_path):
    out = _cli("snapshot", "--store", str(source.path), "--out", str(tmp_path / "snaps"), "--json")
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["documents"] == 1 and (tmp_path / "snaps" / GENERATIONS / info["name"]).is_dir()
    docs = _cli("documents", "--store", str(tmp_path / "snaps"), "--json")
    assert docs.returncode == 0 and len(json.loads(docs.stdout)["documents"]) == 1
    obs = _cli("obligations", "--store", str(tmp_path / "snaps"), "--json")
    assert obs.returncode == 0 and json.loads(obs.stdout)
    refused = _cli("serve", "--store", str(tmp_path / "snaps"), "--port", "1")
    assert refused.returncode != 0 and "--read-only" in refused.stderr
