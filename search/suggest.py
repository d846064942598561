"""»Mente du …?«: for a question nothing answers well, the same question with its misspelt
words replaced by the nearest words of the corpus (difflib's ratio over the index's own
vocabulary, built once per loaded index from the units' text)."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from .danish import stem
from .loaded import LoadedIndex

_WORD = re.compile(r"[a-zæøå]{4,}")
MIN_COUNT = 2          # a word the corpus uses at least twice
CUTOFF = 0.8           # difflib ratio: "sundhedsaftlen" -> "sundhedsaftalen", not unrelated words


@dataclass
class Vocabulary:
    counts: dict[str, int]                 # word -> uses, words used at least MIN_COUNT times
    by_initial: dict[str, list[str]]       # first letter -> words: the candidates for a typo
    stems: set[str]


def vocabulary(idx: LoadedIndex) -> Vocabulary:
    """The index's own words, built once per loaded index."""
    vocab = idx.derived.get("vocabulary")
    if vocab is None:
        counts = Counter(w for u in idx.units for w in _WORD.findall(u.text.lower()))
        kept = {w: n for w, n in counts.items() if n >= MIN_COUNT}
        by_initial: dict[str, list[str]] = {}
        for w in kept:
            by_initial.setdefault(w[0], []).append(w)
        vocab = idx.derived["vocabulary"] = Vocabulary(kept, by_initial, {stem(w) for w in kept})
    return vocab


_ENDINGS = ("e", "r", "n", "t", "s", "en", "er", "et", "ne", "re", "ns", "es")


def _known_form(word: str, vocab: dict[str, int], stems: set[str]) -> bool:
    """A word of the corpus, or another form of one: the same stem, or an inflection ending
    more or less ("godkender" beside "godkende", whose Snowball stems differ)."""
    if word in vocab or stem(word) in stems:
        return True
    return any(word.endswith(e) and word[: -len(e)] in vocab for e in _ENDINGS) or any(
        word + e in vocab for e in _ENDINGS)


def suggestion(idx: LoadedIndex, query: str) -> str | None:
    """The query with each unknown word replaced by the corpus's closest word, or None when
    every word is known or nothing close enough exists."""
    v = vocabulary(idx)
    changed = False
    out = query
    for m in reversed(list(_WORD.finditer(query.lower()))):
        word = m.group(0)
        if _known_form(word, v.counts, v.stems):
            continue
        # words sharing the first letter: a planner mistypes inside a word, rarely its start
        close = difflib.get_close_matches(word, v.by_initial.get(word[0], []), n=3, cutoff=CUTOFF)
        if not close:
            continue
        best = max(close, key=lambda w: (difflib.SequenceMatcher(None, word, w).ratio(), v.counts[w]))
        original = query[m.start():m.end()]
        if original[:1].isupper():
            best = best[:1].upper() + best[1:]
        out = out[:m.start()] + best + out[m.end():]
        changed = True
    return out if changed else None
