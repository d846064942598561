"""Helpers shared by the views: the store, document summaries, provision sections."""

from __future__ import annotations

import os

from fastapi import Request

from aftalegraf.model import Document, Provision
from aftalegraf.store import Store

from ..services import optional

LEGAL_KINDS = ("kapitel", "paragraf", "stk", "nr")


def get_store(request: Request) -> Store:
    return request.app.state.store


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


def section_of(store: Store, p: Provision) -> str:
    """A readable section label: '§ 21, stk. 2, nr. 3' for legislation, '2.1 Titel' else.
    Uses the graph's own formatter when kg.api offers one."""
    api = optional("aftalegraf.kg.api")
    fmt = getattr(api, "section_label", None) if api else None
    if callable(fmt):
        try:
            return str(fmt(store, p))
        except Exception:
            pass
    chain = [p]
    seen = {p.id}
    while chain[-1].parent_id and len(chain) < 12:
        try:
            parent = store.provision(chain[-1].parent_id)
        except Exception:
            break
        if parent.id in seen:
            break
        seen.add(parent.id)
        chain.append(parent)
    chain.reverse()
    legal = [c for c in chain if c.kind in ("paragraf", "stk", "nr") and c.label]
    if legal:
        parts = [legal[0].label] + [
            (c.label.lower() if c.kind == "stk" else f"nr. {c.label.rstrip(')')}") for c in legal[1:]
        ]
        return ", ".join(parts)
    for c in reversed(chain):
        if c.kind in ("section", "heading", "kapitel") and (c.label or c.title):
            return " ".join(x for x in (c.label, c.title) if x)
    return p.path[-1] if p.path else (p.label or "")
