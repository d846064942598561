"""Reciprocal rank fusion of ranked lists (dense and BM25):
``score(d) = sum_i w_i / (k + rank_i(d))`` with ranks from 1; the weights and k come from
the settings ``hybrid_weights`` ("dense,bm25") and ``rrf_k``."""

from __future__ import annotations

from typing import Hashable, Sequence

MODES = ("hybrid", "bm25", "dense")


def parse_weights(value: object) -> tuple[float, float]:
    """ "1.0,1.0" -> (dense, bm25)."""
    from aftalegraf.errors import ConfigError

    if isinstance(value, (list, tuple)):
        parts = list(value)
    else:
        parts = [p for p in str(value).replace(";", ",").split(",") if p.strip()]
    try:
        w = [float(p) for p in parts]
    except ValueError:
        raise ConfigError(f"hybrid_weights {value!r}: expected two numbers 'dense,bm25'") from None
    if len(w) != 2 or min(w) < 0 or sum(w) == 0:
        raise ConfigError(f"hybrid_weights {value!r}: expected two non-negative numbers 'dense,bm25'")
    return w[0], w[1]


def rrf(rankings: Sequence[Sequence[Hashable]], weights: Sequence[float] | None = None, k: float = 60) -> list[tuple[Hashable, float]]:
    """Fuse ranked lists (best first) into one, best first, with fused scores. Ties keep
    the order of first appearance (earlier lists first)."""
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    scores: dict[Hashable, float] = {}
    order: dict[Hashable, int] = {}
    for ranking, w in zip(rankings, weights):
        for rank, item in enumerate(ranking, 1):
            scores[item] = scores.get(item, 0.0) + w / (k + rank)
            order.setdefault(item, len(order))
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))
