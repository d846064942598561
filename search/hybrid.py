"""Fusing the dense and the BM25 ranking into one (``mode=hybrid``).

Two fusion methods, chosen by the setting ``hybrid_fusion``:

- ``convex`` (default): ``alpha * dense + (1 - alpha) * bm25``, each score standardised
  over the candidates (the union of both top lists: how many standard deviations it stands
  above their mean), with both scores known for every candidate. ``alpha`` is the setting
  ``hybrid_alpha``.
- ``rrf``: reciprocal rank fusion, ``score(d) = sum_i w_i / (k + rank_i(d))`` with ranks
  from 1; the weights and k come from ``hybrid_weights`` ("dense,bm25") and ``rrf_k``.

Why convex by default: RRF only sees ranks, and a document missing from one top list gets
nothing from it, so BM25's best hit for "§ 57 b, stk. 2" sank below dense's 60th. Scoring
every candidate by both signals and mixing the scores did better on the development sets
(BENCHMARKS.md, "Search: fusion choice"). Standardised rather than min-max scaled: min-max
lets the pool's two extremes set each signal's scale, so a few far BM25 scores over many
zeros shrank every other candidate's BM25 share while the even band of cosines kept its
spread; the standard deviation is set by the whole pool, and each signal counts by how far
a candidate stands out of it (BENCHMARKS.md, "Answers (#13), round 10"). For a query that is
only a legal reference (``lexical.is_reference_lookup``) the service swaps the two shares:
BM25 leads.
"""

from __future__ import annotations

from typing import Hashable, Mapping, Sequence

import numpy as np

from aftalegraf.errors import ConfigError

FUSIONS = ("convex", "rrf")


def fusion_method(value: object) -> str:
    name = str(value).strip().lower()
    if name not in FUSIONS:
        raise ConfigError(f"hybrid_fusion {value!r}: expected one of {', '.join(FUSIONS)}")
    return name


def parse_alpha(value: object) -> float:
    try:
        alpha = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"hybrid_alpha {value!r}: expected a number from 0 to 1 (the dense share)") from None
    if not 0.0 <= alpha <= 1.0:
        raise ConfigError(f"hybrid_alpha {value!r}: expected a number from 0 to 1 (the dense share)")
    return alpha


def parse_weights(value: object) -> tuple[float, float]:
    """ "1.0,1.0" -> (dense, bm25)."""
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


def standardise(scores: Mapping[Hashable, float]) -> dict[Hashable, float]:
    """Scores as standard deviations from their mean over the given items; all 0 when they
    are all equal."""
    if not scores:
        return {}
    values = np.fromiter(scores.values(), dtype=np.float64, count=len(scores))
    return dict(zip(scores, (float(x) for x in _standardised(values))))


def _standardised(values: np.ndarray) -> np.ndarray:
    mean, spread = float(values.mean()), float(values.std())
    return (values - mean) / spread if spread > 0 else np.zeros(len(values))


def convex_scores(dense: np.ndarray, bm25: np.ndarray, alpha: float) -> np.ndarray:
    """``convex`` over two aligned arrays (one entry per candidate): the fused scores, 0..1."""
    if not len(dense):
        return np.zeros(0)
    fused = alpha * _standardised(np.asarray(dense, dtype=np.float64)) + (1.0 - alpha) * _standardised(
        np.asarray(bm25, dtype=np.float64))
    lo, hi = float(fused.min()), float(fused.max())
    return (fused - lo) / (hi - lo) if hi > lo else np.zeros(len(fused))


def convex(dense: Mapping[Hashable, float], bm25: Mapping[Hashable, float], alpha: float) -> list[tuple[Hashable, float]]:
    """Fuse two complete score maps over the same candidates into one ranking, best first,
    with the fused scores rescaled to 0..1 over the candidates (the best 1, the worst 0: a
    score reads the same whatever the signals' units). Ties keep the order of ``dense``."""
    if set(dense) != set(bm25):
        raise ValueError("convex fusion needs both scores for every candidate")
    keys = list(dense)
    fused = convex_scores(np.fromiter(dense.values(), dtype=np.float64, count=len(keys)),
                          np.fromiter((bm25[key] for key in keys), dtype=np.float64, count=len(keys)), alpha)
    return [(keys[i], float(fused[i])) for i in np.argsort(-fused, kind="stable")]
