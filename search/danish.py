"""Danish word handling shared by BM25 and compound splitting: the Snowball stemmer
(PyStemmer) and the stop words (Danish, plus the English question words of cross-lingual
queries)."""

from __future__ import annotations

import re
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


# English function words and the field's commonest English words; none is a Danish word
# a Danish question would hold alone ("a" of "§ 205 a", "it" of "sundheds-it", "per" are not here)
ENGLISH_WORDS = frozenset("""
the of and to in is are what who when which how does do must be for on by with has have should
may shall health agreement agreements region regions municipality municipalities authority
danish council councils plan who whom deadline submit approve approved
an can could would will this that these those they their them he she we you our not no or but
if from as about than then also any all each other some such only so very just between after
before during out up where why whether many much more most there been being was were had am
into through one two three without within against among both either neither every own same
again here
""".split())
_LETTERS = frozenset("æøå")
_BOTH = frozenset({"at"})   # as common in English ("at least") as in Danish: evidence of neither


def looks_english(query: str) -> bool:
    """An English question (no æ/ø/å, mostly English words): the index's words are Danish,
    so BM25 has nothing to match and the multilingual embedding should lead."""
    words = [w for w in query.lower().replace("?", " ").split() if w.isalpha()]
    if len(words) < 3 or _LETTERS & set(query.lower()):
        return False
    english = sum(w in ENGLISH_WORDS for w in words)
    danish = sum(w in DANISH_STOPWORDS and w not in ENGLISH_WORDS and w not in _BOTH for w in words)
    return english >= max(2, len(words) // 3) and danish == 0


# Everyday words of a planner's question and the legal texts' own word for the same thing
# (query side only: BM25 also looks for the texts' word; the embedding reads them too, since it
# cannot know that »byrådet« is »kommunalbestyrelsen« in these texts). Written from the field's
# vocabulary, both directions where both occur in questions.
LAY_TERMS = {
    "hospital": "sygehus", "hospitalet": "sygehuset", "hospitaler": "sygehuse", "hospitalerne": "sygehusene",
    "hospitalsbehandling": "sygehusbehandling", "udskrivelse": "udskrivning",
    "byråd": "kommunalbestyrelse", "byrådet": "kommunalbestyrelsen", "byrådene": "kommunalbestyrelserne",
    "borgmester": "kommunalbestyrelsen", "regionsrådsformand": "regionsrådet",
    "træning": "genoptræning", "træne": "genoptræning", "genoptræne": "genoptræning",
    "fysisk": "somatisk", "fysiske": "somatiske", "legemlig": "somatisk", "legemlige": "somatiske",
    "sindslidelse": "psykisk sygdom", "sindslidelser": "psykiske sygdomme", "sindslidende": "psykisk syge",
    "mor": "forældre", "far": "forældre", "mødre": "forældre", "fædre": "forældre",
    "familielæge": "almen praksis", "egen læge": "almen praksis", "lægepraksis": "almen praksis",
    "lægepraksisser": "almen praksis",
    "gratis": "vederlagsfri", "medicin": "lægemidler", "piller": "lægemidler", "tænder": "tandpleje",
    "tandbehandling": "tandpleje", "deadline": "frist senest", "tidsfrist": "frist senest",
    "accept": "godkendelse", "forhåndsaccept": "forhåndsgodkendelse", "it": "sundheds-it digitalisering",
    "mange sygdomme": "multisygdom", "flere sygdomme": "multisygdom", "svage": "sårbare",
    "svækkede": "skrøbelige sårbare", "overgange": "sammenhængende forløb", "overgang": "sammenhængende forløb",
    "kontrakt": "aftale", "sidder i": "består af medlemmer",
}
# The texts' words for a question's own legal or near-legal words: other inflections, the duty's
# function words (»krav« → »skal«, »hvornår« → »senest frist«) and a wider term (»borgere« →
# »patienter«). For BM25 only: the embedding knows them, and they would shift its meaning.
TEXT_WORDS = {
    "indlæggelse": "indlagt", "udskrevet": "udskrivning", "udskrives": "udskrivning", "psykiatrisk": "psykisk",
    "praktiserende": "almen praksis", "betale": "egenbetaling", "betaler": "egenbetaling",
    "hjemmesygeplejerske": "sygepleje", "hjemmesygepleje": "sygepleje", "sygeplejerske": "sygepleje",
    "hvornår": "senest frist", "godkender": "godkendelse", "minister": "ministeren", "ministeriet": "ministeren",
    "digital": "digitalisering", "digitale": "digitalisering", "teknologi": "telemedicin",
    "ansvarlig": "ansvar påhviler", "ansvaret": "påhviler", "pligt": "forpligtet skal", "krav": "skal",
    "skrøbelige": "sårbare", "samarbejdsaftale": "sundhedsaftale", "aftalen": "sundhedsaftalen",
    "klage": "klageadgang", "borgere": "borgerne patienter", "patienter": "borgere",
    "ældre": "ældre medicinske patienter", "barn": "børn", "unge": "børn og unge",
}
EVERYDAY_TERMS = {**LAY_TERMS, **TEXT_WORDS}


def everyday_expansion(query: str, terms: dict[str, str] = EVERYDAY_TERMS) -> str:
    """The legal texts' words for the everyday words of ``query`` (empty when none): BM25
    searches them beside the question's own words."""
    text = " " + " ".join(re.sub(r"[?,.;:!»«\"()]", " ", query.lower()).split()) + " "
    found = [legal for word, legal in terms.items() if f" {word} " in text]
    return " ".join(dict.fromkeys(found))


def for_embedding(query: str, asked: str) -> str:
    """What the embedding reads for ``query`` (``asked``: the question the index is asked, an
    English one with its Danish terms): a Danish question with the legal texts' words for its
    lay ones appended (»bundet af instrukser fra byrådet« → »kommunalbestyrelsen«)."""
    extra = "" if looks_english(query) else everyday_expansion(query, LAY_TERMS)
    return f"{asked} {extra}" if extra else asked
