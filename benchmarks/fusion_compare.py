"""Compare ways of fusing the dense and BM25 rankings on the development QA sets.

    .venv/bin/python benchmarks/fusion_compare.py --store STORE [QA.jsonl ...]

Each question is searched once per retriever (the top 100 units of each); every fusion is
then scored on those same rankings, by provision, as ``aftalegraf eval`` scores hits. This
is how the default ``hybrid_weights``/``rrf_k`` were chosen (BENCHMARKS.md, "Search: fusion
choice"); it reads the store and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_QA = [ROOT.parent / "shared" / "eval" / "dev_qa.jsonl", ROOT / "benchmarks" / "qa" / "extra_qa.jsonl"]
DEPTH = 100


def rankings(store, qa: list[dict]) -> dict[str, tuple]:
    from aftalegraf.search import service

    idx = service.load_index(store)
    emb = service.query_embedder(store, idx)
    out = {}
    for item in qa:
        dense_rows, dense_scores = service._dense_ranking(idx, emb.embed_query(item["q"]), None, DEPTH)
        bm25_rows, bm25_scores = service._bm25_ranking(idx, item["q"], None, DEPTH)
        out[item["q"]] = (dense_rows, dense_scores, bm25_rows, bm25_scores)
    return idx, out


def by_provision(idx, rows: list[int]) -> dict[str, int]:
    first: dict[str, int] = {}
    for r in rows:
        first.setdefault(idx.units[r].provision_id, r)
    return first


def rrf_fusion(k: float, w_dense: float, w_bm25: float):
    from aftalegraf.search.hybrid import rrf

    def fuse(idx, dense_rows, dense_scores, bm25_rows, bm25_scores):
        d, b = by_provision(idx, dense_rows), by_provision(idx, bm25_rows)
        rows = {**b, **d}
        return [rows[p] for p, _ in rrf([list(d), list(b)], [w_dense, w_bm25], k)]
    return fuse


def convex_fusion(alpha: float):
    """alpha * min-max(dense) + (1 - alpha) * min-max(bm25); absent = the list's minimum."""
    def fuse(idx, dense_rows, dense_scores, bm25_rows, bm25_scores):
        d, b = by_provision(idx, dense_rows), by_provision(idx, bm25_rows)

        def norm(first, scores):
            if not first:
                return {}
            v = np.array([scores[r] for r in first.values()])
            v = (v - v.min()) / (v.max() - v.min() + 1e-9)
            return dict(zip(first, v))
        nd, nb = norm(d, dense_scores), norm(b, bm25_scores)
        rows = {**b, **d}
        fused = {p: alpha * nd.get(p, 0.0) + (1 - alpha) * nb.get(p, 0.0) for p in rows}
        return [rows[p] for p, _ in sorted(fused.items(), key=lambda kv: -kv[1])]
    return fuse


def score(idx, qa, cached, fuse) -> dict:
    from aftalegraf.search.evaluate import first_right_rank

    ranks = []
    for item in qa:
        rows = fuse(idx, *cached[item["q"]])[:10]
        ranks.append(first_right_rank([{"text": idx.units[r].text} for r in rows], item["gold"]))
    n = len(ranks) or 1
    return {f"R@{c}": sum(1 for r in ranks if r and r <= c) / n for c in (1, 5, 10)} | {
        "MRR": sum(1 / r for r in ranks if r) / n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True)
    ap.add_argument("qa", nargs="*", help="QA files (default: dev_qa and benchmarks/qa/extra_qa)")
    args = ap.parse_args()
    from aftalegraf.search.evaluate import load_qa
    from aftalegraf.store import Store

    files = [Path(f) for f in args.qa] or [f for f in DEFAULT_QA if f.exists()]
    sets = {f.stem: load_qa(f) for f in files}
    everything = [q for qa in sets.values() for q in qa]
    idx, cached = rankings(Store(args.store), everything)
    fusions = {
        "dense alone": lambda idx, dr, ds, br, bs: list(by_provision(idx, dr).values()),
        "bm25 alone": lambda idx, dr, ds, br, bs: list(by_provision(idx, br).values()),
        "RRF k=60, weights 1.0,1.0": rrf_fusion(60, 1.0, 1.0),
        "RRF k=60, weights 1.0,0.5 (default)": rrf_fusion(60, 1.0, 0.5),
        "RRF k=20, weights 1.0,0.5": rrf_fusion(20, 1.0, 0.5),
        "RRF k=60, weights 1.0,0.3": rrf_fusion(60, 1.0, 0.3),
        "min-max convex, 0.7 dense": convex_fusion(0.7),
    }
    groups = dict(sets) | ({"all": everything} if len(sets) > 1 else {})
    header = "| fusion | " + " | ".join(f"{g} (n={len(q)}) R@5 / MRR" for g, q in groups.items()) + " |"
    print(header)
    print("|---|" + "---|" * len(groups))
    for name, fuse in fusions.items():
        cells = []
        for qa in groups.values():
            s = score(idx, qa, cached, fuse)
            cells.append(f"{s['R@5']:.3f} / {s['MRR']:.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
