"""Retrieval with and without the legal-time ordering of search results, side by side in one
run on the same index: recall@1/5/10 and MRR per mode on the development QA sets.

"Before" runs the same search with the legal-time step (a small penalty for texts not in
force today, and one hit per provision across the versions of an act) switched off.

    python benchmarks/legal_time_search.py --store STORE QA.jsonl [QA.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from aftalegraf.kg import timeline
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
    out["latency_ms_hybrid_k10"] = _latency(store, [q["q"] for p in args.qa for q in load_qa(p)], real)
    t0 = time.perf_counter()
    timeline.build_timeline(timeline._documents(store))
    out["timeline_build_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    json.dump(out, sys.stdout, indent=2)
    print()
    return 0


def _latency(store, questions: list[str], real) -> dict:
    """Warm in-process hybrid search latency, the two variants interleaved per question."""
    times: dict[str, list[float]] = {"before": [], "after": []}
    for q in questions:
        for name, fn in (("before", _identity), ("after", real)):
            service._in_time_order = fn
            t0 = time.perf_counter()
            service.search(store, q, k=10)
            times[name].append((time.perf_counter() - t0) * 1000)
    service._in_time_order = real
    return {name: {"p50": round(statistics.median(v), 1), "p95": round(sorted(v)[int(0.95 * (len(v) - 1))], 1)}
            for name, v in times.items()}


if __name__ == "__main__":
    raise SystemExit(main())
