"""Credentials for a remote SPARQL endpoint: Basic and Digest through urllib's handlers
(answering the server's challenge), a bearer header, and never the password in a message."""

from __future__ import annotations

import base64
import json
from http.server import BaseHTTPRequestHandler

import pytest
from kg_helpers import answer_sparql_json, serve_stub

from aftalegraf.errors import ConfigError
from aftalegraf.kg.sparql import RemoteSparql
from aftalegraf.kg.sparql.graphstore import RemoteGraph

USER, PASSWORD = "planner", "s3cret-pw"


class _Guarded(BaseHTTPRequestHandler):
    """Answers only a request that carries the expected Authorization; else a challenge."""

    scheme = "Basic"
    seen: list[str] = []

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        auth = self.headers.get("Authorization") or ""
        type(self).seen.append(auth)
        ok = (auth == "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode() if self.scheme == "Basic"
              else auth == f"Bearer {PASSWORD}" if self.scheme == "Bearer"
              else auth.startswith("Digest ") and f'username="{USER}"' in auth and "response=" in auth)
        if not ok:
            self.send_response(401)
            challenge = ('Digest realm="sparql", nonce="abc123", qop="auth", algorithm=MD5' if self.scheme == "Digest"
                         else f'{self.scheme} realm="sparql"')
            self.send_header("WWW-Authenticate", challenge)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        answer_sparql_json(self, {"head": {}, "boolean": True})

    def log_message(self, *a):
        pass


@pytest.mark.parametrize("scheme,auth", [("Basic", "basic"), ("Digest", "digest"), ("Bearer", "bearer")])
def test_credentials_answer_the_challenge(scheme, auth):
    handler = type("H", (_Guarded,), {"scheme": scheme, "seen": []})
    stub = serve_stub(handler)
    url = f"http://127.0.0.1:{next(stub)}/sparql"
    try:
        remote = RemoteSparql.from_settings({"sparql_endpoint": url, "sparql_user": USER if auth != "bearer" else "",
                                             "sparql_password": PASSWORD, "sparql_auth": auth})
        assert remote.query("ASK { ?s ?p ?o }", form="ASK").boolean
        assert PASSWORD not in repr(remote)
        if auth == "digest":
            assert all(PASSWORD not in a for a in handler.seen)        # digest never sends the password
        # without credentials the server's refusal is reported, not a crash
        with pytest.raises(Exception) as info:
            RemoteSparql(url).query("ASK { ?s ?p ?o }", form="ASK")
        assert "401" in str(info.value)
    finally:
        stub.close()


def test_the_password_is_never_in_a_message():
    remote = RemoteSparql.from_settings({"sparql_endpoint": "http://127.0.0.1:9/sparql", "sparql_user": USER,
                                         "sparql_password": PASSWORD})
    with pytest.raises(ConfigError) as info:
        remote.query("ASK { ?s ?p ?o }", form="ASK", timeout=2)
    assert PASSWORD not in str(info.value) and "unreachable" in str(info.value)
    with pytest.raises(ConfigError, match="sparql_auth"):
        RemoteSparql.from_settings({"sparql_endpoint": "http://x/sparql", "sparql_auth": "kerberos"})


class _Flaky(BaseHTTPRequestHandler):
    """Refuses the first writes with 503 (a restarting server), then takes them; 400 is final."""

    fail_first = 2
    status = 503
    calls: list[str] = []

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).calls.append(self.path)
        code = self.status if len(self.calls) <= self.fail_first else 204
        self.send_response(code)
        body = b"busy, try again" if code >= 400 else b""
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


def test_a_write_the_server_could_not_take_is_tried_again():
    handler = type("H", (_Flaky,), {"calls": []})
    stub = serve_stub(handler)
    url = f"http://127.0.0.1:{next(stub)}/store"
    try:
        RemoteSparql(url, graph_store_endpoint=url).replace_graph("https://w3id.org/aftalegraf/g", "<urn:a> <urn:b> <urn:c> .\n")
        assert len(handler.calls) == 3          # two 503s, then taken: the same idempotent PUT each time
    finally:
        next(stub, None)


def test_a_refused_write_is_not_repeated_and_keeps_the_servers_words():
    handler = type("H", (_Flaky,), {"calls": [], "status": 400, "fail_first": 5})
    stub = serve_stub(handler)
    url = f"http://127.0.0.1:{next(stub)}/store"
    try:
        with pytest.raises(ConfigError, match="busy, try again"):
            RemoteSparql(url, graph_store_endpoint=url).replace_graph("https://w3id.org/aftalegraf/g", "")
        assert len(handler.calls) == 1
    finally:
        next(stub, None)


class _Capped(BaseHTTPRequestHandler):
    """Virtuoso's way: a result cut at ResultSetMaxRows, said only in X-SPARQL-MaxRows."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        rows = [{"s": {"type": "uri", "value": f"urn:s{i}"}} for i in range(3)]
        payload = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": rows}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("X-SPARQL-MaxRows", "3")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *a):
        pass


def test_a_result_the_server_cut_short_is_marked_and_refused_for_our_own_reads():
    stub = serve_stub(_Capped)
    url = f"http://127.0.0.1:{next(stub)}/sparql"
    try:
        res = RemoteSparql(url, method="form").query("SELECT ?s WHERE { ?s ?p ?o }")
        assert res.truncated and res.limit == 3 and len(res.bindings) == 3
        reader = RemoteGraph({"sparql_endpoint": url, "sparql_query_method": "form"})
        reader._graphs, reader._version, reader._checked = ["urn:g"], "v1", 1e18   # as if the meta graph said so
        with pytest.raises(ConfigError, match="ResultSetMaxRows"):
            reader.select("SELECT ?s WHERE { ?s ?p ?o }")
    finally:
        next(stub, None)


def test_booleans_read_in_their_canonical_form():
    """Virtuoso writes xsd:boolean as 1/0; read back, they are true/false like everywhere else."""
    from aftalegraf.kg.sparql.results import term_from_json

    xsd = "http://www.w3.org/2001/XMLSchema#boolean"
    assert term_from_json({"type": "typed-literal", "datatype": xsd, "value": "1"}).value == "true"
    assert term_from_json({"type": "literal", "datatype": xsd, "value": "0"}).value == "false"
    assert term_from_json({"type": "literal", "datatype": xsd, "value": "true"}).value == "true"
