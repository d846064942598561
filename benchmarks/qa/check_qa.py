"""Validate a QA set (dev_qa.jsonl format) against an ingested store.

Usage:
    python benchmarks/qa/check_qa.py benchmarks/qa/extra_qa.jsonl --store /tmp/qa-store [-v]

For every question it checks the format (keys id/kind/q/gold, kind in
lexical/paraphrase/crosslingual, 1-3 gold quotes of 10-120 characters) and that every
gold quote, normalised as the evaluation normalises hit texts, occurs in the normalised
text of at least one stored provision whose text is at most 2,500 characters (the size
of a search hit). Exits 1 and names each question id with a problem; exits 0 when all
questions are valid. With -v it also lists the provisions each quote was found in.

Re-run it whenever the ingest (cleaning, splitting) changes: a quote that no longer
lies inside one paragraph-sized provision can never be hit.
"""

from __future__ import annotations

import argparse
import sys

# the parsing and normalisation the evaluation uses, so the two can never drift apart
from aftalegraf.errors import BadQuery
from aftalegraf.search.evaluate import load_qa, normalise

MAX_HIT_CHARS = 2500
KINDS = {"lexical", "paraphrase", "crosslingual"}
KEYS = {"id", "kind", "q", "gold"}


def load_provisions(store_dir: str) -> list[tuple[str, str]]:
    """(provision id, normalised text) for every provision of at most MAX_HIT_CHARS."""
    from aftalegraf.store import Store

    store = Store(store_dir, create=False)
    try:
        rows = store.db.execute("SELECT id, text FROM provisions").fetchall()
    finally:
        store.close()
    return [(r[0], normalise(r[1])) for r in rows if len(r[1]) <= MAX_HIT_CHARS]


def check(path: str, store_dir: str, verbose: bool = False) -> list[str]:
    provisions = load_provisions(store_dir)
    if not provisions:
        return [f"store {store_dir} has no provisions"]
    problems: list[str] = []
    seen: set[str] = set()
    try:
        items = load_qa(path)
    except BadQuery as exc:  # not JSON, or no q/gold: the file cannot be read as a QA set
        return [str(exc)]
    for n, item in enumerate(items, 1):
        qid = item.get("id", f"item {n}")
        if set(item) != KEYS:
            problems.append(f"{qid}: keys {sorted(item)} != {sorted(KEYS)}")
            continue
        if qid in seen:
            problems.append(f"{qid}: duplicate id")
        seen.add(qid)
        if item["kind"] not in KINDS:
            problems.append(f"{qid}: kind {item['kind']!r} not in {sorted(KINDS)}")
        if not isinstance(item["q"], str) or not item["q"].strip():
            problems.append(f"{qid}: empty question")
        gold = item["gold"]
        if not isinstance(gold, list) or not 1 <= len(gold) <= 3:
            problems.append(f"{qid}: gold must be a list of 1-3 quotes")
            continue
        for quote in gold:
            if not isinstance(quote, str) or not 10 <= len(quote) <= 120:
                problems.append(f"{qid}: quote length {len(quote) if isinstance(quote, str) else '?'} "
                                f"outside 10-120: {quote!r}")
                continue
            needle = normalise(quote)
            found = [pid for pid, text in provisions if needle in text]
            if not found:
                problems.append(f"{qid}: quote not found in any provision <= {MAX_HIT_CHARS} chars: {quote!r}")
            elif verbose:
                shown = ", ".join(found[:5]) + (f" (+{len(found) - 5})" if len(found) > 5 else "")
                print(f"{qid}: {quote[:50]!r} -> {shown}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="QA file (JSON lines)")
    parser.add_argument("--store", required=True, help="store directory built by `aftalegraf ingest`")
    parser.add_argument("-v", "--verbose", action="store_true", help="list where each quote was found")
    args = parser.parse_args(argv)
    problems = check(args.file, args.store, args.verbose)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        bad = sorted({p.split(":")[0] for p in problems})
        print(f"FAIL: {len(problems)} problem(s) in {', '.join(bad)}", file=sys.stderr)
        return 1
    print(f"OK: all questions in {args.file} valid against {args.store}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
