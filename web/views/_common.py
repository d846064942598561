"""Helpers shared by the views: the store, document summaries, provision sections."""

from __future__ import annotations

import os

import pydantic_core
from fastapi import Request
from fastapi.responses import JSONResponse

from aftalegraf.errors import ReadOnly
from aftalegraf.model import Document
from aftalegraf.store import Store

LEGAL_KINDS = ("kapitel", "paragraf", "stk", "nr")


def plain_json(content) -> bytes:
    """A result that is plain JSON already, rendered by pydantic-core (FastAPI's own
    serializer, in Rust): a search's ~25 KB in 0.07 ms against json.dumps' 0.3 ms. A
    non-finite number becomes null, never the invalid NaN."""
    return pydantic_core.to_json(content, inf_nan_mode="null")


class PlainJSON(JSONResponse):
    """A JSON response rendered by ``plain_json``."""

    def render(self, content) -> bytes:
        return plain_json(content)


def get_store(request: Request) -> Store:
    """The store a request reads: the app's own, or the snapshot generation being served now
    (a request keeps the one it started with)."""
    follower = getattr(request.app.state, "follower", None)
    return follower.current() if follower is not None else request.app.state.store


def writable_store(request: Request) -> Store:
    """The store for a request that writes; ``ReadOnly`` (403) on a read-only node."""
    store = get_store(request)
    if getattr(request.app.state, "read_only", False) or getattr(store, "read_only", False):
        raise ReadOnly("this server")
    return store


def document_summary(doc: Document) -> dict:
    """The contract's document shape: id, title, type, region, source, provisions (+ more)."""
    out = doc.summary()
    # the file's name, never the server's directories
    out["source"] = os.path.basename(out.get("source") or "")
    if not doc.provisions:
        out["provisions"] = int(doc.meta.get("provision_count", 0))
    return out


def document_ref(doc: Document) -> dict:
    return {"id": doc.id, "title": doc.title, "type": doc.type, "region": doc.region}


