"""A store built once per session for the web tests: the bundled sample corpus through the
real ingest pipeline (graph and index stages included). While ingest cannot read the
sample yet, a small hand-made store stands in so that the web layer is still exercised;
``sample_store_kind`` says which was built."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


def _available(module: str) -> bool:
    try:
        importlib.import_module(module)
        return True
    except Exception:
        return False


def _handmade_documents():
    from aftalegraf.model import Document, Provision

    def doc(doc_id, title, type_, parts, **kw):
        text, provs = "", []
        for i, (suffix, kind, label, body, parent, path) in enumerate(parts):
            if text:
                text += "\n\n"
            start = len(text)
            text += body
            provs.append(Provision(id=f"{doc_id}/{suffix}", document_id=doc_id, kind=kind, text=body, start=start,
                                   end=len(text), parent_id=f"{doc_id}/{parent}" if parent else None, label=label,
                                   path=path, ordinal=i))
        return Document(id=doc_id, title=title, type=type_, text=text, provisions=provs, **kw)

    bek = doc("bek-2022-1248", "Bekendtgørelse om sundhedsklynger og sundhedsaftaler", "bekendtgørelse", [
        ("kap5", "kapitel", "Kapitel 5", "Kapitel 5\nSundhedsaftaler", None, []),
        ("p21", "paragraf", "§ 21", "§ 21. Regionsrådet og kommunalbestyrelserne i regionen skal indgå en "
         "sundhedsaftale for hver valgperiode.", "kap5", ["Kapitel 5 Sundhedsaftaler"]),
        ("p21/stk2", "stk", "Stk. 2", "Stk. 2. Regionsrådet skal indsende sundhedsaftalen til Sundhedsstyrelsen "
         "senest den 1. juli i året efter kommunalvalget.", "p21", ["Kapitel 5 Sundhedsaftaler", "§ 21"]),
        ("p22", "paragraf", "§ 22", "§ 22. Sundhedsstyrelsen kan anmode om ændringer i aftalen, jf. § 21.",
         "kap5", ["Kapitel 5 Sundhedsaftaler"]),
    ], issuer="Sundhedsministeriet", identifier="BEK nr 1248 af 05/09/2022", date="2022-09-05",
        meta={"number": "1248", "year": "2022"})
    aft = doc("regionh-sundhedsaftale-2019-2023", "Sundhedsaftale for Region Hovedstaden 2019-2023",
              "sundhedsaftale", [
        ("s1", "section", "1", "1 Visioner", None, []),
        ("s1/p1", "paragraph", "", "Kommunerne bør styrke forebyggelsen for borgere med kronisk sygdom, "
         "så flere får et sundt liv.", "s1", ["1 Visioner"]),
        ("s1/p2", "paragraph", "", "Almen praksis skal sikre sammenhængende forløb for ældre medicinske "
         "patienter.", "s1", ["1 Visioner"]),
    ], issuer="Region Hovedstaden", region="hovedstaden", period="2019-2023")
    return [bek, aft]


def _build(path: Path) -> tuple[object, str]:
    from aftalegraf import stages
    from aftalegraf.store import SourceRecord, Store

    store = Store(path)
    derive = [n for n, mod in (("graph", "aftalegraf.kg.stage"), ("index", "aftalegraf.search.stage"))
              if _available(mod)]
    if _available("aftalegraf.ingest.documents"):
        from aftalegraf.ingest import ingest_paths

        report = ingest_paths(store, [SAMPLE], derive=derive)
        if store.counts()["documents"]:
            return store, "sample"
        raise RuntimeError(f"the sample corpus did not ingest: {report.to_dict()}")
    docs = _handmade_documents()
    before = store.generation
    changes = [store.replace_source(SourceRecord(f"/handmade/{d.id}.txt", d.id, 1, "text"), [d]) for d in docs]
    stages.apply_changes(store, changes, derive, before)
    return store, "handmade"


@pytest.fixture(scope="session")
def built_store(tmp_path_factory):
    store, kind = _build(tmp_path_factory.mktemp("webstore") / "store")
    store.sample_kind = kind
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
    """A provision with obligations when the graph is there, else any provision."""
    if _available("aftalegraf.kg.api"):
        from aftalegraf.kg import api

        obs = api.obligations(built_store, limit=1)
        if obs:
            return obs[0]["provision_id"]
    return next(iter(built_store.provisions())).id


def needs(module: str):
    return pytest.mark.skipif(not _available(module), reason=f"{module} is not importable yet")


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
