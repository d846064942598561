"""Real SPARQL servers for the tests: Oxigraph server (the `oxigraph` binary from PyPI) and
Virtuoso 7 (Debian's `virtuoso-opensource`), each on 127.0.0.1 with a throw-away database.

A fixture starts its server once per session, or uses one already running when
AFTALEGRAF_TEST_OXIGRAPH_URL / AFTALEGRAF_TEST_VIRTUOSO_URL name it; it skips with the reason
when the engine is not installed. ``Engine.settings`` are the store settings that point
aftalegraf at it: Oxigraph through the Graph Store Protocol, Virtuoso through its
authenticated update endpoint (digest) and form-encoded queries (openlink/virtuoso-opensource#842).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@dataclass
class Engine:
    name: str
    base: str
    settings: dict = field(default_factory=dict)
    process: subprocess.Popen | None = None

    def query(self, q: str) -> list[dict]:
        """SELECT straight to the server (not through aftalegraf), as JSON bindings."""
        body = urllib.parse.urlencode({"query": q}).encode()
        req = urllib.request.Request(self.settings["sparql_endpoint"], data=body, method="POST",
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded"})
        return json.loads(urllib.request.urlopen(req, timeout=30).read())["results"]["bindings"]

    def graphs(self) -> set[str]:
        return {r["g"]["value"] for r in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}

    def count(self, graph: str) -> int:
        rows = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"]["value"])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen | None, what: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.time() > deadline or (proc is not None and proc.poll() is not None):
                if proc is not None:
                    proc.kill()
                pytest.fail(f"{what} did not start at {url}")
            time.sleep(0.2)


def oxigraph_binary() -> str | None:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    return found if Path(found).exists() else None


def oxigraph_settings(base: str) -> dict:
    return {"sparql_endpoint": base + "/query", "sparql_update_endpoint": base + "/update",
            "sparql_graph_store_endpoint": base + "/store", "sparql_query_method": "post"}


def start_oxigraph(directory: Path) -> Engine:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is absent (pip install oxigraph; scripts/setup --test installs it)")
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(directory), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    _wait(base + "/query?query=" + urllib.parse.quote("ASK {}"), proc, "oxigraph server")
    return Engine("oxigraph", base, oxigraph_settings(base), proc)


def virtuoso_settings(base: str, password: str = "dba") -> dict:
    return {"sparql_endpoint": base + "/sparql", "sparql_update_endpoint": base + "/sparql-auth",
            "sparql_query_method": "form", "sparql_user": "dba", "sparql_password": password,
            "sparql_auth": "digest"}


def start_virtuoso(directory: Path) -> Engine:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource; .ci/run installs it as root)")
    directory.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=directory, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    proc = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=directory,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    _wait(base + "/sparql?query=" + urllib.parse.quote("ASK {}"), proc, "virtuoso", seconds=120)
    return Engine("virtuoso", base, virtuoso_settings(base), proc)


def _stop(engine: Engine) -> None:
    if engine.process is not None:
        engine.process.terminate()
        try:
            engine.process.wait(30)
        except subprocess.TimeoutExpired:
            engine.process.kill()


def _engine(name: str, tmp_path_factory) -> Engine:
    url = os.environ.get(f"AFTALEGRAF_TEST_{name.upper()}_URL")
    if url:
        base = url.rstrip("/")
        if name == "oxigraph":
            return Engine(name, base, oxigraph_settings(base))
        return Engine(name, base, virtuoso_settings(base, os.environ.get("AFTALEGRAF_TEST_VIRTUOSO_PASSWORD", "dba")))
    start = start_oxigraph if name == "oxigraph" else start_virtuoso
    return start(tmp_path_factory.mktemp(name))


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    engine = _engine("oxigraph", tmp_path_factory)
    yield engine
    _stop(engine)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    engine = _engine("virtuoso", tmp_path_factory)
    yield engine
    _stop(engine)
