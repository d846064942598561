"""Compare ways of fusing the dense and BM25 rankings on the development QA sets.

    .venv/bin/python benchmarks/fusion_compare.py --store STORE [QA.jsonl ...]

Each question is searched once per retriever (the top 100 units of each, as the service
fetches them); every fusion is then computed by the service's own fusion functions on those
same candidates and scored by provision, as ``aftalegraf eval`` scores hits. This is how the
defaults ``hybrid_fusion``/``hybrid_alpha`` (and ``hybrid_weights``/``rrf_k`` for rrf) were
chosen (BENCHMARKS.md, "Search: fusion choice"); it reads the store and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_QA = [ROOT.parent / "shared" / "eval" / "dev_qa.jsonl",
              ROOT / "benchmarks" / "qa" / "extra_qa.jsonl", ROOT / "benchmarks" / "qa" / "extra_qa_b.jsonl"]
DEPTH = 100


@dataclass
class Candidates:
    qvec: np.ndarray
    bm25_all: np.ndarray
    dense_rows: list[int]
    dense_scores: dict[int, float]
    bm25_rows: list[int]


def candidates(store, qa: list[dict]):
    from aftalegraf.search import loaded, service

    idx = loaded.load_index(store)
    emb = loaded.query_embedder(store, idx)
    out = {}
    for item in qa:
        qvec = emb.embed_query(item["q"])
        bm25_all = idx.lexical.scores(item["q"])
        dense_rows, dense_scores = service._dense_ranking(idx, qvec, None, DEPTH)
        bm25_rows, _ = service._bm25_ranking(bm25_all, None, DEPTH)
        out[item["q"]] = Candidates(qvec, bm25_all, dense_rows, dense_scores, bm25_rows)
    return idx, out


def single(which: str):
    from aftalegraf.search.service import _first_rows

    def fuse(idx, c: Candidates):
        return list(_first_rows(idx, c.dense_rows if which == "dense" else c.bm25_rows).values())
    return fuse


def rrf_fusion(k: float, w_dense: float, w_bm25: float):
    from aftalegraf.search.service import _rrf_hybrid

    def fuse(idx, c: Candidates):
        ranked, best = _rrf_hybrid(idx, (w_dense, w_bm25), k, c.dense_rows, c.bm25_rows)
        return [best[p] for p, _ in ranked]
    return fuse


def convex_fusion(alpha: float):
    from aftalegraf.search.service import _convex_hybrid

    def fuse(idx, c: Candidates):
        ranked, best = _convex_hybrid(idx, alpha, c.qvec, c.bm25_all, c.dense_rows, c.dense_scores, c.bm25_rows)
        return [best[p] for p, _ in ranked]
    return fuse


def score(idx, qa, cached, fuse) -> dict:
    from aftalegraf.search.evaluate import first_right_rank

    ranks = []
    for item in qa:
        rows = fuse(idx, cached[item["q"]])[:10]
        ranks.append(first_right_rank([{"text": idx.units[r].text} for r in rows], item["gold"]))
    n = len(ranks) or 1
    return {f"R@{c}": sum(1 for r in ranks if r and r <= c) / n for c in (1, 5, 10)} | {
        "MRR": sum(1 / r for r in ranks if r) / n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True)
    ap.add_argument("qa", nargs="*", help="QA files (default: dev_qa and the sets in benchmarks/qa)")
    args = ap.parse_args()
    from aftalegraf.search.evaluate import load_qa
    from aftalegraf.store import Store

    files = [Path(f) for f in args.qa] or [f for f in DEFAULT_QA if f.exists()]
    sets = {f.stem: load_qa(f) for f in files}
    everything = [q for qa in sets.values() for q in qa]
    idx, cached = candidates(Store(args.store), everything)
    fusions = {
        "dense alone": single("dense"),
        "bm25 alone": single("bm25"),
        "RRF k=60, weights 1.0,1.0": rrf_fusion(60, 1.0, 1.0),
        "RRF k=60, weights 1.0,0.5": rrf_fusion(60, 1.0, 0.5),
        "RRF k=60, weights 1.0,0.3": rrf_fusion(60, 1.0, 0.3),
    } | {f"convex, alpha {a:.2f}": convex_fusion(a) for a in (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)}
    groups = dict(sets) | ({"all": everything} if len(sets) > 1 else {})
    print("| fusion | " + " | ".join(f"{g} (n={len(q)}) R@5 / R@10 / MRR" for g, q in groups.items()) + " |")
    print("|---|" + "---|" * len(groups))
    for name, fuse in fusions.items():
        cells = []
        for qa in groups.values():
            s = score(idx, qa, cached, fuse)
            cells.append(f"{s['R@5']:.3f} / {s['R@10']:.3f} / {s['MRR']:.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
