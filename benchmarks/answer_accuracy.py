"""Answer accuracy (issue #13): does the answer card name the right provision, bearer(s),
modality and deadline?

The set (`benchmarks/answers/answer_set.jsonl`, see its README) was written from the corpus
texts, blind to the ranking. Per question, the answer is the search response's `answer`
(null = the store declined to answer: wrong). It is right when
  * provision: the answer's text contains one of the gold `quotes` (case and whitespace folded);
    reported beside it, `via_basis`: the gold is in the answer's text or in a provision the card
    links as its legal basis (`basis_chain`: guidance → the order it cites; a paragraph with its
    subsections) or as the provision it restates (`restates`), and `right_via_basis`;
  * bearer and modality: one obligation on the answer (its chips) has every gold bearer key
    — a municipality or region and its council count as one body (`kg.actors.same_body`: »Kommunen
    skal …« is the council's duty) — and the gold modality;
  * deadline / frequency: when the gold names one, that obligation's structured deadline
    (frequency) text contains it.

    python benchmarks/answer_accuracy.py --store STORE [SET.jsonl] [--json] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

from aftalegraf.kg.actors import same_body  # noqa: E402
from aftalegraf.search.service import search  # noqa: E402
from aftalegraf.store import Store  # noqa: E402


def fold(s: str) -> str:
    """Text as quotes are matched: lower case, soft hyphens dropped, whitespace folded."""
    return re.sub(r"\s+", " ", (s or "").lower().replace("\u00ad", "")).strip()


def judge(item: dict, result: dict, store=None) -> dict:
    answer = result.get("answer")
    out = {"id": item["id"], "answered": answer is not None, "provision": False, "via_basis": False,
           "bearer_modality": False, "deadline": item.get("deadline") is None, "frequency": item.get("frequency") is None}
    if answer is None:
        return out
    out["provision"] = any(fold(q) in fold(answer["text"]) for q in item["quotes"])
    # a linked paragraph with its subsections (stk.), as its provision page shows it
    targets = [step["target"] for step in answer.get("basis_chain") or []]
    if answer.get("restates"):
        targets.append(answer["restates"]["target"])
    linked = [t for target in targets for t in
              [store.provision(target).text] + [c.text for c in store.children(target)]] if store else []
    out["via_basis"] = out["provision"] or any(fold(q) in fold(t) for q in item["quotes"] for t in linked)
    wanted = set(item["bearers"])
    for ob in answer.get("obligations", []):
        keys = {key for b in ob.get("bearers", []) for key in same_body(b["key"])}
        if ob.get("modality") != item["modality"] or not wanted <= keys:
            continue
        out["bearer_modality"] = True
        if item.get("deadline"):
            out["deadline"] = out["deadline"] or fold(item["deadline"]) in fold((ob.get("deadline") or {}).get("text", ""))
        if item.get("frequency"):
            out["frequency"] = out["frequency"] or fold(item["frequency"]) in fold(
                (ob.get("frequency") or {}).get("text", ""))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True)
    ap.add_argument("set", nargs="?", default=str(HERE / "answers" / "answer_set.jsonl"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    store = Store(args.store, create=False)
    items = [json.loads(line) for line in open(args.set, encoding="utf-8") if line.strip()]
    rows = []
    for item in items:
        result = search(store, item["q"], k=10)
        row = judge(item, result, store)
        row["right"] = all(row[k] for k in ("provision", "bearer_modality", "deadline", "frequency"))
        row["right_via_basis"] = all(row[k] for k in ("via_basis", "bearer_modality", "deadline", "frequency"))
        rows.append(row)
        if args.verbose and not row["right"]:
            a = result.get("answer")
            got = "no answer" if a is None else f"{a['document']['id']} {a['section']}: " + "; ".join(
                f"{ob['actor'] or '?'}/{ob['modality']}/{(ob.get('deadline') or {}).get('text', '')}"
                for ob in a.get("obligations", [])[:4])
            print(f"WRONG {item['id']} {item['q']}\n   {got}\n   {row}", file=sys.stderr)
    n = len(rows)
    summary = {k: round(sum(r[k] for r in rows) / n, 3) for k in
               ("answered", "provision", "via_basis", "bearer_modality", "deadline", "frequency", "right",
                "right_via_basis")}
    summary["n"] = n
    if args.json:
        print(json.dumps({"summary": summary, "items": rows}, ensure_ascii=False, indent=1))
    else:
        print(" ".join(f"{k}={v}" for k, v in summary.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
