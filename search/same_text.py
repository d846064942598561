"""One hit for one text. Orders repeat the orders they replace (BEK 679/2018 § 6 and BEK
1248/2022 § 21 say the same, word for word), and the 2023 guidance repeats paragraphs of the 2013
one. Versions of one act are already shown once (``Timeline.version_key``); this folds the rest:
a hit whose words are a better-ranked hit's is not shown again, and the group is shown by its
member that applies (in force) where one does, at the best member's rank, with the others'
ids in ``same_text``.

"The same" is strict, so that a planner never loses a difference that matters: the same
words in the same order, whatever the whitespace, case, hyphenation and punctuation.
The provision's own label ("§ 6.", "Stk. 2.") and its references' numbers ("jf. § 21") are
left out, since a successor order renumbers them. Nearly the same is not the same: BEK
1804/2025 § 6 differs from BEK 918/2018 § 6 by four words ("eller rehabilitering på et
specialiseret niveau"), and those four words moved a duty from the municipalities to the regions.
"""

from __future__ import annotations

import re
from typing import Callable, Hashable

from .lexical import normalise

_LABEL = re.compile(r"^\s*(?:§+\s*\d+\s*[a-zæøå]?\.|stk\.\s*\d+\.)\s*", re.I)
# a reference's numbers: "§ 21", "§§ 203-205", "stk. 2", "nr. 3", "1. pkt.", "kapitel 5"
_REFERENCE = re.compile(r"§+\s*\d+(?:\s*[a-zæøå]\b)?(?:\s*[-–]\s*\d+)?|\b(?:stk|nr|kap|kapitel|litra)\.?\s*\d+|\b\d+\.\s*pkt\b",
                        re.I)
_WORD = re.compile(r"\w+")

Signature = tuple[str, ...]


def signature(text: str) -> Signature:
    """A text's words and numbers in order, lower-cased, without its label and references' numbers
    (plain regular expressions: this runs for every hit a page shows, and must cost microseconds)."""
    text = normalise(_LABEL.sub("", text))
    return tuple(_WORD.findall(_REFERENCE.sub(" ", text)))


def same(a: Signature, b: Signature) -> bool:
    return bool(a) and a == b


def collapse(ranked: list[tuple[Hashable, float]], signature_of: Callable[[Hashable], Signature],
             document_of: Callable[[Hashable], str], applies: Callable[[Hashable], bool],
             limit: int, wanted: Callable[[Hashable], bool] = lambda _: False) -> tuple[list[tuple[Hashable, float]], dict]:
    """``ranked`` (id, score), best first, with each group of the same text in different
    documents shown once, by its first member that is ``wanted`` (the question cites it), else
    its first that ``applies`` (else its best), at the best
    member's place and score; and {shown id: [the group's other ids]}. The same words twice in
    one document (a lead-in repeated under several headings) stay two hits: each belongs to its
    own section. Only the first ``limit`` shown hits are grouped (what a page shows); the rest
    follow as they are."""
    groups: list[list[tuple[Hashable, float]]] = []
    sigs: list[Signature] = []
    rest_from = len(ranked)
    for i, (pid, score) in enumerate(ranked):
        sig, doc = signature_of(pid), document_of(pid)
        for g, other in zip(groups, sigs):
            if same(sig, other) and all(document_of(member) != doc for member, _ in g):
                g.append((pid, score))
                break
        else:
            if len(groups) >= limit:
                rest_from = i
                break
            groups.append([(pid, score)])
            sigs.append(sig)
    out, members = [], {}
    for g in groups:
        shown = next((pid for pid, _ in g if wanted(pid)), None) or next((pid for pid, _ in g if applies(pid)), g[0][0])
        out.append((shown, g[0][1]))
        members[shown] = [pid for pid, _ in g if pid != shown]
    out.extend(ranked[rest_from:])
    for pid, _ in ranked[rest_from:]:
        members.setdefault(pid, [])
    return out, members
