"""Print N random extracted obligations (seeded) for a precision judgement: the sentence,
bearer, modality, cue and action of each.

    .venv/bin/python benchmarks/sample_obligations.py [--n 30] [--seed 7] [--plain]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import load_documents  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--plain", action="store_true", help="use the plain splitter, not ingest")
    args = ap.parse_args(argv)
    from aftalegraf.kg.extract import extract_obligations

    docs, how = load_documents(use_ingest=not args.plain)
    pool = []
    for d in docs:
        for o in extract_obligations(d):
            pool.append((d.id, o))
    rng = random.Random(args.seed)
    sample = rng.sample(pool, min(args.n, len(pool)))
    print(f"{len(pool)} obligations in {len(docs)} documents ({how}); {len(sample)} sampled, seed {args.seed}\n")
    for k, (doc_id, o) in enumerate(sample, 1):
        flags = ",".join(f for f, v in (("carried", o.carried), ("passive", o.passive)) if v)
        print(f"{k:2d}. [{doc_id}] {o.provision_id}")
        print(f"    sentence: {o.text}")
        print(f"    bearer:   {o.bearer_label or '(unknown)'}  {('(' + flags + ')') if flags else ''}")
        print(f"    modality: {o.modality} (cue: {o.cue})")
        print(f"    action:   {o.action}")
        if o.deadline:
            print(f"    deadline: {o.deadline['text']}")
        if o.frequency:
            print(f"    frequency: {o.frequency['text']}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
