"""Commands: ``aftalegraf search`` and ``aftalegraf eval``."""

from __future__ import annotations

import argparse

from aftalegraf.output import print_json, print_table
from aftalegraf.search.evaluate import TABLE_HEADERS, evaluate, load_qa, table_rows
from aftalegraf.search.service import search
from aftalegraf.store import open_store
from aftalegraf.vocabulary import SEARCH_MODES

from .options import add_store_option, reading_store


def register(sub) -> None:
    p = sub.add_parser("search", help="search the provisions (hybrid: dense + BM25)",
                       description="Search the provisions: hybrid (dense + BM25), bm25 or dense.")
    p.add_argument("query", metavar="QUERY", help="the question or words to search for (Danish or English)")
    p.add_argument("--k", type=int, default=10, help="number of hits (1-100, default 10)")
    p.add_argument("--mode", default="hybrid", choices=SEARCH_MODES, help="ranking (default hybrid)")
    p.add_argument("--doc-type", help="only documents of this type (e.g. bekendtgørelse, vejledning)")
    p.add_argument("--region", help="only documents of this region (slug or name)")
    p.add_argument("--actor", help="only provisions stating an obligation of this actor")
    p.add_argument("--modality", help="only provisions with an obligation of this modality")
    p.add_argument("--period", help="only documents of this period or year")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="only texts that applied on this date (default: all, "
                   "each with its status today)")
    p.add_argument("--json", action="store_true", help="print the result as JSON (nothing else on stdout)")
    add_store_option(p)
    p.set_defaults(func=run_search)

    e = sub.add_parser("eval", help="score retrieval on a QA set (recall@1/5/10, MRR per mode and kind)",
                       description="Score bm25, dense and hybrid side by side on a JSON-lines QA set.")
    e.add_argument("qa", metavar="QA.jsonl", help="questions with gold quotes")
    e.add_argument("--k", type=int, default=10, help="hits per question (at least 10)")
    e.add_argument("--json", action="store_true", help="print the scores as JSON")
    add_store_option(e)
    e.set_defaults(func=run_eval)


def _filters(args: argparse.Namespace) -> dict:
    return {name: getattr(args, name) for name in ("doc_type", "region", "actor", "modality", "period")
            if getattr(args, name, None)}


def run_search(args: argparse.Namespace) -> int:
    store = reading_store(args, create=False)
    result = search(store, args.query, k=args.k, mode=args.mode, filters=_filters(args), as_of=args.as_of)
    if args.json:
        print_json(result)
        return 0
    rows = []
    for h in result["hits"]:
        obs = "; ".join(
            " · ".join(str(x) for x in (_actor(o.get("actor")), o.get("modality"), o.get("action"), o.get("deadline")) if x)
            for o in h["obligations"]
        )
        rows.append([f"{h['score']:.3f}", h["document"]["title"] or h["document"]["id"],
                     h["document"].get("status", ""), h["section"], _snippet(h), obs])
    print_table(rows, ["score", "document", "status", "section", "text", "obligations"])
    print(f"\n{len(result['hits'])} of {result['total']} ({result['mode']})")
    return 0


def _actor(actor) -> str:
    return ", ".join(map(str, actor)) if isinstance(actor, list) else str(actor or "")


def _snippet(hit: dict, width: int = 160) -> str:
    text = hit["text"]
    if hit.get("highlights"):
        h = hit["highlights"][0]
        text = text[h["start"]:h["end"]]
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def run_eval(args: argparse.Namespace) -> int:
    store = open_store(args.store, create=False)
    result = evaluate(store, load_qa(args.qa), k=args.k)
    if args.json:
        print_json(result)
    else:
        print_table(table_rows(result), TABLE_HEADERS)
    return 0
