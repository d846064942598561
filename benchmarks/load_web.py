"""Bounded load test of the web app on 127.0.0.1: N concurrent users mixing search pages,
provision pages and SPARQL queries for a fixed time; p50/p95 per kind and the error rate.

    python benchmarks/load_web.py --store DIR            # starts `aftalegraf serve` on a free port
    python benchmarks/load_web.py --store DIR --compare  # the same load on the old and new settings
    python benchmarks/load_web.py --url http://127.0.0.1:8000
    options: --users 20 --seconds 60 --heavy 0.02 --json benchmarks/out/load_web.json

A share of the SPARQL requests (--heavy) are runaway queries (a three-way cross join, a regex
over every literal): the server must stop them at its time limit and answer 400, which counts
as handled; any other non-2xx answer or transport error counts as an error. --compare serves
the store twice, one after the other: "before" with the settings of the earlier release
(visitors' SPARQL in server threads that are never stopped, query embedding on every core:
AFTALEGRAF_SPARQL_WORKERS=0, AFTALEGRAF_QUERY_THREADS=0), then "after" with the defaults.
Only loopback URLs are accepted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlparse

import httpx

QUERIES = [
    "Hvem skal indsende sundhedsaftalen?",
    "sundhedsklynger og kommuner",
    "frist for godkendelse af sundhedsaftalen",
    "forebyggelse og sundhedsfremme",
    "praksisplanudvalg",
    "genoptræning efter udskrivning",
    "patientinddragelse",
    "Sundhedsstyrelsens godkendelse",
    "ældre medicinske patienter",
    "mental sundhed børn og unge",
]
HEAVY = [
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?t ?q ?o FILTER(REGEX(STR(?o), \"(a|e)+(b|c)+x$\")) }",
]
BEFORE_ENV = {"AFTALEGRAF_SPARQL_WORKERS": "0", "AFTALEGRAF_QUERY_THREADS": "0"}
SPARQL = [
    "SELECT ?o ?action WHERE { ?o a ag:Obligation ; ag:action ?action } LIMIT 20",
    "SELECT ?a (COUNT(?o) AS ?n) WHERE { ?o a ag:Obligation ; ag:bearer ?a } GROUP BY ?a ORDER BY DESC(?n)",
    "SELECT ?p ?t WHERE { ?p a ag:Provision ; ag:text ?t } LIMIT 10",
    "ASK { ?o a ag:Obligation }",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: str, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    exe = Path(sys.executable).with_name("aftalegraf")
    cmd = [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port), "--store", store]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(url + "/api/health", timeout=5).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("server did not start in 120 s")


async def warmup(client: httpx.AsyncClient) -> list[str]:
    """Provision ids to visit, taken from search hits; one request of each kind first."""
    ids: list[str] = []
    for q in QUERIES:
        r = await client.get("/api/search", params={"q": q, "k": 10})
        r.raise_for_status()
        ids += [h["id"] for h in r.json()["hits"]]
    r = await client.get("/sparql", params={"query": SPARQL[0], "format": "json"})
    r.raise_for_status()
    if not ids:
        raise SystemExit("no provisions found: is the store empty?")
    return sorted(set(ids))


async def user(client, ids, stop_at, samples, errors, rng, heavy: float):
    while time.perf_counter() < stop_at:
        roll = rng.random()
        if roll < 0.4:
            kind, url = "search", "/?q=" + quote(rng.choice(QUERIES))
        elif roll < 0.6:
            kind, url = "search-api", "/api/search?k=10&q=" + quote(rng.choice(QUERIES))
        elif roll < 0.8:
            kind, url = "provision", "/bestemmelse/" + quote(rng.choice(ids), safe="/")
        elif roll < 0.8 + 0.2 * heavy:
            kind, url = "sparql-heavy", "/sparql?format=json&query=" + quote(rng.choice(HEAVY))
        else:
            kind, url = "sparql", "/sparql?format=json&query=" + quote(rng.choice(SPARQL))
        t0 = time.perf_counter()
        try:
            r = await client.get(url, headers={"Accept": "application/json" if kind.endswith(("api", "heavy")) or
                                               kind == "sparql" else "text/html"})
            ok = 200 <= r.status_code < 300 or (kind == "sparql-heavy" and r.status_code == 400)
        except httpx.HTTPError as exc:
            ok, r = False, exc
        dt = (time.perf_counter() - t0) * 1000
        samples.setdefault(kind, []).append(dt)
        if not ok:
            errors.setdefault(kind, []).append(str(getattr(r, "status_code", r))[:200])


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    i = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[i]


async def run(url: str, users: int, seconds: float, seed: int, heavy: float = 0.0) -> dict:
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(base_url=url, timeout=httpx.Timeout(60.0), limits=limits) as client:
        ids = await warmup(client)
        samples: dict[str, list[float]] = {}
        errors: dict[str, list[str]] = {}
        t0 = time.perf_counter()
        stop_at = t0 + seconds
        await asyncio.gather(*(user(client, ids, stop_at, samples, errors, random.Random(seed + i), heavy)
                               for i in range(users)))
        wall = time.perf_counter() - t0
    total = sum(len(v) for v in samples.values())
    n_err = sum(len(v) for v in errors.values())
    return {
        "url": url, "users": users, "seconds": round(wall, 1), "requests": total,
        "throughput_rps": round(total / wall, 1), "errors": n_err,
        "error_rate": round(n_err / total, 4) if total else 0.0,
        "kinds": {k: {"n": len(v), "p50_ms": round(statistics.median(v), 1), "p95_ms": round(pct(v, 95), 1),
                      "max_ms": round(max(v), 1), "errors": len(errors.get(k, []))}
                  for k, v in sorted(samples.items())},
        "error_samples": {k: v[:5] for k, v in errors.items()},
    }


def markdown(res: dict) -> str:
    lines = [f"{res['users']} users, {res['seconds']} s, {res['requests']} requests "
             f"({res['throughput_rps']} req/s), errors: {res['errors']} ({res['error_rate']:.2%})", "",
             "| kind | requests | p50 ms | p95 ms | max ms | errors |", "|---|---:|---:|---:|---:|---:|"]
    for k, v in res["kinds"].items():
        lines.append(f"| {k} | {v['n']} | {v['p50_ms']} | {v['p95_ms']} | {v['max_ms']} | {v['errors']} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--url", help="a running server on 127.0.0.1")
    src.add_argument("--store", help="serve this store on a free port for the test")
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--heavy", type=float, default=0.0, help="share of SPARQL requests that are runaway queries")
    ap.add_argument("--compare", action="store_true", help="with --store: before (old settings) and after, one run")
    ap.add_argument("--json", help="write the results as JSON here too")
    args = ap.parse_args(argv)
    if args.compare:
        if not args.store:
            ap.error("--compare needs --store")
        return compare(args)
    if not 1 <= args.users <= 200 or not 1 <= args.seconds <= 600:
        ap.error("--users 1..200 and --seconds 1..600")
    proc = None
    url = args.url
    if url:
        host = urlparse(url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            ap.error("only loopback URLs (127.0.0.1) are load-tested")
    else:
        proc, url = start_server(args.store)
    try:
        res = asyncio.run(run(url.rstrip("/"), args.users, args.seconds, args.seed))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    res["cpus"] = os.cpu_count()
    print(markdown(res))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(res, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0 if res["errors"] == 0 else 1


def _rss_mb(pid: int, key: str = "VmRSS") -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return float("nan")


def compare(args) -> int:
    """The same load against the old settings, then the new, one after the other."""
    out = {}
    for label, env in (("before", BEFORE_ENV), ("after", {})):
        proc, url = start_server(args.store, env)
        try:
            rss0 = _rss_mb(proc.pid)
            res = asyncio.run(run(url, args.users, args.seconds, args.seed, args.heavy))
            time.sleep(10)
            res["server_rss_mb"] = {"start": rss0, "peak": _rss_mb(proc.pid, "VmHWM"),
                                    "10s_after": _rss_mb(proc.pid)}
            t0 = time.perf_counter()
            httpx.get(url + "/api/health", timeout=30)
            res["health_ms_after"] = round((time.perf_counter() - t0) * 1000, 1)
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        out[label] = res
        print(f"## {label}\n" + markdown(res) + f"\nserver RSS MB: {res['server_rss_mb']}\n", flush=True)
    out["cpus"] = os.cpu_count()
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0 if out["after"]["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
