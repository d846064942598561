"""Commands: ``aftalegraf search`` and ``aftalegraf eval``."""

from __future__ import annotations

import argparse

from aftalegraf.legal_time import readable_citation
from aftalegraf.model import LEGISLATION_TYPES
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
    for line in answer_lines(result):
        print(line)
    rows = []
    for h in result["hits"]:
        obs = "; ".join(
            " · ".join(str(x) for x in (_actor(o.get("actor")), o.get("modality"), o.get("action"), o.get("deadline")) if x)
            for o in h["obligations"]
        )
        rows.append([f"{h['score']:.3f}", h["document"]["title"] or h["document"]["id"],
                     h["document"].get("status", "") + (" (cited)" if h.get("cited") else ""),
                     h["section"], _snippet(h), obs])
    print_table(rows, ["score", "document", "status", "section", "text", "obligations"])
    print(f"\n{len(result['hits'])} of {result['total']} ({result['mode']})")
    return 0


def answer_lines(result: dict) -> list[str]:
    """The web page's answer card as text above the table: the provision that answers, who must
    do what by when, its status, legal basis and the text that replaces it; or why there is none."""
    a = result.get("answer")
    if a is None:
        if not result["hits"]:
            return []
        lines = ["No answer: nothing in the store answers this well enough (the hits below are weak)."]
        if result.get("suggestion"):
            lines.append(f"Did you mean: {result['suggestion']}")
        return lines + [""]
    doc = a["document"]
    cited = readable_citation(doc["id"], doc.get("title") or doc["id"], a.get("section") or "",
                              doc.get("type") in LEGISLATION_TYPES)
    until = f", until {doc['valid_to']}" if doc.get("valid_to") else ""
    lines = [f"Answer: {cited} [{doc.get('status', 'unknown')}{until}]"]
    for ob in a.get("obligations", [])[:3]:
        when = "; ".join(f"{name}: {ob[name]['text']}" for name in ("deadline", "frequency") if ob.get(name))
        lines.append(f"  {_actor(ob.get('actor')) or 'actor not stated'} · {ob.get('modality')} · {ob.get('action')}"
                     + (f" ({when})" if when else ""))
    if a.get("basis_chain"):
        lines.append("  Legal basis: " + " → ".join(step["citation"] for step in a["basis_chain"]))
    if a.get("restates"):
        lines.append(f"  Restates: {a['restates']['citation']}")
    if a.get("explained_in"):
        lines.append(f"  Explained in: {a['explained_in']['label']} [{a['explained_in']['status']}]")
    coming = a.get("coming_version")
    if coming:
        lines.append(f"  From {coming['valid_from']}: {coming['label']}"
                     + (" (changed wording)" if coming["changed"] else " (same wording)"))
    return lines + [""]


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
