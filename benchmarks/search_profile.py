"""Where a search's time goes (issue #13, latency with the answer included).

In one run on one store: the raw query-encoding time of the embedder (the floor: no search
can be faster than embedding the question) and HTTP `GET /api/search` over uvicorn with
keep-alive (answer, chips, facets, highlights, JSON), the two timed question by question one
right after the other, and the in-process search split into its steps by
timing wrappers around the functions `search.service.search` calls. Every question of the QA
set is asked `--rounds` times; the first pass warms index, embedder and caches.

    python benchmarks/search_profile.py --store STORE QA.jsonl [--rounds 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _machine import machine  # noqa: E402

from aftalegraf.search import facets, loaded, service  # noqa: E402
from aftalegraf.store import Store  # noqa: E402

# (module, function name, step label): the steps of service.search, in call order
STEPS = [
    (service, "validate", "validate"),
    (service, "load_index", "load index (cached)"),
    (service, "timeline_for", "timeline (cached)"),
    (service.crosslingual, "for_index", "cross-lingual terms"),
    (service, "_dense_ranking", "dense ranking (FAISS)"),
    (service, "_with_sentences", "dense: best sentences"),
    (service, "answer_hit", "answer: which hit"),
    (service, "binding_source", "answer: the provision in force"),
    (service, "_bm25_ranking", "bm25 ranking"),
    (service, "_cited", "what the question cites"),
    (service, "_put_cited_forward", "fusion"),
    (service, "_convex_hybrid", "fusion"),
    (service, "_rrf_hybrid", "fusion"),
    (service, "_in_time_order", "versions in time order"),
    (service, "_one_hit_per_text", "one hit per text"),
    (service, "_provision_entry", "labels of linked provisions"),
    (facets, "provision_table", "facets: table (cached)"),
    (facets, "relevant_rows", "facets: relevant rows"),
    (facets, "count", "facets: counts"),
    (service, "_covered_provisions", "chips: covered provisions"),
    (service, "_obligations_for", "chips: obligations"),
    (service, "_references_for", "references"),
    (service, "_basis_chain", "answer: legal basis chain"),
    (service, "_section", "section labels"),
    (service, "highlights", "highlights"),
    (service, "_answered", "answer threshold"),
    (service, "suggestion", "'mente du' suggestion"),
]


def _pct(xs: list[float]) -> dict:
    xs = sorted(xs)
    return {"p50_ms": round(statistics.median(xs) * 1000, 2),
            "p95_ms": round(xs[min(len(xs) - 1, int(0.95 * len(xs)))] * 1000, 2), "n": len(xs)}


class _TimedEmbedder:
    def __init__(self, emb, spent: dict):
        self.emb, self.spent = emb, spent

    def embed_query(self, text: str):
        t0 = time.perf_counter()
        try:
            return self.emb.embed_query(text)
        finally:
            self.spent["query encoding"] += time.perf_counter() - t0


def _instrument(spent: dict) -> None:
    query_embedder = service.query_embedder
    service.query_embedder = lambda *a, **kw: _TimedEmbedder(query_embedder(*a, **kw), spent)
    for module, name, label in STEPS:
        fn = getattr(module, name, None)
        if fn is None:
            continue        # a step the code under test does not have (a before/after run)

        def wrapped(*a, __fn=fn, __label=label, **kw):
            t0 = time.perf_counter()
            try:
                return __fn(*a, **kw)
            finally:
                spent[__label] += time.perf_counter() - t0
        setattr(module, name, wrapped)


def _encode_and_http_times(store: Store, questions: list[str], rounds: int, http_parser: str = "auto",
                           loop: str = "auto") -> tuple[list[float], list[float]]:
    """Per question, the raw encoding and then the HTTP search, one right after the other:
    on a shared machine whose speed drifts by tens of per cent within a minute, two phases
    timed one after the other compare two machine states; interleaved, both see the same."""
    import http.client
    import socket

    import uvicorn

    from aftalegraf.web import server as serving
    from aftalegraf.web.app import create_app

    idx = loaded.load_index(store)
    emb = loaded.query_embedder(store, idx)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # as `serve` runs it, or with the parser and loop named (h11 and asyncio: before round 19,
    # whose web.server had neither config() nor a choice of parser)
    if hasattr(serving, "config"):
        cfg = serving.config(create_app(store=store), "127.0.0.1", port, parser=http_parser, loop=loop)
    else:
        cfg = uvicorn.Config(create_app(store=store), host="127.0.0.1", port=port, log_level="warning",
                             http=serving.protocol(10.0), loop=loop, timeout_keep_alive=5)
    server = uvicorn.Server(cfg)
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)   # keep-alive, as a browser

    def get(q):
        conn.request("GET", "/api/search?" + urllib.parse.urlencode({"q": q, "k": 10}))
        resp = conn.getresponse()
        resp.read()
        assert resp.status == 200, resp.status

    for q in questions:     # warm: the first pass loads index, embedder and caches
        emb.embed_query(q)
        get(q)
    encode, http = [], []
    for _ in range(rounds):
        for q in questions:
            t0 = time.perf_counter()
            emb.embed_query(q)
            encode.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            get(q)
            http.append(time.perf_counter() - t0)
    server.should_exit = True
    return encode, http


def _server_kind(http_parser: str, loop: str) -> dict:
    """What "auto" chose: httptools and uvloop where installed."""
    from importlib.util import find_spec
    if http_parser == "auto":
        http_parser = "httptools" if find_spec("httptools") else "h11"
    if loop == "auto":
        loop = "uvloop" if find_spec("uvloop") else "asyncio"
    return {"http": http_parser, "loop": loop}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True)
    ap.add_argument("qa")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--http", choices=("auto", "httptools", "h11"), default="auto", help="uvicorn's HTTP parser")
    ap.add_argument("--loop", choices=("auto", "uvloop", "asyncio"), default="auto", help="uvicorn's event loop")
    args = ap.parse_args()
    store = Store(args.store, create=False)
    questions = [json.loads(line)["q"] for line in open(args.qa, encoding="utf-8") if line.strip()]
    try:            # as the route renders it (before round 19: json.dumps)
        from aftalegraf.web.views._common import plain_json as render
    except ImportError:
        def render(result):
            return json.dumps(result, ensure_ascii=False)
    service.search(store, questions[0], k=10)              # warm
    encode, http = _encode_and_http_times(store, questions, args.rounds, args.http, args.loop)
    spent: dict[str, float] = defaultdict(float)
    _instrument(spent)
    totals, per_step = [], defaultdict(list)
    for _ in range(args.rounds):
        for q in questions:
            spent.clear()
            t0 = time.perf_counter()
            result = service.search(store, q, k=10)
            totals.append(time.perf_counter() - t0)
            t1 = time.perf_counter()
            render(result)
            spent["JSON serialisation"] += time.perf_counter() - t1
            spent["other (dict building, glue)"] = totals[-1] - sum(
                v for k, v in spent.items() if k != "JSON serialisation")
            for label, s in spent.items():
                per_step[label].append(s)
    enc = _pct(encode)
    out = {"machine": machine(), "questions": len(questions), "rounds": args.rounds,
           "server": _server_kind(args.http, args.loop),
           "encode": enc, "http": _pct(http), "in_process": _pct(totals),
           "steps": {k: round(statistics.mean(v) * 1000, 2) for k, v in sorted(per_step.items(), key=lambda kv: -sum(kv[1]))}}
    out["http_over_encode"] = {"p50": round(out["http"]["p50_ms"] / enc["p50_ms"], 2),
                               "p95": round(out["http"]["p95_ms"] / enc["p95_ms"], 2),
                               # the same question's two times, side by side
                               "paired_median": round(statistics.median(h / e for h, e in zip(http, encode)), 2)}
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(f"{out['machine']}; {len(questions)} questions x {args.rounds}")
    for k in ("encode", "in_process", "http"):
        print(f"{k:12s} p50 {out[k]['p50_ms']:7.2f} ms  p95 {out[k]['p95_ms']:7.2f} ms")
    ratio = out["http_over_encode"]
    print(f"HTTP / encode: p50 {ratio['p50']}x, p95 {ratio['p95']}x (per question, median {ratio['paired_median']}x)")
    print("mean ms per step (in-process search, then its JSON):")
    for k, v in out["steps"].items():
        print(f"  {k:32s} {v:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
