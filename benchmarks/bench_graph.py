"""Knowledge-graph benchmark: graph build time for all of ../shared/corpus (extraction +
RDF + Oxigraph bulk load + reference resolution) and typical analyst query latencies.

    .venv/bin/python benchmarks/bench_graph.py [--write] [--runs 3]

Targets: build < 60 s on the 2-core machine; typical queries < 50 ms.
Prints a Markdown table; ``--write`` puts it under "## Knowledge graph" in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import logging
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import machine  # noqa: E402


def timed(fn, n: int = 7) -> tuple[float, float, int]:
    res = fn()  # warm
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        res = fn()
        ts.append((time.perf_counter() - t) * 1000)
    size = len(res) if hasattr(res, "__len__") else int(bool(res))
    return statistics.median(ts), max(ts), size


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true", help="update the '## Knowledge graph' section of BENCHMARKS.md")
    ap.add_argument("--runs", type=int, default=3, help="graph builds to time (best is reported)")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: no corpus at {CORPUS}", file=sys.stderr)
        return 0
    logging.basicConfig(level=logging.WARNING)
    from aftalegraf.ingest.pipeline import ingest_paths
    from aftalegraf.kg import api, rdf
    from aftalegraf.kg.sparql import sparql
    from aftalegraf.kg.stage import GraphStage
    from aftalegraf.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="bench-graph-"))
    try:
        store = Store(tmp / "store")
        ingest_paths(store, [CORPUS], derive=[])
        counts = store.counts()
        # a fresh process pays spaCy's start-up once; measure it apart from the build
        t = time.perf_counter()
        from aftalegraf.kg import extract  # noqa: F401
        from aftalegraf.kg.extract import extract_document

        first = store.document(store.document_ids()[0])
        extract_document(first)
        warmup = time.perf_counter() - t
        builds = []
        for _ in range(args.runs):
            stage = GraphStage(store)
            t = time.perf_counter()
            stage.rebuild()
            builds.append(time.perf_counter() - t)
            stage.close()
        st = rdf.open_graph(store.graph_path)
        n_quads = len(st)
        n = {k: sparql(store, f"SELECT (COUNT(?x) AS ?n) WHERE {{ ?x a ag:{k} }}").rows[0][0]
             for k in ("Document", "Provision", "Obligation", "Goal", "Reference")}
        unresolved = sparql(store, "SELECT (COUNT(?r) AS ?n) WHERE { ?r ag:resolved false }").rows[0][0]
        # one incremental update (the 2023 vejledning re-derived)
        vej = next((d for d in store.document_ids() if d.startswith("sst-vejledning-2023")), store.document_ids()[0])
        stage = GraphStage(store)
        t = time.perf_counter()
        stage.update([vej], [])
        upd = time.perf_counter() - t
        stage.close()

        some_pids = [p.id for p in store.provisions("bek-2022-1248")][:10] or [p.id for p in store.provisions()][:10]
        queries = [
            ("api.obligations(provision_ids=10 hits)", lambda: api.obligations(store, provision_ids=some_pids)),
            ("api.obligations(actor='regionsrådet')", lambda: api.obligations(store, actor="regionsrådet")),
            ("api.obligations(modality='permission', limit=50)",
             lambda: api.obligations(store, modality="permission", limit=50)),
            ("api.obligations(document_id='bek-2022-1248')", lambda: api.obligations(store, document_id="bek-2022-1248")),
            ("api.references('bek-2022-1248/p21')", lambda: api.references(store, "bek-2022-1248/p21")["in"]),
            ("api.goals(region='hovedstaden')", lambda: api.goals(store, region="hovedstaden")),
            ("api.actors()", lambda: api.actors(store)),
        ]
        for f in sorted((ROOT / "docs" / "queries").glob("*.rq")):
            q = f.read_text(encoding="utf-8")
            queries.append((f"docs/queries/{f.name}", lambda q=q: sparql(store, q)))
        queries.append(("SPARQL: count obligations per actor",
                        lambda: sparql(store, "SELECT ?a (COUNT(?o) AS ?n) WHERE { ?o ag:bearer ?a } GROUP BY ?a")))
        lat = [(name, *timed(fn)) for name, fn in queries]
    finally:
        rdf.close_graph(tmp / "store" / "graph")
        shutil.rmtree(tmp, ignore_errors=True)

    lines = [
        "## Knowledge graph",
        "",
        f"`.venv/bin/python benchmarks/bench_graph.py --write` over `../shared/corpus` (both full sundhedslov "
        f"texts included), into a fresh store: ingest first (not timed), then `GraphStage.rebuild()` "
        f"(extraction of every document, RDF, Oxigraph bulk load, reference resolution), best of {args.runs}.",
        "",
        f"Machine: {machine()}, "
        f"pyoxigraph embedded store. The two cores are shared with other engineers' processes.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| documents / provisions in the store | {counts['documents']} / {counts['provisions']} |",
        f"| graph build, best of {args.runs} (target < 60 s) | {min(builds):.1f} s (all: {', '.join(f'{b:.1f}' for b in builds)}) |",
        f"| extraction start-up (spaCy blank('da') + rules) and the first document, once per process | {warmup:.1f} s |",
        f"| incremental update of one document (`update([{vej}], [])`) | {upd:.2f} s |",
        f"| quads (documents + reference graph) | {n_quads:,} |",
        f"| documents / provisions / obligations / goals / references in the graph | "
        f"{n['Document']} / {n['Provision']} / {n['Obligation']} / {n['Goal']} / {n['Reference']} |",
        f"| unresolved references | {unresolved} |",
        "",
        "Query latency (warm, median and max of 7; target < 50 ms for typical queries):",
        "",
        "| query | median ms | max ms | rows |",
        "|---|---|---|---|",
    ]
    lines += [f"| {name} | {med:.1f} | {mx:.1f} | {size} |" for name, med, mx, size in lat]
    section = "\n".join(lines) + "\n"
    print(section)
    if args.write:
        path = ROOT / "BENCHMARKS.md"
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
        pattern = re.compile(r"^## Knowledge graph\n.*?(?=^## |\Z)", re.S | re.M)
        if pattern.search(text):
            text = pattern.sub(lambda m: section + "\n", text)
        else:
            text = text.rstrip("\n") + "\n\n" + section
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
