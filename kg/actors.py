"""Actor types and their recognition in Danish text, in all inflections.

The table ``ACTORS`` is the single source of the actor reference data: ``actors_turtle()``
renders it as ``ontology/reference/actors.ttl`` (a test keeps the file in step).
Recognition is rule based: every surface form is a stem plus the Danish inflection
endings (definite, plural, genitive), matched case-insensitively on word boundaries,
longest match first; the spaCy lookup lemmatizer is not needed for these nouns (its
table misses most compounds), but the suffix rules cover the same forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from aftalegraf.vocabulary import REGION_NAMES

from .facts import ActorMention

# Inflection endings of the noun classes (singular definite, plural, plural definite, genitive).
_NEUTER = r"(?:et|ets|ene|enes|s)?"          # udvalg, udvalget, udvalgene, udvalgets
_COMMON_E = r"(?:n|ns|r|rne|rnes|s)?"         # region(e): kommune, kommunen, kommuner, kommunerne
_COMMON = r"(?:en|ens|er|erne|ernes|s)?"      # region, regionen, regioner, regionerne
_RAAD = r"(?:et|ets|ene|enes|s)?"             # regionsråd, regionsrådet, regionsrådene


@dataclass(frozen=True)
class ActorType:
    key: str
    label_da: str        # Danish display label (prefLabel)
    label_en: str
    alt_da: tuple[str, ...]   # alternative labels (skos:altLabel)
    patterns: tuple[str, ...]  # regexes (case-insensitive), matched on word boundaries
    committee: bool = False   # resolves the anaphor "udvalget"/"udvalgene"


ACTORS: tuple[ActorType, ...] = (
    ActorType("regionsraad", "regionsråd", "regional council", ("regionsrådet", "regionsrådene"),
              (r"regionsråd" + _RAAD,)),
    # the regions by name (aftalegraf.vocabulary), Region Østdanmark included: LOV 719/2025 merges
    # Hovedstaden and Sjælland into it from 1 January 2027, and the 2025 orders address its council
    ActorType("region", "region", "region", ("regionen", "regionerne", *REGION_NAMES),
              (r"region" + _COMMON, r"(?:" + "|".join(re.escape(name.lower()) for name in REGION_NAMES) + r")s?",
               # the region in a role: »Bopælsregionen afholder udgifter …«, »Opholdsregionen kan …«
               r"(?:bopæls|opholds)region" + _COMMON)),
    ActorType("kommunalbestyrelse", "kommunalbestyrelse", "municipal council",
              ("kommunalbestyrelsen", "kommunalbestyrelserne"), (r"kommunalbestyrelse" + _COMMON_E,)),
    ActorType("kommune", "kommune", "municipality", ("kommunen", "kommunerne"),
              (r"kommune" + _COMMON_E, r"(?-i:[A-ZÆØÅ][a-zæøå]+s? Kommunes?)",
               r"(?:bopæls|opholds|betalings|behandler)kommune" + _COMMON_E)),
    ActorType("almen-praksis", "almen praksis", "general practice", ("praksissektoren", "almen lægepraksis"),
              (r"almen(?:e)? (?:læge)?praksis", r"almenpraksis", r"praksissektor(?:en|ens|s)?")),
    ActorType("plo", "Praktiserende Lægers Organisation (PLO)", "Organisation of General Practitioners",
              ("PLO", "Praktiserende Lægers Organisation"),
              (r"plo(?:'s|s)?", r"praktiserende lægers organisation(?:s)?", r"plo-[a-zæøå]+")),
    ActorType("praktiserende-laege", "praktiserende læge", "general practitioner",
              ("de praktiserende læger", "almen praktiserende læge", "alment praktiserende læger"),
              (r"(?:alment? )?praktiserende læge(?:n|ns|r|rne|rnes|s)?", r"(?:alment? )?praktiserende")),
    ActorType("sundhedsstyrelsen", "Sundhedsstyrelsen", "Danish Health Authority", ("Sundhedsstyrelsens",),
              (r"sundhedsstyrelse(?:n|ns)?",)),
    ActorType("sundhedsministeriet", "Sundhedsministeriet", "Ministry of Health",
              ("Indenrigs- og Sundhedsministeriet", "Ministeriet for Sundhed og Forebyggelse"),
              (r"(?:indenrigs- og )?sundhedsministeriet(?:s)?", r"ministeriet for sundhed og forebyggelse(?:s)?",
               r"ministeriet(?:s)?")),
    ActorType("sundhedsminister", "sundhedsminister", "Minister of Health",
              ("sundhedsministeren", "indenrigs- og sundhedsministeren", "ministeren"),
              (r"(?:indenrigs- og |ældre- og )?sundhedsminister(?:en|ens|s)?", r"sundheds- og ældreminister(?:en|ens|s)?", r"ministeren(?:s)?",
               r"minister(?:en|ens)? for sundhed og forebyggelse")),
    ActorType("styrelsen-for-patientsikkerhed", "Styrelsen for Patientsikkerhed", "Danish Patient Safety Authority",
              ("STPS",), (r"styrelsen for patientsikkerhed(?:s)?", r"stps")),
    ActorType("laegemiddelstyrelsen", "Lægemiddelstyrelsen", "Danish Medicines Agency", ("Lægemiddelstyrelsens",),
              (r"lægemiddelstyrelse(?:n|ns)?",)),
    ActorType("sundhedssamarbejdsudvalg", "sundhedssamarbejdsudvalg", "health cooperation committee",
              ("sundhedssamarbejdsudvalget", "SSU"), (r"sundhedssamarbejdsudvalg" + _NEUTER, r"ssu(?:'s|s)?"),
              committee=True),
    ActorType("sundhedskoordinationsudvalg", "sundhedskoordinationsudvalg", "health coordination committee",
              ("sundhedskoordinationsudvalget",), (r"sundhedskoordinationsudvalg" + _NEUTER,), committee=True),
    ActorType("sundhedsklynge-politisk-niveau", "sundhedsklyngens politiske niveau",
              "political level of the health cluster", ("det politiske niveau", "politisk niveau"),
              (r"(?:sundhedsklyngens |sundhedsklyngernes |klyngens |klyngernes )?(?:det |de )?politiske? niveau(?:et|er|erne|s)?",),
              committee=True),
    ActorType("sundhedsklynge-fagligt-strategisk-niveau", "sundhedsklyngens fagligt strategiske niveau",
              "professional-strategic level of the health cluster",
              ("det faglige strategiske niveau", "det fagligt strategiske niveau", "fagligt strategisk niveau"),
              (r"(?:sundhedsklyngens |sundhedsklyngernes |klyngens |klyngernes )?(?:det |de )?faglig(?:e|t)?[ -]strategiske? niveau(?:et|er|erne|s)?",),
              committee=True),
    ActorType("sundhedsklynge", "sundhedsklynge", "health cluster", ("sundhedsklyngen", "sundhedsklyngerne", "klyngen"),
              (r"sundhedsklynge" + _COMMON_E, r"klyngen(?:s)?", r"klyngerne(?:s)?"), committee=True),
    ActorType("patientinddragelsesudvalg", "patientinddragelsesudvalg", "patient involvement committee",
              ("patientinddragelsesudvalget",), (r"patientinddragelsesudvalg" + _NEUTER,), committee=True),
    ActorType("praksisplanudvalg", "praksisplanudvalg", "practice planning committee", ("praksisplanudvalget",),
              (r"praksisplanudvalg" + _NEUTER,), committee=True),
    ActorType("kkr", "kommunekontaktråd (KKR)", "municipal contact council", ("KKR", "kommunekontaktrådet"),
              (r"kkr(?:'s|s)?", r"kommunekontaktråd" + _RAAD)),
    ActorType("sygehus", "sygehus", "hospital", ("sygehusene", "hospitalerne"),
              (r"sygehus" + _NEUTER, r"hospital(?:et|ets|er|erne|ernes|s)?", r"sygehusvæsen(?:et|ets)?")),
    ActorType("kommunale-tilbud", "kommunale tilbud", "municipal services", ("de kommunale tilbud",),
              (r"kommunale tilbud(?:et|ene)?",)),
    ActorType("private-leverandoerer", "private leverandører", "private providers", ("private aktører", "private virksomheder"),
              (r"private leverandør(?:er|erne)?", r"private aktør(?:er|erne)?",
               r"private virksomheder(?:ne)?")),    # sundhedsloven § 3 a: »Regionsråd, kommunalbestyrelser og private virksomheder skal …«
    ActorType("parterne", "parterne", "the parties", ("aftaleparterne", "parterne bag sundhedsaftalen"),
              (r"(?:aftale)?parter(?:ne|nes)?", r"aftalepart(?:en)?")),
    ActorType("aktoererne", "aktørerne", "the actors", ("aktørerne", "de relevante aktører"),
              (r"aktør(?:erne|ernes)", r"sundhedsaktør(?:er|erne)?",
               r"de (?:enkelte|relevante|involverede) aktører")),     # »de enkelte aktører har ansvaret for …«
    ActorType("sundhedsperson", "sundhedsperson", "health professional", ("sundhedspersonen", "sundhedspersoner"),
              (r"sundhedsperson(?:en|ens|er|erne|ernes|s)?",)),
    ActorType("laege", "læge", "physician", ("lægen", "lægerne"), (r"læge(?:n|ns|r|rne|rnes)?",)),
    ActorType("tandlaege", "tandlæge", "dentist", ("tandlægen", "praktiserende tandlæger"),
              (r"(?:praktiserende )?tandlæge(?:n|ns|r|rne|rnes)?",)),
    ActorType("sundhedsraad", "sundhedsråd", "health council", ("sundhedsrådet", "sundhedsrådene"),
              (r"sundhedsråd" + _RAAD,)),
    # sundhedsloven's chapters on post-mortem examination and the dead: »Retslægeligt ligsyn
    # foretages af politiet og Styrelsen for Patientsikkerhed i forening«
    ActorType("politiet", "politiet", "the police", ("politi",), (r"politi(?:et|ets)?",)),
)

BY_KEY = {a.key: a for a in ACTORS}
COMMITTEE_KEYS = frozenset(a.key for a in ACTORS if a.committee)
# Keys whose agreement-content duties fall on the parties (see deontic.py).
AGREEMENT_PARTIES_LABEL = "parterne (regionsråd og kommunalbestyrelser)"
# The parties of a sundhedsaftale (sundhedsloven § 205): "parterne" in the graph is these two, so
# that their duties are found under each of them ("Hvem skal hvad?"); the text keeps the word.
AGREEMENT_PARTIES = ("regionsraad", "kommunalbestyrelse")


# A municipality or region acts through its council: a planner asks what »kommunen« may do, the
# act says »En kommunalbestyrelse kan …« (and the other way round).
SAME_BODY = {"kommune": "kommunalbestyrelse", "kommunalbestyrelse": "kommune",
             "region": "regionsraad", "regionsraad": "region"}


def same_body(key: str) -> set[str]:
    """The actor key with the body it is one with (a municipality and its council, a region
    and its council)."""
    return {key, SAME_BODY[key]} if key in SAME_BODY else {key}


def resolve_parties(keys: list[str]) -> list[str]:
    """Bearer keys with "parterne" resolved to the agreement's parties, order kept, no repeats."""
    out: list[str] = []
    for k in keys:
        for r in AGREEMENT_PARTIES if k == "parterne" else (k,):
            if r not in out:
                out.append(r)
    return out

# A committee or cluster named by its common noun as the subject (»Udvalget udarbejder …«,
# »Klyngen kan …«): the committee the text goes on about (matched on a lower-case token)
COMMITTEE_ANAPHOR = re.compile(r"udvalg(?:et|ene)|klyngen|klyngerne")


@lru_cache(maxsize=1)
def _matcher() -> re.Pattern:
    alts = []
    for a in ACTORS:
        for i, p in enumerate(a.patterns):
            alts.append((a.key, i, p))
    # one named group per pattern; order: longer literal first, the regex engine then takes
    # the first alternative that matches at a position, so sort by pattern length descending
    alts.sort(key=lambda t: -len(t[2]))
    parts = [f"(?P<g_{k.replace('-', '_')}_{i}>{p})" for k, i, p in alts]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", re.I)


@lru_cache(maxsize=1)
def _single_patterns() -> list[tuple[str, re.Pattern]]:
    return [(f"g_{a.key.replace('-', '_')}_{i}", re.compile(r"(?:" + p + r")(?![\w])", re.I))
            for a in ACTORS for i, p in enumerate(a.patterns)]


def _group_key(name: str) -> str:
    core = name[2:].rsplit("_", 1)[0]
    for a in ACTORS:
        if a.key.replace("-", "_") == core:
            return a.key
    raise KeyError(name)


_GROUP_KEYS: dict[str, str] = {}


def find_actors(text: str, offset: int = 0) -> list[ActorMention]:
    """All actor mentions in ``text``, longest match at each position, non-overlapping."""
    out: list[ActorMention] = []
    rx = _matcher()
    pos = 0
    while True:
        # find every alternative starting at the earliest position, keep the longest
        m = rx.search(text, pos)
        if not m:
            break
        best = None
        for name, val in m.groupdict().items():
            if val is not None:
                best = (name, m.start(name), m.end(name))
                break
        start = m.start()
        # try longer alternatives at the same start
        longest_end, longest_name = best[2], best[0]
        for name, prx in _single_patterns():
            mm = prx.match(text, start)
            if mm and mm.end() > longest_end:
                longest_end, longest_name = mm.end(), name
        key = _GROUP_KEYS.get(longest_name)
        if key is None:
            key = _GROUP_KEYS[longest_name] = _group_key(longest_name)
        surface = text[start:longest_end]
        if key == "praktiserende-laege" and surface.lower().rstrip().endswith("praktiserende"):
            # bare adjective: only "de praktiserende" (noun use) counts
            if not re.search(r"\bde\s+$", text[max(0, start - 4):start], re.I):
                pos = longest_end
                continue
        out.append(ActorMention(key, surface, start + offset, longest_end + offset))
        pos = longest_end
    return out


def label_of(keys: list[str]) -> str:
    """Danish display label of one or several actor keys, joined with " og "."""
    labels = []
    for k in keys:
        if k == "parterne":
            labels.append(AGREEMENT_PARTIES_LABEL)
        else:
            labels.append(BY_KEY[k].label_da if k in BY_KEY else k)
    return " og ".join(labels)


def _ttl_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def actors_turtle() -> str:
    """The actor reference data as Turtle (ontology/reference/actors.ttl)."""
    lines = [
        "# Actor types of Danish health-agreement documents. Generated from aftalegraf.kg.actors.ACTORS;",
        "# regenerate with: python -c 'from aftalegraf.kg.actors import write_turtle; write_turtle()'",
        "@prefix ag: <https://w3id.org/aftalegraf/ontologi#> .",
        "@prefix aktoer: <https://w3id.org/aftalegraf/aktoer/> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "",
        "<https://w3id.org/aftalegraf/aktoer> a skos:ConceptScheme ;",
        '    skos:prefLabel "Aktørtyper"@da, "Actor types"@en .',
        "",
    ]
    for a in ACTORS:
        lines.append(f"aktoer:{a.key} a ag:Actor, skos:Concept ;")
        lines.append("    skos:inScheme <https://w3id.org/aftalegraf/aktoer> ;")
        lines.append(f"    skos:notation {_ttl_str(a.key)} ;")
        lines.append(f"    skos:prefLabel {_ttl_str(a.label_da)}@da, {_ttl_str(a.label_en)}@en ;")
        lines.append(f"    rdfs:label {_ttl_str(a.label_da)}@da, {_ttl_str(a.label_en)}@en" +
                     (" ;" if a.alt_da else " ."))
        if a.alt_da:
            alts = ", ".join(f"{_ttl_str(x)}@da" for x in a.alt_da)
            lines.append(f"    skos:altLabel {alts} .")
        lines.append("")
    return "\n".join(lines)


def turtle_path():
    from pathlib import Path

    return Path(__file__).resolve().parents[1] / "ontology" / "reference" / "actors.ttl"


def write_turtle() -> None:
    turtle_path().write_text(actors_turtle(), encoding="utf-8")
