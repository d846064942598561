"""Helpers for the extraction tests: one-sentence documents through the plain splitter."""

from __future__ import annotations

from aftalegraf.kg.extract import document_from_text, extract_obligations


def obligations(text: str, doc_type: str = "bekendtgørelse"):
    doc = document_from_text("t", text, doc_type)
    return extract_obligations(doc)


def one(text: str, doc_type: str = "bekendtgørelse"):
    obs = obligations(text, doc_type)
    assert obs, f"no statement found in {text!r}"
    return obs[0]


# --- stub SPARQL endpoints (local, for the client side of the protocol) ------------------------

def answer_sparql_json(handler, data: dict) -> None:
    """Answer a stub request with SPARQL results JSON."""
    import json

    payload = json.dumps(data).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", str(len(payload)))
    handler.end_headers()
    handler.wfile.write(payload)


def serve_stub(handler_cls):
    """Serve ``handler_cls`` on a free loopback port in a thread; yields the port (a fixture body)."""
    import threading
    from http.server import HTTPServer

    server = HTTPServer(("127.0.0.1", 0), handler_cls)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
