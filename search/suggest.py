"""»Mente du …?«: for a question nothing answers well, the same question with its misspelt
words replaced by the nearest words of the corpus (difflib's ratio over the index's own
vocabulary, built once per loaded index from the units' text)."""

from __future__ import annotations

import difflib
import re
from collections import Counter

from .danish import stem
from .loaded import LoadedIndex

_WORD = re.compile(r"[a-zæøå]{4,}")
MIN_COUNT = 2          # a word the corpus uses at least twice
CUTOFF = 0.8           # difflib ratio: "sundhedsaftlen" -> "sundhedsaftalen", not unrelated words


def vocabulary(idx: LoadedIndex) -> dict[str, int]:
    vocab = getattr(idx, "_vocabulary", None)
    if vocab is None:
        counts = Counter(w for u in idx.units for w in _WORD.findall(u.text.lower()))
        vocab = {w: n for w, n in counts.items() if n >= MIN_COUNT}
        idx._vocabulary = vocab
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
    vocab = vocabulary(idx)
    by_initial: dict[str, list[str]] = getattr(idx, "_vocabulary_by_initial", None) or {}
    if not by_initial:
        for w in vocab:
            by_initial.setdefault(w[0], []).append(w)
        idx._vocabulary_by_initial = by_initial
    stems = getattr(idx, "_vocabulary_stems", None)
    if stems is None:
        stems = idx._vocabulary_stems = {stem(w) for w in vocab}
    changed = False
    out = query

    for m in reversed(list(_WORD.finditer(query.lower()))):
        word = m.group(0)
        if _known_form(word, vocab, stems):
            continue
        # words sharing the first letter: a planner mistypes inside a word, rarely its start
        close = difflib.get_close_matches(word, by_initial.get(word[0], []), n=3, cutoff=CUTOFF)
        if not close:
            continue
        best = max(close, key=lambda w: (difflib.SequenceMatcher(None, word, w).ratio(), vocab[w]))
        original = query[m.start():m.end()]
        if original[:1].isupper():
            best = best[:1].upper() + best[1:]
        out = out[:m.start()] + best + out[m.end():]
        changed = True
    return out if changed else None
