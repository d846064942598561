"""Does anything in the store answer the question well enough? The search response's
``answer`` (the contract): the best hit when the question is answered, else ``None``, so
that nonsense ("xqzvbn flurbo kwij", "test") gets an honest empty state instead of ten
unrelated paragraphs.

Two signals, calibrated on the development questions (133, three sets) against 70 made-up
queries (random letters, off-topic questions): a question is answered when BM25 finds its
words (best raw score >= ``answer_min_bm25``) or the embedding finds a close paragraph (best
cosine >= ``answer_min_dense``). Neither alone separates them: nonsense gets e5 cosines up to
0.86 and real English questions BM25 scores near 0. With 3.5 and 0.855, 92.5 % of the
development questions and 1.4 % of the made-up ones are answered (BENCHMARKS.md, "Answers").
In mode ``bm25`` the query is not embedded, so BM25 alone decides there.
"""

from __future__ import annotations

import re

from aftalegraf.kg.actors import find_actors

DEFAULT_MIN_BM25 = 3.5
DEFAULT_MIN_DENSE = 0.855


def is_answered(bm25_top: float, dense_top: float | None, settings: dict) -> bool:
    min_bm25 = float(settings.get("answer_min_bm25", DEFAULT_MIN_BM25))
    min_dense = float(settings.get("answer_min_dense", DEFAULT_MIN_DENSE))
    return bm25_top >= min_bm25 or (dense_top is not None and dense_top >= min_dense)


# Which kind of statement a question asks about, from its modal words ("Skal regionsrådet …?",
# "Må kommunen …?", "Hvad bør …?"); None when it does not say.
_ASKS = [("prohibition", re.compile(r"\bmå\s+(?:\w+\s+){0,2}ikke\b", re.I)),
         ("obligation", re.compile(r"\bskal\b|\bpligt|\bansvar|\bforpligt", re.I)),
         ("recommendation", re.compile(r"\bbør\b|\banbefal", re.I)),
         ("permission", re.compile(r"\bkan\b|\bmå\b|\bmulighed|\bhave lov", re.I))]
NEAR_TIE = 0.9          # a hit within this share of the best score competes for the card
CONTENDERS = 3          # … among the first this many


def asked(query: str) -> tuple[set[str], str | None]:
    """The actor a question asks about — the subject right after its modal verb ("Skal
    sundhedsklyngen …?", "Hvornår skal regionsrådet …?"), not one named as an object ("Hvem skal
    indsende aftalen til Sundhedsstyrelsen?" asks who) — and the modality it asks about."""
    for modality, rx in _ASKS:
        m = rx.search(query)
        if m is None:
            continue
        after = [a for a in find_actors(query) if a.start >= m.end()]
        if after and after[0].start - m.end() <= 20 and not re.match(r"\s*hvem\b", query, re.I):
            return {after[0].key}, modality
        return set(), modality
    return set(), None


def answer_hit(query: str, hits: list[dict]) -> dict:
    """The hit the answer card shows: the best one, unless a near tie among the first few
    holds a statement of the actor the question names with the modality it asks about
    ("Skal sundhedsklyngen …?" → a paragraph where the cluster *skal*) and the best does not."""
    actors, modality = asked(query)
    if not hits or not actors or modality is None:
        return hits[0] if hits else None

    def states_it(hit: dict) -> bool:
        return any(ob.get("modality") == modality and actors & {b.get("key") for b in ob.get("bearers") or []}
                   for ob in hit.get("obligations") or [])

    top = hits[0].get("score") or 0.0
    for hit in hits[:CONTENDERS]:
        if (hit.get("score") or 0.0) >= NEAR_TIE * top and states_it(hit):
            return hit
    return hits[0]
