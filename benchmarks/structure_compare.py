"""Before and after a restructuring, side by side in one run: two checkouts of aftalegraf,
each importable by its own interpreter, measured alternately on the same machine.

Per checkout: the time to start the CLI (`python -m aftalegraf.cli --help`, i.e. importing
every command group), the time to import the web app, and search latency over the sample
corpus (HTTP-free: `search.service.search`, answer included) for the questions of a QA set.

    python benchmarks/structure_compare.py --before PY_BEFORE --after PY_AFTER --store STORE QA.jsonl

PY_BEFORE / PY_AFTER: commands that start an interpreter importing each checkout; for the old
layout, e.g. `env PYTHONPATH=/tmp/oldpkg STRUCTURE_BEFORE=1 .venv/bin/python` with /tmp/oldpkg/aftalegraf
a copy of the old core/ holding links to its kg/, search/, ... folders. The store is built by
the "after" checkout; both read it (the index format did not change).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import machine  # noqa: E402

PROBE = r"""
import json, os, sys, time
import aftalegraf.plugins
if os.environ.get("STRUCTURE_BEFORE"):   # the old layout registers its plugins in code, not by entry point
    aftalegraf.plugins._entry_points_loaded = True
from aftalegraf.search.service import search
from aftalegraf.store import Store
store = Store(sys.argv[1])
qs = [json.loads(l)["q"] for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
search(store, qs[0], k=10)                         # warm: index, model, graph
times = []
for _ in range(int(sys.argv[3])):
    for q in qs:
        t = time.perf_counter(); search(store, q, k=10); times.append(time.perf_counter() - t)
print(json.dumps(times))
"""


def _timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--store", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=2, help="passes over the questions per search probe")
    ap.add_argument("qa")
    args = ap.parse_args(argv)
    out = {name: {"cli_start": [], "web_import": [], "search": []} for name in ("before", "after")}
    for _ in range(args.rounds):
        for name, py in (("before", args.before.split()), ("after", args.after.split())):
            out[name]["cli_start"].append(_timed([*py, "-m", "aftalegraf.cli", "--help"]))
            out[name]["web_import"].append(_timed([*py, "-c", "import aftalegraf.web.app"]))
            r = subprocess.run([*py, "-c", PROBE, args.store, args.qa, str(args.repeat)], check=True,
                               capture_output=True, text=True)
            out[name]["search"].extend(json.loads(r.stdout.strip().splitlines()[-1]))
    rows = []
    for metric, label in (("cli_start", "CLI start (--help), s, median"), ("web_import", "import web app, s, median"),
                          ("search", "search p50, ms"), ("search95", "search p95, ms")):
        vals = {}
        for name in ("before", "after"):
            xs = out[name]["search" if metric.startswith("search") else metric]
            if metric == "search":
                vals[name] = statistics.median(xs) * 1000
            elif metric == "search95":
                vals[name] = statistics.quantiles(xs, n=20)[18] * 1000
            else:
                vals[name] = statistics.median(xs)
        rows.append((label, vals["before"], vals["after"], vals["after"] / vals["before"]))
    print(f"machine: {machine()}")
    print("| measure | before | after | after/before |\n|---|---|---|---|")
    for label, b, a, r in rows:
        print(f"| {label} | {b:.3f} | {a:.3f} | {r:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
