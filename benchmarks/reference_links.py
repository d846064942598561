"""Reference links in the graph, before and after a change to their extraction or resolution.

    # under each checkout, on a store of the whole corpus with its graph built by that checkout
    .venv/bin/python benchmarks/reference_links.py dump --store STORE --out refs_before.json
    .venv/bin/python benchmarks/reference_links.py dump --store STORE --out refs_after.json
    # what changed, and a seeded sample of the changes to judge by reading (context printed)
    .venv/bin/python benchmarks/reference_links.py compare refs_before.json refs_after.json --store STORE

The judgements of a sample are written down per item in ``benchmarks/references/``.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys

from aftalegraf.kg import api
from aftalegraf.store import open_store

_ALL = """SELECT ?r ?label ?target ?tdoc ?key WHERE { ?r a ag:Reference .
  OPTIONAL { ?r ag:label ?label } OPTIONAL { ?r ag:target ?target }
  OPTIONAL { ?r ag:targetDocument ?tdoc } OPTIONAL { ?r ag:targetKey ?key } }"""


def _tail(term, marker: str) -> str | None:
    return term.value.split(f"/{marker}/", 1)[-1] if term is not None else None


def dump(store_dir: str, out: str) -> int:
    store = open_store(store_dir, create=False)
    refs = {}
    for row in api._q(store, _ALL):
        refs[_tail(row["r"], "henvisning")] = {
            "label": api._v(row["label"]), "target": _tail(row["target"], "bestemmelse"),
            "document": _tail(row["tdoc"], "dokument"), "key": api._v(row["key"]) or None}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(refs, f, ensure_ascii=False, indent=0, sort_keys=True)
    linked = sum(1 for r in refs.values() if r["target"])
    print(f"{len(refs)} references, {linked} linked to a provision", file=sys.stderr)
    return 0


def _kind(before: dict, after: dict) -> str:
    if before["target"] and after["target"]:
        return "linked elsewhere" if before["target"] != after["target"] else "same link, other words"
    if before["target"]:
        return "link removed"
    if after["target"]:
        return "link added"
    return "unlinked, other document or words"


def compare(before_file: str, after_file: str, store_dir: str | None, sample: int, seed: int) -> int:
    before = json.load(open(before_file, encoding="utf-8"))
    after = json.load(open(after_file, encoding="utf-8"))
    changed = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
    kinds = collections.Counter(_kind(before[k], after[k]) for k in changed)
    print(f"references: {len(before)} before, {len(after)} after; {len(changed)} changed")
    for kind, n in kinds.most_common():
        print(f"  {kind}: {n}")
    own = sum(1 for k in changed if before[k]["target"] and before[k]["target"].split("/")[0] == k.split("/")[0]
              and not (after[k]["target"] or "").startswith(k.split("/")[0] + "/"))
    print(f"  of them linked into the citing document before and not after: {own}")
    if not sample:
        return 0
    store = open_store(store_dir, create=False) if store_dir else None
    for k in random.Random(seed).sample(changed, min(sample, len(changed))):
        context = ""
        if store is not None:
            text = store.provision(k.rsplit("/", 1)[0]).text
            at = text.find(after[k]["label"] or "")
            context = " ".join(text[max(0, at - 80):at + len(after[k]["label"] or "") + 30].split()) if at >= 0 else ""
        print(json.dumps({"id": k, "context": context, "before": before[k], "after": after[k]}, ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--store", required=True)
    d.add_argument("--out", required=True)
    c = sub.add_parser("compare")
    c.add_argument("before")
    c.add_argument("after")
    c.add_argument("--store", help="a store of the corpus, for the context of each sampled reference")
    c.add_argument("--sample", type=int, default=30)
    c.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        return dump(args.store, args.out)
    return compare(args.before, args.after, args.store, args.sample, args.seed)


if __name__ == "__main__":
    sys.exit(main())
