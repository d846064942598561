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

DEFAULT_MIN_BM25 = 3.5
DEFAULT_MIN_DENSE = 0.855


def is_answered(bm25_top: float, dense_top: float | None, settings: dict) -> bool:
    min_bm25 = float(settings.get("answer_min_bm25", DEFAULT_MIN_BM25))
    min_dense = float(settings.get("answer_min_dense", DEFAULT_MIN_DENSE))
    return bm25_top >= min_bm25 or (dense_top is not None and dense_top >= min_dense)
