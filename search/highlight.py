"""Highlights: the sentences of a hit that answer the query, as character spans."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexical import tokenize

_BOUNDARY = re.compile(r"(?<=[.!?;:])\s+(?=[A-ZÆØÅ§\"“(])|\n+")
_NO_END = re.compile(r"(?:\b\d+|\b(?:stk|nr|jf|bl\.a|f\.eks|mv|m\.v|pkt|kap|ca|evt|hhv|dvs|mht|vedr|inkl|ekskl|nov|dec|jan|feb|aug|sept?|okt))\.$", re.I)


_WRAPPED = re.compile(r"[a-zæøå](?![).]\s)")  # a lower-case word, not a list marker "a)"


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (legal abbreviations and ordinal
    numbers such as "stk. 2." or "1. juli" do not end a sentence)."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        piece = text[start:m.start()]
        if m.group(0).strip(" \t") == "" and "\n" not in m.group(0) and _NO_END.search(piece):
            continue
        if "\n" in m.group(0) and _WRAPPED.match(text, m.end()):
            continue        # a hard-wrapped line ("senest den 1.\njuli i ...") goes on
        if piece.strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


@lru_cache(maxsize=4096)
def _sentence_terms(text: str) -> tuple[tuple[int, int, frozenset], ...]:
    """Each sentence's span and stemmed terms; a hit's text is tokenised once, not per search
    (the same popular provisions come back for many questions)."""
    return tuple((a, b, frozenset(tokenize(text[a:b]))) for a, b in sentences(text))


@lru_cache(maxsize=256)
def _query_terms(query: str) -> frozenset:
    """The query's terms, once per search rather than once per hit."""
    return frozenset(tokenize(query))


def highlights(text: str, query: str, limit: int = 2) -> list[dict]:
    """Character ranges of the sentence(s) of ``text`` that share most terms with the query."""
    q = _query_terms(query)
    if not q:
        return []
    scored = []
    for a, b, toks in _sentence_terms(text):
        overlap = sum(2.0 if t.startswith("§") or t[:1].isdigit() else 1.0 for t in q & toks)
        if overlap > 0:
            scored.append((overlap, a, b))
    if not scored:
        return []
    best = max(s[0] for s in scored)
    chosen = sorted(sorted(scored, key=lambda s: -s[0])[:limit], key=lambda s: s[1])
    return [{"start": a, "end": b} for score, a, b in chosen if score >= 0.6 * best]
