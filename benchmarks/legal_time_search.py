"""Retrieval with and without the legal-time ordering of search results, side by side in one
run on the same index: recall@1/5/10 and MRR per mode on the development QA sets.

"Before" runs the same search with the legal-time step (a small penalty for texts not in
force today, and one hit per provision across the versions of an act) switched off.

    python benchmarks/legal_time_search.py --store STORE QA.jsonl [QA.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from aftalegraf.search import service
from aftalegraf.search.evaluate import evaluate, load_qa
from aftalegraf.store import open_store


def _identity(idx, tl, ranked, best_row, as_of):
    return ranked, {p: [] for p, _ in ranked}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("qa", nargs="+")
    args = ap.parse_args(argv)
    store = open_store(args.store, create=False)
    out = {}
    real = service._in_time_order
    for path in args.qa:
        qa = load_qa(path)
        service._in_time_order = _identity
        before = evaluate(store, qa)
        service._in_time_order = real
        after = evaluate(store, qa)
        out[Path(path).name] = {"questions": len(qa),
                                **{m: {"before": before["modes"][m]["all"], "after": after["modes"][m]["all"]}
                                   for m in after["modes"]}}
    json.dump(out, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
