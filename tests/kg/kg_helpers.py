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
