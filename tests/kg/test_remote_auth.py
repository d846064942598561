"""Credentials for a remote SPARQL endpoint: Basic and Digest through urllib's handlers
(answering the server's challenge), a bearer header, and never the password in a message."""

from __future__ import annotations

import base64
from http.server import BaseHTTPRequestHandler

import pytest
from kg_helpers import answer_sparql_json, serve_stub

from aftalegraf.errors import ConfigError
from aftalegraf.kg.sparql import RemoteSparql

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
