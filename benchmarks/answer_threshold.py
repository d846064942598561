"""How the answer thresholds were chosen (search.answer): for the development questions and a
set of made-up queries (random letters, off-topic questions), the best BM25 raw score and
the best embedding cosine; then the share answered by each pair of thresholds.

    python benchmarks/answer_threshold.py --store STORE QA.jsonl [QA.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import random
import sys

import numpy as np

from aftalegraf.search import service
from aftalegraf.search.evaluate import load_qa
from aftalegraf.store import open_store

OFF_TOPIC = ["Hvad koster en pizza i Rom?", "test", "hej", "Hvem vandt fodboldlandskampen i går?",
             "opskrift på æblekage", "How do I reset my router?", "vejret i morgen", "bitcoin kurs",
             "lorem ipsum dolor sit amet", "asdf"]


def made_up(n: int = 60, seed: int = 3) -> list[str]:
    rnd = random.Random(seed)

    def word() -> str:
        return "".join(rnd.choice("abcdefghijklmnoprstuvxyzæøå") for _ in range(rnd.randint(3, 9)))

    return [" ".join(word() for _ in range(rnd.randint(1, 4))) for _ in range(n)] + OFF_TOPIC


def signals(store, queries: list[str]) -> np.ndarray:
    idx = service.load_index(store)
    emb = service.query_embedder(store, idx)
    out = []
    for q in queries:
        _, scores = idx.dense.search(emb.embed_query(q), 1)
        bm = idx.lexical.scores(q)
        out.append((float(bm.max()) if len(bm) else 0.0, float(scores[0])))
    return np.array(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("qa", nargs="+")
    args = ap.parse_args(argv)
    store = open_store(args.store, create=False)
    real = signals(store, [q["q"] for p in args.qa for q in load_qa(p)])
    fake = signals(store, made_up())
    grid = []
    for b in (3.0, 3.5, 4.0, 5.0):
        for d in (0.845, 0.85, 0.855, 0.86):
            grid.append({"min_bm25": b, "min_dense": d,
                         "real_answered": round(float(((real[:, 0] >= b) | (real[:, 1] >= d)).mean()), 3),
                         "made_up_answered": round(float(((fake[:, 0] >= b) | (fake[:, 1] >= d)).mean()), 3)})
    json.dump({"questions": len(real), "made_up": len(fake), "grid": grid}, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
