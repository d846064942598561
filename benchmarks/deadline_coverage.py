"""Deadline and frequency coverage of extracted obligations over the shared corpus: of the
obligation sentences that state a deadline or a frequency (a broad phrase test written apart
from the extractor's patterns), the share whose obligation carries it structured.

    .venv/bin/python benchmarks/deadline_coverage.py [--show N]

Run it under two checkouts (PYTHONPATH) for before/after; the phrase test is this file's own.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import load_documents  # noqa: E402

from aftalegraf.kg.extract import extract_document  # noqa: E402

_NUMBER = r"(?:\d+|en|et|to|tre|fire|fem|seks|otte|ti|tolv|fjorten|et halvt)"
_UNIT = r"(?:hverdage|dage|dag|timer|time|uger|uge|måneder|måned|år|kvartal(?:er)?)"
_MONTH = r"(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)"
# "inden for" only with a unit of time: "inden for et myndighedsområde" states no deadline;
# "den årlige redegørelse", "de årlige økonomiaftaler" name a recurring thing, not how often one acts
# (round 14: until then they counted, and the extractor gave such sentences a yearly frequency)
STATES_ONE = re.compile(
    r"\bsenest\b|\binden\s+for\s+" + _NUMBER + r"\s+" + _UNIT + r"\b|\binden\s+(?:den\s+)?\d{1,2}\.\s*" + _MONTH +
    r"|\bhver\s+(?:valgperiode|aftaleperiode)\b|\bkvartalsvis\b|\bhalvårlig|\bstraks\b|\binden\s+udgangen\b|\bfrist(?:en)?\s+(?:er|for|på)\b"
    r"|\bhvert\s+(?:andet\s+)?(?:år|kvartal|halvår)\b|(?<!\bde )(?<!\bden )(?<!\bdet )\bårlig(?:t|e)?\b|\b" + _NUMBER + r"\s+gange?\s+(?:om|pr\.|i)\b"
    r"|\bmøder\s+om\s+året\b|\bløbende\b|\bhurtigst\s+muligt\b|\bsnarest\b|\binden\s+(?:vedtagelse|godkendelse)", re.I)


def _in_condition(text: str, start: int) -> bool:
    """»…, hvis kommunalbestyrelsen ikke inden for 7 dage … kan tilbyde …«: the phrase is the
    condition's, not the duty's — after hvis/når/… with no comma between (round 15), or in a
    sentence that opens with its condition's modal (»Kan bopælsregionen … ikke inden for 1
    måned tilbyde …, kan personen vælge …«) before the main clause's modal (round 16)."""
    body = re.sub(r"^\s*(?:§\s*\d+\s*[a-z]?\.|Stk\.\s*\d+\.)\s*", "", text)
    cut = len(text) - len(body)
    if re.match(r"(?:Kan|Skal|Må|Bør|Vil)\b", body) and start >= cut \
            and not re.search(r",\s+(?:kan|skal|må|bør|vil|\w{3,}er)\b", text[cut:start]):
        return True
    opened = [m.end() for m in re.finditer(r"\b(?:hvis|såfremt|medmindre|dersom|når)\b", text[:start], re.I)]
    return bool(opened) and "," not in text[opened[-1]:start]


def _names_a_yearly_thing(text: str, m: re.Match) -> bool:
    """»den maksimale årlige betalingstakst«: an article and adjectives before »årlig« (round 15)."""
    return m.group(0).lower().startswith("årlig") and bool(
        re.search(r"\b(?:den|det|de)\s+(?:\w+e\s+){1,2}$", text[:m.start()], re.I))


def _names_a_deadline_as_content(text: str, m: re.Match) -> bool:
    """»skal fremgå, hvilke krav … samt frist for indsendelse …«, »sætter en frist for udbedring«,
    »kan fastsætte en rimelig frist for, hvornår …«: a deadline the duty sets or states for someone
    else's act — what the duty is about, not when it is due (round 21)."""
    return m.group(0).lower().startswith("frist") and bool(
        re.search(r"\b(?:fremgå|fremgår|sætter|sætte|fastsætter|fastsætte|angive|angiver)\b(?:\W+\w+){0,8}\W+$",
                  text[:m.start()], re.I))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="print this many sentences that state one and carry none")
    args = ap.parse_args(argv)
    stated = carried = total = 0
    missing = []
    docs, _how = load_documents()
    for doc in docs:
        obligations = extract_document(doc).obligations
        by_sentence: dict[int, list] = {}
        for ob in obligations:
            by_sentence.setdefault(ob.start, []).append(ob)
        for ob in obligations:
            total += 1
            # a phrase in a condition (»…, hvis kommunalbestyrelsen ikke inden for 7 dage … kan
            # tilbyde …«) is the condition's, not the duty's (round 15: until then it counted); a
            # phrase that another obligation of the sentence carries is that one's (»…
            # Sundhedsstyrelsen, som senest 4 uger efter modtagelsen … yder rådgivning«, round 16)
            text = ob.text or ""
            own = [(t["start"], t["end"]) for t in (ob.deadline, ob.frequency) if t]
            others = [(t["start"], t["end"]) for o in by_sentence[ob.start] if o is not ob
                      for t in (o.deadline, o.frequency) if t and (t["start"], t["end"]) not in own]
            if any(not _in_condition(text, m.start()) and not _names_a_yearly_thing(text, m)
                   and not _names_a_deadline_as_content(text, m)
                   and not any(a <= ob.start + m.start() < b for a, b in others)
                   for m in STATES_ONE.finditer(text)):
                stated += 1
                if ob.deadline or ob.frequency:
                    carried += 1
                else:
                    missing.append(" ".join((ob.text or "").split())[:160])
    print(f"obligations: {total}; sentences stating a deadline or frequency: {stated}; carrying it: {carried} "
          f"({carried / max(stated, 1):.3f})")
    for m in missing[: args.show]:
        print("  -", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
