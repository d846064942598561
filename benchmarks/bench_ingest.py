"""Ingest benchmark over ../shared/corpus: provisions/s, MB/s and peak memory, ingest alone
(no graph, no index: ``derive=[]``, as ``aftalegraf ingest --skip-graph --skip-index``).

    .venv/bin/python benchmarks/bench_ingest.py [--corpus DIR] [--repeat 3] [--write]

Prints a Markdown table; ``--write`` also puts it under "## Ingest" in BENCHMARKS.md
(only that section is replaced)."""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import machine  # noqa: E402


def run_once(corpus: Path) -> dict:
    from aftalegraf.ingest import ingest_paths
    from aftalegraf.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        t0 = time.perf_counter()
        report = ingest_paths(store, [corpus], derive=[])
        elapsed = time.perf_counter() - t0
        counts = store.counts()
        store.close()
    size = sum(Path(f.path).stat().st_size for f in report.files if f.status != "failed")
    return {"seconds": elapsed, "files": len(report.files), "failed": len(report.failed), "bytes": size, **counts}


def parse_only(corpus: Path) -> tuple[float, int]:
    """Reading, cleaning and structuring alone (no SQLite), with tracemalloc's peak."""
    from aftalegraf.ingest.pipeline import collect_files, read_documents

    files, _ = collect_files([corpus])
    tracemalloc.start()
    t0 = time.perf_counter()
    n = 0
    for f in files:
        try:
            _, docs = read_documents(f)
        except Exception:  # a failed file is reported by the full run
            continue
        n += sum(len(d.provisions) for d in docs)
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write", action="store_true", help="update the '## Ingest' section of BENCHMARKS.md")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    runs = [run_once(args.corpus) for _ in range(args.repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    parse_s, peak = parse_only(args.corpus)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mb = best["bytes"] / 1e6
    rows = [
        ("files", f"{best['files']} ({best['failed']} failed)"),
        ("input", f"{mb:.2f} MB"),
        ("documents / provisions", f"{best['documents']} / {best['provisions']}"),
        (f"wall time, best of {args.repeat} (read + clean + structure + SQLite)", f"{best['seconds']:.2f} s"),
        ("provisions/s", f"{best['provisions'] / best['seconds']:,.0f}"),
        ("MB/s", f"{mb / best['seconds']:.2f}"),
        ("parse only (no store), wall time under tracemalloc (slower)", f"{parse_s:.2f} s"),
        ("peak traced Python memory, parse only (tracemalloc)", f"{peak / 1e6:.1f} MB"),
        ("peak RSS of the process (getrusage)", f"{rss_mb:.0f} MB"),
    ]
    table = "| measure | value |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)
    section = (
        "## Ingest\n\n"
        "`.venv/bin/python benchmarks/bench_ingest.py --write` over `../shared/corpus` (all formats present: "
        "text, LexDania XML, the corpus README), ingest alone: no graph, no index "
        "(`derive=[]`, as `aftalegraf ingest --skip-graph --skip-index`), into a fresh store each run.\n\n"
        f"Machine: {machine()}. The two cores are shared with other engineers' processes.\n\n"
        f"{table}\n"
    )
    print(section)
    if args.write:
        path = ROOT / "BENCHMARKS.md"
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
        pattern = re.compile(r"^## Ingest\n.*?(?=^## |\Z)", re.S | re.M)
        text = pattern.sub(lambda m: section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
