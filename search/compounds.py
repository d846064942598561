"""Danish compound splitting for BM25.

Danish writes compounds as one word ("patientinddragelsesudvalget", "sundhedsstyrelsen"),
so a question that says "udvalget" or "styrelsen" shares no token with the text under
plain stemming. ``split`` returns the stems of a compound's parts (the whole word's stem
is kept by the tokenizer beside them), found against a dictionary of Danish lemmas: the
lookup table of spacy-lookups-data, already installed for the spaCy lemmatizer, so
nothing is downloaded.

The split is deliberately conservative: a word of at least 8 letters, a head of at least
4 letters (optionally followed by the linking "s" or "e") and a tail of at least 4 letters,
both known words and the head not a stop word; the tail is split again
("sundhedssamarbejdsudvalget" -> sund, samarbejdsudvalg, samarbejd, udvalg).
"""

from __future__ import annotations

import gzip
import json
import logging
import os
from functools import lru_cache

from .danish import DANISH_STOPWORDS, stem

log = logging.getLogger(__name__)

MIN_WORD = 8
MIN_HEAD = 4
MIN_TAIL = 4
LINKING = "se"


@lru_cache(maxsize=1)
def known_stems() -> frozenset[str]:
    """Stems of the Danish lemmas of spacy-lookups-data (empty when it is missing)."""
    try:
        import spacy_lookups_data
    except ImportError:  # pragma: no cover - a core dependency
        log.warning("spacy-lookups-data is missing: BM25 does not split compounds")
        return frozenset()
    path = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data", "da_lemma_lookup.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lemmas = set(json.load(f).values())
    return frozenset(
        stem(lemma) for lemma in lemmas
        if len(lemma) >= 3 and lemma.isalpha() and lemma not in DANISH_STOPWORDS
    )


@lru_cache(maxsize=200_000)
def split(word: str) -> tuple[str, ...]:
    """The stems of the parts of a lower-case compound, head first; () when ``word`` is
    not one. The longest known tail wins (Danish compounds are head-final)."""
    if len(word) < MIN_WORD or not word.isalpha():
        return ()
    known = known_stems()
    for i in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
        head, tail = word[:i], word[i:]
        tail_stem = stem(tail)
        if tail_stem not in known:
            continue
        heads = [head] + ([head[:-1]] if head[-1] in LINKING and len(head) > MIN_HEAD else [])
        for h in heads:
            head_stem = stem(h)
            if head_stem in known and head_stem not in DANISH_STOPWORDS:
                return (head_stem, tail_stem) + split(tail)
            inner = split(h)
            if inner:
                return inner + (tail_stem,) + split(tail)
    return ()
