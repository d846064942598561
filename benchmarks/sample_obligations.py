"""Print N random extracted obligations (seeded) for a precision judgement: the sentence,
bearer, modality, cue and action of each — the obligations as they land in the graph
(``extract_document``: restatements joined). ``--stratify`` first draws one obligation of
every document type, then the rest at random from all; ``--jsonl FILE`` also writes the
sample as JSON lines with empty ``judgement``/``why`` fields to fill in by hand.

    .venv/bin/python benchmarks/sample_obligations.py [--n 30] [--seed 7] [--plain]
    .venv/bin/python benchmarks/sample_obligations.py --n 50 --seed 20261202 --stratify --jsonl FILE
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import load_documents  # noqa: E402


def draw(pool: list, n: int, rng: random.Random, stratify: bool) -> list:
    if not stratify:
        return rng.sample(pool, min(n, len(pool)))
    by_type: dict[str, list] = {}
    for item in pool:
        by_type.setdefault(item[1], []).append(item)
    first = [rng.choice(by_type[t]) for t in sorted(by_type)]
    rest = [item for item in pool if item not in first]
    return first + rng.sample(rest, max(0, min(n - len(first), len(rest))))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--plain", action="store_true", help="use the plain splitter, not ingest")
    ap.add_argument("--stratify", action="store_true", help="one obligation of every document type first")
    ap.add_argument("--jsonl", help="also write the sample here, to be judged by hand")
    args = ap.parse_args(argv)
    from aftalegraf.kg.extract import extract_document

    docs, how = load_documents(use_ingest=not args.plain)
    pool = []
    for d in docs:
        for o in extract_document(d).obligations:
            pool.append((d.id, d.type or "?", o))
    rng = random.Random(args.seed)
    sample = draw(pool, args.n, rng, args.stratify)
    types = sorted({t for _, t, _ in pool})
    print(f"{len(pool)} obligations in {len(docs)} documents ({how}), types {', '.join(types)}; "
          f"{len(sample)} sampled, seed {args.seed}{', stratified' if args.stratify else ''}\n")
    rows = []
    for k, (doc_id, doc_type, o) in enumerate(sample, 1):
        flags = ",".join(f for f, v in (("carried", o.carried), ("passive", o.passive)) if v)
        print(f"{k:2d}. [{doc_id}, {doc_type}] {o.provision_id}")
        print(f"    sentence: {o.text}")
        print(f"    bearer:   {o.bearer_label or '(unknown)'}  {('(' + flags + ')') if flags else ''}")
        print(f"    modality: {o.modality} (cue: {o.cue})")
        print(f"    action:   {o.action}")
        if o.deadline:
            print(f"    deadline: {o.deadline['text']}")
        if o.frequency:
            print(f"    frequency: {o.frequency['text']}")
        print()
        rows.append({"n": k, "document": doc_id, "doc_type": doc_type, "provision": o.provision_id,
                     "sentence": " ".join((o.text or "").split()), "bearers": list(o.bearers),
                     "bearer_label": o.bearer_label, "flags": flags, "modality": o.modality, "cue": o.cue,
                     "action": o.action, "deadline": (o.deadline or {}).get("text"),
                     "frequency": (o.frequency or {}).get("text"), "judgement": "", "why": ""})
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
