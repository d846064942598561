"""Score obligation extraction on gold sets (see ../shared/eval/README.md): an extracted
obligation matches a gold item when its source text (the provision it was read from)
contains the quote (case, whitespace and hyphenation normalised) and it overlaps the quote's
place; the bearer is right when any gold `actor` stem occurs in the bearer label lower-cased;
the modality must be equal. Prints bearer, modality, both and coverage per gold file.

Negatives (``{"id", "quote"}`` per line: sentences of the corpus that state no duty of an
actor) measure false positives: a negative counts as one when any extracted obligation
overlaps the quote's place in a document that holds it.

Defaults: ../shared/eval/dev_obligations.jsonl and benchmarks/obligations/extra_obligations.jsonl;
negatives benchmarks/obligations/extra_negatives.jsonl.

    .venv/bin/python benchmarks/eval_obligations.py [--gold FILE ...] [--negatives FILE ...] [--plain] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import SHARED, load_documents  # noqa: E402


def norm(s: str) -> str:
    s = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", s)
    return re.sub(r"\s+", " ", s).strip().lower()


def quote_span(text: str, quote: str) -> tuple[int, int] | None:
    words = [re.escape(w) for w in quote.split()]
    m = re.search(r"\s+".join(words), text, re.I)
    return m.span() if m else None


def score(gold: list[dict], docs, extractions, verbose=False) -> dict:
    by_doc = {d.id: d for d in docs}
    prov_text = {}
    for d in docs:
        for p in d.provisions:
            prov_text[p.id] = p.text
    n = len(gold)
    found = bearer_ok = modality_ok = both_ok = 0
    rows = []
    for g in gold:
        best = None
        for ex in extractions:
            d = by_doc[ex.document_id]
            span = quote_span(d.text, g["quote"])
            if not span:
                continue
            qs, qe = span
            cands = [o for o in ex.obligations
                     if o.start < qe and o.end > qs and norm(g["quote"]) in norm(prov_text.get(o.provision_id, o.text) + " " + o.text)]
            if not cands:
                cands = [o for o in ex.obligations if o.start < qe and o.end > qs]
            if not cands:
                continue
            # the statement whose sentence starts the quote; within it the first statement
            cands.sort(key=lambda o: (abs(o.start - qs) if o.start <= qs + 5 else 10_000 + o.start, o.id_index))
            o = cands[0]
            b = any(a.lower() in o.bearer_label.lower() for a in g["actor"])
            m = o.modality == g["modality"]
            cand = (b and m, b, m, o, d.id)
            if best is None or cand[:3] > best[:3]:
                best = cand
        if best is None:
            rows.append((g, None))
            continue
        found += 1
        bearer_ok += best[1]
        modality_ok += best[2]
        both_ok += best[0]
        rows.append((g, best))
    res = {"items": n, "coverage": found / n if n else 0, "bearer": bearer_ok / n if n else 0,
           "modality": modality_ok / n if n else 0, "both": both_ok / n if n else 0}
    if verbose:
        for g, best in rows:
            if best is None:
                print(f"MISS {g['id']}: {g['quote'][:90]!r}")
            elif not best[0]:
                o = best[3]
                print(f"WRONG {g['id']} gold={g['actor']}/{g['modality']} got={o.bearer_label!r}/{o.modality} "
                      f"cue={o.cue} in {best[4]}: {o.text[:120]!r}")
    return res


def false_positives(negatives: list[dict], docs, extractions, verbose=False) -> dict:
    """Negatives with an extracted obligation over their quote; quotes found nowhere are
    reported apart (a stale negative must not pass as a true negative)."""
    by_doc = {d.id: d for d in docs}
    fp, missing = [], []
    for g in negatives:
        hits, found = [], False
        for ex in extractions:
            span = quote_span(by_doc[ex.document_id].text, g["quote"])
            if not span:
                continue
            found = True
            qs, qe = span
            hits += [o for o in ex.obligations if o.start < qe and o.end > qs]
        if not found:
            missing.append(g["id"])
        elif hits:
            fp.append(g["id"])
            if verbose:
                o = hits[0]
                print(f"FP {g['id']}: {o.bearer_label!r}/{o.modality} cue={o.cue}: {o.text[:120]!r}")
    n = len(negatives) - len(missing)
    return {"items": n, "fp": len(fp), "rate": len(fp) / n if n else 0, "ids": fp, "missing": missing}


def read_jsonl(path) -> list[dict]:
    return [json.loads(l) for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip()]


HERE = Path(__file__).resolve().parent
DEFAULT_GOLD = [SHARED / "eval" / "dev_obligations.jsonl", HERE / "obligations" / "extra_obligations.jsonl"]
DEFAULT_NEGATIVES = [HERE / "obligations" / "extra_negatives.jsonl"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", nargs="+", default=[str(p) for p in DEFAULT_GOLD])
    ap.add_argument("--negatives", nargs="*", default=[str(p) for p in DEFAULT_NEGATIVES])
    ap.add_argument("--plain", action="store_true", help="use the plain splitter, not ingest")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    from aftalegraf.kg.extract import extract_document

    t0 = time.perf_counter()
    docs, how = load_documents(use_ingest=not args.plain)
    t1 = time.perf_counter()
    exs = [extract_document(d) for d in docs]
    t2 = time.perf_counter()
    n_obl = sum(len(e.obligations) for e in exs)
    print(f"documents: {len(docs)} ({how}), load {t1 - t0:.1f} s, extraction {t2 - t1:.1f} s, obligations {n_obl}")
    for path in args.gold:
        if args.verbose:
            print(f"-- {Path(path).name}")
        res = score(read_jsonl(path), docs, exs, args.verbose)
        print(f"{Path(path).name}: items {res['items']}: coverage {res['coverage']:.1%}, bearer {res['bearer']:.1%}, "
              f"modality {res['modality']:.1%}, bearer+modality {res['both']:.1%} "
              f"({round(res['both'] * res['items'])}/{res['items']})")
    for path in args.negatives:
        res = false_positives(read_jsonl(path), docs, exs, args.verbose)
        print(f"{Path(path).name}: negatives {res['items']}: false positives {res['fp']} ({res['rate']:.1%})"
              + (f"; quotes not found: {', '.join(res['missing'])}" if res["missing"] else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
