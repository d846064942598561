"""The reference schemes goals are linked to: themes and national goals (keys of
docs/architecture.md), with their Danish labels, definitions and keywords.

Read once from the ontology's reference data (``ontology/reference/themes.ttl`` and
``national-goals.ttl``), so there is one source of truth for the graph's goal linking and
for the comparison; a built-in copy serves when the files are missing. A few inflected
forms are added for explicit matching (``mestre`` for *mestring*, the ``forebygg-`` stem
...), and ``WEAK_KEYWORDS`` names those too general to count as a mention on their own.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import aftalegraf.ontology as onto

log = logging.getLogger(__name__)

# Keywords too general to count as an explicit mention on their own ("i eget forløb" is no
# goal about coherent pathways). They still describe the theme for similarity linking.
WEAK_KEYWORDS = frozenset({
    "sundhed", "effektiv", "ressourcer", "udgifter", "forløb", "behandling", "pleje", "it", "data", "viden",
    "nære", "unge", "træning",
})

# key -> (Danish label, definition, keywords); the built-in copy of the ontology's data.
_BUILTIN_THEMES: dict[str, tuple[str, str, list[str]]] = {
    "forebyggelse": ("Forebyggelse", "Sundhedsfremme og forebyggelse af sygdom.",
                     ["forebyggelse", "forebyggende", "sundhedsfremme", "rygning", "alkohol", "fysisk aktivitet", "overvægt", "tidlig opsporing"]),
    "behandling-og-pleje": ("Behandling og pleje", "Behandling, pleje og den nære sundhedsindsats.",
                            ["behandling", "pleje", "sygepleje", "hjemmesygepleje", "indlæggelse", "udskrivning", "akut"]),
    "genoptraening-og-rehabilitering": ("Genoptræning og rehabilitering", "Genoptræning og rehabilitering efter sygdom.",
                                        ["genoptræning", "rehabilitering", "genoptræningsplan", "træning"]),
    "sundheds-it": ("Sundheds-it og digitale arbejdsgange", "Sundheds-it, digital kommunikation og telemedicin.",
                    ["sundheds-it", "it", "digital", "digitale", "telemedicin", "elektronisk", "kommunikation", "korrespondance", "fmk"]),
    "mental-sundhed": ("Mental sundhed og psykiatri", "Mental sundhed, psykiatri og misbrug.",
                       ["mental sundhed", "psykiatri", "psykisk", "psykiske", "psykisk sygdom", "misbrug", "mistrivsel", "trivsel"]),
    "aeldre-medicinske-patienter": ("Ældre medicinske patienter", "Den ældre medicinske patient og skrøbelige ældre.",
                                    ["ældre", "ældre medicinske patienter", "skrøbelige", "svækkede ældre", "geriatri"]),
    "kronisk-sygdom": ("Kronisk sygdom", "Borgere med kronisk sygdom og multisygdom.",
                       ["kronisk", "kroniske", "kronikere", "kronisk sygdom", "multisygdom", "diabetes", "kol", "hjertesygdom"]),
    "lighed-i-sundhed": ("Lighed i sundhed", "Ulighed i sundhed og sårbare grupper.",
                         ["lighed", "ulighed", "social ulighed", "sårbare", "udsatte", "socialt udsatte"]),
    "patientinddragelse": ("Patient- og pårørendeinddragelse", "Inddragelse af patienter, borgere og pårørende.",
                           ["inddragelse", "patientinddragelse", "pårørende", "pårørendeinddragelse", "brugerinddragelse", "fælles beslutningstagning"]),
    "boern-og-unge": ("Børn og unge", "Børn, unge, gravide og familier.",
                      ["børn", "unge", "gravide", "graviditet", "familier", "sundhedspleje", "fødsel"]),
    "sammenhaengende-forloeb": ("Sammenhængende forløb", "Sammenhæng og overgange mellem sektorer.",
                                ["sammenhæng", "sammenhængende", "forløb", "patientforløb", "overgange", "tværsektoriel", "tværsektorielle", "koordination"]),
    "mestring-i-eget-hjem": ("Mestring i eget hjem", "Behandling og mestring tæt på eller i borgerens eget hjem.",
                             ["eget hjem", "nære", "tæt på borgeren", "hjemme", "mestring", "egenomsorg"]),
    "kvalitet": ("Kvalitet og patientsikkerhed", "Kvalitet, patientsikkerhed og kvalitetsudvikling.",
                 ["kvalitet", "patientsikkerhed", "kvalitetsudvikling", "utilsigtede hændelser", "overlevelse"]),
    "data-og-viden": ("Data og viden", "Data, dokumentation, opfølgning og vidensdeling.",
                      ["data", "viden", "dokumentation", "opfølgning", "monitorering", "indikatorer", "evaluering", "forskning"]),
}

_BUILTIN_NATIONAL_GOALS: dict[str, tuple[str, str, list[str]]] = {
    "1": ("Bedre sammenhængende patientforløb", "", ["sammenhængende patientforløb", "sammenhæng", "genindlæggelser", "forebyggelige indlæggelser", "overgange"]),
    "2": ("Styrket indsats for kronikere og ældre patienter", "", ["kronikere", "kronisk", "ældre patienter", "ældre", "forebyggelige indlæggelser"]),
    "3": ("Forbedret overlevelse og patientsikkerhed", "", ["overlevelse", "patientsikkerhed", "dødelighed", "sygehusinfektioner"]),
    "4": ("Behandling af høj kvalitet", "", ["høj kvalitet", "kvalitet", "kliniske retningslinjer"]),
    "5": ("Hurtig udredning og behandling", "", ["hurtig udredning", "udredning", "ventetid", "ventetider", "udredningsret"]),
    "6": ("Øget patientinddragelse", "", ["patientinddragelse", "inddragelse", "pårørende", "patienttilfredshed"]),
    "7": ("Flere sunde leveår", "", ["sunde leveår", "middellevetid", "sundhed", "forebyggelse", "leveår"]),
    "8": ("En mere effektiv sundhedssektor", "", ["effektiv", "effektivitet", "produktivitet", "udgifter", "ressourcer"]),
}

# Extra surface forms for explicit matching (inflections the keyword lists do not hold).
_EXTRA_KEYWORDS: dict[str, list[str]] = {
    "forebyggelse": ["forebygge", "forebygges", "forebygget", "sunde borgere", "ryge", "ryger", "rygestop"],
    "mestring-i-eget-hjem": ["mestre", "eget liv", "egen sygdom"],
    "mental-sundhed": ["psykisk trivsel", "psykiatrisk", "psykiatriske"],
    "sammenhaengende-forloeb": ["koordineret", "koordinerede", "sammenhængen", "hænger sammen", "på tværs af sektorer"],
    "7": ["sunde borgere", "gode leveår", "forebygge", "forebygges"],
    "1": ["sammenhængende og koordineret"],
}

@functools.lru_cache(maxsize=1)
def _load_reference() -> tuple[dict, dict]:
    themes = {k: {"key": k, "label": v[0], "definition": v[1], "keywords": list(v[2])} for k, v in _BUILTIN_THEMES.items()}
    goals = {k: {"key": k, "label": v[0], "definition": v[1], "keywords": list(v[2])} for k, v in _BUILTIN_NATIONAL_GOALS.items()}
    try:
        import rdflib
        from rdflib.namespace import SKOS

        ref = Path(onto.__file__).parent / "reference"
        ag = rdflib.Namespace("https://w3id.org/aftalegraf/ontologi#")
        for name, target in (("themes.ttl", themes), ("national-goals.ttl", goals)):
            path = ref / name
            if not path.exists():
                continue
            g = rdflib.Graph()
            g.parse(path)
            for s in set(g.subjects(ag.keyword, None)):
                key = str(s).rstrip("/").rsplit("/", 1)[1]
                labels = [str(o) for o in g.objects(s, SKOS.prefLabel) if getattr(o, "language", None) == "da"]
                defs = [str(o) for o in g.objects(s, SKOS.definition) if getattr(o, "language", None) == "da"]
                entry = target.setdefault(key, {"key": key, "label": key, "definition": "", "keywords": []})
                if labels:
                    entry["label"] = labels[0]
                if defs:
                    entry["definition"] = defs[0]
                entry["keywords"] = sorted({str(o).lower() for o in g.objects(s, ag.keyword)})
    except Exception as exc:  # the ontology package is optional here: fall back to the copy
        log.debug("reference data from the ontology not loaded (%s); using the built-in copy", exc)
    for table in (themes, goals):
        for key, entry in table.items():
            entry["keywords"] = sorted(set(entry["keywords"]) | set(_EXTRA_KEYWORDS.get(key, [])))
    order_t = list(_BUILTIN_THEMES) + sorted(set(themes) - set(_BUILTIN_THEMES))
    order_g = sorted(goals, key=lambda k: (len(k), k))
    return {k: themes[k] for k in order_t}, {k: goals[k] for k in order_g}


def themes() -> dict[str, dict]:
    """Theme key -> {key, label, definition, keywords}, in the architecture's order."""
    return _load_reference()[0]


def national_goals() -> dict[str, dict]:
    """National goal number ("1".."8") -> {key, label, definition, keywords}."""
    return _load_reference()[1]


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


# Similarity linking: the nearest description must reach SIM_FLOOR (e5 cosines of unrelated
# Danish texts sit around 0.75-0.85, so every theme passes a plain threshold); the runner-up
# is linked too when it is within SIM_MARGIN of the best.
SIM_FLOOR = 0.80
SIM_MARGIN = 0.01
SIM_TOP = 2


def nearest(sims, keys: list[str]) -> list[tuple[str, float]]:
    """The (key, cosine) pairs a goal is linked to by similarity, best first: at most SIM_TOP,
    none below SIM_FLOOR, none further than SIM_MARGIN from the best."""
    ranked = sorted(zip(keys, (float(x) for x in sims)), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < SIM_FLOOR:
        return []
    best = ranked[0][1]
    return [(k, s) for k, s in ranked[:SIM_TOP] if s >= best - SIM_MARGIN]
