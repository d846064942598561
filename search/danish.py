"""Danish word handling shared by BM25 and compound splitting: the Snowball stemmer
(PyStemmer) and the stop words (Danish, plus the English question words of cross-lingual
queries)."""

from __future__ import annotations

from functools import lru_cache

DANISH_STOPWORDS = frozenset("""
og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min
havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil
blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under
have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver
hendes været thi jer sådan hvordan hvem hvilke hvilken hvornår hvorfor kan bør må the of and to in
is are what who when which how does do must be for on by with
""".split())


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("danish")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


ENGLISH_WORDS = frozenset("""
the of and to in is are what who when which how does do must be for on by with has have should
may shall health agreement agreements region regions municipality municipalities authority
danish council councils plan who whom deadline submit approve approved
""".split())
_LETTERS = frozenset("æøå")


def looks_english(query: str) -> bool:
    """An English question (no æ/ø/å, mostly English words): the index's words are Danish,
    so BM25 has nothing to match and the multilingual embedding should lead."""
    words = [w for w in query.lower().replace("?", " ").split() if w.isalpha()]
    if len(words) < 3 or _LETTERS & set(query.lower()):
        return False
    english = sum(w in ENGLISH_WORDS for w in words)
    danish = sum(w in DANISH_STOPWORDS and w not in ENGLISH_WORDS for w in words)
    return english >= max(2, len(words) // 3) and danish == 0
