"""One cached spaCy pipeline: ``blank("da")`` + lookup lemmatizer + a rule-based sentence
splitter that knows Danish legal abbreviations ("jf.", "bl.a.", "stk.", "nr.", "f.eks."),
citations ("§ 4, stk. 2") and dates ("1. juli"). Nothing is downloaded."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from aftalegraf.legal_time import MONTH_NUMBER

# Abbreviations after which a sentence never ends.
NEVER_END = {
    "jf.", "jfr.", "bl.a.", "stk.", "nr.", "f.eks.", "fx.", "pkt.", "ca.", "dvs.", "kap.", "evt.",
    "inkl.", "ekskl.", "vedr.", "iht.", "m.fl.", "mht.", "pga.", "p.t.", "s.", "tlf.", "jan.", "feb.",
    "aug.", "sep.", "sept.", "okt.", "nov.", "dec.", "hhv.", "resp.", "ang.", "gl.", "o.l.", "afs.",
    "lovbkg.", "bkg.", "bek.", "vejl.", "lbk.", "§", "§§", "dr.", "st.",
}
# Abbreviations that may end a sentence when an upper-case word follows.
MAY_END = {"mv.", "m.v.", "osv.", "etc.", "m.m.", "o.a."}
_ORDINAL = re.compile(r"^\d+[a-z]?\.$")


_BULLET = re.compile(r"^(?:[-•–*\u2022\ufffd\u25aa\u25cf]|\d+\)|[a-z]\)|\d+(?:\.\d+)*\.?)$")


def _line_break_ends(doc: Doc, i: int) -> bool:
    """Does the line break before token i end a sentence? Yes for blank lines, list items,
    after a colon or full stop and after a short line (a heading); no for a line wrapped in
    the middle of a sentence (text extracted from PDF)."""
    ws = doc[i - 1].text if doc[i - 1].is_space else doc[i - 1].whitespace_
    if ws.count("\n") >= 2:
        return True
    tok = doc[i]
    if _BULLET.match(tok.text) or tok.text.startswith(("\ufffd", "•", "\u2022")):
        return True
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 0:
        return True
    last = doc[k].text
    if last.endswith((".", ":", "!", "?", ";")) and last.lower() not in NEVER_END:
        return True
    # length of the previous line
    line_start = doc[k].idx
    text = doc.text
    ls = text.rfind("\n", 0, line_start) + 1
    if doc[k].idx + len(last) - ls < 60 and (tok.text[:1].isupper() or tok.text[:1].isdigit()):
        return True
    return False


@Language.component("aftale_sentencizer")
def aftale_sentencizer(doc: Doc) -> Doc:
    for i, tok in enumerate(doc):
        if i == 0:
            tok.is_sent_start = True
            continue
        prev = doc[i - 1]
        start = False
        if (prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_:
            start = _line_break_ends(doc, i)
        if not start:
            pt = prev.text
            low = pt.lower()
            first = tok.text[:1]
            upper_next = first.isupper() or first in "§\"'«("
            if pt in {".", "!", "?"}:
                # "§ 4." inside a citation followed by "Stk." stays; otherwise a full stop ends
                start = upper_next or first.isdigit() or tok.is_space
                if start and i >= 3 and doc[i - 2].text.isdigit() and doc[i - 3].text in {"§", "stk.", "nr."} and tok.text.lower() == "stk.":
                    start = False
            elif low.endswith(".") and len(pt) > 1:
                if low == "pkt." and i >= 2 and _ORDINAL.match(doc[i - 2].text) and upper_next and first != "§":
                    # »… som nævnt i 1. pkt. Obduktion må tidligst …«: a citation of a sentence ends
                    # the sentence citing it when a capital follows
                    start = True
                elif low in NEVER_END:
                    start = False
                elif low in MAY_END:
                    start = upper_next
                elif _ORDINAL.match(pt):
                    # "1. juli" / "§ 4. Stk. 2" / "2. Regionsrådet ..." (provision labels)
                    start = upper_next and tok.text.lower() not in MONTH_NUMBER and tok.text.lower() != "stk."
                elif re.match(r"^[a-zæøå]\.$", low):
                    # »… efter §§ 140 a og 140 b. Indenrigs- og sundhedsministeren …«: a paragraph's
                    # letter at a sentence's end (a label »§ 140 b.« stays with its text); otherwise
                    # an abbreviation (»a.«)
                    paragraph_letter = i >= 3 and doc[i - 2].text.isdigit() and doc[i - 3].text != "§"
                    start = paragraph_letter and upper_next and tok.text.lower() != "stk."
                elif re.match(r"^(?:[a-zæøå]+\.){2,}$", low):
                    start = False  # "m.a.o." style abbreviations
                else:
                    start = upper_next
        tok.is_sent_start = start
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("aftale_sentencizer")
    nlp.initialize()
    nlp.max_length = 2_000_000
    return nlp


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``, whitespace trimmed, empty ones dropped."""
    doc = get_nlp()(text)
    out = []
    for s in doc.sents:
        a, b = s.start_char, s.end_char
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out
