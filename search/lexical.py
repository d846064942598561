"""BM25 over the index units (bm25s), with a tokeniser for Danish legal text: Snowball
stemming (PyStemmer, Danish), Danish stop words, and composite tokens that keep legal
references and dates matchable: "§ 21" -> "§21", "§ 5 a" -> "§5a", "stk. 2" -> "stk2",
"nr. 3" -> "nr3", "8 uger" -> "8uge", "1. juli" -> "1juli" (the plain words are kept too),
and the parts of Danish compounds beside the whole word ("sundhedsstyrelsen" also gives
"sund", "styr"; see ``compounds``).

Beside the words, a second BM25 over adjacent word pairs (``pairs``: stemmed content words
side by side, stop words skipped): a paragraph that says »godkender indholdet af aftalen«
answers »Hvem godkender indholdet af sundhedsaftalen?« better than one with the same words
apart; its score is added at ``PAIR_WEIGHT`` (BENCHMARKS.md, "Answers (#13), round 20").
Persisted in the index directory; rebuilt from the units on every update (seconds)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Sequence

import numpy as np

from aftalegraf.legal_time import MONTHS

from .compounds import split as split_compound
from .danish import DANISH_STOPWORDS, everyday_expansion, stem

UNITS = ("dag", "dage", "dages", "uge", "uger", "ugers", "måned", "måneder", "måneders", "år", "års",
         "time", "timer", "timers", "gang", "gange", "hverdage", "arbejdsdage")

_SOFT = re.compile("[\u00ad\u200b]")
_BREAK_HYPHEN = re.compile(r"(\w)-[ \t]*\n[ \t]*(\w)")
_PARA = re.compile(r"§§?\s*(\d+)(?:\s*([a-hj-zæøå])\b)?(?:\s*(?:-|–|og|til)\s*(\d+)(?:\s*([a-hj-zæøå])\b)?)?")
_STK = re.compile(r"\b(stk|nr|kap|kapitel|pkt|litra)\.?\s*(\d+)\b")
_DATE = re.compile(r"\b(\d{1,2})\.?\s+(" + "|".join(MONTHS) + r")\b")
_QTY = re.compile(r"\b(\d+)\s+(" + "|".join(UNITS) + r")\b")
_WORD = re.compile(r"[0-9a-zæøåäöüé]+(?:-[0-9a-zæøåäöüé]+)*")


# Bumped whenever ``tokenize`` changes: an index built with another version has its BM25
# rebuilt from its units on load (see service.load_index).
TOKENIZER_VERSION = 3
# the adjacent-pair score's share beside the words' (0.35-0.7 measured; 0.5 best over the QA sets)
PAIR_WEIGHT = 0.5


def normalise(text: str) -> str:
    text = _SOFT.sub("", text)
    text = _BREAK_HYPHEN.sub(r"\1\2", text)
    return text.lower()


def tokenize(text: str) -> list[str]:
    """Stemmed content words plus composite reference/date/quantity tokens."""
    text = normalise(text)
    tokens: list[str] = []
    for m in _PARA.finditer(text):
        tokens.append(f"§{m.group(1)}{m.group(2) or ''}")
        if m.group(3):
            tokens.append(f"§{m.group(3)}{m.group(4) or ''}")
    for m in _STK.finditer(text):
        kind = "kap" if m.group(1).startswith("kap") else m.group(1)
        tokens.append(f"{kind}{m.group(2)}")
    for m in _DATE.finditer(text):
        tokens.append(f"{int(m.group(1))}{m.group(2)}")
    for m in _QTY.finditer(text):
        tokens.append(f"{m.group(1)}{stem(m.group(2))}")
    for m in _WORD.finditer(text):
        word = m.group(0)
        parts = word.split("-") if "-" in word else [word]
        if len(parts) > 1 and not word.replace("-", "").isdigit():
            joined = "".join(parts)
            if joined not in DANISH_STOPWORDS:
                tokens.append(stem(joined))
        for w in parts:
            if w and w not in DANISH_STOPWORDS:
                tokens.append(stem(w))
                tokens.extend(split_compound(w))
    return tokens


def pairs(text: str) -> list[str]:
    """Adjacent content words, stemmed, as one token each (»godkender indholdet af aftalen« ->
    "godkend+indhold", "indhold+aftal"): stop words are skipped, compounds are not split."""
    words = [stem(w) for m in _WORD.finditer(normalise(text)) for w in m.group(0).split("-")
             if w and w not in DANISH_STOPWORDS]
    return [f"{a}+{b}" for a, b in zip(words, words[1:])]


# Words that say which text a reference points into, or only ask what it says (»Hvad står der
# i § 57 b, stk. 2?«), not what is asked about it.
_REFERENCE_WORDS = frozenset("""
sundhedsloven sundhedslovens loven lovens lov lbk bek bekendtgørelse bekendtgørelsen bekendtgørelsens
vejledning vejledningen vejledningens jf bilag
står stå siger sige indeholder fremgår bestemmer lyder ifølge
""".split())


def is_reference_lookup(query: str) -> bool:
    """Is the query nothing but a legal reference ("§ 57 b, stk. 2", "sundhedslovens § 206 a",
    "bekendtgørelse nr. 1248 § 21")? A dense embedding has nothing to understand in it, so
    hybrid search lets BM25 lead for such a query."""
    text = normalise(query)
    if not (_PARA.search(text) or _STK.search(text)):
        return False
    rest = _DATE.sub(" ", _STK.sub(" ", _PARA.sub(" ", text)))
    return not [w for w in _WORD.findall(rest)
                if not w.isdigit() and w not in DANISH_STOPWORDS and w not in _REFERENCE_WORDS]


class LexicalIndex:
    """BM25 over a list of unit texts, and over their adjacent word pairs; row i is unit i."""

    FILE = "bm25"
    PAIRS = "pairs"         # a subdirectory of FILE

    def __init__(self, retriever=None, size: int = 0, pair_retriever=None):
        self._bm25 = retriever
        self._pairs = pair_retriever
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> "LexicalIndex":
        if not texts:
            return cls(None, 0)
        return cls(_indexed([tokenize(t) for t in texts]), len(texts), _indexed([pairs(t) for t in texts]))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every unit for the query's words (and the everyday words' legal
        synonyms), plus ``PAIR_WEIGHT`` times that of its adjacent word pairs; zeros when
        nothing matches."""
        if self._bm25 is None:
            return np.zeros(0, dtype=np.float32)
        out = _scores(self._bm25, tokenize(query) + tokenize(everyday_expansion(query)), self.size)
        if self._pairs is not None:
            out += PAIR_WEIGHT * _scores(self._pairs, pairs(query), self.size)
        return out

    def save(self, directory: Path) -> None:
        d = Path(directory) / self.FILE
        d.mkdir(parents=True, exist_ok=True)
        if self._bm25 is not None:
            self._bm25.save(str(d), show_progress=False)
            self._pairs.save(str(d / self.PAIRS), show_progress=False)
        (d / "size.json").write_text(json.dumps({"size": self.size}))

    @classmethod
    def load(cls, directory: Path) -> "LexicalIndex":
        bm25s = _bm25s()
        d = Path(directory) / cls.FILE
        size = json.loads((d / "size.json").read_text())["size"]
        if not size:
            return cls(None, 0)
        return cls(bm25s.BM25.load(str(d), load_corpus=False), size,
                   bm25s.BM25.load(str(d / cls.PAIRS), load_corpus=False))


def _indexed(corpus: list[list[str]]):
    retriever = _bm25s().BM25(k1=1.2, b=0.75)
    retriever.index([tokens or ["\u2205"] for tokens in corpus], show_progress=False)
    return retriever


def _scores(retriever, tokens: list[str], size: int) -> np.ndarray:
    known = [t for t in dict.fromkeys(tokens) if t in retriever.vocab_dict]
    if not known:
        return np.zeros(size, dtype=np.float32)
    return np.asarray(retriever.get_scores(known), dtype=np.float32)


def _bm25s():
    """bm25s, imported on first use; it sets its own logger to DEBUG on import ("Building
    index from tokens" on every build), so hand the level back to the application's."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.NOTSET)
    return bm25s
