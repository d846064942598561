"""Draw modal sentences at random from the stored corpus text, to write a blind answer set from
(benchmarks/answers/README.md): not from the extraction, one sentence per distinct text, a
seeded order per document type with a quota each. A sentence whose provision holds a quote of an
earlier answer set is marked `asked`, for the writer to leave out.

    python benchmarks/answers/draw_sentences.py --store STORE --seed N [--read-on 2.0] [--json]

Prints, per document type, the first quota × read-on sentences of the seeded order (the quota's
own marked), each with its document, provision and the provision's text around it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from answer_accuracy import fold  # noqa: E402  (the sets' own folding, so »asked« means what scoring matches)

from aftalegraf.kg.deontic_words import PRESENT_MODALS  # noqa: E402
from aftalegraf.kg.nlp import sentences  # noqa: E402
from aftalegraf.store import Store  # noqa: E402

# the quotas of sets f-x (README: consolidated acts 30, orders 20, guidance 18, the rest few)
QUOTAS = {"lovbekendtgørelse": 30, "bekendtgørelse": 20, "vejledning": 18, "lov": 4, "høringsudkast": 6,
          "sundhedsaftale": 6, "samarbejdsaftale": 2, "dagsorden": 2, "høringsbrev": 1, "webside": 1, "nyhed": 1}


def earlier_quotes() -> list[str]:
    """Every quote of the earlier answer sets: what was asked before."""
    quotes = []
    for path in sorted(HERE.glob("answer_set*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                quotes += [fold(q) for q in json.loads(line).get("quotes", [])]
    return [q for q in quotes if len(q) >= 20]


def modal_sentences(store: Store) -> dict[str, list[dict]]:
    """{document type: [sentence]} over the leaf provisions, each distinct sentence text once
    (the first document in id order that holds it)."""
    seen: set[str] = set()
    by_type: dict[str, list[dict]] = defaultdict(list)
    for doc in sorted(store.documents(), key=lambda d: d.id):
        provisions = list(store.provisions(doc.id))
        parents = {p.parent_id for p in provisions}
        for prov in provisions:
            if prov.id in parents or not prov.text.strip():
                continue
            for start, end in sentences(prov.text):
                sent = prov.text[start:end]
                words = set(re.findall(r"\w+", sent.lower()))
                key = fold(sent)
                if not words & PRESENT_MODALS or key in seen:
                    continue
                seen.add(key)
                by_type[doc.type].append({"type": doc.type, "document": doc.id, "title": doc.title,
                                          "provision": prov.id, "sentence": sent.strip(),
                                          "provision_text": prov.text.strip()})
    return by_type


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--read-on", type=float, default=2.0, help="show this many times each quota")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    store = Store(args.store, create=False)
    asked = earlier_quotes()
    rng = random.Random(args.seed)
    drawn = []
    for doc_type, found in sorted(modal_sentences(store).items()):
        quota = QUOTAS.get(doc_type, 1)
        rng.shuffle(found)
        for n, s in enumerate(found[:int(quota * args.read_on)], 1):
            text = fold(s["provision_text"])
            drawn.append({**s, "n": n, "in_quota": n <= quota, "asked": any(q in text for q in asked)})
    if args.json:
        for s in drawn:
            print(json.dumps(s, ensure_ascii=False))
        return 0
    for s in drawn:
        mark = "" if s["in_quota"] else "(read on) "
        flag = " [asked before]" if s["asked"] else ""
        print(f"{s['type']} {s['n']} {mark}{s['provision']}{flag}\n  {s['sentence']}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
