"""`aftalegraf ingest` into a store that `aftalegraf serve` is serving (two real processes):
the ingest succeeds, and the running server answers from the new graph and index — search,
obligations and SPARQL alike — without a restart."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

FIRST = """Sundhedsaftale for Region Nordjylland 2024-2027

1. Samarbejde

Regionsrådet og kommunalbestyrelserne skal mødes mindst fire gange om året i sundhedsrådet.
"""
SECOND = """Samarbejdsaftale om genoptræning i Region Syddanmark 2025-2028

1. Genoptræning

Kommunalbestyrelsen skal tilbyde genoptræning senest syv dage efter udskrivning fra sygehuset.
"""


def _cli(*args: str, store: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aftalegraf.cli", *args, "--store", str(store)],
                          capture_output=True, text=True, timeout=600)


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def test_ingest_while_serving(tmp_path):
    store = tmp_path / "store"
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    r = _cli("-q", "ingest", str(tmp_path / "a.txt"), store=store)
    assert r.returncode == 0, r.stderr
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "aftalegraf.cli", "serve", "--store", str(store),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                _get(base + "/api/health")
                break
            except OSError:
                time.sleep(0.5)
        before = _get(base + "/api/obligations?actor=kommunalbestyrelse")["obligations"]
        assert not any("genoptræning" in o["action"] for o in before)
        r = _cli("-q", "ingest", str(tmp_path / "b.txt"), store=store)
        assert r.returncode == 0, r.stderr                      # used to fail: the server held the lock
        after = _get(base + "/api/obligations?actor=kommunalbestyrelse")["obligations"]
        assert any("genoptræning" in o["action"] for o in after)
        hits = _get(base + "/api/search?" + urllib.parse.urlencode({"q": "genoptræning efter udskrivning", "k": 3}))
        assert "genoptræning" in hits["hits"][0]["text"]
        q = urllib.parse.urlencode({"query": "ASK { ?o a ag:Obligation ; ag:action ?a FILTER(CONTAINS(?a, \"genoptræning\")) }"})
        req = urllib.request.Request(f"{base}/sparql?{q}", headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert json.loads(resp.read())["boolean"] is True
        assert len(_get(base + "/api/documents")["documents"]) == 2
    finally:
        server.terminate()
        server.wait(30)
