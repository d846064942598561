"""A store built once per session for the web tests: the bundled sample corpus through the
real ingest pipeline (graph and index stages included)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


def _build(path: Path):
    from aftalegraf.ingest import ingest_paths
    from aftalegraf.store import Store

    store = Store(path)
    report = ingest_paths(store, [SAMPLE], derive=["graph", "index"])
    if not store.counts()["documents"]:
        raise RuntimeError(f"the sample corpus did not ingest: {report.to_dict()}")
    return store


@pytest.fixture(scope="session")
def built_store(tmp_path_factory):
    store = _build(tmp_path_factory.mktemp("webstore") / "store")
    yield store
    store.close()


@pytest.fixture(scope="session")
def app(built_store):
    from aftalegraf.web.app import create_app

    return create_app(store=built_store)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def a_provision_id(built_store) -> str:
    """A provision with obligations."""
    from aftalegraf.kg import api

    return api.obligations(built_store, limit=1)[0]["provision_id"]


def serve_app(app):
    """Run ``app`` under uvicorn on a free loopback port in a thread; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    th.join(10)


@pytest.fixture(scope="module")
def live_server(app):
    """The sample app served over real HTTP on loopback (for real clients and the browser)."""
    yield from serve_app(app)
