"""What the comparison maps goals onto: the themes and national goals of
``aftalegraf.kg.reference`` (re-exported here), the keyword patterns and similarity
descriptions built from them, and region names."""

from __future__ import annotations

import functools
import re
import unicodedata

from aftalegraf.errors import BadQuery
from aftalegraf.kg.reference import WEAK_KEYWORDS, national_goals, themes  # noqa: F401 (re-exported)
from aftalegraf.model import REGIONS

# One more sentence per theme / national goal for similarity linking: what a goal that
# pursues it typically says (the label and definition alone are terse).
_SIMILARITY_HINTS: dict[str, str] = {
    "forebyggelse": "Færre borgere bliver syge; sundhedsfremme, sunde vaner og tidlig opsporing.",
    "behandling-og-pleje": "Borgerne får den rette behandling og pleje på hospital, i kommunen og i almen praksis.",
    "genoptraening-og-rehabilitering": "Borgerne genvinder funktionsevne efter sygdom og kommer hurtigt i gang igen.",
    "sundheds-it": "Digital kommunikation, deling af data og telemedicinske løsninger mellem sektorerne.",
    "mental-sundhed": "Borgere med psykisk sygdom eller misbrug får hjælp, og flere trives psykisk.",
    "aeldre-medicinske-patienter": "Ældre og skrøbelige patienter undgår unødvendige indlæggelser.",
    "kronisk-sygdom": "Borgere med en eller flere kroniske sygdomme får en ensartet og koordineret indsats.",
    "lighed-i-sundhed": "Sårbare og udsatte borgere får lige adgang og lige gode resultater; mindre social ulighed i sundhed.",
    "patientinddragelse": "Borgere og pårørende er aktive parter og deltager i beslutninger om eget forløb.",
    "boern-og-unge": "Børn og unge får en god start på livet; gravide og familier støttes tidligt.",
    "sammenhaengende-forloeb": "Sektorerne arbejder sammen på tværs, så borgerens forløb hænger sammen uden brud ved overgange.",
    "mestring-i-eget-hjem": "Borgeren klarer sig trygt i eget hjem og mestrer eget liv og egen sygdom med behandling tæt på.",
    "kvalitet": "Ensartet høj kvalitet og sikker behandling uanset hvor opgaven løses.",
    "data-og-viden": "Fælles data, viden og forskning bruges til at følge op og udvikle samarbejdet.",
    "1": "Forløb på tværs af hospital, kommune og almen praksis hænger sammen; færre genindlæggelser.",
    "2": "Kronisk syge og ældre patienter får en bedre indsats og færre forebyggelige indlæggelser.",
    "3": "Flere overlever alvorlig sygdom, og patienterne behandles sikkert.",
    "4": "Behandlingen er af høj faglig kvalitet og følger retningslinjerne.",
    "5": "Patienterne udredes og behandles hurtigt uden unødig ventetid.",
    "6": "Patienter og pårørende inddrages og er tilfredse.",
    "7": "Borgerne lever længere og har flere sunde leveår; forebyggelse og sunde vaner.",
    "8": "Sundhedsvæsenet bruger ressourcerne effektivt; mere sundhed for pengene.",
}


def description(entry: dict) -> str:
    """The text embedded for similarity linking: label, definition and a typical aim."""
    parts = [entry["label"]]
    if entry.get("definition"):
        parts.append(entry["definition"].rstrip("."))
    if entry["key"] in _SIMILARITY_HINTS:
        parts.append(_SIMILARITY_HINTS[entry["key"]].rstrip("."))
    return ". ".join(parts) + "."


_SUFFIX = r"(?:e|en|er|et|ne|erne|ene|s|es|ens|ets|ernes)?"


@functools.lru_cache(maxsize=None)
def keyword_patterns(dimension: str) -> list[tuple[str, re.Pattern]]:
    """(key, compiled pattern) for every strong keyword of a dimension ("themes" or
    "national_goals"); a keyword matches as a whole word with its usual inflections."""
    table = themes() if dimension == "themes" else national_goals()
    out = []
    for key, entry in table.items():
        for kw in sorted(entry["keywords"], key=len, reverse=True):
            if kw.lower() in WEAK_KEYWORDS:
                continue
            words = [re.escape(w) for w in kw.lower().split()]
            pat = r"(?<!\w)" + r"\s+".join(words) + _SUFFIX + r"(?!\w)"
            out.append((key, re.compile(pat, re.IGNORECASE)))
    return out


# --- regions -------------------------------------------------------------------------

def _fold(text: str) -> str:
    text = text.strip().lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"^region\s+", "", text)
    return re.sub(r"[^a-z0-9]+", "", text)


_ALIASES = {_fold(slug): slug for slug in REGIONS} | {_fold(name): slug for slug, name in REGIONS.items()} | {
    "regionh": "hovedstaden", "rh": "hovedstaden", "sjaeland": "sjaelland", "rsyd": "syddanmark",
    "rm": "midtjylland", "rn": "nordjylland", "midt": "midtjylland", "nord": "nordjylland", "syd": "syddanmark",
}


def resolve_region(name: str) -> str:
    """A region slug from a slug or a Danish name ("Region Sjælland", "sjælland",
    "sjaelland"); BadQuery naming it otherwise."""
    slug = _ALIASES.get(_fold(name))
    if slug is None:
        known = ", ".join(REGIONS)
        raise BadQuery(f"ukendt region {name!r} (kendte: {known})", field="regions")
    return slug


def resolve_regions(regions) -> list[str] | None:
    """None -> None; "A,B" or ["A", "B"] -> slugs in the order given, without repeats."""
    if regions is None:
        return None
    if isinstance(regions, str):
        regions = regions.split(",")
    out: list[str] = []
    for r in regions:
        if r and r.strip():
            slug = resolve_region(r)
            if slug not in out:
                out.append(slug)
    return out or None
