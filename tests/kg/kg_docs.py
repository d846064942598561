"""Tiny documents built in code for graph tests (imported by the test modules beside it)."""

from __future__ import annotations

from aftalegraf.model import Document, Provision


def make_doc(doc_id: str, doc_type: str, parts, **kw) -> Document:
    """parts: (local id, kind, label, text, parent local id or None)."""
    text, provs = "", []
    for i, (pid, kind, label, t, parent) in enumerate(parts):
        start = len(text)
        text += t
        provs.append(Provision(f"{doc_id}/{pid}", doc_id, kind, t, start, len(text),
                               f"{doc_id}/{parent}" if parent else None, label, ordinal=i))
        text += "\n\n"
    return Document(id=doc_id, title=kw.pop("title", doc_id), type=doc_type, text=text, provisions=provs, **kw)
