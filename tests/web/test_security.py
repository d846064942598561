"""Hardening of the web layer: security headers, the Host allow-list, request-size limits,
API docs without a CDN, no server paths, spreadsheet-safe CSV, and connections that must send
their headers in time (a real uvicorn with the project's protocol)."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from aftalegraf.web.exports import safe_cell, safe_csv


def test_security_headers_on_pages_api_and_errors(client):
    for path in ("/", "/api/health", "/findes-ikke", "/sparql"):
        r = client.get(path)
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["x-content-type-options"] == "nosniff"


def test_api_docs_need_no_cdn(client):
    for path in ("/docs", "/redoc"):
        r = client.get(path)
        assert r.status_code == 200
        assert "cdn.jsdelivr" not in r.text and "unpkg" not in r.text and "fonts.googleapis" not in r.text
        assert "/static-offline-docs/" in r.text
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


def test_documents_show_no_server_paths(client):
    for d in client.get("/api/documents").json()["documents"]:
        assert "/" not in d["source"] and "\\" not in d["source"]


def test_host_allow_list(built_store):
    from fastapi.testclient import TestClient

    from aftalegraf.web.app import create_app
    from aftalegraf.web.security import default_hosts

    app = create_app(store=built_store, allowed_hosts=default_hosts("127.0.0.1"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/health").status_code == 200
    with TestClient(app, base_url="http://evil.example") as c:
        r = c.get("/api/health")
        assert r.status_code == 400 and "evil.example" not in r.text


def test_body_over_the_limit_is_413(client):
    r = client.post("/api/search", content=b"x" * (2 << 20), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_spreadsheet_safe_cells():
    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)" and safe_cell("-1+1") == "'-1+1" and safe_cell("+4520") == "'+4520"
    assert safe_cell("Regionsrådet") == "Regionsrådet" and safe_cell(None) == ""
    assert safe_csv('a,b\r\n"=1+1",ok\r\n') == "a,b\r\n'=1+1,ok\r\n"


def test_actor_csv_cells_are_safe(client):
    r = client.get("/aktoer/regionsraad.csv")
    assert r.status_code == 200
    import csv
    import io

    for row in csv.reader(io.StringIO(r.text.lstrip("\ufeff"))):
        assert not any(c.startswith(("=", "+", "-", "@")) for c in row)


@pytest.fixture(scope="module", params=["httptools", "h11"])
def slow_header_server(app, request):
    import uvicorn

    from aftalegraf.web.server import protocol

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                        http=protocol(1.0, request.param)))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield port
    srv.should_exit = True
    th.join(10)


def test_a_connection_that_never_finishes_its_headers_is_closed(slow_header_server):
    with socket.create_connection(("127.0.0.1", slow_header_server), timeout=10) as sock:
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        t0 = time.monotonic()
        for _ in range(8):                 # dribble a header byte now and then
            time.sleep(0.3)
            try:
                sock.sendall(b"X")
            except OSError:
                break
        sock.settimeout(5)
        try:
            data = sock.recv(100)
        except ConnectionResetError:
            data = b""
        assert data == b"" and time.monotonic() - t0 < 6       # closed by the server, nothing answered
    with socket.create_connection(("127.0.0.1", slow_header_server), timeout=10) as sock:
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        assert sock.recv(20).startswith(b"HTTP/1.1 200")       # an honest client is served
