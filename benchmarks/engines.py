"""The graph embedded and on each SPARQL server, side by side in one run (issue #15).

For each of: embedded Oxigraph, Oxigraph server (Graph Store Protocol writes), Virtuoso 7
(authenticated, batched INSERT DATA writes, form-encoded queries) —
  * ingest of the sample corpus (parse, extract, graph with push, index) and a graph rebuild
    (derive + write/push only), wall-clock seconds;
  * read latency, p50/p95 over repeated runs: each example query (docs/queries), the
    obligation table built cold (kg.api.obligations() after the caches are dropped), one
    provision's obligations (the per-hit lookup of search chips), and HTTP-free search with
    chips for the questions of a QA set.
The servers are started on 127.0.0.1 with throw-away databases (tests/engines.py).

    python benchmarks/engines.py [--repeat 15] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from _machine import machine
from engines import start_oxigraph, start_virtuoso

from aftalegraf.ingest import ingest_paths
from aftalegraf.kg import api
from aftalegraf.kg.sparql import sparql
from aftalegraf.kg.stage import GraphStage
from aftalegraf.search import loaded
from aftalegraf.search.service import search
from aftalegraf.store import Store

SAMPLE = HERE.parent / "data" / "sample"
QUESTIONS = ["Hvem skal indsende sundhedsaftalen?", "Hvad skal sundhedsaftalen indeholde?",
             "Hvornår skal sundhedsklyngerne mødes?", "Hvad må sundhedssamarbejdsudvalget?",
             "Hvem godkender sundhedsaftalen?", "Hvad er de nationale mål?"]


def _pct(xs: list[float]) -> dict:
    xs = sorted(xs)
    return {"p50_ms": round(statistics.median(xs) * 1000, 2),
            "p95_ms": round(xs[min(len(xs) - 1, int(0.95 * len(xs)))] * 1000, 2)}


def _timed(fn, repeat: int) -> dict:
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return _pct(times)


def measure(name: str, settings: dict, root: Path, repeat: int) -> dict:
    store = Store(root / name)
    store.settings.update(settings)
    t0 = time.perf_counter()
    report = ingest_paths(store, [SAMPLE], derive=["graph", "index"])
    ingest_s = time.perf_counter() - t0
    assert report.ok, report.to_dict()
    t0 = time.perf_counter()
    GraphStage(store).rebuild()
    rebuild_s = time.perf_counter() - t0
    out: dict = {"ingest_s": round(ingest_s, 2), "graph_rebuild_s": round(rebuild_s, 2), "queries": {}}
    folder = resources.files("aftalegraf.queries")
    for q in sorted(p.name for p in folder.iterdir() if p.name.endswith(".rq")):
        text = (folder / q).read_text(encoding="utf-8")
        out["queries"][q] = _timed(lambda t=text: sparql(store, t), repeat)

    def cold_table():
        api.clear_cache()
        api.obligations(store)
    out["obligation_table_cold"] = _timed(cold_table, max(3, repeat // 3))
    pids = [ob["provision_id"] for ob in api.obligations(store)[:repeat]]
    out["one_provision"] = _pct([_once(lambda p=p: api.obligations(store, provision_ids=[p])) for p in pids])

    search(store, QUESTIONS[0], k=10)       # warm: index and embedder
    # chips are cached per loaded index: dropped before each search, so that each reads the graph
    t = []
    for _ in range(max(2, repeat // 5)):
        for q in QUESTIONS:
            idx = loaded.load_index(store)
            idx.obligations_cache.clear()
            idx.references_cache.clear()
            t0 = time.perf_counter()
            search(store, q, k=10)
            t.append(time.perf_counter() - t0)
    out["search_with_chips"] = _pct(t)
    out["triples"] = api.triple_count(store)
    store.close()
    return out


def _once(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="aftalegraf-engines-"))
    results: dict = {"machine": machine()}
    engines = []
    try:
        results["embedded"] = measure("embedded", {}, root, args.repeat)
        for label, start in (("oxigraph-server", start_oxigraph), ("virtuoso", start_virtuoso)):
            engine = start(root / f"{label}-db")
            engines.append(engine)
            results[label] = measure(label, engine.settings, root, args.repeat)
    finally:
        for e in engines:
            e.process.terminate()
            e.process.wait(30)
        shutil.rmtree(root, ignore_errors=True)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        _table(results)
    return 0


def _table(r: dict) -> None:
    cols = [c for c in ("embedded", "oxigraph-server", "virtuoso") if c in r]
    print("| | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))
    print("| ingest of the sample (s) | " + " | ".join(str(r[c]["ingest_s"]) for c in cols) + " |")
    print("| graph rebuild incl. push (s) | " + " | ".join(str(r[c]["graph_rebuild_s"]) for c in cols) + " |")
    rows = [(f"`{q}` p50/p95 ms", lambda c, q=q: r[c]["queries"][q]) for q in r[cols[0]]["queries"]]
    rows += [("obligation table, cold, p50/p95 ms", lambda c: r[c]["obligation_table_cold"]),
             ("one provision's obligations p50/p95 ms", lambda c: r[c]["one_provision"]),
             ("search with chips (k=10) p50/p95 ms", lambda c: r[c]["search_with_chips"])]
    for label, get in rows:
        print(f"| {label} | " + " | ".join(f"{get(c)['p50_ms']} / {get(c)['p95_ms']}" for c in cols) + " |")


if __name__ == "__main__":
    sys.exit(main())
